#include "monitorserver.h"

#include "metricstext.h"

#include <core/transport/tlsconfig.h>

#include <QFile>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>


namespace daffi {

Q_DECLARE_LOGGING_CATEGORY(lcMonitorHttp)

namespace {

constexpr size_t DefaultPage = 1000;
constexpr size_t MaxPage = 10000;
constexpr qint64 DefaultRatesWindowMs = 60'000;

// A query parameter that must be a non-negative integer when present.
struct Query
{
    explicit Query(const QUrl &url) : query(url) {}

    QUrlQuery query;
    QString problem;

    std::optional<quint64> number(const QString &name)
    {
        if (!query.hasQueryItem(name))
            return std::nullopt;
        bool ok = false;
        const QString text = query.queryItemValue(name);
        const quint64 v = text.toULongLong(&ok);
        if (!ok && problem.isEmpty())
            problem = QStringLiteral("The query parameter %1=\"%2\" is not a non-negative whole number.").arg(name, text);
        return ok ? std::optional(v) : std::nullopt;
    }
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

// Compares in time that depends on the length only, so that a wrong token's timing says nothing.
bool sameSecret(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

const QByteArray Challenge = "WWW-Authenticate: Bearer realm=\"daffi-monitor\"\r\n";

} // namespace

bool MonitorServer::isLoopback(const QString &host)
{
    return host.isEmpty() || host == u"localhost" || QHostAddress(host).isLoopback();
}

MonitorServer::MonitorServer(Monitor *monitor, RateHistory *rates, QObject *parent)
    : QAbstractHttpServer(parent), m_monitor(monitor), m_rates(rates)
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &MonitorServer::feedConnected);
}

MonitorServer::~MonitorServer() = default;

Result<MonitorServer::Prepared> MonitorServer::prepare(const Options &options)
{
    auto fail = [](const QString &message) { return Error{QStringLiteral("MonitorOptions"), message}; };
    const QString host = options.host.isEmpty() || options.host == u"localhost" ? QStringLiteral("127.0.0.1") : options.host;
    QHostAddress address;
    if (!address.setAddress(host))
        return fail(tr("The monitor address \"%1\" is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0.").arg(options.host));
    const bool loopback = isLoopback(host);

    std::optional<QSslConfiguration> tls;
    if (!options.tlsCertificate.isEmpty() || !options.tlsKey.isEmpty()) {
        if (options.tlsCertificate.isEmpty() || options.tlsKey.isEmpty())
            return fail(tr("TLS for the monitor needs both a certificate and a key (--monitor-tls-cert and --monitor-tls-key)."));
        auto config = serverTlsConfiguration({options.tlsCertificate, options.tlsKey, options.clientCa});
        if (!config)
            return fail(tr("The monitor cannot use TLS: %1.").arg(config.error().message));
        tls = *config;
    } else if (!options.clientCa.isEmpty()) {
        return fail(tr("Client certificates for the monitor (--monitor-tls-ca) need TLS: give --monitor-tls-cert and "
                       "--monitor-tls-key too."));
    }
    QByteArray token;
    if (!options.tokenFile.isEmpty()) {
        QFile f(options.tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return fail(tr("Cannot read the monitor token file %1: %2.").arg(options.tokenFile, f.errorString()));
        token = f.read(4096).trimmed();
        if (token.isEmpty() || token.contains('\n') || token.contains(' '))
            return fail(tr("The monitor token file %1 must hold one token on one line (no spaces).").arg(options.tokenFile));
    }
    if (!loopback && (!tls || (token.isEmpty() && options.clientCa.isEmpty()))) {
        return fail(tr("The monitor API would be reachable beyond this machine on %1, and it shows every call and "
                       "member. Give it TLS (--monitor-tls-cert and --monitor-tls-key, or the router's --tls-cert "
                       "and --tls-key) and a credential (--monitor-token-file or --monitor-tls-ca), or keep it on "
                       "127.0.0.1.").arg(host));
    }
    return Prepared{host, address, loopback, tls, token};
}

bool MonitorServer::check(const Options &options, QString *error)
{
    auto prepared = prepare(options);
    if (!prepared && error)
        *error = prepared.error().message;
    return prepared.ok();
}

bool MonitorServer::listen(const Options &options, QString *error)
{
    close();
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    auto prepared = prepare(options);
    if (!prepared)
        return fail(prepared.error().message);
    const auto &[host, address, loopback, tls, token] = *prepared;

    auto *tcp = new MonitorTcpServer(options.limits, tls, this);
    if (!tcp->listen(address, options.port)) {
        const QString message = tcp->serverError() == QAbstractSocket::AddressInUseError
            ? tr("Port %1 on %2 is already in use, so the monitor API cannot start; pick another monitor port or "
                 "stop the program using it.").arg(options.port).arg(host)
            : tr("The monitor API cannot listen on %1:%2: %3.").arg(host).arg(options.port).arg(tcp->errorString());
        delete tcp;
        return fail(message);
    }
    bind(tcp);
    m_tcp = tcp;
    m_host = host;
    m_tls = tls.has_value();
    m_requireCertificate = !options.clientCa.isEmpty();
    m_token = token;
    m_payloads = options.payloads.value_or(loopback);
    delete m_feed;
    m_feed = new MonitorFeed(m_monitor, m_rates, [this] { return routerInfo(); }, options.feed, this);
    return true;
}

bool MonitorServer::setTlsConfiguration(const QSslConfiguration &tls)
{
    if (!m_tcp || !m_tls)
        return false;
    m_tcp->setTlsConfiguration(tls);
    return true;
}

void MonitorServer::close()
{
    delete std::exchange(m_tcp, nullptr);   // open requests go with it (children of the TCP server)
    delete std::exchange(m_feed, nullptr);
}

bool MonitorServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 MonitorServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QString MonitorServer::url() const
{
    if (!isListening())
        return {};
    const QString host = m_host.contains(u':') ? u'[' + m_host + u']' : m_host;
    return QStringLiteral("%1://%2:%3").arg(m_tls ? u"https" : u"http", host).arg(port());
}

MonitorJson::RouterInfo MonitorServer::routerInfo() const
{
    MonitorJson::RouterInfo info;
    info.instance = m_instance;
    if (m_listenUrls)
        info.listen = m_listenUrls();
    info.monitorUrl = url();
    info.payloads = m_payloads;
    info.observers = m_feed ? m_feed->observers() : 0;
    info.feedDropped = m_feed ? m_feed->dropped() : 0;
    return info;
}

std::optional<QString> MonitorServer::credentialProblem(const QHttpServerRequest &request, QTcpSocket *socket) const
{
    if (m_requireCertificate) {
        const auto *ssl = qobject_cast<QSslSocket *>(socket);
        if (!ssl || ssl->peerCertificate().isNull())
            return tr("This monitor requires a client certificate signed by its CA (--monitor-tls-ca); connect with one.");
        const QString problem = MonitorTcpServer::certificateProblem(socket);
        if (!problem.isEmpty())
            return tr("The client certificate was refused (%1); use one signed by the monitor's CA.").arg(problem);
    }
    if (!m_token.isEmpty()) {
        const QByteArray given = request.value("authorization");
        if (!given.startsWith("Bearer "))
            return tr("This monitor requires a bearer token: send \"Authorization: Bearer <token>\" with the token "
                      "from the router's --monitor-token-file.");
        if (!sameSecret(given.mid(7).trimmed(), m_token))
            return tr("The bearer token is wrong; use the one in the router's --monitor-token-file.");
    }
    return std::nullopt;
}

bool MonitorServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const bool upgrade = !request.value("upgrade").isEmpty();
    if (upgrade)
        return acceptFeed(request, socket);
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    write(socket, route(request, socket), head);
    const QByteArray connection = request.value("connection").toLower();
    if (connection.contains("close"))
        socket->disconnectFromHost();
    else
        MonitorTcpServer::rearm(socket);
    return true;
}

bool MonitorServer::acceptFeed(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_refusal.reset();
    if (request.url().path() != u"/api/v1/feed") {
        m_refusal = error(404, tr("The live feed is at /api/v1/feed."));
        return false;
    }
    if (auto problem = credentialProblem(request, socket)) {
        m_refusal = error(401, *problem, Challenge);
        return false;
    }
    Query q(request.url());
    q.number(QStringLiteral("since"));
    q.number(QStringLiteral("answers_since"));
    q.number(QStringLiteral("events_since"));
    if (!q.problem.isEmpty()) {
        m_refusal = error(400, q.problem);
        return false;
    }
    if (!m_feed || m_feed->isFull()) {
        m_refusal = error(503, tr("The live feed has as many observers as it takes; try again later."));
        return false;
    }
    MonitorTcpServer::release(socket);   // the WebSocket server's handshake deadline takes over
    return true;
}

void MonitorServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // Only a refused upgrade gets here: every other request is answered in handleRequest.
    write(socket, m_refusal.value_or(error(404, tr("The live feed is at /api/v1/feed."))), false);
    m_refusal.reset();
}

