#include "service.h"

#include "client.h"
#include "errorreply.h"

#include <QLoggingCategory>
#include <QTimer>

namespace daffi {

Q_LOGGING_CATEGORY(lcService, "daffi.service", QtInfoMsg)

Service::Service(Options options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_listener(new Listener(this)),
      m_callbacks(new CallbackHost(this)),
      m_sweep(new QTimer(this))
{
    if (m_options.name.isEmpty())
        m_options.name = Client::defaultName();
    connect(m_listener, &Listener::newConnection, this, &Service::addConnection);
    m_sweep->setInterval(std::max<std::chrono::milliseconds>(std::chrono::milliseconds(50),
                                                             m_options.handshakeTimeout / 4));
    connect(m_sweep, &QTimer::timeout, this, &Service::sweep);
}

Service::~Service()
{
    for (auto &[id, peer] : m_peers) {
        disconnect(peer.connection, nullptr, this, nullptr);
        peer.connection->setHandler(nullptr);
    }
}

bool Service::addCallback(const QByteArray &name, Callback callback, QString *error)
{
    // Added before clients connect, or announced with the next hello reply (as the reference).
    return m_callbacks->add(name, std::move(callback), error);
}

bool Service::addAsyncCallback(const QByteArray &name, AsyncCallback callback, QString *error)
{
    return m_callbacks->addAsync(name, std::move(callback), error);
}

void Service::setExecutor(Executor *executor)
{
    m_callbacks->setExecutor(executor);
}

bool Service::listen(QString *error)
{
    if (!m_listener->listen(m_options.listen, error))
        return false;
    m_sweep->start();
    return true;
}

void Service::stop()
{
    m_listener->close();
    m_sweep->stop();
    std::vector<Connection *> open;
    for (auto &[id, peer] : m_peers)
        open.push_back(peer.connection);
    for (Connection *c : open)
        c->close(QStringLiteral("the service stopped"));
}

QByteArrayList Service::clients() const
{
    QMutexLocker lock(&m_snapshotMutex);
    return m_snapshot;
}

void Service::publish()
{
    QByteArrayList names;
    for (const auto &[id, peer] : m_peers) {
        if (!peer.name.isEmpty())
            names.append(peer.name);
    }
    QMutexLocker lock(&m_snapshotMutex);
    m_snapshot = names;
}

void Service::addConnection(Connection *connection)
{
    connection->setParent(this);
    connection->setHandler(this);
    const quint64 id = connection->id();
    m_peers[id] = Peer{connection, {}, std::chrono::steady_clock::now() + m_options.handshakeTimeout};
    connect(connection, &Connection::closed, this, [this, id](const QString &reason) { connectionClosed(id, reason); });
    connection->start();
}

Handshake Service::selfDescription() const
{
    const QByteArrayList methods = m_callbacks->names();
    return Handshake{"service", std::nullopt,
                     {Member{m_options.name, methods.isEmpty() ? std::nullopt : std::optional(methods)}}};
}

void Service::frameReceived(Connection *connection, Frame &&frame)
{
    auto it = m_peers.find(connection->id());
    if (it == m_peers.end())
        return;
    Peer &peer = it->second;
    switch (frame.flag()) {
    case Flag::Handshake:
        handleHello(peer, frame);
        return;
    case Flag::Request:
        if (peer.name.isEmpty()) {
            if (frame.header().returnResult)
                connection->send(errorReply(frame, QStringLiteral("HandshakeRequired"), QStringLiteral("daffi.service"),
                                            QStringLiteral("this connection sent a REQUEST before its HANDSHAKE")));
            return;
        }
        if (frame.transmitter() != QByteArrayView(peer.name)) {
            if (frame.header().returnResult)
                connection->send(errorReply(frame, QStringLiteral("TransmitterMismatch"), QStringLiteral("daffi.service"),
                                            QStringLiteral("transmitter \"%1\" is not this connection's name \"%2\"")
                                                .arg(QString::fromUtf8(frame.transmitter()), QString::fromUtf8(peer.name))));
            return;
        }
        m_callbacks->handle(frame, connection, m_options.name);
        return;
    case Flag::Response:
    case Flag::Error:
    case Flag::Events:
        connection->close(QStringLiteral("sent a %1 frame; a Service only accepts HANDSHAKE and REQUEST")
                              .arg(flagName(frame.flag())));
        return;
    }
}

void Service::handleHello(Peer &peer, const Frame &frame)
{
    auto hello = Handshake::parse(frame.data());
    if (!hello) {
        peer.connection->send(frame.withData(
            QByteArray(QByteArray("failed to parse handshake message: ") + hello.error().code.toUtf8()),
            Flag::Error, Serde::Opaque));
        return;
    }
    // The Service registers the transmitter (PROTOCOL.md §5.3); the member list is ignored.
    const QByteArray name = frame.transmitter().toByteArray();
    if (name.isEmpty()) {
        peer.connection->send(frame.withData(Handshake{"service", QStringLiteral("the client name must not be empty"), {}}.toJson()));
        peer.connection->close(QStringLiteral("hello without a name"));
        return;
    }
    const bool isNew = peer.name != name;
    if (isNew) {
        if (!peer.name.isEmpty())
            m_byName.remove(peer.name);
        if (auto stale = m_byName.constFind(name); stale != m_byName.cend()) {
            auto sit = m_peers.find(*stale);
            if (sit != m_peers.end()) {
                Connection *old = sit->second.connection;
                sit->second.name.clear();
                old->send(*Frame::make({0, Flag::Events, Serde::Json, false, false}, "", "", "",
                                       Event{Event::Type::Evicted, name}.toJson()));
                qCInfo(lcService).noquote() << "client" << QString::fromUtf8(name) << "evicted by a newer connection";
                Q_EMIT clientEvicted(name);
                old->close(QStringLiteral("evicted: another connection took the name"));
            }
        }
        peer.name = name;
        m_byName.insert(name, peer.connection->id());
    }
    // The reply goes to every registered client; the others take it as a membership refresh.
    const Frame reply = frame.withData(selfDescription().toJson());
    for (const auto &[id, p] : m_peers) {
        if (!p.name.isEmpty())
            p.connection->send(reply);
    }
    publish();
    if (isNew) {
        qCInfo(lcService).noquote() << "client" << QString::fromUtf8(name) << "connected from"
                                    << peer.connection->peerAddress();
        Q_EMIT clientJoined(name);
    }
}

void Service::connectionClosed(quint64 id, const QString &reason)
{
    auto it = m_peers.find(id);
    if (it == m_peers.end())
        return;
    const QByteArray name = it->second.name;
    m_peers.erase(it);
    if (!name.isEmpty()) {
        m_byName.remove(name);
        publish();
        qCInfo(lcService).noquote() << "client" << QString::fromUtf8(name) << "left:" << reason;
        Q_EMIT clientLeft(name, reason);
    } else {
        qCInfo(lcService).noquote() << "connection" << id << "closed before joining:" << reason;
    }
}

void Service::sweep()
{
    const auto now = std::chrono::steady_clock::now();
    std::vector<Connection *> late;
    for (const auto &[id, peer] : m_peers) {
        if (peer.name.isEmpty() && now >= peer.deadline && !peer.connection->isClosing())
            late.push_back(peer.connection);
    }
    for (Connection *c : late)
        c->close(QStringLiteral("no valid HANDSHAKE within %1 ms").arg(m_options.handshakeTimeout.count()));
}

} // namespace daffi
