#pragma once

#include "connection.h"

#include <core/protocol/framereader.h>

#include <QAbstractSocket>

class QIODevice;

namespace daffi {

// What every connection over a byte stream shares, whichever way it writes: the frame reader,
// the end of the stream (frames that arrived just before the peer closed are still delivered),
// the reasons a socket ended, and the bounded wait of a graceful close. The daffi probe has
// already been consumed by whoever accepted or opened the socket.
//
// Two carriers: BufferedStreamConnection (TLS, through Qt's socket buffers) and
// DirectStreamConnection (plain TCP and Unix sockets, unbuffered, straight to the kernel).
class StreamConnection : public Connection
{
    Q_OBJECT

public:
    // Bytes that were read from the socket before this connection took it over (the rest of an
    // admission read): they are parsed before anything the socket delivers from now on.
    void prependReceived(const QByteArray &bytes);

    // Socket-level tuning shared by accepted and outgoing TCP sockets: no Nagle delay, keepalive
    // that notices a dead peer in about 25 s (PROTOCOL.md §2.1), and TCP_USER_TIMEOUT at
    // limits.tcpUserTimeout().
    static void tuneTcpSocket(QAbstractSocket *socket, const Limits &limits);

protected:
    // Takes ownership of the device (re-parented to this connection).
    StreamConnection(QIODevice *device, Transport transport, QString peerAddress, const Limits &limits,
                     QObject *parent);

    // Connect the socket's end-of-stream and error signals (call once from the constructor).
    void watch(QAbstractSocket *socket);
    QString endReason(QAbstractSocket::SocketError error, const QString &text) const;
    static CloseCause endCause(QAbstractSocket::SocketError error);

    // The frames read so far, while neither paused nor closing.
    void deliverReady();
    void closeOnReaderError();
    // Closing: after writeStallTimeout the carrier is aborted, flushed or not.
    void limitGracefulClose();
    virtual void abortCarrier() = 0;

    QIODevice *const m_device;
    FrameReader m_reader;
    bool m_inRead = false;   // re-entrancy guard: a handler may pause/resume us while we deliver

private:
    void onDisconnected();
};

} // namespace daffi
