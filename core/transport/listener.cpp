#include "listener.h"

#include "sniff.h"
#include "bufferedstreamconnection.h"
#include "directstreamconnection.h"
#include "transportlog.h"
#include "websocketconnection.h"

#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace daffi {

Q_LOGGING_CATEGORY(lcTransport, "daffi.transport", QtInfoMsg)

namespace {

QString peerKey(const QHostAddress &address, quint16 port)
{
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace

class Listener::TcpServer : public QTcpServer
{
public:
    explicit TcpServer(Listener *listener) : QTcpServer(listener), m_listener(listener) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_listener->admitTcp(descriptor); }

private:
    Listener *m_listener;
};

// Admission of one accepted socket: TLS (when configured), then the sniff, under one deadline.
class Admission : public QObject
{
public:
    Admission(Listener *listener, QIODevice *socket, Connection::Transport transport, QString peer)
        : QObject(listener), m_listener(listener), m_socket(socket), m_transport(transport),
          m_peer(std::move(peer))
    {
        socket->setParent(this);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            refuse(m_encrypting ? QStringLiteral("TLS handshake not completed within %1 ms")
                                      .arg(m_listener->m_options.admissionTimeout.count())
                                : QStringLiteral("no daffi probe or WebSocket upgrade within %1 ms")
                                      .arg(m_listener->m_options.admissionTimeout.count()));
        });
        m_deadline.start(m_listener->m_options.admissionTimeout);
    }

    void startTls(QSslSocket *ssl)
    {
        m_encrypting = true;
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_encrypting = false;
            sniff();
        });
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &e : errors)
                texts << e.errorString();
            refuse(QStringLiteral("TLS handshake failed: %1").arg(texts.join(QStringLiteral("; "))));
        });
        connect(ssl, &QSslSocket::errorOccurred, this, [this, ssl](QAbstractSocket::SocketError) {
            refuse(QStringLiteral("TLS handshake failed: %1").arg(ssl->errorString()));
        });
        ssl->startServerEncryption();
    }

    void sniff()
    {
        connect(m_socket, &QIODevice::readyRead, this, &Admission::check);
        if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket))
            connect(tcp, &QAbstractSocket::disconnected, this, [this] { refuse(QStringLiteral("closed during admission")); });
        else if (auto *local = qobject_cast<QLocalSocket *>(m_socket))
            connect(local, &QLocalSocket::disconnected, this, [this] { refuse(QStringLiteral("closed during admission")); });
        check();
    }

private:
    void check()
    {
        if (m_done)
            return;
        const bool webSocketAllowed = qobject_cast<QTcpSocket *>(m_socket) != nullptr;
        // Only what the socket has already buffered: peek() past that would have Qt read ahead
        // into a buffer sized for the largest upgrade request, for every connection admitted
        // (measured: 12 KiB of heap per member during a 10,000-member join storm).
        const qint64 buffered = std::min<qint64>(m_socket->bytesAvailable(), sniff::MaxUpgradeRequest);
        const sniff::Decision d = sniff::classify(m_socket->peek(buffered), webSocketAllowed);
        switch (d.verdict) {
        case sniff::Verdict::NeedMore:
            return;
        case sniff::Verdict::Refuse:
            if (!d.reply.isEmpty())
                m_socket->write(d.reply);
            return refuse(d.reason);
        case sniff::Verdict::WebSocket:
            return upgrade();
        case sniff::Verdict::Probe:
            break;
        }
        m_socket->skip(d.consume);
        finish();
        Connection *c = nullptr;
        const Connection::Limits &limits = m_listener->m_options.limits;
        int error = 0;
        if (m_transport == Connection::Transport::Tcp || m_transport == Connection::Transport::Unix)
            c = unbuffered(limits, &error);
        else
            c = new BufferedStreamConnection(static_cast<QAbstractSocket *>(m_socket), m_transport, limits, m_listener);
        if (!c) {
            if (error == EMFILE || error == ENFILE)
                m_listener->outOfDescriptors(QString::fromLocal8Bit(std::strerror(error)));
            return refuse(QStringLiteral("cannot take over the accepted socket: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
        }
        m_listener->admitted(c);
        deleteLater();
    }

    // Plain TCP and Unix-socket daffi peers get an unbuffered socket (see DirectStreamConnection):
    // the sniffing socket needed Qt's buffer to peek, so the connection continues on a duplicate
    // of its descriptor, with the bytes Qt had already read handed over first.
    DirectStreamConnection *unbuffered(const Connection::Limits &limits, int *error)
    {
        const QByteArray early = m_socket->readAll();
        auto *tcp = qobject_cast<QAbstractSocket *>(m_socket);
        auto *local = qobject_cast<QLocalSocket *>(m_socket);
        auto *c = DirectStreamConnection::adopt(tcp ? tcp->socketDescriptor() : local->socketDescriptor(), m_transport,
                                                m_peer, early, limits, m_listener, error);
        if (!c)
            return nullptr;
        // Closes only the old descriptor: the connection lives on in the duplicate.
        if (tcp)
            tcp->abort();
        else
            local->abort();
        return c;
    }

    void upgrade()
    {
        finish();
        m_listener->upgradeToWebSocket(qobject_cast<QTcpSocket *>(m_socket),
                                       m_transport == Connection::Transport::Tls
                                           ? Connection::Transport::SecureWebSocket
                                           : Connection::Transport::WebSocket);
        deleteLater();
    }

    void finish()
    {
        m_done = true;
        m_deadline.stop();
        disconnect(m_socket, nullptr, this, nullptr);
    }

    void refuse(const QString &reason)
    {
        if (m_done)
            return;
        finish();
        m_listener->refused(m_peer, reason);
        if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket)) {
            tcp->disconnectFromHost();   // lets an error reply go out; abort() below if it lingers
            QTimer::singleShot(1000, tcp, &QAbstractSocket::abort);
        } else if (auto *local = qobject_cast<QLocalSocket *>(m_socket)) {
            local->abort();
        }
        // The socket is our child: it goes when we go, after its reply had a moment to leave.
        QTimer::singleShot(1000, this, &QObject::deleteLater);
    }

    Listener *m_listener;
    QIODevice *m_socket;
    Connection::Transport m_transport;
    QString m_peer;
    QTimer m_deadline;
    bool m_encrypting = false;
    bool m_done = false;
};

