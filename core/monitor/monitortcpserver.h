#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <chrono>
#include <optional>

class QTimer;

namespace daffi {

// The monitor port's accept loop, handed to QAbstractHttpServer::bind(). Qt's HTTP server (6.4)
// reads requests without any limit of its own, so every socket gets one here before the server
// sees it:
//   - a deadline: the TLS handshake and each request must be complete within requestTimeout of
//     the connection (or of the previous answer); a connection idle that long is closed too;
//   - a byte cap: a request (line, headers and body) above maxRequestBytes is answered 413 and
//     closed; the socket never buffers more than that;
//   - a request line that is not HTTP/1.x is answered 400 (Qt would close it without a word);
//   - at most maxConnections sockets at once; more are closed on accept.
// TLS is done here as well (the HTTP server gets the socket once encrypted). With a client CA,
// a peer without a valid certificate still completes the handshake, so that the server can
// answer 401 with a sentence; see certificateProblem().
class MonitorTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Limits
    {
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(5);
        qint64 maxRequestBytes = 16 * 1024;
        int maxConnections = 64;
    };

    MonitorTcpServer(const Limits &limits, std::optional<QSslConfiguration> tls, QObject *parent = nullptr);

    // After an answer: the next request has requestTimeout again.
    static void rearm(QTcpSocket *socket);
    // For a socket handed to the WebSocket feed: no HTTP deadline or cap from now on.
    static void release(QTcpSocket *socket);
    // Empty when the peer presented a certificate the client CA signed (or no CA is required).
    static QString certificateProblem(QTcpSocket *socket);
    // A whole HTTP/1.1 response; `extraHeaders` are "Name: value\r\n" lines.
    static QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
                               const QByteArray &extraHeaders = {});
    // {"error": sentence}
    static QByteArray errorBody(const QString &sentence);
    int openConnections() const { return m_open; }
    // For connections accepted from now on (a reloaded certificate); open ones keep theirs.
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    class Guard;
    void refuse(QTcpSocket *socket, int status, const QString &sentence);

    Limits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_open = 0;
};

} // namespace daffi
