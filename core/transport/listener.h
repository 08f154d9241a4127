#pragma once

#include "connection.h"

#include <core/protocol/result.h>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>

#include <chrono>
#include <optional>

class QAbstractSocket;
class QIODevice;
class QLocalServer;
class QTcpServer;
class QTcpSocket;
class QWebSocketServer;

namespace daffi {

// One port for every kind of peer (PROTOCOL.md §2.2, §9): after an optional TLS handshake it
// sniffs the first bytes: the daffi probe (9 x 0x1f) makes a native connection, "GET" a WebSocket
// upgrade handled by QtWebSockets. Optionally a Unix socket path too (native peers only).
//
// Each accepted socket is admitted on its own, with a deadline covering TLS, the sniff and the
// WebSocket upgrade, so a silent or slow peer never delays anyone else. Refused sockets are closed
// and reported with a reason.
class Listener : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;               // 0: any free port
        bool tcp = true;                // listen on host:port
        QString unixPath;               // empty: no Unix socket
        std::optional<QSslConfiguration> tls;
        std::chrono::milliseconds admissionTimeout = std::chrono::seconds(10);
        Connection::Limits limits;
    };

    explicit Listener(QObject *parent = nullptr);
    ~Listener() override;

    // Starts listening; on failure returns false and a sentence a person can act on.
    bool listen(const Options &options, QString *error);
    void close();

    quint16 port() const;
    QString unixPath() const;
    bool isTls() const { return m_options.tls.has_value(); }
    // Peers admitted from now on get `tls` (a renewed certificate, key or client CA); those
    // connected or in their handshake keep what they had. Only on a listener that serves TLS
    // (turning TLS on or off takes listen()): false on one that does not.
    bool setTlsConfiguration(const QSslConfiguration &tls);
    // The address listen() binds for a host: an IP address, "0.0.0.0", "::" or "localhost".
    static Result<QHostAddress> hostAddress(const QString &host);
    // Where peers can reach us, e.g. "tcp://127.0.0.1:6000", "unix:///tmp/daffi.sock".
    QStringList urls() const;
    int admissionsInProgress() const;

Q_SIGNALS:
    // A peer passed admission. Connect with a direct connection and take ownership (setParent);
    // an unclaimed connection stays a child of the listener.
    void newConnection(daffi::Connection *connection);
    void connectionRefused(const QString &peer, const QString &reason);

private:
    friend class Admission;
    class TcpServer;
    void admitTcp(qintptr descriptor);
    void admitted(Connection *connection);
    void refused(const QString &peer, const QString &reason);
    // accept() or taking over an accepted socket failed for want of file descriptors.
    void outOfDescriptors(const QString &what);
    void upgradeToWebSocket(QTcpSocket *socket, Connection::Transport transport);
    void webSocketReady();

    Options m_options;
    TcpServer *m_tcpServer = nullptr;
    QLocalServer *m_localServer = nullptr;
    QWebSocketServer *m_wsServer = nullptr;
    struct PendingUpgrade
    {
        QPointer<QAbstractSocket> carrier;
        Connection::Transport transport;
    };
    QHash<QString, PendingUpgrade> m_upgrades;   // by "address:port" of the peer
    // Set while accept() fails (out of file descriptors): Qt then stops accepting until told to
    // resume, which a timer does. Logged at most every 10 s, and when it accepts again.
    bool m_acceptFailing = false;
    QElapsedTimer m_acceptWarned;
};

} // namespace daffi
