#include "server.h"

#include "errorreply.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#include <QTimer>

namespace daffi {

Q_LOGGING_CATEGORY(lcServer, "daffi.server", QtInfoMsg)

Server::Server(QByteArray kind, std::chrono::milliseconds helloTimeout, QObject *parent)
    : QObject(parent), m_kind(std::move(kind)), m_helloTimeout(helloTimeout), m_sweep(new QTimer(this))
{
    m_sweep->setInterval(std::max<std::chrono::milliseconds>(std::chrono::milliseconds(50), m_helloTimeout / 4));
    connect(m_sweep, &QTimer::timeout, this, &Server::sweepHellos);
}

Server::~Server()
{
    // Connections are our children and go with us; they must not call back into a half-destroyed
    // server.
    for (auto &[id, peer] : m_peers) {
        disconnect(peer->connection, nullptr, this, nullptr);
        peer->connection->setHandler(nullptr);
    }
}

void Server::addConnection(Connection *connection)
{
    connection->setParent(this);
    connection->setHandler(this);
    const quint64 id = connection->id();
    std::unique_ptr<Peer> &peer = m_peers[id];
    peer = newPeer();
    peer->connection = connection;
    peer->helloDeadline = std::chrono::steady_clock::now() + m_helloTimeout;
    connect(connection, &Connection::closed, this, [this, id](const QString &reason) { connectionClosed(id, reason); });
    if (!m_sweep->isActive())
        m_sweep->start();
    peerAdded(*peer);
    connection->start();
}

Server::Peer *Server::peerById(quint64 id)
{
    auto it = m_peers.find(id);
    return it == m_peers.end() ? nullptr : it->second.get();
}

Server::Peer *Server::peerByName(QByteArrayView name)
{
    const auto it = m_byName.constFind(ByteKey::borrowed(name));
    return it == m_byName.cend() ? nullptr : *it;
}

void Server::frameReceived(Connection *connection, Frame &&frame)
{
    Peer *peer = peerById(connection->id());
    if (!peer)
        return;
    if (frame.flag() == Flag::Handshake) {
        handleHello(*peer, frame);
        return;
    }
    if (const QString why = unacceptable(frame.flag()); !why.isEmpty()) {
        connection->close(why, Connection::CloseCause::ProtocolError);
        return;
    }
    if (peer->name.isEmpty()) {
        refuse(*peer, frame, QStringLiteral("HandshakeRequired"),
               QStringLiteral("this connection sent a %1 before its HANDSHAKE").arg(flagName(frame.flag())));
        return;
    }
    if (frame.transmitter() != QByteArrayView(peer->name)) {
        refuse(*peer, frame, QStringLiteral("TransmitterMismatch"),
               QStringLiteral("transmitter \"%1\" is not this connection's member name \"%2\"")
                   .arg(QString::fromUtf8(frame.transmitter()), QString::fromUtf8(peer->name)));
        return;
    }
    memberFrame(*peer, std::move(frame));
}

void Server::refuse(Peer &from, const Frame &frame, const QString &type, const QString &reason)
{
    qCDebug(lcServer).noquote() << m_kind << "refused" << flagName(frame.flag()) << "from"
                                << from.connection->peerAddress() << ":" << reason;
    if (isSignalConnected(QMetaMethod::fromSignal(&Server::frameRefused)))
        Q_EMIT frameRefused(frame, from.connection->id(), reason);
    if (frame.flag() != Flag::Request || !frame.header().returnResult)
        return;
    // The caller waits for this uuid: answer with the 4-tuple every reference caller decodes
    // (Python raises a RemoteCallError subclass named `type`; JS rejects).
    from.connection->send(errorReply(frame, type, QStringLiteral("daffi.") + QString::fromLatin1(m_kind), reason));
}

void Server::handleHello(Peer &peer, const Frame &frame)
{
    auto hello = Handshake::parse(frame.data());
    if (!hello) {
        // As the reference: the hello turned into an ERROR carrying the parser's error name.
        qCInfo(lcServer).noquote() << "malformed hello from" << peer.connection->peerAddress() << ":"
                                   << hello.error().message;
        peer.connection->send(frame.withData(
            QByteArray(QByteArray("failed to parse handshake message: ") + hello.error().code.toUtf8()),
            Flag::Error, Serde::Opaque));
        return;
    }
    QString problem;
    const QByteArray name = helloName(frame, *hello, &problem);
    if (name.isEmpty()) {
        if (problem.isEmpty())
            problem = QStringLiteral("the member name must not be empty");
        // meta.error makes reference clients raise "Handshake rejected by server: ...".
        peer.connection->send(frame.withData(Handshake{m_kind, problem, {}}.toJson()));
        peer.connection->close(QStringLiteral("hello rejected: %1").arg(problem), Connection::CloseCause::ProtocolError);
        return;
    }
    const bool isNew = peer.name != name;
    if (isNew) {
        if (!peer.name.isEmpty()) {
            const QByteArray old = std::exchange(peer.name, {});
            m_byName.remove(ByteKey{old});
            nameReleased(peer, old, QStringLiteral("renamed itself to \"%1\"").arg(QString::fromUtf8(name)),
                         Connection::CloseCause::Other);
        }
        if (Peer *stale = peerByName(name))
            evict(*stale);
        peer.name = name;
        m_byName.insert(ByteKey{name}, &peer);
    }
    helloAccepted(peer, frame, *hello, isNew);
}

void Server::evict(Peer &stale)
{
    const QByteArray name = std::exchange(stale.name, {});
    m_byName.remove(ByteKey{name});
    stale.evicted = true;
    nameReleased(stale, name, QStringLiteral("evicted: another connection took the name"), Connection::CloseCause::Evicted);
    stale.connection->send(eventFrame(Event::Type::Evicted, name));
    stale.connection->close(QStringLiteral("evicted: another connection took the name \"%1\"").arg(QString::fromUtf8(name)),
                            Connection::CloseCause::Evicted);
}

Frame Server::eventFrame(Event::Type type, const QByteArray &member)
{
    return *Frame::make({0, Flag::Events, Serde::Json, false, false}, "", "", "", Event{type, member}.toJson());
}

void Server::connectionClosed(quint64 id, const QString &reason)
{
    Peer *peer = peerById(id);
    if (!peer)
        return;
    const bool wasMember = !peer->name.isEmpty() || peer->evicted;
    if (!peer->name.isEmpty())
        m_byName.remove(ByteKey{peer->name});
    peerClosed(*peer, reason);
    m_peers.erase(id);   // by id: peerClosed may have closed (and erased) other peers meanwhile
    if (!wasMember)
        qCInfo(lcServer).noquote() << m_kind << "connection" << id << "closed before joining:" << reason;
}

void Server::sweepHellos()
{
    const auto now = std::chrono::steady_clock::now();
    std::vector<quint64> late;
    for (const auto &[id, peer] : m_peers) {
        if (peer->name.isEmpty() && !peer->evicted && now >= peer->helloDeadline && !peer->connection->isClosing())
            late.push_back(id);
    }
    for (quint64 id : late) {
        // Looked up again: closing one may have closed others.
        if (Peer *peer = peerById(id))
            peer->connection->close(QStringLiteral("no valid HANDSHAKE within %1 ms").arg(m_helloTimeout.count()),
                                    Connection::CloseCause::HandshakeTimeout);
    }
}

} // namespace daffi
