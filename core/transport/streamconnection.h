#pragma once

#include "connection.h"

#include <core/protocol/framereader.h>

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

    QIODevice *m_device;
    QAbstractSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    FrameReader m_reader;
    bool m_inRead = false;
};

} // namespace daffi
