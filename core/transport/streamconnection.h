#pragma once

#include "connection.h"

#include <core/protocol/framereader.h>

#include <QAbstractSocket>
#include <QList>

class QLocalSocket;
class QIODevice;
class QSocketNotifier;

namespace daffi {

// A connection over a byte stream: QTcpSocket, QSslSocket (after encryption) or QLocalSocket.
// The daffi probe has already been consumed by whoever accepted or opened the socket.
class StreamConnection final : public Connection
{
    Q_OBJECT

public:
    // Takes ownership of the socket (re-parented to this connection).
    StreamConnection(QAbstractSocket *socket, Transport transport, const Limits &limits,
                     QObject *parent = nullptr);
    StreamConnection(QLocalSocket *socket, const Limits &limits, QObject *parent = nullptr);

    qint64 queuedBytes() const override;

    // Bytes that were read from the socket before this connection took it over (the rest of an
    // admission read): they are parsed before anything the socket delivers from now on.
    void prependReceived(const QByteArray &bytes);

    // Socket-level tuning shared by accepted and outgoing TCP sockets: no Nagle delay, keepalive
    // that notices a dead peer in about 25 s (PROTOCOL.md §2.1), and TCP_USER_TIMEOUT at
    // limits.tcpUserTimeout().
    static void tuneTcpSocket(QAbstractSocket *socket, const Limits &limits);

protected:
    void writeBytes(const QByteArray &bytes) override;
    void writeFrame(const Frame &frame) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;

private:
    void init();
    void onDisconnected();
    QString endReason(QAbstractSocket::SocketError error, const QString &text) const;
    static CloseCause endCause(QAbstractSocket::SocketError error);
    void readDirect();
    void deliverReady();         // frames read so far, while neither paused nor closing
    void closeOnReaderError();
    void writeDirect(const QByteArray *pieces, qsizetype count);
    void writePending();        // direct: the socket takes more
    void failDirect(int error); // direct: the kernel reported `error` (errno) on a write
    void dropPending();
    void disconnectCarrier();

    QIODevice *m_device;
    QAbstractSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    FrameReader m_reader;
    bool m_inRead = false;
    // Plain TCP runs on an unbuffered QTcpSocket: reads go from the kernel into the frame
    // reader, writes to the kernel at once, so an idle connection holds no buffers. Frames of
    // one WriteBatch wait in m_batch (shared, not copied) and leave in one sendmsg(). What the
    // kernel refuses waits in m_pending (shared too) until m_writable says the socket takes
    // more; Qt's own write buffer is not used, so the kernel's errors reach us first-hand.
    bool m_direct = false;
    QList<QByteArray> m_batch;
    qint64 m_batchBytes = 0;
    bool m_batchLastIsCopy = false;   // m_batch's last entry is ours to append small frames to
    QList<QByteArray> m_pending;   // (an empty QList allocates nothing; a std::deque would)
    qsizetype m_pendingOffset = 0;    // of the first pending piece, already sent
    qint64 m_pendingBytes = 0;
    QSocketNotifier *m_writable = nullptr;
    bool m_disconnectWhenWritten = false;   // closing: disconnect once m_pending is sent
};

} // namespace daffi
