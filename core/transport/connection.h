#pragma once

#include <core/protocol/frame.h>

#include <QDateTime>
#include <QObject>
#include <QString>

#include <algorithm>
#include <chrono>

class QTimer;

namespace daffi {

class Connection;

// Receives the frames a connection reads. A plain interface rather than a signal because it sits
// on the per-frame path; lifecycle changes are signals.
class FrameHandler
{
public:
    virtual ~FrameHandler() = default;
    virtual void frameReceived(Connection *connection, Frame &&frame) = 0;
};

// Frames sent while a WriteBatch is open on the thread leave when the outermost batch closes,
// with one write per connection: a batch of input (the bytes of one read, a queue of calls
// handed over from another thread) turns into one write per peer, straight away, instead of one
// write per frame or a write deferred to the next pass of the event loop. Outside a batch,
// frames leave at once on plain TCP (unbuffered) and on the next pass, as Qt schedules them, on
// the other carriers.
class WriteBatch
{
public:
    WriteBatch();
    ~WriteBatch();
    WriteBatch(const WriteBatch &) = delete;
    WriteBatch &operator=(const WriteBatch &) = delete;

    static bool isOpen();
};

// One peer: frames in, frames out, whatever carries them (TCP, TLS, Unix socket, WebSocket).
// Lives on the thread of the event loop that owns its socket; not thread-safe.
//
// Writes never block: frames queue in the carrier's write buffer. queuedBytes() above the high
// water mark makes isWriteQueueFull() true; writeQueueDrained() fires once it falls below the low
// water mark again. A queue that stays full without any progress for writeStallTimeout closes
// the connection: a peer that stopped reading must not hold memory (or its senders) forever.
class Connection : public QObject
{
    Q_OBJECT

public:
    enum class Transport { Tcp, Tls, Unix, WebSocket, SecureWebSocket };
    Q_ENUM(Transport)

    // Why a connection ended, for observers that count by kind (the reason text is for people).
    enum class CloseCause {
        PeerClosed,         // the peer closed or reset it
        WriteStall,         // the peer stopped reading our writes (writeStallTimeout)
        PeerTimeout,        // the kernel gave up on the peer (TCP_USER_TIMEOUT)
        ProtocolError,      // the peer sent bytes or frames the protocol does not allow
        Evicted,            // another connection took its member name
        HandshakeTimeout,   // no valid hello within the deadline
        Other,              // closed by us for another reason (the node stopped, ...)
    };
    Q_ENUM(CloseCause)

    struct Limits
    {
        std::uint32_t maxMsgLen = Header::MaxMsgLen;
        qint64 highWater = 8 * 1024 * 1024;
        qint64 lowWater = 2 * 1024 * 1024;
        std::chrono::milliseconds writeStallTimeout = std::chrono::seconds(30);
        // TCP: how long sent bytes may stay unacknowledged, or the peer's receive window closed,
        // before the kernel drops the connection (TCP_USER_TIMEOUT, 25 s like the reference).
        // Never shorter than writeStallTimeout: a live peer that reads slowly is judged by the
        // stall policy, not cut off earlier by the kernel.
        std::chrono::milliseconds deadPeerTimeout = std::chrono::seconds(25);

        std::chrono::milliseconds tcpUserTimeout() const { return std::max(deadPeerTimeout, writeStallTimeout); }
    };

    ~Connection() override;

    quint64 id() const { return m_id; }
    Transport transport() const { return m_transport; }
    static QString transportName(Transport transport);
    QString peerAddress() const { return m_peerAddress; }
    QDateTime connectedAt() const { return m_connectedAt; }
    const Limits &limits() const { return m_limits; }

    void setHandler(FrameHandler *handler) { m_handler = handler; }
    // Starts delivering frames (call after setHandler; bytes that arrived earlier are kept).
    void start();

    // Queues the frame's bytes; a no-op once the connection is closing.
    void send(const Frame &frame);
    // `count` whole frames, already encoded back to back in `frames`, from `offset` to the end:
    // what a router announces to many members is built once and shared by all of them (the
    // direct TCP carrier keeps a reference, not a copy, of what the kernel does not take at once).
    void sendEncoded(const QByteArray &frames, qsizetype offset, int count);
    // Bytes outside any frame: only the client's probe (PROTOCOL.md §2.1).
    void sendRaw(const QByteArray &bytes);
    virtual qint64 queuedBytes() const = 0;
    bool isWriteQueueFull() const { return queuedBytes() >= m_limits.highWater; }

    // Backpressure: stop taking bytes from the peer (the kernel's buffers then push back on it).
    void pauseReading();
    void resumeReading();
    bool isReadingPaused() const { return m_paused; }

    // Stops reading, lets queued frames go out, then closes. closed() is emitted at once, exactly
    // once; the object deletes itself when the carrier has finished.
    void close(const QString &reason, CloseCause cause = CloseCause::Other);
    bool isClosing() const { return m_closing; }
    // Set when closed() is emitted.
    CloseCause closeCause() const { return m_closeCause; }

    quint64 bytesReceived() const { return m_bytesIn; }
    quint64 bytesSent() const { return m_bytesOut; }
    quint64 framesReceived() const { return m_framesIn; }
    quint64 framesSent() const { return m_framesOut; }

Q_SIGNALS:
    void closed(const QString &reason);
    void writeQueueDrained();

protected:
    Connection(Transport transport, QString peerAddress, const Limits &limits, QObject *parent);

    // Carrier hooks.
    virtual void writeBytes(const QByteArray &bytes) = 0;
    // A frame's bytes: by default its pieces one after the other (see Frame::isSplit()).
    virtual void writeFrame(const Frame &frame);
    // Encoded frames from `offset` (sendEncoded); by default as bytes.
    virtual void writeEncoded(const QByteArray &frames, qsizetype offset);
    virtual void readAvailable() = 0;       // read and deliver() until paused or out of bytes
    virtual void setCarrierPaused(bool paused) = 0;
    virtual void closeCarrier() = 0;        // graceful: flush, then close; calls finished() later
    virtual void flushCarrier() = 0;        // write what is queued now, as far as the socket takes it

    // For carriers: hand one frame to the handler and count it.
    void deliver(Frame &&frame);
    // The peer went away or the carrier failed.
    void peerClosed(const QString &reason, CloseCause cause = CloseCause::PeerClosed);
    // The carrier is done (closed and flushed): schedule deletion.
    void finished();
    // Accounting and flow control after the carrier wrote bytes.
    void onBytesWritten(qint64 bytes);
    void countReceivedBytes(qint64 bytes) { m_bytesIn += quint64(bytes); }

    bool m_started = false;

private:
    friend class WriteBatch;
    void wrote();
    void checkStall();

    const quint64 m_id;
    const Transport m_transport;
    const QString m_peerAddress;
    const QDateTime m_connectedAt;
    const Limits m_limits;
    FrameHandler *m_handler = nullptr;
    bool m_paused = false;
    bool m_closing = false;
    CloseCause m_closeCause = CloseCause::Other;
    bool m_aboveHighWater = false;
    bool m_inWriteBatch = false;   // listed for the thread's open WriteBatch
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
    quint64 m_framesIn = 0;
    quint64 m_framesOut = 0;
    QTimer *m_stallTimer = nullptr;
};

} // namespace daffi
