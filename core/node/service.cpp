#include "service.h"

#include "nodename.h"

#include <QLoggingCategory>

namespace daffi {

Q_LOGGING_CATEGORY(lcService, "daffi.service", QtInfoMsg)

Service::Service(Options options, QObject *parent)
    : Server("service", options.handshakeTimeout, parent),
      m_options(std::move(options)),
      m_listener(new Listener(this)),
      m_callbacks(new CallbackHost(this))
{
    if (m_options.name.isEmpty())
        m_options.name = defaultNodeName();
    connect(m_listener, &Listener::newConnection, this, &Service::addConnection);
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
    return m_listener->listen(m_options.listen, error);
}

void Service::stop()
{
    m_listener->close();
    std::vector<Connection *> open;
    for (const auto &[id, peer] : peers())
        open.push_back(peer->connection);
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
    for (const auto &[id, peer] : peers()) {
        if (!peer->name.isEmpty())
            names.append(peer->name);
    }
    QMutexLocker lock(&m_snapshotMutex);
    m_snapshot = names;
}

Handshake Service::selfDescription() const
{
    const QByteArrayList methods = m_callbacks->names();
    return Handshake{"service", std::nullopt,
                     {Member{m_options.name, methods.isEmpty() ? std::nullopt : std::optional(methods)}}};
}

QString Service::unacceptable(Flag flag) const
{
    if (flag == Flag::Request)
        return {};
    return QStringLiteral("sent a %1 frame; a Service only accepts HANDSHAKE and REQUEST").arg(flagName(flag));
}

QByteArray Service::helloName(const Frame &frame, const Handshake &, QString *problem) const
{
    // The Service registers the transmitter (PROTOCOL.md §5.3); the member list is ignored.
    if (frame.transmitter().isEmpty())
        *problem = QStringLiteral("the client name must not be empty");
    return frame.transmitter().toByteArray();
}

void Service::nameReleased(Peer &peer, const QByteArray &name, const QString &, Connection::CloseCause)
{
    if (!peer.evicted)
        return;   // renamed: the new name's join follows
    qCInfo(lcService).noquote() << "client" << QString::fromUtf8(name) << "evicted by a newer connection";
    Q_EMIT clientEvicted(name);
}

void Service::helloAccepted(Peer &peer, const Frame &frame, const Handshake &, bool isNew)
{
    // The reply goes to every registered client; the others take it as a membership refresh.
    const Frame reply = frame.withData(selfDescription().toJson());
    for (const auto &[id, p] : peers()) {
        if (!p->name.isEmpty())
            p->connection->send(reply);
    }
    publish();
    if (isNew) {
        qCInfo(lcService).noquote() << "client" << QString::fromUtf8(peer.name) << "connected from"
                                    << peer.connection->peerAddress();
        Q_EMIT clientJoined(peer.name);
    }
}

void Service::memberFrame(Peer &peer, Frame &&frame)
{
    m_callbacks->handle(frame, peer.connection, m_options.name);
}

void Service::peerClosed(Peer &peer, const QString &reason)
{
    if (peer.name.isEmpty())
        return;
    const QByteArray name = std::exchange(peer.name, {});
    publish();
    qCInfo(lcService).noquote() << "client" << QString::fromUtf8(name) << "left:" << reason;
    Q_EMIT clientLeft(name, reason);
}

} // namespace daffi
