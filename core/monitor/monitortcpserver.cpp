#include "monitortcpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <sys/socket.h>

namespace daffi {

Q_LOGGING_CATEGORY(lcMonitorHttp, "daffi.monitor", QtInfoMsg)

namespace {
const QString GuardName = QStringLiteral("daffi-monitor-guard");

// "GET /api/v1/router HTTP/1.1": a method in capitals, a target without spaces or control
// characters, HTTP/1.0 or 1.1.
bool isRequestLine(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype space = line.indexOf(' ');
    if (space < 1 || space > 16)
        return false;
    for (char c : line.first(space)) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    const qsizetype second = line.indexOf(' ', space + 1);
    if (second < 0 || second == space + 1)
        return false;
    for (char c : line.sliced(space + 1, second - space - 1)) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return false;
    }
    const QByteArrayView version = line.sliced(second + 1);
    return version == "HTTP/1.1" || version == "HTTP/1.0";
}
} // namespace

// Per-socket state: the deadline, the bytes of the request being read, the start of its request
// line, and what was wrong with the client certificate. A child of the socket.
class MonitorTcpServer::Guard : public QObject
{
public:
    Guard(QTcpSocket *socket, MonitorTcpServer *server)
        : QObject(socket), m_socket(socket), m_server(server)
    {
        setObjectName(GuardName);
        m_deadline.setSingleShot(true);
        m_deadline.setInterval(server->m_limits.requestTimeout);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            qCDebug(lcMonitorHttp) << "closing" << m_socket->peerAddress().toString()
                                   << ": no complete request within the deadline";
            m_socket->abort();
        });
        m_deadline.start();
        ++server->m_open;
        connect(this, &QObject::destroyed, server, [server = QPointer(server)] {
            if (server)
                --server->m_open;
        });
    }

    static Guard *of(QTcpSocket *socket)
    {
        return static_cast<Guard *>(socket->findChild<QObject *>(GuardName, Qt::FindDirectChildrenOnly));
    }

    void rearm() { m_deadline.start(); }

    // Runs before Qt's parser on every readyRead (connected first). Qt reads a request inside a
    // socket transaction and commits it once the request is whole: a transaction in progress
    // means the bytes it read so far belong to this request, and bytesAvailable() is what came
    // since.
    void check()
    {
        if (!m_socket->isTransactionStarted()) {
            m_requestBytes = 0;
            m_line.clear();
            m_lineChecked = false;
        }
        const qint64 fresh = m_socket->bytesAvailable();
        m_requestBytes += fresh;
        const qint64 cap = m_server->m_limits.maxRequestBytes;
        if (m_requestBytes > cap) {
            m_server->refuse(m_socket, 413,
                             tr("The request is larger than %1 bytes; the monitor API takes GET requests "
                                "without a body.").arg(cap));
            return;
        }
        if (m_lineChecked)
            return;
        m_line += m_socket->peek(fresh);
        while (!m_line.isEmpty() && (m_line.front() == '\r' || m_line.front() == '\n'))
            m_line.remove(0, 1);   // Qt skips line ends left from a previous request too
        const qsizetype end = m_line.indexOf('\n');
        if (end < 0)
            return;
        m_lineChecked = true;
        if (!isRequestLine(QByteArrayView(m_line).first(end))) {
            m_server->refuse(m_socket, 400,
                             tr("The request line is not HTTP/1.1; send e.g. \"GET /api/v1/router HTTP/1.1\"."));
        }
    }

    QString certificateProblem;

private:
    QTcpSocket *m_socket;
    MonitorTcpServer *m_server;
    QTimer m_deadline;
    qint64 m_requestBytes = 0;
    QByteArray m_line;
    bool m_lineChecked = false;
};

MonitorTcpServer::MonitorTcpServer(const Limits &limits, std::optional<QSslConfiguration> tls, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_tls(std::move(tls))
{
}

void MonitorTcpServer::incomingConnection(qintptr descriptor)
{
    QSslSocket *ssl = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = ssl ? ssl : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_limits.maxConnections) {
        qCInfo(lcMonitorHttp) << "refusing" << socket->peerAddress().toString() << ":" << m_open
                              << "monitor connections are open already";
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Qt's buffer then never holds more than one request above the cap: a larger one stops
    // being read, is seen by the guard and refused.
    socket->setReadBufferSize(m_limits.maxRequestBytes + 1);
    auto *guard = new Guard(socket, this);
    connect(socket, &QIODevice::readyRead, guard, [guard] { guard->check(); });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (!ssl) {
        addPendingConnection(socket);
        return;
    }
    ssl->setSslConfiguration(*m_tls);
    connect(ssl, &QSslSocket::sslErrors, guard, [ssl, guard](const QList<QSslError> &errors) {
        // Only the client's certificate can fail on a server: let the handshake finish and
        // answer every request with 401 and this sentence.
        guard->certificateProblem = errors.first().errorString();
        ssl->ignoreSslErrors();
    });
    connect(ssl, &QSslSocket::encrypted, this, [this, ssl] { addPendingConnection(ssl); });
    connect(ssl, &QAbstractSocket::errorOccurred, ssl, [ssl](QAbstractSocket::SocketError) {
        if (!ssl->isEncrypted())
            qCDebug(lcMonitorHttp) << "TLS handshake with" << ssl->peerAddress().toString() << "failed:" << ssl->errorString();
    });
    ssl->startServerEncryption();
}

void MonitorTcpServer::refuse(QTcpSocket *socket, int status, const QString &sentence)
{
    // Qt's parser must not read on: it would answer a request we refused, or buffer more.
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    socket->write(response(status, "application/json", errorBody(sentence), "Connection: close\r\n"));
    if (qobject_cast<QSslSocket *>(socket)) {
        socket->disconnectFromHost();
        return;
    }
    // A lingering close: closing with the rest of the request unread would reset the
    // connection and could destroy the answer before the client reads it. So stop sending once
    // the answer is out and drop what still comes, until the client closes or the deadline.
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    auto finish = [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    connect(socket, &QIODevice::bytesWritten, socket, finish);
    socket->flush();
    finish();
}

QByteArray MonitorTcpServer::response(int status, const QByteArray &contentType, const QByteArray &body,
                                      const QByteArray &extraHeaders)
{
    static const QHash<int, QByteArray> reasons{
        {200, "OK"}, {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {413, "Payload Too Large"}, {503, "Service Unavailable"}};
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasons.value(status, "Error")
        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nCache-Control: no-store\r\n" + extraHeaders + "\r\n" + body;
}

QByteArray MonitorTcpServer::errorBody(const QString &sentence)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), sentence}}).toJson(QJsonDocument::Compact) + '\n';
}

void MonitorTcpServer::rearm(QTcpSocket *socket)
{
    if (Guard *g = Guard::of(socket))
        g->rearm();
}

void MonitorTcpServer::release(QTcpSocket *socket)
{
    delete Guard::of(socket);
}

QString MonitorTcpServer::certificateProblem(QTcpSocket *socket)
{
    const Guard *g = Guard::of(socket);
    return g ? g->certificateProblem : QString();
}

} // namespace daffi
