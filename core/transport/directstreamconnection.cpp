#include "directstreamconnection.h"

#include <QHostAddress>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/uio.h>

namespace daffi {

namespace {

QString describe(QAbstractSocket *s)
{
    return QStringLiteral("%1:%2").arg(s->peerAddress().toString()).arg(s->peerPort());
}

// Sends the slices in [first, last) with as few sendmsg() calls as the iovec limit allows.
// Returns the bytes the kernel took (it stops taking when full), or -1 with the socket's error
// in *error.
template <typename It>
qint64 sendPieces(int fd, It first, It last, int *error)
{
    constexpr int MaxIov = 64;
    qint64 total = 0;
    while (first != last) {
        iovec iov[MaxIov];
        int n = 0;
        qint64 wanted = 0;
        for (; first != last && n < MaxIov; ++first, ++n) {
            iov[n].iov_base = const_cast<char *>(first->data());
            iov[n].iov_len = size_t(first->size());
            wanted += first->size();
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

// The buffers a batch copies its small frames into, kept per thread from one batch to the next:
// a fresh buffer per batch made every batch allocate, grow and fault in up to 64 KiB anew (a
// fifth of the router's CPU when it forwards small frames). A buffer comes back only when the
// kernel took all of it (nothing else holds it), so an idle connection still holds nothing. A
// fresh one is only as large as its first frame (a pass that writes one frame to each of 10,000
// members must not reserve 64 KiB for each) and grows to the most a batch holds at its second.
class CopyBuffers
{
public:
    static constexpr qsizetype Capacity = 68 * 1024;   // a batch starts a new one past 64 KiB

    static QByteArray take()
    {
        auto &pool = free();
        if (pool.empty())
            return {};
        QByteArray b = std::move(pool.back());
        pool.pop_back();
        return b;
    }

    static void giveBack(QByteArray &&b)
    {
        auto &pool = free();
        if (!b.isDetached() || b.capacity() > Capacity || pool.size() >= MaxKept)
            return;   // still shared (the kernel refused part of it), or grown, or enough kept
        b.resize(0);  // keeps the capacity: it is not shared
        pool.push_back(std::move(b));
    }

private:
    static constexpr std::size_t MaxKept = 8;

    static std::vector<QByteArray> &free()
    {
        thread_local std::vector<QByteArray> pool;
        return pool;
    }
};

} // namespace

DirectStreamConnection *DirectStreamConnection::adopt(qintptr descriptor, Transport transport, const QString &peer,
                                                      const QByteArray &early, const Limits &limits, QObject *parent,
                                                      int *error)
{
    const int fd = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        *error = errno;
        return nullptr;
    }
    // A Unix socket works in a QTcpSocket too: Qt's own QLocalSocket is one inside.
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(fd, QAbstractSocket::ConnectedState, QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        ::close(fd);
        delete socket;
        *error = EBADF;
        return nullptr;
    }
    auto *c = new DirectStreamConnection(socket, transport, peer, limits, parent);
    if (!early.isEmpty())
        c->prependReceived(early);
    return c;
}

DirectStreamConnection::DirectStreamConnection(QTcpSocket *socket, const Limits &limits, QObject *parent)
    : DirectStreamConnection(socket, Transport::Tcp, describe(socket), limits, parent)
{
}

DirectStreamConnection::DirectStreamConnection(QTcpSocket *socket, Transport transport, const QString &peer,
                                               const Limits &limits, QObject *parent)
    : StreamConnection(socket, transport, peer, limits, parent), m_socket(socket)
{
    Q_ASSERT(socket->openMode() & QIODevice::Unbuffered);
    // Unbuffered, Qt keeps no read buffer, but setReadBufferSize() on a connected socket also
    // re-arms its read notifier, which an adopted or freshly connected socket may have left off:
    // without it the first bytes can wait for another event (tst_router slowReceiverBoundsMemory
    // and tst_client nowaitThenStopStillDelivers fail).
    socket->setReadBufferSize(256 * 1024);
    watch(socket);
    // Built disabled (the descriptor constructor would enable it at once, taking the write slot
    // Qt's own notifier may still hold right after connecting): enabled only while the kernel
    // has refused bytes, when Qt's notifier is idle.
    m_writable = new QSocketNotifier(QSocketNotifier::Write, this);
    m_writable->setSocket(socket->socketDescriptor());
    connect(m_writable, &QSocketNotifier::activated, this, &DirectStreamConnection::writePending);
    connect(socket, &QAbstractSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        // Qt closed the descriptor (or is about to): the notifier must not outlive it.
        if (state != QAbstractSocket::ConnectedState && state != QAbstractSocket::ClosingState && m_writable) {
            dropPending();
            delete std::exchange(m_writable, nullptr);
        }
    });
}

qint64 DirectStreamConnection::queuedBytes() const
{
    return m_batchBytes + m_pendingBytes;
}

void DirectStreamConnection::writeBytes(const QByteArray &bytes)
{
    if (WriteBatch::isOpen())
        batch(Slice{bytes});
    else
        writeNow(std::array{Slice{bytes}}.data(), 1);
}

void DirectStreamConnection::writeEncoded(const QByteArray &frames, qsizetype offset)
{
    if (WriteBatch::isOpen())
        batch(Slice{frames, offset});
    else
        writeNow(std::array{Slice{frames, offset}}.data(), 1);
}

void DirectStreamConnection::writeFrame(const Frame &frame)
{
    if (frame.isSplit() && !WriteBatch::isOpen()) {
        const std::array pieces{Slice{frame.head()}, Slice{frame.body()}};
        writeNow(pieces.data(), 2);   // one sendmsg for both
        return;
    }
    Connection::writeFrame(frame);
}

void DirectStreamConnection::batch(Slice slice)
{
    // Small pieces are copied together (one iovec for many); large ones are shared as they are.
    constexpr qsizetype SmallPiece = 4096;
    const qsizetype size = slice.size();
    if (size < SmallPiece && m_batchLastIsCopy && m_batch.constLast().size() < 64 * 1024) {
        QByteArray &copy = m_batch.last().bytes;
        if (copy.size() + size > copy.capacity())
            copy.reserve(CopyBuffers::Capacity);   // more than one frame: grown once, to the most it holds
        copy.append(slice.data(), size);
    } else if (size < SmallPiece) {
        // A copy of its own to append to, from the thread's recycled buffers.
        QByteArray copy = CopyBuffers::take();
        copy.append(slice.data(), size);
        m_batch.append(Slice{std::move(copy), 0, true});
        m_batchLastIsCopy = true;
    } else {
        m_batch.append(std::move(slice));
        m_batchLastIsCopy = false;
    }
    m_batchBytes += size;
}

void DirectStreamConnection::writeNow(const Slice *pieces, qsizetype count)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
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
    const qint64 sent = sendPieces(int(m_socket->socketDescriptor()), pieces, pieces + count, &error);
    if (sent < 0) {
        fail(error);
        return;
    }
    // The kernel took part: the rest waits, shared (the piece it stopped in from an offset).
    qint64 skip = sent;
    for (qsizetype i = 0; i < count; ++i) {
        if (skip >= pieces[i].size()) {
            skip -= pieces[i].size();
            continue;
        }
        m_pending.push_back(Slice{pieces[i].bytes, pieces[i].from + skip});
        m_pendingBytes += pieces[i].size() - skip;
        skip = 0;
    }
    if (m_pendingBytes > 0)
        m_writable->setEnabled(true);
    if (sent > 0)
        onBytesWritten(sent);   // last: a handler told "drained" may send again at once
}

void DirectStreamConnection::writePending()
{
    int error = 0;
    const qint64 sent = sendPieces(int(m_socket->socketDescriptor()), m_pending.cbegin(), m_pending.cend(), &error);
    if (sent < 0) {
        fail(error);
        return;
    }
    m_pendingBytes -= sent;
    for (qint64 left = sent; left > 0;) {
        Slice &front = m_pending.front();
        if (left < front.size()) {
            front.from += left;
            break;
        }
        left -= front.size();
        m_pending.removeFirst();
    }
    if (m_pending.isEmpty()) {
        m_writable->setEnabled(false);
        if (m_disconnectWhenWritten)
            disconnectCarrier();
    }
    if (sent > 0)
        onBytesWritten(sent);
}

void DirectStreamConnection::fail(int error)
{
    // Said here: the kernel reports a socket's error once, and Qt would only see what follows
    // it (EPIPE, then an invalid descriptor).
    dropPending();
    const auto kind = error == ETIMEDOUT                     ? QAbstractSocket::SocketTimeoutError
                      : error == EPIPE || error == ECONNRESET ? QAbstractSocket::RemoteHostClosedError
                                                              : QAbstractSocket::NetworkError;
    peerClosed(endReason(kind, QString::fromLocal8Bit(std::strerror(error))), endCause(kind));
}

void DirectStreamConnection::dropPending()
{
    m_pending.clear();
    m_pendingBytes = 0;
    if (m_writable)
        m_writable->setEnabled(false);
}

void DirectStreamConnection::flushCarrier()
{
    if (m_batch.isEmpty())
        return;
    QList<Slice> batch = std::exchange(m_batch, {});
    m_batchBytes = 0;
    m_batchLastIsCopy = false;
    writeNow(batch.constData(), batch.size());
    for (Slice &slice : batch) {
        if (slice.copy)
            CopyBuffers::giveBack(std::move(slice.bytes));
    }
}

void DirectStreamConnection::readAvailable()
{
    if (m_inRead)
        return;
    const WriteBatch batch;   // what these frames make us send leaves when they are all handled
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
        const qint64 n = m_reader.readOnceFrom(m_socket, scratch.get(), ScratchSize, &drained);
        if (n > 0)
            countReceivedBytes(n);
        if (m_reader.hasError()) {
            closeOnReaderError();
            break;
        }
        if (n < 0) {
            // Unbuffered, Qt reports the end only to the reader, and without a signal.
            ended = endReason(m_socket->error(), m_socket->errorString());
            endedBy = endCause(m_socket->error());
        }
        // At the end, or when the kernel had no more: the read re-armed Qt's notifier, which
        // calls us again when bytes come (one read fewer per wake-up than reading until "none").
        last = n < 0 || drained;
    }
    m_inRead = false;
    if (!ended.isEmpty())
        peerClosed(ended, endedBy);
}

void DirectStreamConnection::setCarrierPaused(bool)
{
    // Nothing to do: readAvailable() stops reading while paused and the bytes stay in the
    // kernel, which pushes back on the peer.
}

void DirectStreamConnection::closeCarrier()
{
    flushCarrier();   // frames of an open batch leave before the close
    limitGracefulClose();
    if (m_pendingBytes > 0)
        m_disconnectWhenWritten = true;   // Qt does not know these bytes: it would drop them
    else
        disconnectCarrier();
}

void DirectStreamConnection::disconnectCarrier()
{
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finished();
}

void DirectStreamConnection::abortCarrier()
{
    m_socket->abort();
}

} // namespace daffi
