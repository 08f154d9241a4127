#pragma once

#include "announcements.h"
#include "memberinfo.h"
#include "server.h"

#include <QSet>

class QTimer;

#include <atomic>
#include <chrono>
#include <vector>

namespace daffi {

// Forwards frames between members by receiver name, without decoding payloads (PROTOCOL.md §5.2,
// §7.3, §7.6). Compared with the reference it also:
//   - answers a request it cannot route with an ERROR (JSON 4-tuple, uuid echoed) instead of
//     dropping it, so the caller fails at once instead of timing out;
//   - refuses frames whose transmitter is not the sending connection's registered name, and
//     requests from connections that have not handshaken;
//   - treats a re-handshake on the same connection as a method update, not a self-eviction;
//   - closes a connection that does not handshake within handshakeTimeout, that sends a flag a
//     router never accepts, or whose hello names anything but itself;
//   - applies backpressure: a sender whose receiver's write queue is full stops being read until
//     that queue drains, so memory stays bounded when a receiver is slow;
//   - coalesces the announcements of joins and leaves (Announcements): a join storm of N members
//     costs one write per member per window instead of N x N writes, every member still sent
//     the same frames in the same order, and always before any frame forwarded to it later.
//
// What it shares with a Service (admission, refusals, eviction) is Server's. Observers get Qt
// signals. The per-frame ones (frameForwarded, frameRefused) are emitted only when something is
// connected to them; connect with Qt::DirectConnection and do little.
class Router : public Server
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10);
    };

    explicit Router(QObject *parent = nullptr);
    explicit Router(const Options &options, QObject *parent = nullptr);

    QList<MemberInfo> members() const;
    int memberCount() const { return int(m_members.size()); }
    // Every live connection, member or not (for observers sampling byte counters).
    QList<const Connection *> connections() const;

Q_SIGNALS:
    void memberJoined(const daffi::MemberInfo &member);
    void memberUpdated(const daffi::MemberInfo &member);   // re-handshake with new methods
    void memberLeft(const QByteArray &name, const QString &reason, daffi::Connection::CloseCause cause);
    // A REQUEST, RESPONSE or ERROR passed on unchanged from one connection to another.
    void frameForwarded(const daffi::Frame &frame, quint64 fromConnection, quint64 toConnection);
    // A connection closed before or without becoming a member, or for breaking the protocol.
    void connectionDropped(quint64 connection, const QString &address, const QString &reason,
                           daffi::Connection::CloseCause cause);

private:
    struct RouterPeer : Peer
    {
        QSet<ByteKey> methods;
        QByteArrayList methodList;          // in the order the member sent them
        bool hasMethodList = false;
        QSet<quint64> blockedSenders;       // senders paused because our write queue is full
        int blockedOn = 0;                  // receivers whose full queue paused us
        QByteArray json;                    // as hello replies list it (Member::toJson)
        qsizetype announcedFrom = 0;        // the pending announcements it has not been sent
    };

    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;
    bool forwardObserved();
    std::unique_ptr<Peer> newPeer() const override { return std::make_unique<RouterPeer>(); }
    void peerAdded(Peer &peer) override;
    QString unacceptable(Flag flag) const override;
    QByteArray helloName(const Frame &frame, const Handshake &hello, QString *problem) const override;
    void nameReleased(Peer &peer, const QByteArray &name, const QString &reason, Connection::CloseCause cause) override;
    void helloAccepted(Peer &peer, const Frame &frame, const Handshake &hello, bool isNew) override;
    void memberFrame(Peer &peer, Frame &&frame) override;
    void peerClosed(Peer &peer, const QString &reason) override;

    void forward(RouterPeer &from, RouterPeer &to, const Frame &frame);
    void receiverDrained(quint64 id);
    void releaseSenders(RouterPeer &receiver);
    void removeFromRegistry(quint64 id);
    void announce(quint64 author, const Frame &frame);
    void sendAnnouncements();
    void catchUp(RouterPeer &member);
    const QByteArray &membersJson();
    RouterPeer *routerPeer(quint64 id) { return static_cast<RouterPeer *>(peerById(id)); }
    const RouterPeer &memberAt(quint64 id) const;
    MemberInfo info(const RouterPeer &peer) const;

    std::vector<quint64> m_members;               // registry order (swap-remove, as the reference)
    QByteArray m_membersJson;                     // their json, joined by ',' (stale: rebuild)
    bool m_membersJsonStale = false;
    Announcements m_announcements;
    std::atomic<bool> m_forwardObserversChanged{true};   // connected or disconnected since last asked
    bool m_forwardObserved = false;                     // frameForwarded has receivers (forwardObserved)
    QTimer *m_announceTimer;
    std::chrono::milliseconds m_announceWindow{0};
};

} // namespace daffi
