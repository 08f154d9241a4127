#pragma once

#include <core/protocol/result.h>

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace daffi::ui {

// How to reach a router's monitor API (docs/monitor-api.md) and prove who we are.
struct MonitorOptions
{
    QString url;                  // http(s)://host:port, what daffi-router prints as "monitor at"
    QString tokenFile;            // the router's --monitor-token-file, sent as a bearer token
    QString caFile;               // verifies an https monitor; empty: the system's CA store
    QString certificateFile;      // a client certificate, for a monitor with --monitor-tls-ca
    QString keyFile;

    bool isEmpty() const { return url.trimmed().isEmpty(); }
    friend bool operator==(const MonitorOptions &, const MonitorOptions &) = default;
};

// The checked form of MonitorOptions: the base URL, the token read from its file and the TLS
// configuration, and requests built from them. Made again for every connection attempt, so a
// token file that was fixed or rotated is read anew.
class MonitorAccess
{
    Q_DECLARE_TR_FUNCTIONS(daffi::ui::MonitorAccess)

public:
    // Fails with a sentence naming what to fix (the URL, an unreadable file).
    static Result<MonitorAccess> open(const MonitorOptions &options);

    QNetworkRequest request(const QString &path, const QUrlQuery &query = {}) const;
    // The live feed's WebSocket (ws:// or wss://) with the same credentials.
    QNetworkRequest feedRequest(const QUrlQuery &query) const;
    QString url() const { return m_base.toString(); }
    bool isTls() const { return m_base.scheme() == u"https"; }
    const QSslConfiguration &tlsConfiguration() const { return m_tls; }

    // "http://host:8222" from what a person typed ("host:8222", with or without a trailing /).
    static Result<QUrl> baseUrl(const QString &text);

private:
    QNetworkRequest make(QUrl url) const;

    QUrl m_base;
    QByteArray m_token;
    QSslConfiguration m_tls;
};

} // namespace daffi::ui
