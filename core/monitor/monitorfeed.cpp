#include "monitorfeed.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebSocket>

namespace daffi {

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcMonitorHttp)

namespace {

template <typename Json>
QByteArray compact(const Json &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

// {"answers": a, "calls": c, "events": e}: the feed's cursors and losses.
void writeCounts(JsonWriter &w, QLatin1StringView key, quint64 answers, quint64 calls, quint64 events)
{
    w.key(key).beginObject();
    w.key("answers"_L1).value(answers);
    w.key("calls"_L1).value(calls);
    w.key("events"_L1).value(events);
    w.endObject();
}

} // namespace

struct MonitorFeed::Observer
{
    std::unique_ptr<QWebSocket> socket;
    bool payloads = false;
    quint64 calls = 0;
    quint64 answers = 0;
    quint64 events = 0;
    quint64 rateSample = 0;
    quint64 batches = 0;
    quint64 lostCalls = 0;        // overwritten while the observer could not be sent to
    quint64 lostAnswers = 0;
    quint64 lostEvents = 0;
    qint64 lastWritten = 0;       // bytes written at the last check, for stall detection
    QElapsedTimer sinceProgress;
};

MonitorFeed::MonitorFeed(const Monitor *monitor, const RateHistory *rates,
                         std::function<MonitorJson::RouterInfo()> info, const Options &options, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_rates(rates), m_info(std::move(info)), m_options(options),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(m_options.interval);
    connect(m_timer, &QTimer::timeout, this, &MonitorFeed::tick);
}

MonitorFeed::~MonitorFeed()
{
    for (auto &o : m_observers)
        disconnect(o->socket.get(), nullptr, this, nullptr);
}

void MonitorFeed::add(std::unique_ptr<QWebSocket> socket, const Cursors &from, bool payloads)
{
    auto o = std::make_unique<Observer>();
    o->payloads = payloads;
    o->calls = from.calls.value_or(m_monitor->lastSeq());
    o->answers = from.answers.value_or(m_monitor->lastAnswerSeq());
    o->events = from.events.value_or(m_monitor->events().lastSeq());
    o->rateSample = m_rates->sampleCount();
    o->sinceProgress.start();
    QWebSocket *ws = socket.get();
    // An observer has nothing to say: what it sends is read and dropped, in small pieces.
    ws->setMaxAllowedIncomingFrameSize(4096);
    ws->setMaxAllowedIncomingMessageSize(4096);
    connect(ws, &QWebSocket::disconnected, this, [this, ws] { remove(ws); });
    connect(ws, &QWebSocket::bytesWritten, this, [o = o.get()](qint64) { o->sinceProgress.restart(); });
    o->socket = std::move(socket);

    const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                            {QStringLiteral("router"), MonitorJson::router(*m_monitor, m_info())},
                            {QStringLiteral("members"), MonitorJson::members(*m_monitor)},
                            {QStringLiteral("cursors"), QJsonObject{{QStringLiteral("calls"), qint64(o->calls)},
                                                                    {QStringLiteral("answers"), qint64(o->answers)},
                                                                    {QStringLiteral("events"), qint64(o->events)}}}};
    ws->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    m_observers.push_back(std::move(o));
    if (!m_timer->isActive())
        m_timer->start();
}

void MonitorFeed::remove(QWebSocket *socket)
{
    for (auto it = m_observers.begin(); it != m_observers.end(); ++it) {
        if ((*it)->socket.get() == socket) {
            disconnect(socket, nullptr, this, nullptr);
            (*it)->socket.release()->deleteLater();   // we may be inside one of its signals
            m_observers.erase(it);
            break;
        }
    }
    if (m_observers.empty())
        m_timer->stop();
}

