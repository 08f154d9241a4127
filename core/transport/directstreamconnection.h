#pragma once

#include "streamconnection.h"

#include <QList>

class QSocketNotifier;
class QTcpSocket;

namespace daffi {

// Plain TCP or a Unix socket, on an unbuffered QTcpSocket (Qt's QLocalSocket keeps one itself
// for Unix sockets): reads go from the kernel into the frame reader, writes to the kernel at
// once, so an idle connection holds no buffers. Frames of one WriteBatch wait in
// a batch (shared, not copied) and leave in one sendmsg(). What the kernel refuses waits, shared
// too, until a write notifier says the socket takes more; Qt's own write buffer is not used, so
// the kernel's errors reach us first-hand (Qt reports the EPIPE after an ETIMEDOUT as "remote
// host closed").
class DirectStreamConnection final : public StreamConnection
{
    Q_OBJECT

public:
    // Takes ownership of the socket, which must be connected and opened Unbuffered.
    DirectStreamConnection(QTcpSocket *socket, const Limits &limits, QObject *parent = nullptr);

    // Continues a connected socket of another Qt socket (which needed Qt's buffer, to sniff or
    // to connect) on a duplicate of its descriptor: `early` (what that socket had already read)
    // is parsed first. The caller then aborts the old socket, which closes only its descriptor.
    // nullptr with errno in *error when the descriptor cannot be duplicated or adopted.
    static DirectStreamConnection *adopt(qintptr descriptor, Transport transport, const QString &peer,
                                         const QByteArray &early, const Limits &limits, QObject *parent,
                                         int *error);

    qint64 queuedBytes() const override;

protected:
    void writeBytes(const QByteArray &bytes) override;
    void writeFrame(const Frame &frame) override;
    void writeEncoded(const QByteArray &frames, qsizetype offset) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;
    void abortCarrier() override;

private:
    DirectStreamConnection(QTcpSocket *socket, Transport transport, const QString &peer, const Limits &limits,
                           QObject *parent);

    // Bytes shared with whoever made them, from an offset (no copy of what the kernel refuses).
    struct Slice
    {
        QByteArray bytes;
        qsizetype from = 0;
        bool copy = false;   // a batch's copy of small frames (see CopyBuffers)
        const char *data() const { return bytes.constData() + from; }
        qsizetype size() const { return bytes.size() - from; }
    };

    void batch(Slice slice);
    void writeNow(const Slice *pieces, qsizetype count);
    void writePending();        // the socket takes more
    void fail(int error);       // the kernel reported `error` (errno) on a write
    void dropPending();
    void disconnectCarrier();

    QTcpSocket *m_socket;
    QList<Slice> m_batch;
    qint64 m_batchBytes = 0;
    bool m_batchLastIsCopy = false;   // m_batch's last entry is ours to append small frames to
    QList<Slice> m_pending;           // (an empty QList allocates nothing; a std::deque would)
    qint64 m_pendingBytes = 0;
    QSocketNotifier *m_writable = nullptr;
    bool m_disconnectWhenWritten = false;   // closing: disconnect once m_pending is sent
};

} // namespace daffi
