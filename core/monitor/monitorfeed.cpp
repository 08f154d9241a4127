#include "monitorfeed.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebSocket>

namespace daffi {

Q_DECLARE_LOGGING_CATEGORY(lcMonitorHttp)

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
    const Monitor::CallPage calls = m_monitor->calls(o.calls, cap);
    const Monitor::AnswerPage answers = m_monitor->answers(o.answers, cap);
    const EventLog::Page events = m_monitor->events().since(o.events, cap);
    const bool newSample = m_rates->sampleCount() > o.rateSample;
    const quint64 lost = o.lostCalls + o.lostAnswers + o.lostEvents;
    if (calls.records.empty() && answers.answers.empty() && events.events.empty() && !newSample && lost == 0)
        return;

    QJsonArray callArray, answerArray, eventArray;
    for (const Monitor::CallRecord &r : calls.records)
        callArray.append(MonitorJson::call(r, o.payloads));
    // A call sent in this batch already shows its ending.
    const quint64 firstNewCall = calls.records.empty() ? calls.lastSeq + 1 : calls.records.front().seq;
    for (const Monitor::Answer &a : answers.answers) {
        if (a.callSeq < firstNewCall)
            answerArray.append(MonitorJson::answer(a));
    }
    for (const EventLog::Event &e : events.events)
        eventArray.append(MonitorJson::event(e));
    if (!calls.records.empty())
        o.calls = calls.records.back().seq;
    else
        o.calls = std::max(o.calls, calls.lastSeq);
    o.answers = answers.answers.empty() ? std::max(o.answers, answers.lastSeq) : answers.answers.back().seq;
    o.events = events.events.empty() ? std::max(o.events, events.lastSeq) : events.events.back().seq;

    QJsonObject batch{{QStringLiteral("type"), QStringLiteral("batch")},
                      {QStringLiteral("batch"), qint64(++o.batches)},
                      {QStringLiteral("time_ms"), QDateTime::currentMSecsSinceEpoch()},
                      {QStringLiteral("lost"), QJsonObject{{QStringLiteral("calls"), qint64(o.lostCalls)},
                                                           {QStringLiteral("answers"), qint64(o.lostAnswers)},
                                                           {QStringLiteral("events"), qint64(o.lostEvents)}}},
                      {QStringLiteral("cursors"), QJsonObject{{QStringLiteral("calls"), qint64(o.calls)},
                                                              {QStringLiteral("answers"), qint64(o.answers)},
                                                              {QStringLiteral("events"), qint64(o.events)}}},
                      {QStringLiteral("calls"), callArray},
                      {QStringLiteral("answers"), answerArray},
                      {QStringLiteral("events"), eventArray}};
    if (newSample) {
        o.rateSample = m_rates->sampleCount();
        batch.insert(QStringLiteral("rates"), MonitorJson::latestRates(*m_monitor, *m_rates));
        batch.insert(QStringLiteral("counters"), MonitorJson::counters(*m_monitor));
        batch.insert(QStringLiteral("members"), MonitorJson::members(*m_monitor));
    }
    o.lostCalls = o.lostAnswers = o.lostEvents = 0;
    o.socket->sendTextMessage(QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
}

} // namespace daffi
