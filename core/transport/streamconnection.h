#pragma once

#include "connection.h"

#include <core/protocol/framereader.h>

#include <QList>

class QAbstractSocket;
class QLocalSocket;
class QIODevice;

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

    // Socket-level tuning shared by accepted and outgoing TCP sockets: no Nagle delay, and
    // keepalive that notices a dead peer in about 25 s (PROTOCOL.md §2.1).
    static void tuneTcpSocket(QAbstractSocket *socket);

protected:
    void writeBytes(const QByteArray &bytes) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;

private:
    void init();
    void onDisconnected();
    void readDirect();
    void deliverReady();         // frames read so far, while neither paused nor closing
    void closeOnReaderError();
    void writeDirect(const QByteArray *pieces, qsizetype count);

    QIODevice *m_device;
    QAbstractSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    FrameReader m_reader;
    bool m_inRead = false;
    // Plain TCP runs on an unbuffered QTcpSocket: reads go from the kernel into the frame
    // reader, writes to the kernel at once; Qt buffers only what the kernel refuses, so an idle
    // connection holds no buffers. Frames of one WriteBatch wait in m_batch (shared, not
    // copied) and leave in one sendmsg().
    bool m_direct = false;
    QList<QByteArray> m_batch;
    qint64 m_batchBytes = 0;
    bool m_batchLastIsCopy = false;   // m_batch's last entry is ours to append small frames to
};

} // namespace daffi
