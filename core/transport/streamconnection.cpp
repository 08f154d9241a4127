#include "streamconnection.h"

#include "transportlog.h"

#include <QHostAddress>
#include <QTimer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace daffi {

StreamConnection::StreamConnection(QIODevice *device, Transport transport, QString peerAddress,
                                   const Limits &limits, QObject *parent)
    : Connection(transport, std::move(peerAddress), limits, parent), m_device(device), m_reader(limits.maxMsgLen)
{
    device->setParent(this);
    connect(device, &QIODevice::readyRead, this, [this] {
        if (m_started)
            readAvailable();
    });
}

void StreamConnection::watch(QAbstractSocket *socket)
{
    connect(socket, &QAbstractSocket::disconnected, this, [this] { onDisconnected(); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return;   // followed by disconnected()
        peerClosed(endReason(e, socket->errorString()), endCause(e));
    });
}

void StreamConnection::onDisconnected()
{
    // Frames that arrived just before the peer closed are still delivered (a caller may send
    // rpc_nowait and exit at once), unless backpressure holds them: then say so.
    if (m_started && !isClosing())
        readAvailable();
    if (!isClosing() && (m_reader.hasFrame() || m_device->bytesAvailable() > 0)) {
        qCWarning(lcTransport) << peerAddress() << "closed while paused by backpressure;"
                               << m_reader.pendingFrames() << "frames and"
                               << m_device->bytesAvailable() << "bytes were not delivered";
    }
    peerClosed(QStringLiteral("peer closed the connection"));
}

void StreamConnection::tuneTcpSocket(QAbstractSocket *socket, const Limits &limits)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    const int fd = int(socket->socketDescriptor());
    if (fd < 0)
        return;
    const int idle = 10, interval = 5, count = 3;
    const int userTimeoutMs = int(limits.tcpUserTimeout().count());
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeoutMs, sizeof userTimeoutMs);
}

Connection::CloseCause StreamConnection::endCause(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SocketTimeoutError ? CloseCause::PeerTimeout : CloseCause::PeerClosed;
}

QString StreamConnection::endReason(QAbstractSocket::SocketError error, const QString &text) const
{
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("peer closed the connection");
    case QAbstractSocket::SocketTimeoutError:
        // The kernel gave up (TCP_USER_TIMEOUT): the peer stopped acknowledging, or its window
        // stayed closed because it stopped reading.
        return QStringLiteral("timed out: the peer acknowledged or read nothing for %1 s")
            .arg(std::chrono::duration<double>(limits().tcpUserTimeout()).count());
    default:
        return QStringLiteral("socket error: %1").arg(text);
    }
}

void StreamConnection::prependReceived(const QByteArray &bytes)
{
    countReceivedBytes(bytes.size());
    m_reader.feed(bytes);
}

void StreamConnection::deliverReady()
{
    while (m_reader.hasFrame() && !isReadingPaused() && !isClosing())
        deliver(m_reader.takeFrame());
}

void StreamConnection::closeOnReaderError()
{
    // The frames before the bad bytes still count, paused or not.
    while (m_reader.hasFrame() && !isClosing())
        deliver(m_reader.takeFrame());
    close(QStringLiteral("protocol error (%1): %2").arg(m_reader.error().code, m_reader.error().message),
          CloseCause::ProtocolError);
}

void StreamConnection::limitGracefulClose()
{
    auto *guard = new QTimer(this);
    guard->setSingleShot(true);
    connect(guard, &QTimer::timeout, this, [this] {
        abortCarrier();
        finished();
    });
    guard->start(limits().writeStallTimeout);
}

} // namespace daffi
