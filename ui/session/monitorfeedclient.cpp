#include "monitorfeedclient.h"

#include "monitorjsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QWebSocket>

namespace daffi::ui {

namespace {

constexpr qsizetype MaxQuotedBody = 300;
constexpr qint64 EventRingCapacity = 1000;   // "The last 1,000 events are kept" (docs/monitor-api.md)
const QString ApiName = QStringLiteral("daffi-monitor/1");

std::optional<QJsonObject> jsonObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

MonitorFeedClient::MonitorFeedClient(const MonitorOptions &options, QObject *parent)
    : MonitorFeedClient(options, Timing{}, parent) {}

MonitorFeedClient::MonitorFeedClient(const MonitorOptions &options, const Timing &timing, QObject *parent)
    : QObject(parent), m_options(options), m_timing(timing), m_network(new QNetworkAccessManager(this)),
      m_retry(new QTimer(this)), m_silence(new QTimer(this)), m_functions(new QTimer(this))
{
    m_network->setAutoDeleteReplies(true);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &MonitorFeedClient::attempt);
    m_silence->setSingleShot(true);
    connect(m_silence, &QTimer::timeout, this, [this] {
        feedEnded(m_state == State::Live
                      ? tr("no message for %1 s").arg(m_timing.silenceMs / 1000.0)
                      : tr("no hello within %1 s").arg(m_timing.openMs / 1000.0));
    });
    m_functions->setInterval(m_timing.functionsIntervalMs);
    connect(m_functions, &QTimer::timeout, this, &MonitorFeedClient::pollFunctions);
}

MonitorFeedClient::~MonitorFeedClient()
{
    closeFeed();
}

QString MonitorFeedClient::url() const
{
    if (m_access)
        return m_access->url();
    auto base = MonitorAccess::baseUrl(m_options.url);
    return base ? base->toString() : m_options.url;
}

void MonitorFeedClient::start()
{
    attempt();
}

void MonitorFeedClient::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QNetworkReply *MonitorFeedClient::get(const QString &path, const QUrlQuery &query)
{
    QNetworkReply *reply = m_network->get(m_access->request(path, query));
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_sslErrors = texts.join(QStringLiteral("; "));
    });
    return reply;
}

void MonitorFeedClient::attempt()
{
    const quint64 generation = ++m_generation;
    closeFeed();
    setState(State::Connecting);
    // Read anew each time: a token file that was fixed or rotated is picked up.
    auto access = MonitorAccess::open(m_options);
    if (!access) {
        fail(access.error().message);
        return;
    }
    m_access = *access;
    m_sslErrors.clear();
    QNetworkReply *reply = get(QStringLiteral("/api/v1/router"));
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        if (generation == m_generation)
            routerAnswered(reply);
    });
}

void MonitorFeedClient::routerAnswered(QNetworkReply *reply)
{
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 || reply->error() != QNetworkReply::NoError) {
        fail(describe(reply, body));
        return;
    }
    const auto router = jsonObject(body);
    const QString instance = router ? router->value(u"instance").toString() : QString();
    if (!router || router->value(u"api").toString() != ApiName || instance.isEmpty()) {
        fail(tr("%1 answered GET /api/v1/router, but not as a daffi monitor (%2) does. Give the address daffi-router "
                "prints as \"monitor at\" (its --monitor-port), not the router's own port.").arg(url(), ApiName));
        return;
    }
    if (instance != m_instance) {
        // A new router, or the same one restarted: its sequence numbers start again. The feed
        // starts from the oldest records its rings still hold (what is older was never ours to
        // lose, and asking for it would count it as dropped).
        m_restarted = !m_instance.isEmpty();
        m_newInstance = true;
        m_instance = instance;
        const QJsonObject counters = router->value(u"counters").toObject();
        const qint64 ring = router->value(u"ring_capacity").toInteger();
        const auto oldest = [](const QJsonValue &last, qint64 capacity) {
            return quint64(std::max<qint64>(0, last.toInteger() - capacity));
        };
        m_cursors = {oldest(counters.value(u"last_call_seq"), ring), oldest(counters.value(u"last_answer_seq"), ring),
                     oldest(counters.value(u"last_event_seq"), EventRingCapacity)};
        m_lastRateMs = 0;
    }
    m_payloads = router->value(u"payloads").toBool();
    fetchRates(router->value(u"now_ms").toInteger(QDateTime::currentMSecsSinceEpoch()));
}

