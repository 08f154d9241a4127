#include "bufferedstreamconnection.h"

#include <QHostAddress>

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

BufferedStreamConnection::BufferedStreamConnection(QAbstractSocket *socket, Transport transport,
                                                   const Limits &limits, QObject *parent)
    : StreamConnection(socket, transport, describe(socket), limits, parent), m_socket(socket)
{
    socket->setReadBufferSize(ReadBufferSize);
    watch(socket);
    connect(m_device, &QIODevice::bytesWritten, this, &BufferedStreamConnection::onBytesWritten);
}

qint64 BufferedStreamConnection::queuedBytes() const
{
    return m_device->bytesToWrite();
}

void BufferedStreamConnection::writeBytes(const QByteArray &bytes)
{
    m_device->write(bytes);
}

void BufferedStreamConnection::readAvailable()
{
    if (m_inRead)
        return;
    const WriteBatch batch;   // what these frames make us send leaves when they are all handled
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

void BufferedStreamConnection::setCarrierPaused(bool)
{
    // Nothing to do: readAvailable() stops consuming while paused; Qt's read buffer fills to
    // ReadBufferSize and then Qt stops reading the socket, so the kernel pushes back on the peer.
}

void BufferedStreamConnection::flushCarrier()
{
    m_socket->flush();
}

void BufferedStreamConnection::closeCarrier()
{
    flushCarrier();   // frames of an open batch leave before the close
    // Qt flushes what is queued (bounded by the stall timeout), then closes.
    limitGracefulClose();
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finished();
}

void BufferedStreamConnection::abortCarrier()
{
    m_socket->abort();
}

} // namespace daffi
