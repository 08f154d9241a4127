#pragma once

#include "streamconnection.h"

#include <QList>

class QSocketNotifier;
class QTcpSocket;

namespace daffi {

// Plain TCP on an unbuffered QTcpSocket: reads go from the kernel into the frame reader, writes
// to the kernel at once, so an idle connection holds no buffers. Frames of one WriteBatch wait in
// a batch (shared, not copied) and leave in one sendmsg(). What the kernel refuses waits, shared
// too, until a write notifier says the socket takes more; Qt's own write buffer is not used, so
// the kernel's errors reach us first-hand (Qt reports the EPIPE after an ETIMEDOUT as "remote
// host closed").
class DirectTcpConnection final : public StreamConnection
{
    Q_OBJECT

public:
    // Takes ownership of the socket, which must be connected and opened Unbuffered.
    DirectTcpConnection(QTcpSocket *socket, const Limits &limits, QObject *parent = nullptr);

    qint64 queuedBytes() const override;

protected:
    void writeBytes(const QByteArray &bytes) override;
    void writeFrame(const Frame &frame) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;
    void abortCarrier() override;

private:
    void writeNow(const QByteArray *pieces, qsizetype count);
    void writePending();        // the socket takes more
    void fail(int error);       // the kernel reported `error` (errno) on a write
    void dropPending();
    void disconnectCarrier();

    QTcpSocket *m_socket;
    QList<QByteArray> m_batch;
    qint64 m_batchBytes = 0;
    bool m_batchLastIsCopy = false;   // m_batch's last entry is ours to append small frames to
    QList<QByteArray> m_pending;      // (an empty QList allocates nothing; a std::deque would)
    qsizetype m_pendingOffset = 0;    // of the first pending piece, already sent
    qint64 m_pendingBytes = 0;
    QSocketNotifier *m_writable = nullptr;
    bool m_disconnectWhenWritten = false;   // closing: disconnect once m_pending is sent
};

} // namespace daffi
