#include "monitoraccess.h"

#include <core/transport/tlsconfig.h>

#include <QFile>

namespace daffi::ui {

namespace {

constexpr int RequestTimeoutMs = 10'000;

} // namespace

Result<QUrl> MonitorAccess::baseUrl(const QString &text)
{
    QString t = text.trimmed();
    if (!t.contains(QStringLiteral("://")))
        t.prepend(QStringLiteral("http://"));
    QUrl url(t, QUrl::StrictMode);
    const bool pathOk = url.path().isEmpty() || url.path() == u"/";
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https") || !pathOk
        || url.hasQuery() || url.hasFragment()) {
        return Error{QStringLiteral("BadMonitorUrl"),
                     tr("\"%1\" is not a monitor address. Give the URL daffi-router prints as \"monitor at\", "
                        "e.g. http://127.0.0.1:8222 or https://host:8222.").arg(text.trimmed())};
    }
    url.setPath({});
    return url;
}

Result<MonitorAccess> MonitorAccess::open(const MonitorOptions &options)
{
    auto base = baseUrl(options.url);
    if (!base)
        return base.error();
    MonitorAccess access;
    access.m_base = *base;
    if (!options.tokenFile.isEmpty()) {
        QFile f(options.tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("TokenFile"), tr("Cannot read the monitor token file %1: %2. Give the file "
                                                        "the router reads with --monitor-token-file.")
                                                         .arg(options.tokenFile, f.errorString())};
        access.m_token = f.read(4096).trimmed();
        if (access.m_token.isEmpty() || access.m_token.contains('\n') || access.m_token.contains(' '))
            return Error{QStringLiteral("TokenFile"),
                         tr("The monitor token file %1 must hold one token on one line.").arg(options.tokenFile)};
    }
    if (access.isTls() || !options.caFile.isEmpty() || !options.certificateFile.isEmpty()) {
        auto tls = clientTlsConfiguration({options.caFile, options.certificateFile, options.keyFile, true});
        if (!tls)
            return Error{QStringLiteral("MonitorTls"), tr("The monitor's TLS settings are not usable: %1.")
                                                           .arg(tls.error().message)};
        // Without a CA of its own the monitor is checked against the system's store, never not at all.
        tls->setPeerVerifyMode(QSslSocket::VerifyPeer);
        access.m_tls = *tls;
    }
    return access;
}

QNetworkRequest MonitorAccess::make(QUrl url) const
{
    QNetworkRequest r(url);
    r.setTransferTimeout(RequestTimeoutMs);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + m_token);
    if (isTls())
        r.setSslConfiguration(m_tls);
    return r;
}

QNetworkRequest MonitorAccess::request(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_base;
    url.setPath(path);
    url.setQuery(query);
    return make(url);
}

QNetworkRequest MonitorAccess::feedRequest(const QUrlQuery &query) const
{
    QUrl url = m_base;
    url.setScheme(isTls() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/feed"));
    url.setQuery(query);
    return make(url);
}

} // namespace daffi::ui