void MonitorServer::feedConnected()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> ws = nextPendingWebSocketConnection();
        if (!ws || !m_feed)
            continue;
        Query q(ws->requestUrl());
        MonitorFeed::Cursors from{q.number(QStringLiteral("since")), q.number(QStringLiteral("answers_since")),
                                  q.number(QStringLiteral("events_since"))};
        ws->setParent(nullptr);
        m_feed->add(std::move(ws), from, m_payloads);
    }
}

void MonitorServer::write(QTcpSocket *socket, const Reply &reply, bool head)
{
    QByteArray bytes = MonitorTcpServer::response(reply.status, reply.contentType, reply.body, reply.extraHeader);
    if (head)
        bytes.chop(reply.body.size());
    socket->write(bytes);
}

MonitorServer::Reply MonitorServer::error(int status, const QString &sentence, const QByteArray &header)
{
    return Reply{status, "application/json", MonitorTcpServer::errorBody(sentence), header};
}

MonitorServer::Reply MonitorServer::route(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto ok = [](QByteArray body) { return Reply{200, "application/json", std::move(body), {}}; };
    const QString path = request.url().path();
    const auto method = request.method();
    if (method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Head)
        return error(405, tr("The monitor API is read-only: use GET."), "Allow: GET, HEAD\r\n");

    if (path == u"/healthz") {
        const bool up = !m_listenUrls || !m_listenUrls().isEmpty();
        return up ? Reply{200, "text/plain; charset=utf-8", "ok\n", {}}
                  : error(503, tr("The router is not listening for peers."));
    }
    if (auto problem = credentialProblem(request, socket))
        return error(401, *problem, Challenge);
    if (path == u"/metrics") {
        return Reply{200, "text/plain; version=0.0.4; charset=utf-8",
                     MetricsText::render(*m_monitor, m_feed ? m_feed->dropped() : 0), {}};
    }

    Query q(request.url());
    if (path == u"/api/v1/router")
        return ok(json(MonitorJson::router(*m_monitor, routerInfo())));
    if (path == u"/api/v1/members")
        return ok(json(MonitorJson::membersDocument(*m_monitor)));
    if (path == u"/api/v1/functions")
        return ok(json(MonitorJson::functionsDocument(*m_monitor)));
    if (path == u"/api/v1/calls") {
        const quint64 since = q.number(QStringLiteral("since")).value_or(0);
        const size_t limit = size_t(std::clamp<quint64>(q.number(QStringLiteral("limit")).value_or(DefaultPage), 1, MaxPage));
        const auto answersSince = q.number(QStringLiteral("answers_since"));
        if (!q.problem.isEmpty())
            return error(400, q.problem);
        return ok(MonitorJson::callsPage(*m_monitor, m_instance, since, limit, answersSince, m_payloads) + '\n');
    }
    if (path.startsWith(u"/api/v1/calls/") && path.endsWith(u"/payload")) {
        const QStringView seqText = QStringView(path).sliced(14, path.size() - 14 - 8);
        bool valid = false;
        const quint64 seq = seqText.toULongLong(&valid);
        if (!valid)
            return error(400, tr("\"%1\" is not a call's sequence number; use /api/v1/calls/SEQ/payload.").arg(seqText));
        if (!m_payloads)
            return error(403, tr("This router does not serve call payloads; start it with --monitor-payloads to allow it."));
        const auto record = m_monitor->call(seq);
        if (!record)
            return error(404, tr("Call %1 is not in the ring of recent calls (it holds the last %2).")
                                  .arg(seq).arg(m_monitor->options().ringCapacity));
        return ok(json(MonitorJson::payload(*record)));
    }
    if (path == u"/api/v1/events") {
        const quint64 since = q.number(QStringLiteral("since")).value_or(0);
        const size_t limit = size_t(std::clamp<quint64>(q.number(QStringLiteral("limit")).value_or(DefaultPage), 1, MaxPage));
        if (!q.problem.isEmpty())
            return error(400, q.problem);
        return ok(MonitorJson::eventsPage(*m_monitor, m_instance, since, limit) + '\n');
    }
    if (path == u"/api/v1/rates") {
        const auto since = q.number(QStringLiteral("since"));
        if (!q.problem.isEmpty())
            return error(400, q.problem);
        const qint64 sinceMs = since ? qint64(*since) : QDateTime::currentMSecsSinceEpoch() - DefaultRatesWindowMs;
        return ok(json(QJsonObject{{QStringLiteral("since_ms"), sinceMs},
                                   {QStringLiteral("interval_ms"), m_monitor->options().sampleIntervalMs},
                                   {QStringLiteral("totals"), MonitorJson::totalsSamples(*m_monitor, sinceMs)},
                                   {QStringLiteral("series"), MonitorJson::rateSeries(*m_rates, sinceMs)}}));
    }
    if (path == u"/api/v1/feed")
        return error(400, tr("The live feed is a WebSocket: connect to ws(s)://…/api/v1/feed."));
    return error(404, tr("There is nothing at %1; the API is under /api/v1/ (router, members, functions, calls, "
                         "events, rates, feed), with /metrics and /healthz beside it.").arg(path));
}

} // namespace daffi
