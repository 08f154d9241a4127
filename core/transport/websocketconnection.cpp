#include "websocketconnection.h"

#include "transportlog.h"

#include <QAbstractSocket>
#include <QWebSocket>

namespace daffi {

WebSocketConnection::WebSocketConnection(QWebSocket *socket, QAbstractSocket *carrier,
                                         Transport transport, const Limits &limits, QObject *parent)
    : Connection(transport,
                 QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort()),
                 limits, parent),
      m_socket(socket),
      m_carrier(carrier)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(quint64(Header::Size) + limits.maxMsgLen);
    socket->setMaxAllowedIncomingFrameSize(quint64(Header::Size) + limits.maxMsgLen);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketConnection::messageReceived);
    // The reference accepts text opcodes too; the bytes are the same daffi message.
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { messageReceived(text.toUtf8()); });
    socket->setReadBufferSize(256 * 1024);   // bounds what a paused carrier buffers
    connect(socket, &QWebSocket::bytesWritten, this, &WebSocketConnection::onBytesWritten);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        peerClosed(m_socket->closeReason().isEmpty()
                       ? QStringLiteral("peer closed the WebSocket (code %1)").arg(int(m_socket->closeCode()))
                       : QStringLiteral("peer closed the WebSocket: %1").arg(m_socket->closeReason()));
    });
}

qint64 WebSocketConnection::queuedBytes() const
{
    return m_socket->bytesToWrite();
}

void WebSocketConnection::writeBytes(const QByteArray &bytes)
{
    m_socket->sendBinaryMessage(bytes);
}

void WebSocketConnection::writeFrame(const Frame &frame)
{
    writeBytes(frame.bytes());   // one frame, one message: a split frame is joined
}

void WebSocketConnection::writeEncoded(const QByteArray &frames, qsizetype offset)
{
    // One message per frame; the frames were encoded by us, so their headers can be trusted.
    while (offset + Header::Size <= frames.size()) {
        const qsizetype size = Header::Size + qsizetype(Header::decode(frames.constData() + offset).msgLen);
        writeBytes(frames.sliced(offset, std::min(size, frames.size() - offset)));
        offset += size;
    }
}

void WebSocketConnection::flushCarrier()
{
    m_socket->flush();
}

void WebSocketConnection::messageReceived(const QByteArray &message)
{
    const WriteBatch batch;
    countReceivedBytes(message.size());
    if (!m_started || isReadingPaused() || !m_inbox.isEmpty()) {
        m_inbox.append(message);
        return;
    }
    auto frame = Frame::fromBytes(message, limits().maxMsgLen);
    if (!frame) {
        close(QStringLiteral("protocol error (%1): %2").arg(frame.error().code, frame.error().message),
                  CloseCause::ProtocolError);
        return;
    }
    deliver(std::move(frame.value()));
}

void WebSocketConnection::readAvailable()
{
    const WriteBatch batch;
    while (!m_inbox.isEmpty() && !isReadingPaused() && !isClosing()) {
        auto frame = Frame::fromBytes(m_inbox.takeFirst(), limits().maxMsgLen);
        if (!frame) {
            close(QStringLiteral("protocol error (%1): %2").arg(frame.error().code, frame.error().message),
                  CloseCause::ProtocolError);
            return;
        }
        deliver(std::move(frame.value()));
    }
}

void WebSocketConnection::setCarrierPaused(bool paused)
{
    // QWebSocket reads its socket eagerly and has no pause. Blocking the carrier's signals stops
    // QWebSocket from draining it; the carrier's bounded read buffer then fills and the kernel
    // pushes back on the peer. On resume, wake QWebSocket for the bytes that arrived meanwhile.
    if (!m_carrier)
        return;
    m_carrier->blockSignals(paused);
    if (!paused) {
        if (m_carrier->state() != QAbstractSocket::ConnectedState) {
            peerClosed(QStringLiteral("peer closed the connection while paused"));
            return;
        }
        if (m_carrier->bytesAvailable() > 0)
            Q_EMIT m_carrier->readyRead();
    }
}

void WebSocketConnection::closeCarrier()
{
    if (m_carrier)
        m_carrier->blockSignals(false);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketConnection::finished);
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finished();
}

} // namespace daffi
