#include "streamconnection.h"

#include "transportlog.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QLocalSocket>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include <sys/uio.h>

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
        peerClosed(endReason(e, m_tcp->errorString()), endCause(e));
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
    m_direct = m_tcp && (m_tcp->openMode() & QIODevice::Unbuffered) && !qobject_cast<QSslSocket *>(m_tcp);
    if (m_direct) {
        // Built disabled (the descriptor constructor would enable it at once, taking the write
        // slot Qt's own notifier may still hold right after connecting): enabled only while
        // the kernel has refused bytes, when Qt's notifier is idle.
        m_writable = new QSocketNotifier(QSocketNotifier::Write, this);
        m_writable->setSocket(m_tcp->socketDescriptor());
        connect(m_writable, &QSocketNotifier::activated, this, &StreamConnection::writePending);
        connect(m_tcp, &QAbstractSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
            // Qt closed the descriptor (or is about to): the notifier must not outlive it.
            if (state != QAbstractSocket::ConnectedState && state != QAbstractSocket::ClosingState && m_writable) {
                dropPending();
                delete std::exchange(m_writable, nullptr);
            }
        });
    }
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

qint64 StreamConnection::queuedBytes() const
{
    return m_device->bytesToWrite() + m_batchBytes + m_pendingBytes;
}

void StreamConnection::prependReceived(const QByteArray &bytes)
{
    countReceivedBytes(bytes.size());
    m_reader.feed(bytes);
}

void StreamConnection::writeBytes(const QByteArray &bytes)
{
    if (!m_direct) {
        m_device->write(bytes);
        return;
    }
    if (WriteBatch::isOpen()) {
        // Small frames are copied together (one iovec for many); large ones are shared as is.
        constexpr qsizetype SmallFrame = 4096;
        if (bytes.size() < SmallFrame && !m_batch.isEmpty() && m_batch.constLast().size() < 64 * 1024
            && m_batchLastIsCopy) {
            m_batch.last().append(bytes);
        } else if (bytes.size() < SmallFrame) {
            // A copy of its own to append to (grows as Qt grows byte arrays; no fixed reserve:
            // a 4 KiB block per batch made glibc consolidate its fast bins every time).
            m_batch.append(QByteArray(bytes.constData(), bytes.size()));
            m_batchLastIsCopy = true;
        } else {
            m_batch.append(bytes);
            m_batchLastIsCopy = false;
        }
        m_batchBytes += bytes.size();
        return;
    }
    writeDirect(&bytes, 1);
}

void StreamConnection::writeFrame(const Frame &frame)
{
    if (m_direct && frame.isSplit() && !WriteBatch::isOpen()) {
        const QByteArray pieces[] = {frame.head(), frame.body()};
        writeDirect(pieces, 2);   // one sendmsg for both
        return;
    }
    Connection::writeFrame(frame);
}

namespace {

// Sends the pieces in [first, last) (the first from `offset`) with as few sendmsg() calls as
// the iovec limit allows. Returns the bytes the kernel took (it stops taking when full), or -1
// with the socket's error in *error.
template <typename It>
qint64 sendPieces(int fd, It first, It last, qsizetype offset, int *error)
{
    constexpr int MaxIov = 64;
    qint64 total = 0;
    while (first != last) {
        iovec iov[MaxIov];
        int n = 0;
        qint64 wanted = 0;
        for (; first != last && n < MaxIov; ++first, ++n) {
            iov[n].iov_base = const_cast<char *>(first->constData() + offset);
            iov[n].iov_len = size_t(first->size() - offset);
            wanted += first->size() - offset;
            offset = 0;
        }
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = size_t(n);
        ssize_t sent;
        do {
            sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
                return total;   // full
            *error = errno;
            return -1;
        }
        total += sent;
        if (sent < wanted)
            return total;
    }
    return total;
}

} // namespace

void StreamConnection::writeDirect(const QByteArray *pieces, qsizetype count)
{
    if (m_tcp->state() != QAbstractSocket::ConnectedState)
        return;   // gone (the reader or Qt reports why); nothing can be sent any more
    if (m_pendingBytes > 0) {
        // Behind what waits for the socket: keep the order.
        for (qsizetype i = 0; i < count; ++i) {
            m_pending.push_back(pieces[i]);
            m_pendingBytes += pieces[i].size();
        }
        return;
    }
    int error = 0;
    const qint64 sent = sendPieces(int(m_tcp->socketDescriptor()), pieces, pieces + count, 0, &error);
    if (sent < 0) {
        failDirect(error);
        return;
    }
    // The kernel took part: the rest waits, shared (the piece it stopped in from an offset).
    qint64 skip = sent;
    for (qsizetype i = 0; i < count; ++i) {
        if (skip >= pieces[i].size()) {
            skip -= pieces[i].size();
            continue;
        }
        if (m_pending.isEmpty())
            m_pendingOffset = skip;
        m_pending.push_back(pieces[i]);
        m_pendingBytes += pieces[i].size() - skip;
        skip = 0;
    }
    if (m_pendingBytes > 0)
        m_writable->setEnabled(true);
    if (sent > 0)
        onBytesWritten(sent);   // last: a handler told "drained" may send again at once
}

