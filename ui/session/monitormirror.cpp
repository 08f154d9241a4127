#include "monitormirror.h"

#include "eventtext.h"
#include "monitorjsonreader.h"

#include <QJsonArray>

namespace daffi::ui {

namespace {
constexpr size_t MaxQueuedEvents = 2000;
constexpr size_t HistorySamples = 900;   // 15 minutes, as the embedded router keeps
}

MonitorMirror::MonitorMirror(const MonitorOptions &options, size_t ringCapacity, QObject *parent)
    : MonitorMirror(options, MonitorFeedClient::Timing{}, ringCapacity, parent) {}

MonitorMirror::MonitorMirror(const MonitorOptions &options, const MonitorFeedClient::Timing &timing,
                             size_t ringCapacity, QObject *parent)
    : QObject(parent), m_feed(new MonitorFeedClient(options, timing, this)), m_calls(ringCapacity)
{
    connect(m_feed, &MonitorFeedClient::hello, this, &MonitorMirror::hello);
    connect(m_feed, &MonitorFeedClient::batch, this, &MonitorMirror::batch);
    connect(m_feed, &MonitorFeedClient::functionsReceived, this, [this](const QJsonObject &document) {
        m_functions = MonitorJsonReader::functions(document);
    });
    connect(m_feed, &MonitorFeedClient::ratesReceived, this, [this](const QJsonObject &document) {
        takeSamples(document.value(u"totals").toArray());
    });
    // Problems reach the Events list through Session::problem; recoveries have no such path.
    connect(m_feed, &MonitorFeedClient::recovered, this, [this](const QString &text) {
        note(SessionEvent::Kind::Info, text);
    });
}

void MonitorMirror::note(SessionEvent::Kind kind, const QString &text)
{
    if (m_events.size() >= MaxQueuedEvents)
        m_events.erase(m_events.begin());
    m_events.push_back({QDateTime::currentMSecsSinceEpoch(), kind, text});
}

void MonitorMirror::hello(const QJsonObject &message, bool newInstance)
{
    if (newInstance) {
        // Whatever the old instance numbered stays shown; the new one's 1 comes after it.
        m_base = m_calls.lastSeq();
        m_functions = std::vector<Monitor::FunctionView>{};
    }
    const QJsonObject router = message.value(u"router").toObject();
    const QJsonObject counters = router.value(u"counters").toObject();
    m_members = MonitorJsonReader::members(message.value(u"members").toArray());
    m_totals = MonitorJsonReader::totals(counters);
    m_eventsShownInHello = quint64(std::max<qint64>(0, counters.value(u"last_event_seq").toInteger()));
    m_helloSeen = true;
}

void MonitorMirror::batch(const QJsonObject &message)
{
    const QJsonObject lost = message.value(u"lost").toObject();
    const qint64 lostCalls = lost.value(u"calls").toInteger();
    const qint64 lostAnswers = lost.value(u"answers").toInteger();
    const qint64 lostEvents = lost.value(u"events").toInteger();
    if (lostCalls > 0 || lostAnswers > 0 || lostEvents > 0) {
        note(SessionEvent::Kind::Problem,
             tr("The router's rings moved on before the feed could send %1 call(s), %2 answer(s) and %3 event(s) "
                "(while the console was away or behind); they are not listed, but the counters and rates include "
                "them.").arg(lostCalls).arg(lostAnswers).arg(lostEvents));
    }
    takeCalls(message.value(u"calls").toArray());
    takeAnswers(message.value(u"answers").toArray());
    takeEvents(message.value(u"events").toArray());
    if (message.contains(u"members"))
        m_members = MonitorJsonReader::members(message.value(u"members").toArray());
    if (message.contains(u"counters"))
        m_totals = MonitorJsonReader::totals(message.value(u"counters").toObject());
    if (message.contains(u"rates")) {
        const QJsonObject rates = message.value(u"rates").toObject();
        takeSamples(QJsonArray{rates.value(u"totals")});
        m_rates = MonitorJsonReader::ratePoints(rates.value(u"series").toArray());
        m_rateTimeMs = rates.value(u"time_ms").toInteger();
        ++m_rateSample;
    }
}

void MonitorMirror::takeCalls(const QJsonArray &calls)
{
    for (const QJsonValue &v : calls) {
        auto call = MonitorJsonReader::call(v.toObject());
        if (!call)
            continue;
        call->record.seq += m_base;
        if (call->record.seq > m_calls.lastSeq())
            m_calls.put(std::move(call->record), call->payloadKept);
    }
}

void MonitorMirror::takeAnswers(const QJsonArray &answers)
{
    for (const QJsonValue &v : answers) {
        const auto a = MonitorJsonReader::answer(v.toObject());
        Monitor::CallRecord *r = a ? m_calls.find(m_base + a->callSeq) : nullptr;
        if (!r || r->status != Monitor::Status::Pending)
            continue;
        r->status = a->status;
        r->latencyUs = a->latencyUs;
        r->replySize = a->replySize;
        r->detail = a->detail;
    }
}

void MonitorMirror::takeEvents(const QJsonArray &events)
{
    for (const QJsonValue &v : events) {
        const auto e = MonitorJsonReader::event(v.toObject());
        if (!e)
            continue;
        if (m_events.size() >= MaxQueuedEvents)
            m_events.erase(m_events.begin());
        m_events.push_back(EventText::describe(*e));
        if (e->seq > m_eventsShownInHello)
            applyToMembers(*e);
    }
}

void MonitorMirror::applyToMembers(const EventLog::Event &e)
{
    // Between the once-a-second member lists, joins and leaves arrive as events.
    const auto it = std::find_if(m_members.begin(), m_members.end(),
                                 [&](const MemberSnapshot &m) { return m.name == e.member; });
    switch (e.kind) {
    case EventLog::Kind::Joined: {
        MemberSnapshot m;
        m.name = e.member;
        m.methods = e.methods;
        m.hasMethodList = !e.methods.isEmpty();
        m.transport = e.transport ? Connection::transportName(*e.transport) : QString();
        m.address = e.address;
        m.connectedAt = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC);
        m.stats = Monitor::MemberStats{};
        if (it != m_members.end())
            *it = std::move(m);
        else
            m_members.push_back(std::move(m));
        break;
    }
    case EventLog::Kind::Updated:
        if (it != m_members.end()) {
            it->methods = e.methods;
            it->hasMethodList = true;
        }
        break;
    case EventLog::Kind::Left:
        if (it != m_members.end())
            m_members.erase(it);
        break;
    case EventLog::Kind::Dropped:
    case EventLog::Kind::Refused:
        break;
    }
}

