#pragma once

#include "monitorfeed.h"
#include "monitortcpserver.h"

#include <core/protocol/result.h>

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QUuid>

#include <functional>
#include <optional>

namespace daffi {

// The monitor API on its own port (docs/monitor-api.md): JSON under /api/v1/, the live feed on a
// WebSocket at /api/v1/feed, /metrics for Prometheus and /healthz. Qt's HTTP server parses the
// requests; MonitorTcpServer bounds each socket before it does. Runs on the router's thread and
// reads the Monitor directly: answers are built when asked, never per frame.
//
// Security: on a loopback address the API may be open. On any other address listen() refuses
// unless TLS is configured and a credential is required (a bearer token, client certificates, or
// both); the answer to a request without it is 401 with a sentence. Call payloads are served only
// when `payloads` says so (by default: on loopback only).
class MonitorServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;                   // 0: any free port
        QString tlsCertificate;             // PEM files; both or neither
        QString tlsKey;
        QString clientCa;                   // require client certificates this CA signed
        QString tokenFile;                  // require "Authorization: Bearer <its content>"
        std::optional<bool> payloads;       // unset: on for loopback, off elsewhere
        MonitorTcpServer::Limits limits;
        MonitorFeed::Options feed;
    };

    MonitorServer(Monitor *monitor, RateHistory *rates, QObject *parent = nullptr);
    ~MonitorServer() override;

    // Where peers reach the router, for /api/v1/router.
    void setListenUrls(std::function<QStringList()> urls) { m_listenUrls = std::move(urls); }

    // On failure returns false and a sentence a person can act on.
    bool listen(const Options &options, QString *error);
    // What listen() would refuse in `options`, found without listening (daffi-router
    // --check-config): false and the sentence.
    static bool check(const Options &options, QString *error);
    // New connections get `tls` (a renewed certificate, key or CA); open ones keep theirs. Whether
    // a client certificate is required stays as listen() set it. False when serving plain HTTP.
    bool setTlsConfiguration(const QSslConfiguration &tls);
    void close();
    bool isListening() const;
    quint16 port() const;
    QString url() const;                    // e.g. "http://127.0.0.1:8222"
    bool servesPayloads() const { return m_payloads; }
    // The API may be open there, and payloads are served by default.
    static bool isLoopback(const QString &host);
    const MonitorFeed *feed() const { return m_feed; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        QByteArray extraHeader;             // one "Name: value" line, or empty
    };
    // The options checked and the files read, for listen().
    struct Prepared
    {
        QString host;
        QHostAddress address;
        bool loopback = false;
        std::optional<QSslConfiguration> tls;
        QByteArray token;
    };
    static Result<Prepared> prepare(const Options &options);
    Reply route(const QHttpServerRequest &request, QTcpSocket *socket);
    std::optional<QString> credentialProblem(const QHttpServerRequest &request, QTcpSocket *socket) const;
    bool acceptFeed(const QHttpServerRequest &request, QTcpSocket *socket);
    void feedConnected();
    MonitorJson::RouterInfo routerInfo() const;
    static void write(QTcpSocket *socket, const Reply &reply, bool head);
    static Reply error(int status, const QString &sentence, const QByteArray &header = {});

    Monitor *m_monitor;
    RateHistory *m_rates;
    MonitorFeed *m_feed = nullptr;
    MonitorTcpServer *m_tcp = nullptr;
    std::function<QStringList()> m_listenUrls;
    QString m_instance = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString m_host;
    bool m_tls = false;
    bool m_requireCertificate = false;
    QByteArray m_token;
    bool m_payloads = false;
    std::optional<Reply> m_refusal;         // for missingHandler: why a feed upgrade was refused
};

} // namespace daffi
