#include "router.h"

#include "errorreply.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#include <QTimer>

namespace daffi {

Q_LOGGING_CATEGORY(lcRouter, "daffi.router", QtInfoMsg)

namespace {

// A key for hash lookups that borrows the bytes instead of copying them.
QByteArray borrow(QByteArrayView v)
{
    return QByteArray::fromRawData(v.data(), v.size());
}

} // namespace

Router::Router(QObject *parent) : Router(Options{}, parent) {}

Router::Router(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_sweep = new QTimer(this);
    m_sweep->setInterval(std::max<std::chrono::milliseconds>(std::chrono::milliseconds(50),
                                                             m_options.handshakeTimeout / 4));
    connect(m_sweep, &QTimer::timeout, this, &Router::sweepHandshakes);
}

Router::~Router()
{
    // Connections are our children and go with us; they must not call back into a half-destroyed
    // router.
    for (auto &[id, peer] : m_peers) {
        disconnect(peer.connection, nullptr, this, nullptr);
        peer.connection->setHandler(nullptr);
    }
}

void Router::addConnection(Connection *connection)
{
    connection->setParent(this);
    connection->setHandler(this);
    const quint64 id = connection->id();
    Peer &peer = m_peers[id];
    peer.connection = connection;
    peer.handshakeDeadline = std::chrono::steady_clock::now() + m_options.handshakeTimeout;
    connect(connection, &Connection::closed, this, [this, id](const QString &reason) { connectionClosed(id, reason); });
    connect(connection, &Connection::writeQueueDrained, this, [this, id] { receiverDrained(id); });
    if (!m_sweep->isActive())
        m_sweep->start();
    connection->start();
}

Router::Peer *Router::peerById(quint64 id)
{
    auto it = m_peers.find(id);
    return it == m_peers.end() ? nullptr : &it->second;
}

Router::Peer *Router::peerByName(QByteArrayView name)
{
    const auto it = m_byName.constFind(borrow(name));
    return it == m_byName.cend() ? nullptr : peerById(*it);
}

QList<MemberInfo> Router::members() const
{
    QList<MemberInfo> out;
    out.reserve(qsizetype(m_members.size()));
    for (quint64 id : m_members)
        out.append(info(m_peers.at(id)));
    return out;
}

QList<const Connection *> Router::connections() const
{
    QList<const Connection *> out;
    out.reserve(qsizetype(m_peers.size()));
    for (const auto &[id, peer] : m_peers)
        out.append(peer.connection);
    return out;
}

MemberInfo Router::info(const Peer &peer) const
{
    return MemberInfo{peer.name, peer.methodList, peer.hasMethodList, peer.connection->id(),
                      peer.connection->transport(), peer.connection->peerAddress(),
                      peer.connection->connectedAt()};
}

void Router::frameReceived(Connection *connection, Frame &&frame)
{
    Peer *peer = peerById(connection->id());
    if (!peer)
        return;
    switch (frame.flag()) {
    case Flag::Request:
    case Flag::Response:
    case Flag::Error:
        route(*peer, frame);
        return;
    case Flag::Handshake:
        handleHello(*peer, frame);
        return;
    case Flag::Events:
        dropConnection(*peer, QStringLiteral("sent an EVENTS frame; only servers send events"),
                       Connection::CloseCause::ProtocolError);
        return;
    }
}

void Router::route(Peer &from, const Frame &frame)
{
    if (from.name.isEmpty()) {
        refuse(from, frame, QStringLiteral("HandshakeRequired"),
               QStringLiteral("this connection sent a %1 before its HANDSHAKE").arg(flagName(frame.flag())));
        return;
    }
    if (frame.transmitter() != QByteArrayView(from.name)) {
        refuse(from, frame, QStringLiteral("TransmitterMismatch"),
               QStringLiteral("transmitter \"%1\" is not this connection's member name \"%2\"")
                   .arg(QString::fromUtf8(frame.transmitter()), QString::fromUtf8(from.name)));
        return;
    }
    Peer *to = peerByName(frame.receiver());
    if (frame.flag() == Flag::Request) {
        if (!to) {
            refuse(from, frame, QStringLiteral("ReceiverNotFound"),
                   QStringLiteral("no member named \"%1\" is connected to the router")
                       .arg(QString::fromUtf8(frame.receiver())));
            return;
        }
        if (!to->methods.contains(borrow(frame.function()))) {
            refuse(from, frame, QStringLiteral("ReceiverNotFound"),
                   QStringLiteral("member \"%1\" does not expose the callback \"%2\"")
                       .arg(QString::fromUtf8(frame.receiver()), QString::fromUtf8(frame.function())));
            return;
        }
    } else if (!to) {
        // An answer for a caller that has gone: nobody is left to tell.
        refuse(from, frame, QStringLiteral("ReceiverNotFound"),
               QStringLiteral("the caller \"%1\" has disconnected").arg(QString::fromUtf8(frame.receiver())));
        return;
    }
    forward(from, *to, frame);
}

void Router::forward(Peer &from, Peer &to, const Frame &frame)
{
    to.connection->send(frame);
    if (isSignalConnected(QMetaMethod::fromSignal(&Router::frameForwarded)))
        Q_EMIT frameForwarded(frame, from.connection->id(), to.connection->id());
    if (&from == &to || !to.connection->isWriteQueueFull())
        return;
    const quint64 fromId = from.connection->id();
    if (to.blockedSenders.contains(fromId))
        return;
    to.blockedSenders.insert(fromId);
    if (++from.blockedOn == 1) {
        qCDebug(lcRouter) << "pausing" << from.name << "until" << to.name << "drains";
        from.connection->pauseReading();
    }
}

void Router::receiverDrained(quint64 id)
{
    if (Peer *peer = peerById(id))
        releaseSenders(*peer);
}

void Router::releaseSenders(Peer &receiver)
{
    // Copy first: a resumed sender delivers frames at once, which may change any peer.
    const QSet<quint64> senders = std::exchange(receiver.blockedSenders, {});
    for (quint64 id : senders) {
        Peer *sender = peerById(id);
        if (sender && --sender->blockedOn == 0)
            sender->connection->resumeReading();
    }
}

void Router::refuse(Peer &from, const Frame &frame, const QString &type, const QString &reason)
{
    qCDebug(lcRouter).noquote() << "refused" << flagName(frame.flag()) << "from"
                                << from.connection->peerAddress() << ":" << reason;
    if (isSignalConnected(QMetaMethod::fromSignal(&Router::frameRefused)))
        Q_EMIT frameRefused(frame, from.connection->id(), reason);
    if (frame.flag() != Flag::Request || !frame.header().returnResult)
        return;
    // The caller waits for this uuid: answer with the 4-tuple every reference caller decodes
    // (Python raises a RemoteCallError subclass named `type`; JS rejects).
    from.connection->send(errorReply(frame, type, QStringLiteral("daffi.router"), reason));
}

void Router::handleHello(Peer &peer, const Frame &frame)
{
    auto hello = Handshake::parse(frame.data());
    if (!hello) {
        // As the reference: the hello turned into an ERROR carrying the parser's error name.
        qCInfo(lcRouter).noquote() << "malformed hello from" << peer.connection->peerAddress() << ":"
                                   << hello.error().message;
        peer.connection->send(frame.withData(
            QByteArray(QByteArray("failed to parse handshake message: ") + hello.error().code.toUtf8()),
            Flag::Error, Serde::Opaque));
        return;
    }
    const QByteArrayView transmitter = frame.transmitter();
    QString problem;
    if (hello->members.size() != 1)
        problem = QStringLiteral("a hello must list exactly one member (itself), not %1").arg(hello->members.size());
    else if (hello->members.first().name != transmitter)
        problem = QStringLiteral("the member \"%1\" is not the transmitter \"%2\"")
                      .arg(QString::fromUtf8(hello->members.first().name), QString::fromUtf8(transmitter));
    else if (transmitter.isEmpty())
        problem = QStringLiteral("the member name must not be empty");
    if (!problem.isEmpty()) {
        // meta.error makes reference clients raise "Handshake rejected by server: ...".
        Handshake rejection{"router", problem, {}};
        peer.connection->send(frame.withData(rejection.toJson()));
        dropConnection(peer, QStringLiteral("hello rejected: %1").arg(problem), Connection::CloseCause::ProtocolError);
        return;
    }

    const Member &member = hello->members.first();
    const bool rehandshake = peer.name == member.name;
    if (!rehandshake) {
        if (!peer.name.isEmpty())
            unregister(peer, QStringLiteral("renamed itself to \"%1\"").arg(QString::fromUtf8(member.name)),
                       Connection::CloseCause::Other);
        if (Peer *stale = peerByName(member.name))
            evict(stale->connection->id(), member.name);
    }
    register_(peer, member.name, member);

    Handshake reply{"router", std::nullopt, {}};
    reply.members.reserve(qsizetype(m_members.size()));
    for (quint64 id : m_members) {
        const Peer &p = m_peers.at(id);
        reply.members.append(Member{p.name, p.hasMethodList ? std::optional(p.methodList) : std::nullopt});
    }
    peer.connection->send(frame.withData(reply.toJson()));

    const quint64 self = peer.connection->id();
    if (!peer.methodList.isEmpty()) {
        Handshake announce{"router", std::nullopt, {Member{peer.name, peer.methodList}}};
        auto mini = Frame::make({0, Flag::Handshake, Serde::Json, false, false}, "", "", "", announce.toJson());
        sendToMembers(*mini, self);
    }
    if (rehandshake) {
        Q_EMIT memberUpdated(info(peer));
        return;
    }
    sendToMembers(eventFrame(Event::Type::Connected, peer.name), self);
    qCInfo(lcRouter).noquote() << "member" << QString::fromUtf8(peer.name) << "joined from"
                               << Connection::transportName(peer.connection->transport())
                               << peer.connection->peerAddress();
    Q_EMIT memberJoined(info(peer));
}

void Router::register_(Peer &peer, const QByteArray &name, const Member &member)
{
    if (peer.name.isEmpty()) {
        peer.name = name;
        m_members.push_back(peer.connection->id());
        m_byName.insert(name, peer.connection->id());
    }
    peer.hasMethodList = member.methods.has_value();
    peer.methodList = member.methods.value_or(QByteArrayList{});
    peer.methods = QSet<QByteArray>(peer.methodList.cbegin(), peer.methodList.cend());
}

void Router::unregister(Peer &peer, const QString &reason, Connection::CloseCause cause)
{
    if (peer.name.isEmpty())
        return;
    const quint64 id = peer.connection->id();
    auto it = std::find(m_members.begin(), m_members.end(), id);
    if (it != m_members.end()) {
        *it = m_members.back();   // swap-remove, the reference's registry order
        m_members.pop_back();
    }
    m_byName.remove(peer.name);
    const QByteArray name = std::exchange(peer.name, {});
    peer.methods.clear();
    peer.methodList.clear();
    sendToMembers(eventFrame(Event::Type::Disconnected, name), 0);
    qCInfo(lcRouter).noquote() << "member" << QString::fromUtf8(name) << "left:" << reason;
    Q_EMIT memberLeft(name, reason, cause);
}

void Router::evict(quint64 staleId, const QByteArray &name)
{
    Peer *stale = peerById(staleId);
    if (!stale)
        return;
    auto it = std::find(m_members.begin(), m_members.end(), staleId);
    if (it != m_members.end()) {
        *it = m_members.back();
        m_members.pop_back();
    }
    m_byName.remove(name);
    stale->name.clear();
    stale->evicted = true;
    const Frame evicted = eventFrame(Event::Type::Evicted, name);
    sendToMembers(evicted, 0);
    stale->connection->send(evicted);
    qCInfo(lcRouter).noquote() << "member" << QString::fromUtf8(name) << "evicted by a newer connection";
    Q_EMIT memberLeft(name, QStringLiteral("evicted: another connection took the name"), Connection::CloseCause::Evicted);
    dropConnection(*stale, QStringLiteral("evicted: another connection took the name \"%1\"").arg(QString::fromUtf8(name)),
                   Connection::CloseCause::Evicted);
}

void Router::sendToMembers(const Frame &frame, quint64 except)
{
    for (quint64 id : m_members) {
        if (id != except)
            m_peers.at(id).connection->send(frame);
    }
}

Frame Router::eventFrame(Event::Type type, const QByteArray &member) const
{
    return *Frame::make({0, Flag::Events, Serde::Json, false, false}, "", "", "", Event{type, member}.toJson());
}

void Router::dropConnection(Peer &peer, const QString &reason, Connection::CloseCause cause)
{
    // close() emits closed() at once, which lands in connectionClosed() and erases the peer:
    // `peer` must not be used after this line by any caller.
    peer.connection->close(reason, cause);
}

void Router::connectionClosed(quint64 id, const QString &reason)
{
    auto it = m_peers.find(id);
    if (it == m_peers.end())
        return;
    Peer &peer = it->second;
    const bool wasMember = !peer.name.isEmpty() || peer.evicted;
    const Connection::CloseCause cause = peer.connection->closeCause();
    if (!peer.name.isEmpty())
        unregister(peer, reason, cause);
    else if (!peer.evicted)
        Q_EMIT connectionDropped(id, peer.connection->peerAddress(), reason, cause);
    releaseSenders(peer);
    if (peer.blockedOn > 0) {
        for (auto &[otherId, other] : m_peers)
            other.blockedSenders.remove(id);
    }
    m_peers.erase(id);   // not `it`: releaseSenders may have erased other peers meanwhile
    if (!wasMember)
        qCInfo(lcRouter).noquote() << "connection" << id << "closed before joining:" << reason;
}

void Router::sweepHandshakes()
{
    const auto now = std::chrono::steady_clock::now();
    std::vector<quint64> late;
    for (const auto &[id, peer] : m_peers) {
        if (peer.name.isEmpty() && now >= peer.handshakeDeadline && !peer.connection->isClosing())
            late.push_back(id);
    }
    for (quint64 id : late) {
        if (Peer *peer = peerById(id)) {
            dropConnection(*peer, QStringLiteral("no valid HANDSHAKE within %1 ms").arg(m_options.handshakeTimeout.count()),
                           Connection::CloseCause::HandshakeTimeout);
        }
    }
}

} // namespace daffi