void MonitorMirror::takeSamples(const QJsonArray &points)
{
    for (const QJsonValue &p : points) {
        const auto sample = MonitorJsonReader::sample(p);
        if (!sample || (!m_samples.empty() && sample->timeMs <= m_samples.back().timeMs))
            continue;
        m_samples.push_back(*sample);
        if (m_samples.size() > HistorySamples)
            m_samples.pop_front();
    }
}

Snapshot MonitorMirror::snapshot(const SnapshotRequest &request, bool *membersKnown)
{
    Snapshot s;
    s.timeMs = QDateTime::currentMSecsSinceEpoch();
    *membersKnown = m_helloSeen;
    s.members = m_members;
    m_calls.fill(s, request);
    s.totals = m_totals;
    for (const Monitor::Sample &sample : m_samples) {
        if (sample.timeMs > request.afterSampleMs)
            s.samples.push_back(sample);
    }
    if (m_rateSample > request.afterRateSample)
        s.rateSamples.push_back(RateSample{m_rateSample, m_rateTimeMs, m_rates});   // the newest one only
    s.functions = std::exchange(m_functions, std::nullopt);
    s.events.swap(m_events);
    return s;
}

void MonitorMirror::fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done)
{
    if (seq <= m_base) {
        done({{}, {}, tr("The router restarted after this call; its payload went with the old instance.")});
        return;
    }
    if (!m_feed->servesPayloads()) {
        done({{}, {}, tr("This router does not serve call payloads; start it with --monitor-payloads to see them "
                         "here (payloads are the users' data, so they are off beyond 127.0.0.1 by default).")});
        return;
    }
    if (m_calls.find(seq) && !m_calls.payloadKept(seq)) {
        done({{}, {}, tr("The router did not keep this call's payload: frames over 64 KiB are counted, not kept.")});
        return;
    }
    m_feed->fetchPayload(seq - m_base, std::move(done));
}

} // namespace daffi::ui
