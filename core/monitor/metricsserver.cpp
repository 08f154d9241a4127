#include "metricsserver.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace daffi {

namespace {

constexpr qint64 MaxRequestBytes = 8 * 1024;

QByteArray response(const QByteArray &status, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

MetricsServer::MetricsServer(Provider provider, QObject *parent)
    : QObject(parent), m_provider(std::move(provider)), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsServer::accept);
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::listen(const QString &host, quint16 port, QString *error)
{
    close();
    QHostAddress address;
    if (!address.setAddress(host)) {
        if (error)
            *error = tr("The metrics address \"%1\" is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0.").arg(host);
        return false;
    }
    if (!m_server->listen(address, port)) {
        if (error) {
            *error = m_server->serverError() == QAbstractSocket::AddressInUseError
                ? tr("Port %1 on %2 is already in use, so the metrics endpoint cannot start; pick another "
                     "metrics port or stop the program using it.").arg(port).arg(host)
                : tr("The metrics endpoint cannot listen on %1:%2: %3.").arg(host).arg(port).arg(m_server->errorString());
        }
        return false;
    }
    m_host = host;
    return true;
}

void MetricsServer::close()
{
    m_server->close();
}

bool MetricsServer::isListening() const
{
    return m_server->isListening();
}

quint16 MetricsServer::port() const
{
    return m_server->serverPort();
}

QString MetricsServer::url() const
{
    return isListening() ? QStringLiteral("http://%1:%2/metrics").arg(m_host).arg(port()) : QString();
}

void MetricsServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        auto *deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        deadline->start(requestTimeout);
    }
}

void MetricsServer::readRequest(QTcpSocket *socket)
{
    if (socket->property("answered").toBool()) {
        socket->readAll();
        return;
    }
    const QByteArray seen = socket->peek(MaxRequestBytes + 1);
    const qsizetype end = seen.indexOf("\r\n\r\n");
    if (end < 0) {
        if (seen.size() > MaxRequestBytes)
            socket->abort();
        return;
    }
    socket->readAll();
    socket->setProperty("answered", true);
    const QList<QByteArray> requestLine = seen.left(seen.indexOf("\r\n")).split(' ');
    const QByteArray method = requestLine.value(0);
    QByteArray path = requestLine.value(1);
    path = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
    QByteArray reply;
    if (method != "GET" && method != "HEAD")
        reply = response("405 Method Not Allowed", "text/plain", "GET /metrics\n");
    else if (path == "/metrics")
        reply = response("200 OK", "text/plain; version=0.0.4; charset=utf-8", m_provider());
    else
        reply = response("404 Not Found", "text/plain", "daffi metrics are at /metrics\n");
    if (method == "HEAD")
        reply.truncate(reply.indexOf("\r\n\r\n") + 4);
    socket->write(reply);
    socket->disconnectFromHost();
}

} // namespace daffi
