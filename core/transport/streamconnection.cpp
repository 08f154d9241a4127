#include "streamconnection.h"

#include "transportlog.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QLocalSocket>
#include <QTimer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace daffi {

namespace {
// Bytes Qt may buffer ahead of the frame reader; beyond this the kernel holds them, which is
// what turns "stop reading" into TCP backpressure on the peer.
constexpr qint64 ReadBufferSize = 256 * 1024;

QString describe(QAbstractSocket *s)
{
    return QStringLiteral("%1:%2").arg(s->peerAddress().toString()).arg(s->peerPort());
}
} // namespace

StreamConnection::StreamConnection(QAbstractSocket *socket, Transport transport,
                                   const Limits &limits, QObject *parent)
    : Connection(transport, describe(socket), limits, parent),
      m_device(socket),
      m_tcp(socket),
      m_reader(limits.maxMsgLen)
{
    init();
    connect(socket, &QAbstractSocket::disconnected, this, [this] { onDisconnected(); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return;   // followed by disconnected()
        peerClosed(QStringLiteral("socket error: %1").arg(m_tcp->errorString()));
    });
}

StreamConnection::StreamConnection(QLocalSocket *socket, const Limits &limits, QObject *parent)
    : Connection(Transport::Unix, socket->fullServerName().isEmpty() ? QStringLiteral("unix")
                                                                     : socket->fullServerName(),
                 limits, parent),
      m_device(socket),
      m_local(socket),
      m_reader(limits.maxMsgLen)
{
    init();
    connect(socket, &QLocalSocket::disconnected, this, [this] { onDisconnected(); });
    connect(socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
        if (e == QLocalSocket::PeerClosedError)
            return;
        peerClosed(QStringLiteral("socket error: %1").arg(m_local->errorString()));
    });
}

void StreamConnection::init()
{
    m_device->setParent(this);
    if (m_tcp)
        m_tcp->setReadBufferSize(ReadBufferSize);
    else
        m_local->setReadBufferSize(ReadBufferSize);
    connect(m_device, &QIODevice::readyRead, this, [this] {
        if (m_started)
            readAvailable();
    });
    connect(m_device, &QIODevice::bytesWritten, this, &StreamConnection::onBytesWritten);
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

void StreamConnection::tuneTcpSocket(QAbstractSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    const int fd = int(socket->socketDescriptor());
    if (fd < 0)
        return;
    const int idle = 10, interval = 5, count = 3, userTimeoutMs = 25000;
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeoutMs, sizeof userTimeoutMs);
}

qint64 StreamConnection::queuedBytes() const
{
    return m_device->bytesToWrite();
}

void StreamConnection::writeBytes(const QByteArray &bytes)
{
    m_device->write(bytes);
}

void StreamConnection::flushCarrier()
{
    if (m_tcp)
        m_tcp->flush();
    else
        m_local->flush();
}

void StreamConnection::readAvailable()
{
    // Re-entrancy guard: a handler may pause/resume us (backpressure) while we deliver.
    if (m_inRead)
        return;
    const WriteBatch batch;   // what these frames make us send leaves when they are all handled
    m_inRead = true;
    for (;;) {
        while (m_reader.hasFrame() && !isReadingPaused() && !isClosing())
            deliver(m_reader.takeFrame());
        if (isReadingPaused() || isClosing() || m_device->bytesAvailable() <= 0)
            break;
        const qint64 before = m_device->bytesAvailable();
        m_reader.readFrom(m_device);
        countReceivedBytes(before - m_device->bytesAvailable());
        if (m_reader.hasError()) {
            while (m_reader.hasFrame() && !isClosing())
                deliver(m_reader.takeFrame());
            close(QStringLiteral("protocol error (%1): %2")
                      .arg(m_reader.error().code, m_reader.error().message));
            break;
        }
    }
    m_inRead = false;
}

void StreamConnection::setCarrierPaused(bool)
{
    // Nothing to do: readAvailable() stops consuming while paused, Qt's read buffer fills to
    // ReadBufferSize and then Qt stops reading the socket, so the kernel pushes back on the peer.
}

void StreamConnection::closeCarrier()
{
    // Flush what is queued (bounded by the stall timeout), then close.
    auto *guard = new QTimer(this);
    guard->setSingleShot(true);
    connect(guard, &QTimer::timeout, this, [this] {
        if (m_tcp)
            m_tcp->abort();
        else
            m_local->abort();
        finished();
    });
    guard->start(limits().writeStallTimeout);
    if (m_tcp) {
        m_tcp->disconnectFromHost();
        if (m_tcp->state() == QAbstractSocket::UnconnectedState)
            finished();
    } else {
        m_local->disconnectFromServer();
        if (m_local->state() == QLocalSocket::UnconnectedState)
            finished();
    }
}

} // namespace daffi
