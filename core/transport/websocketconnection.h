#pragma once

#include "connection.h"

#include <QPointer>

class QAbstractSocket;
class QWebSocket;

namespace daffi {

// A connection over a WebSocket: one daffi message per WebSocket message (PROTOCOL.md §9.2).
class WebSocketConnection final : public Connection
{
    Q_OBJECT

public:
    // Takes ownership of the socket. `carrier` is the TCP/TLS socket under it, used for
    // backpressure (QWebSocket itself cannot pause reading); it may be null.
    WebSocketConnection(QWebSocket *socket, QAbstractSocket *carrier, Transport transport,
                        const Limits &limits, QObject *parent = nullptr);

    qint64 queuedBytes() const override;

protected:
    void writeBytes(const QByteArray &bytes) override;
    void writeFrame(const Frame &frame) override;
    void writeEncoded(const QByteArray &frames, qsizetype offset) override;
    void readAvailable() override;
    void setCarrierPaused(bool paused) override;
    void closeCarrier() override;
    void flushCarrier() override;

private:
    void messageReceived(const QByteArray &message);

    QWebSocket *m_socket;
    QPointer<QAbstractSocket> m_carrier;
    QList<QByteArray> m_inbox;   // messages that arrived before start() or while pausing took effect
};

} // namespace daffi
