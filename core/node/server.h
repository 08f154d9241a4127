#pragma once

#include <core/protocol/bytekey.h>
#include <core/protocol/frame.h>
#include <core/protocol/handshake.h>
#include <core/transport/connection.h>

#include <QHash>
#include <QObject>

#include <chrono>
#include <memory>
#include <unordered_map>

class QTimer;

namespace daffi {

// The server side of the protocol that a Router and a Service share (PROTOCOL.md §5.2, §5.3):
// the table of connections and of the names they registered, the deadline for a hello, the
// refusals of frames sent before one (HandshakeRequired) or under another name
// (TransmitterMismatch), the answer to a malformed hello, the rejection of an invalid one and
// the eviction of a connection whose name a newer one takes. A subclass says only how it
// differs: which names a hello registers, what it answers, what a member's frames do.
//
// Frames reach a subclass only from connections that have registered, under their own name.
class Server : public QObject, private FrameHandler
{
    Q_OBJECT

public:
    struct Peer
    {
        virtual ~Peer() = default;
        Connection *connection = nullptr;
        QByteArray name;            // empty until a hello registered one
        std::chrono::steady_clock::time_point helloDeadline;
        bool evicted = false;       // lost its name to a newer connection; closing
    };

    ~Server() override;

    // Takes ownership and starts reading from the connection.
    void addConnection(Connection *connection);
    int connectionCount() const { return int(m_peers.size()); }

Q_SIGNALS:
    // A frame that was refused (not passed on, not handled); `reason` says why.
    void frameRefused(const daffi::Frame &frame, quint64 fromConnection, const QString &reason);

protected:
    // `kind` names the server in hello replies and refusals ("router", "service").
    Server(QByteArray kind, std::chrono::milliseconds helloTimeout, QObject *parent);

    // Hooks, in the order a connection meets them.
    virtual std::unique_ptr<Peer> newPeer() const { return std::make_unique<Peer>(); }
    virtual void peerAdded(Peer &) {}
    // A HANDSHAKE, REQUEST, RESPONSE or ERROR is always accepted here; whether an EVENTS frame or
    // an answer is, is the subclass's to say (a sentence for the close reason, or empty).
    virtual QString unacceptable(Flag flag) const = 0;
    // The name a valid hello registers, or an empty name and the problem to reject it with.
    virtual QByteArray helloName(const Frame &frame, const Handshake &hello, QString *problem) const = 0;
    // The connection lost the name it had: `renamed` (a new hello under another name) or,
    // with evicted set, to a newer connection that takes it over.
    virtual void nameReleased(Peer &peer, const QByteArray &name, const QString &reason,
                              Connection::CloseCause cause) = 0;
    // A valid hello registered `peer.name`; `isNew` is false for a re-handshake under the same name.
    virtual void helloAccepted(Peer &peer, const Frame &frame, const Handshake &hello, bool isNew) = 0;
    // A REQUEST, RESPONSE or ERROR from a registered peer, transmitted under its own name.
    virtual void memberFrame(Peer &peer, Frame &&frame) = 0;
    // The peer's connection closed (connection->closeCause() says why, by kind); it is erased
    // from the table after this returns.
    virtual void peerClosed(Peer &peer, const QString &reason) = 0;

    // For subclasses.
    Peer *peerById(quint64 id);
    Peer *peerByName(QByteArrayView name);
    const std::unordered_map<quint64, std::unique_ptr<Peer>> &peers() const { return m_peers; }
    // Answers a refused frame the way callers expect: an ERROR 4-tuple when it was a request
    // that waits for an answer, nothing otherwise.
    void refuse(Peer &from, const Frame &frame, const QString &type, const QString &reason);
    static Frame eventFrame(Event::Type type, const QByteArray &member);
    const QByteArray &kind() const { return m_kind; }
    std::chrono::milliseconds helloTimeout() const { return m_helloTimeout; }

private:
    void frameReceived(Connection *connection, Frame &&frame) override;
    void handleHello(Peer &peer, const Frame &frame);
    void evict(Peer &stale);
    void connectionClosed(quint64 id, const QString &reason);
    void sweepHellos();

    const QByteArray m_kind;
    const std::chrono::milliseconds m_helloTimeout;
    // The Peer objects stay where they are while others come and go during a call chain (a
    // resumed sender may deliver frames that close a third connection).
    std::unordered_map<quint64, std::unique_ptr<Peer>> m_peers;
    // Members by name (one lookup per forwarded frame); a name leaves before its Peer does.
    QHash<ByteKey, Peer *> m_byName;
    QTimer *m_sweep;
};

} // namespace daffi