void StreamConnection::writePending()
{
    int error = 0;
    const qint64 sent = sendPieces(int(m_tcp->socketDescriptor()), m_pending.cbegin(), m_pending.cend(),
                                   m_pendingOffset, &error);
    if (sent < 0) {
        failDirect(error);
        return;
    }
    m_pendingBytes -= sent;
    for (qint64 left = sent; left > 0;) {
        const qint64 rest = m_pending.front().size() - m_pendingOffset;
        if (left < rest) {
            m_pendingOffset += left;
            break;
        }
        left -= rest;
        m_pending.removeFirst();
        m_pendingOffset = 0;
    }
    if (m_pending.isEmpty()) {
        m_writable->setEnabled(false);
        if (m_disconnectWhenWritten)
            disconnectCarrier();
    }
    if (sent > 0)
        onBytesWritten(sent);
}

void StreamConnection::failDirect(int error)
{
    // Said here: the kernel reports a socket's error once, and Qt would only see what follows
    // it (EPIPE, then an invalid descriptor).
    dropPending();
    const auto kind = error == ETIMEDOUT                     ? QAbstractSocket::SocketTimeoutError
                      : error == EPIPE || error == ECONNRESET ? QAbstractSocket::RemoteHostClosedError
                                                              : QAbstractSocket::NetworkError;
    peerClosed(endReason(kind, QString::fromLocal8Bit(std::strerror(error))), endCause(kind));
}

void StreamConnection::dropPending()
{
    m_pending.clear();
    m_pendingOffset = 0;
    m_pendingBytes = 0;
    if (m_writable)
        m_writable->setEnabled(false);
}

void StreamConnection::flushCarrier()
{
    if (!m_direct) {
        if (m_tcp)
            m_tcp->flush();
        else
            m_local->flush();
        return;
    }
    if (m_batch.isEmpty())
        return;
    const QList<QByteArray> batch = std::exchange(m_batch, {});
    m_batchBytes = 0;
    m_batchLastIsCopy = false;
    writeDirect(batch.constData(), batch.size());
}

void StreamConnection::readAvailable()
{
    // Re-entrancy guard: a handler may pause/resume us (backpressure) while we deliver.
    if (m_inRead)
        return;
    const WriteBatch batch;   // what these frames make us send leaves when they are all handled
    if (m_direct) {
        readDirect();
        return;
    }
    m_inRead = true;
    for (;;) {
        deliverReady();
        if (isReadingPaused() || isClosing() || m_device->bytesAvailable() <= 0)
            break;
        const qint64 before = m_device->bytesAvailable();
        m_reader.readFrom(m_device);
        countReceivedBytes(before - m_device->bytesAvailable());
        if (m_reader.hasError()) {
            closeOnReaderError();
            break;
        }
    }
    m_inRead = false;
}

void StreamConnection::readDirect()
{
    // Small reads go through one scratch buffer per thread: nothing stays allocated per
    // connection between reads.
    constexpr qsizetype ScratchSize = 64 * 1024;
    thread_local std::unique_ptr<char[]> scratch(new char[ScratchSize]);
    m_inRead = true;
    QString ended;
    CloseCause endedBy = CloseCause::PeerClosed;
    bool last = false;   // deliver what has arrived, then stop reading
    for (;;) {
        deliverReady();
        if (last || isReadingPaused() || isClosing())
            break;
        bool drained = false;
        const qint64 n = m_reader.readOnceFrom(m_tcp, scratch.get(), ScratchSize, &drained);
        if (n > 0)
            countReceivedBytes(n);
        if (m_reader.hasError()) {
            closeOnReaderError();
            break;
        }
        if (n < 0) {
            // Unbuffered, Qt reports the end only to the reader, and without a signal.
            ended = endReason(m_tcp->error(), m_tcp->errorString());
            endedBy = endCause(m_tcp->error());
        }
        // At the end, or when the kernel had no more: the read re-armed Qt's notifier, which
        // calls us again when bytes come (one read fewer per wake-up than reading until "none").
        last = n < 0 || drained;
    }
    m_inRead = false;
    if (!ended.isEmpty())
        peerClosed(ended, endedBy);
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

void StreamConnection::setCarrierPaused(bool)
{
    // Nothing to do: readAvailable() stops consuming while paused. Buffered, Qt's read buffer
    // fills to ReadBufferSize and then Qt stops reading the socket; direct, the bytes stay in the
    // kernel at once. Either way the kernel pushes back on the peer.
}

void StreamConnection::closeCarrier()
{
    flushCarrier();   // frames of an open batch leave before the close
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
    if (m_pendingBytes > 0)
        m_disconnectWhenWritten = true;   // Qt does not know these bytes: it would drop them
    else
        disconnectCarrier();
}

void StreamConnection::disconnectCarrier()
{
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