void MonitorFeed::tick()
{
    std::vector<QWebSocket *> stalled;
    for (auto &o : m_observers) {
        if (o->socket->bytesToWrite() < m_options.maxQueuedBytes) {
            send(*o);
            o->sinceProgress.restart();
            continue;
        }
        skipOverwritten(*o);
        if (o->sinceProgress.hasExpired(m_options.stallTimeout.count()))
            stalled.push_back(o->socket.get());
    }
    for (QWebSocket *ws : stalled) {
        qCInfo(lcMonitorHttp) << "closing feed observer" << ws->peerAddress().toString() << ": it read nothing for"
                              << std::chrono::duration<double>(m_options.stallTimeout).count() << "s";
        ws->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("observer stopped reading"));
        ws->abort();
    }
}

void MonitorFeed::skipOverwritten(Observer &o)
{
    // What the rings overwrote is lost now: counted at once (for /metrics), told in the next batch.
    const auto skip = [this](quint64 &cursor, quint64 &lost, auto page) {
        lost += page.lost;
        m_dropped += page.lost;
        cursor += page.lost;
    };
    skip(o.calls, o.lostCalls, m_monitor->calls(o.calls, 0));
    skip(o.answers, o.lostAnswers, m_monitor->answers(o.answers, 0));
    skip(o.events, o.lostEvents, m_monitor->events().since(o.events, 0));
}

void MonitorFeed::send(Observer &o)
{
    skipOverwritten(o);
    const size_t cap = m_options.maxRecordsPerBatch;
    const Monitor::AnswerPage answers = m_monitor->answers(o.answers, cap);
    const EventLog::Page events = m_monitor->events().since(o.events, cap);
    const quint64 lastCall = m_monitor->lastSeq();
    const bool newCalls = lastCall > o.calls;
    const bool newSample = m_rates->sampleCount() > o.rateSample;
    const quint64 lost = o.lostCalls + o.lostAnswers + o.lostEvents;
    if (!newCalls && answers.answers.empty() && events.events.empty() && !newSample && lost == 0)
        return;

    // Written in the order a QJsonObject keeps its keys (sorted), like every object of the API.
    JsonWriter w;
    w.reserve(qsizetype(256 * std::min<quint64>(cap, lastCall - std::min(o.calls, lastCall)) + 4096));
    w.beginObject();
    // A call sent in this batch already shows its ending.
    const quint64 firstNewCall = newCalls ? o.calls + 1 : lastCall + 1;
    w.key("answers"_L1).beginArray();
    for (const Monitor::Answer &a : answers.answers) {
        if (a.callSeq < firstNewCall)
            MonitorJson::writeAnswer(w, a);
    }
    w.endArray();
    w.key("batch"_L1).value(++o.batches);
    w.key("calls"_L1).beginArray();
    quint64 sentUpTo = std::max(o.calls, lastCall);
    m_monitor->visitCalls(o.calls, cap, [&](const Monitor::CallView &r) {
        MonitorJson::writeCall(w, r, o.payloads);
        sentUpTo = r.seq;
    });
    w.endArray();
    o.calls = sentUpTo;
    o.answers = answers.answers.empty() ? std::max(o.answers, answers.lastSeq) : answers.answers.back().seq;
    o.events = events.events.empty() ? std::max(o.events, events.lastSeq) : events.events.back().seq;
    if (newSample)
        w.key("counters"_L1).raw(compact(MonitorJson::counters(*m_monitor)));
    writeCounts(w, "cursors"_L1, o.answers, o.calls, o.events);
    w.key("events"_L1).beginArray();
    for (const EventLog::Event &e : events.events)
        MonitorJson::writeEvent(w, e);
    w.endArray();
    writeCounts(w, "lost"_L1, o.lostAnswers, o.lostCalls, o.lostEvents);
    if (newSample) {
        o.rateSample = m_rates->sampleCount();
        w.key("members"_L1).raw(compact(MonitorJson::members(*m_monitor)));
        w.key("rates"_L1).raw(compact(MonitorJson::latestRates(*m_monitor, *m_rates)));
    }
    w.key("time_ms"_L1).value(QDateTime::currentMSecsSinceEpoch());
    w.key("type"_L1).string("batch"_L1);
    w.endObject();
    o.lostCalls = o.lostAnswers = o.lostEvents = 0;
    o.socket->sendTextMessage(QString::fromUtf8(w.bytes()));
}

} // namespace daffi
