#pragma once

#include "streamconnection.h"

namespace daffi {

// A connection through Qt's socket buffers: QSslSocket (after encryption), and plain sockets in
// tests that compare the two carriers (daffi's plain TCP and Unix sockets go unbuffered: see
// DirectStreamConnection).
// Writes go to the socket's write buffer and leave as Qt schedules them (at once when a
// WriteBatch closes); reads fill Qt's read buffer up to ReadBufferSize, beyond which the kernel
// holds the bytes, which is what turns "stop reading" into backpressure on the peer.
class BufferedStreamConnection final : public StreamConnection
{
    Q_OBJECT

public:
    // Take ownership of the socket.
    BufferedStreamConnection(QAbstractSocket *socket, Transport transport, const Limits &limits,
                             QObject *parent = nullptr);

    qint64 queuedBytes() const override;

protected:
    void writeBytes(const QByteArray &bytes) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;
    void abortCarrier() override;

private:
    QAbstractSocket *m_socket;
};

} // namespace daffi