Listener::Listener(QObject *parent) : QObject(parent) {}

Listener::~Listener()
{
    close();
}

bool Listener::listen(const Options &options, QString *error)
{
    close();
    m_options = options;
    if (m_options.tcp) {
        const auto address = hostAddress(m_options.host);
        if (!address) {
            *error = address.error().message;
            return false;
        }
        m_tcpServer = new TcpServer(this);
        // A fleet that reconnects at once (a router restart, a deploy) arrives in one burst: a
        // short accept queue drops SYNs, and each dropped one waits a second for its retry.
        // The kernel caps this at net.core.somaxconn (4096 on current kernels).
        m_tcpServer->setListenBacklogSize(4096);
        if (!m_tcpServer->listen(*address, m_options.port)) {
            *error = m_tcpServer->serverError() == QAbstractSocket::AddressInUseError
                         ? tr("port %1 on %2 is already in use; stop the other program or choose another port")
                               .arg(m_options.port).arg(m_options.host)
                         : tr("cannot listen on %1:%2: %3").arg(m_options.host).arg(m_options.port).arg(m_tcpServer->errorString());
            close();
            return false;
        }
        // Out of file descriptors, Qt pauses accepting for good: the router would silently admit
        // nobody ever again. Say why, and try again every 250 ms (members that leave give
        // descriptors back).
        connect(m_tcpServer, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
            outOfDescriptors(m_tcpServer->errorString());
            QTimer::singleShot(250, m_tcpServer, &QTcpServer::resumeAccepting);
        });
        m_wsServer = new QWebSocketServer(QStringLiteral("daffi-qt"), QWebSocketServer::NonSecureMode, this);
        m_wsServer->setHandshakeTimeout(int(m_options.admissionTimeout.count()));
        m_wsServer->setMaxPendingConnections(1 << 20);
        connect(m_wsServer, &QWebSocketServer::newConnection, this, &Listener::webSocketReady);
    }
    if (!m_options.unixPath.isEmpty()) {
        m_localServer = new QLocalServer(this);
        m_localServer->setSocketOptions(QLocalServer::UserAccessOption | QLocalServer::GroupAccessOption);
        // Like the reference: a stale socket file from an earlier run is replaced.
        QLocalServer::removeServer(m_options.unixPath);
        if (!m_localServer->listen(m_options.unixPath)) {
            *error = tr("cannot listen on the Unix socket %1: %2").arg(m_options.unixPath, m_localServer->errorString());
            close();
            return false;
        }
        connect(m_localServer, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *s = m_localServer->nextPendingConnection()) {
                auto *a = new Admission(this, s, Connection::Transport::Unix, m_options.unixPath);
                a->sniff();
            }
        });
    }
    if (!m_tcpServer && !m_localServer) {
        *error = tr("nothing to listen on: give a TCP port or a Unix socket path");
        return false;
    }
    return true;
}

Result<QHostAddress> Listener::hostAddress(const QString &host)
{
    if (host.isEmpty() || host == u"0.0.0.0")
        return QHostAddress(QHostAddress::AnyIPv4);
    if (host == u"::")
        return QHostAddress(QHostAddress::Any);
    if (host == u"localhost")
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(host))
        return Error{QStringLiteral("BadHost"), tr("\"%1\" is not an IP address; give one such as 127.0.0.1 or 0.0.0.0").arg(host)};
    return address;
}