void MonitorFeedClient::fetchRates(qint64 routerNowMs)
{
    // The totals of the recent past (or of the gap), so the overall chart does not start empty.
    const qint64 since = std::max(m_lastRateMs, routerNowMs - m_timing.ratesBackfillMs);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(std::max<qint64>(0, since)));
    QNetworkReply *reply = get(QStringLiteral("/api/v1/rates"), query);
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        if (generation != m_generation)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            if (auto rates = jsonObject(reply->readAll()))
                Q_EMIT ratesReceived(*rates);
        }
        openFeed();
    });
}

void MonitorFeedClient::openFeed()
{
    auto *ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_feed = ws;
    if (m_access->isTls())
        ws->setSslConfiguration(m_access->tlsConfiguration());
    connect(ws, &QWebSocket::textMessageReceived, this, &MonitorFeedClient::feedMessage);
    connect(ws, &QWebSocket::disconnected, this, [this, ws] {
        if (ws == m_feed)
            feedEnded(ws->closeReason().isEmpty() ? ws->errorString() : ws->closeReason());
    });
    connect(ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this, ws] {
        if (ws == m_feed)
            feedEnded(ws->errorString());
    });
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(m_cursors.calls));
    query.addQueryItem(QStringLiteral("answers_since"), QString::number(m_cursors.answers));
    query.addQueryItem(QStringLiteral("events_since"), QString::number(m_cursors.events));
    m_silence->start(m_timing.openMs);
    ws->open(m_access->feedRequest(query));
}

void MonitorFeedClient::closeFeed()
{
    m_functions->stop();
    m_silence->stop();
    if (QWebSocket *ws = m_feed.data()) {
        m_feed = nullptr;
        disconnect(ws, nullptr, this, nullptr);
        ws->abort();
        ws->deleteLater();
    }
}

void MonitorFeedClient::feedEnded(const QString &reason)
{
    const bool wasLive = m_state == State::Live;
    closeFeed();
    fail(wasLive ? tr("The live feed from the monitor at %1 ended (%2). The console reconnects by itself and "
                      "resumes where it stopped.").arg(url(), reason)
                 : tr("The monitor at %1 answered, but its live feed could not be opened (%2); the console keeps "
                      "trying.").arg(url(), reason));
}

void MonitorFeedClient::feedMessage(const QString &text)
{
    const auto message = jsonObject(text.toUtf8());
    if (!message) {
        feedEnded(tr("a feed message that is not a JSON object"));
        return;
    }
    m_silence->start(m_timing.silenceMs);
    const QString type = message->value(u"type").toString();
    if (type == u"hello") {
        if (message->value(u"router")[u"instance"].toString() != m_instance) {
            // It restarted between our GET and the feed: ask again, with cursors for the new one.
            closeFeed();
            attempt();
            return;
        }
        setState(State::Live);
        m_retryMs = 0;
        Q_EMIT hello(*message, std::exchange(m_newInstance, false));
        if (!m_problem.isEmpty()) {
            m_problem.clear();
            Q_EMIT recovered(m_restarted ? tr("The router behind %1 restarted: it is a new instance, its counters and "
                                              "sequence numbers started again. The console follows it from its "
                                              "restart; what the old one did after the last batch is not known.")
                                               .arg(url())
                                         : m_connectedBefore ? tr("Reconnected to the monitor at %1; the feed resumes "
                                                                  "where it stopped.").arg(url())
                                                             : tr("Connected to the monitor at %1.").arg(url()));
        }
        m_restarted = false;
        m_connectedBefore = true;
        m_functions->start();
        pollFunctions();
        return;
    }
    if (type != u"batch" || m_state != State::Live)
        return;
    const QJsonObject cursors = message->value(u"cursors").toObject();
    m_cursors.calls = std::max(m_cursors.calls, quint64(std::max<qint64>(0, cursors.value(u"calls").toInteger())));
    m_cursors.answers = std::max(m_cursors.answers, quint64(std::max<qint64>(0, cursors.value(u"answers").toInteger())));
    m_cursors.events = std::max(m_cursors.events, quint64(std::max<qint64>(0, cursors.value(u"events").toInteger())));
    if (message->contains(u"rates"))
        m_lastRateMs = std::max(m_lastRateMs, message->value(u"rates")[u"time_ms"].toInteger());
    Q_EMIT batch(*message);
}

