#pragma once

#include "memberinfo.h"

#include <core/protocol/frame.h>
#include <core/protocol/handshake.h>
#include <core/transport/connection.h>

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>
#include <unordered_map>
#include <vector>

class QTimer;

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
//     that queue drains, so memory stays bounded when a receiver is slow.
//
// Observers get Qt signals. The per-frame ones (frameForwarded, frameRefused) are emitted only
// when something is connected to them; connect with Qt::DirectConnection and do little.
class Router : public QObject, private FrameHandler
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10);
    };

    explicit Router(QObject *parent = nullptr);
    explicit Router(const Options &options, QObject *parent = nullptr);
    ~Router() override;

    // Takes ownership and starts reading from the connection.
    void addConnection(Connection *connection);

    QList<MemberInfo> members() const;
    int memberCount() const { return int(m_members.size()); }
    int connectionCount() const { return int(m_peers.size()); }
    // Every live connection, member or not (for observers sampling byte counters).
    QList<const Connection *> connections() const;

Q_SIGNALS:
    void memberJoined(const daffi::MemberInfo &member);
    void memberUpdated(const daffi::MemberInfo &member);   // re-handshake with new methods
    void memberLeft(const QByteArray &name, const QString &reason, daffi::Connection::CloseCause cause);
    // A REQUEST, RESPONSE or ERROR passed on unchanged from one connection to another.
    void frameForwarded(const daffi::Frame &frame, quint64 fromConnection, quint64 toConnection);
    // A frame the router could not or would not pass on; `reason` says why.
    void frameRefused(const daffi::Frame &frame, quint64 fromConnection, const QString &reason);
    // A connection closed before or without becoming a member, or for breaking the protocol.
    void connectionDropped(quint64 connection, const QString &address, const QString &reason,
                           daffi::Connection::CloseCause cause);

private:
    struct Peer
    {
        Connection *connection = nullptr;
        QByteArray name;                    // empty until handshaken
        QSet<QByteArray> methods;
        QByteArrayList methodList;          // in the order the member sent them
        bool hasMethodList = false;
        std::chrono::steady_clock::time_point handshakeDeadline;
        QSet<quint64> blockedSenders;       // senders paused because our write queue is full
        int blockedOn = 0;                  // receivers whose full queue paused us
        bool evicted = false;
    };

    void frameReceived(Connection *connection, Frame &&frame) override;
    void handleHello(Peer &peer, const Frame &frame);
    void route(Peer &from, const Frame &frame);
    void forward(Peer &from, Peer &to, const Frame &frame);
    void refuse(Peer &from, const Frame &frame, const QString &type, const QString &reason);
    void dropConnection(Peer &peer, const QString &reason, Connection::CloseCause cause);
    void connectionClosed(quint64 id, const QString &reason);
    void receiverDrained(quint64 id);
    void releaseSenders(Peer &receiver);
    void register_(Peer &peer, const QByteArray &name, const Member &member);
    void unregister(Peer &peer, const QString &reason, Connection::CloseCause cause);
    void evict(quint64 staleId, const QByteArray &name);
    void sendToMembers(const Frame &frame, quint64 except);
    Peer *peerByName(QByteArrayView name);
    Peer *peerById(quint64 id);
    MemberInfo info(const Peer &peer) const;
    Frame eventFrame(Event::Type type, const QByteArray &member) const;
    void sweepHandshakes();

    Options m_options;
    // Node-based so a Peer& stays valid while other peers come and go during a call chain
    // (a resumed sender may deliver frames that close a third connection).
    std::unordered_map<quint64, Peer> m_peers;    // every connection
    std::vector<quint64> m_members;               // registry order (swap-remove, as the reference)
    QHash<QByteArray, quint64> m_byName;
    QTimer *m_sweep = nullptr;
};

} // namespace daffi