bool Listener::setTlsConfiguration(const QSslConfiguration &tls)
{
    if (!isTls())
        return false;
    m_options.tls = tls;
    return true;
}

void Listener::close()
{
    delete m_tcpServer;
    m_tcpServer = nullptr;
    delete m_wsServer;
    m_wsServer = nullptr;
    if (m_localServer) {
        m_localServer->close();
        delete m_localServer;
        m_localServer = nullptr;
    }
}

quint16 Listener::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

QString Listener::unixPath() const
{
    return m_localServer ? m_localServer->fullServerName() : QString();
}

QStringList Listener::urls() const
{
    QStringList out;
    if (m_tcpServer) {
        out << QStringLiteral("%1://%2:%3").arg(isTls() ? QStringLiteral("tls") : QStringLiteral("tcp"),
                                                m_tcpServer->serverAddress().toString())
                   .arg(port());
    }
    if (m_localServer)
        out << QStringLiteral("unix://%1").arg(unixPath());
    return out;
}

int Listener::admissionsInProgress() const
{
    return int(findChildren<Admission *>(Qt::FindDirectChildrenOnly).size());
}

void Listener::admitTcp(qintptr descriptor)
{
    if (std::exchange(m_acceptFailing, false) && !m_acceptWarned.hasExpired(10'000))
        qCInfo(lcTransport).noquote() << tr("accepting new connections again");
    QAbstractSocket *socket = nullptr;
    QSslSocket *ssl = nullptr;
    if (m_options.tls) {
        ssl = new QSslSocket;
        ssl->setSslConfiguration(*m_options.tls);
        socket = ssl;
    } else {
        socket = new QTcpSocket;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcTransport) << "cannot adopt an accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setReadBufferSize(sniff::MaxUpgradeRequest * 2);   // bounded while a stranger is admitted
    StreamConnection::tuneTcpSocket(socket, m_options.limits);
    const QString peer = peerKey(socket->peerAddress(), socket->peerPort());
    auto *a = new Admission(this, socket, ssl ? Connection::Transport::Tls : Connection::Transport::Tcp, peer);
    if (ssl)
        a->startTls(ssl);
    else
        a->sniff();
}

void Listener::outOfDescriptors(const QString &what)
{
    m_acceptFailing = true;
    if (m_acceptWarned.isValid() && !m_acceptWarned.hasExpired(10'000))
        return;
    m_acceptWarned.start();
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    qCWarning(lcTransport).noquote()
        << tr("cannot accept new connections: %1 (this process may open %2 files); retrying every 250 ms. "
              "For more members raise the limit (LimitNOFILE= in the service unit, ulimit -n).")
               .arg(what)
               .arg(qulonglong(limit.rlim_cur));
}

void Listener::admitted(Connection *connection)
{
    qCDebug(lcTransport) << "admitted" << Connection::transportName(connection->transport())
                         << connection->peerAddress();
    Q_EMIT newConnection(connection);
}

void Listener::refused(const QString &peer, const QString &reason)
{
    qCInfo(lcTransport).noquote() << "refused" << peer << ":" << reason;
    Q_EMIT connectionRefused(peer, reason);
}

void Listener::upgradeToWebSocket(QTcpSocket *socket, Connection::Transport transport)
{
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    socket->setParent(this);
    m_upgrades.insert(key, PendingUpgrade{socket, transport});
    // A failed or timed-out upgrade closes the socket; it is ours to delete then.
    connect(socket, &QAbstractSocket::disconnected, this, [this, key, socket] {
        auto it = m_upgrades.find(key);
        if (it != m_upgrades.end() && it->carrier == socket) {
            m_upgrades.erase(it);
            refused(key, QStringLiteral("WebSocket upgrade failed or timed out"));
            socket->deleteLater();
        }
    });
    m_wsServer->handleConnection(socket);
}

void Listener::webSocketReady()
{
    while (QWebSocket *ws = m_wsServer->nextPendingConnection()) {
        const QString key = peerKey(ws->peerAddress(), ws->peerPort());
        const PendingUpgrade pending = m_upgrades.take(key);
        if (pending.carrier) {
            disconnect(pending.carrier, &QAbstractSocket::disconnected, this, nullptr);
            pending.carrier->setParent(ws);   // dies with (after) the QWebSocket that uses it
        }
        auto *c = new WebSocketConnection(ws, pending.carrier, pending.carrier ? pending.transport
                                                                               : Connection::Transport::WebSocket,
                                          m_options.limits, this);
        admitted(c);
    }
}

} // namespace daffi