void MonitorFeedClient::pollFunctions()
{
    if (m_functionsReply || m_state != State::Live)
        return;
    QNetworkReply *reply = get(QStringLiteral("/api/v1/functions"));
    m_functionsReply = reply;
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        if (generation != m_generation || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return;
        if (auto functions = jsonObject(reply->readAll()))
            Q_EMIT functionsReceived(*functions);
    });
}

void MonitorFeedClient::fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done)
{
    if (!m_access || m_state != State::Live) {
        done({{}, {}, tr("The monitor at %1 is not connected; the payload can be fetched once it is.").arg(url())});
        return;
    }
    QNetworkReply *reply = get(QStringLiteral("/api/v1/calls/%1/payload").arg(seq));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        const QByteArray body = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto document = status == 200 ? jsonObject(body) : std::nullopt;
        if (document)
            done(MonitorJsonReader::payload(*document));
        else if (status == 403 || status == 404)
            done({{}, {}, errorSentence(body)});   // the router's own sentence says what to do
        else
            done({{}, {}, describe(reply, body)});
    });
}

void MonitorFeedClient::fail(const QString &sentence)
{
    ++m_generation;
    closeFeed();
    setState(State::Retrying);
    if (sentence != m_problem) {
        m_problem = sentence;
        Q_EMIT problem(sentence);
    }
    m_retryMs = m_retryMs ? std::min(2 * m_retryMs, m_timing.maxRetryMs) : m_timing.firstRetryMs;
    m_retry->start(m_retryMs);
}

QString MonitorFeedClient::errorSentence(const QByteArray &body)
{
    if (auto o = jsonObject(body); o && o->value(u"error").isString())
        return o->value(u"error").toString().left(MaxQuotedBody);
    return QString::fromUtf8(body.left(MaxQuotedBody)).simplified();
}

QString MonitorFeedClient::describe(QNetworkReply *reply, const QByteArray &body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString path = reply->url().path();
    if (status == 401)
        return tr("The monitor at %1 refused the console: %2 Give the console the router's token file "
                  "(--monitor-token-file) or a client certificate its CA signed (--monitor-cert and --monitor-key), "
                  "on the command line or in Router ▸ Join a remote router or service…").arg(url(), errorSentence(body));
    if (status != 0)
        return tr("%1 does not look like a daffi monitor: GET %2 answered %3 %4. Give the address daffi-router prints "
                  "as \"monitor at\" (its --monitor-port), not the router's own port.")
            .arg(url(), path)
            .arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Nothing listens at %1 (connection refused). Start the router with --monitor-port, or correct the "
                  "monitor address; the console keeps trying.").arg(url());
    case QNetworkReply::HostNotFoundError:
        return tr("The host of %1 is not known (%2). Correct the monitor address.").arg(url(), reply->errorString());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return tr("The monitor at %1 did not answer in time. Check the address and any firewall in between; the "
                  "console keeps trying.").arg(url());
    case QNetworkReply::SslHandshakeFailedError:
        return tr("The TLS handshake with the monitor at %1 failed (%2). If its certificate comes from a CA of your "
                  "own, give that CA with --monitor-ca; if the monitor requires a client certificate, give "
                  "--monitor-cert and --monitor-key (also in Router ▸ Join a remote router or service…).")
            .arg(url(), m_sslErrors.isEmpty() ? reply->errorString() : m_sslErrors);
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProtocolFailure:
        return tr("The monitor at %1 closed the connection without an HTTP answer (%2). If it serves TLS, use "
                  "https://; check that the port is daffi-router's --monitor-port.").arg(url(), reply->errorString());
    default:
        return tr("Cannot reach the monitor at %1: %2. The console keeps trying.").arg(url(), reply->errorString());
    }
}

} // namespace daffi::ui
