#include "monitor.h"

#include "ringspan.h"

#include <core/node/router.h>
#include <core/transport/listener.h>

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace daffi {

namespace {

// A key for hash lookups that borrows the bytes instead of copying them.
QByteArray borrow(QByteArrayView v)
{
    return QByteArray::fromRawData(v.data(), v.size());
}

constexpr qint64 QuarterHourMs = 15 * 60 * 1000;
constexpr int EvictEverySamples = 10;

} // namespace

Monitor::Monitor(Router *router, QObject *parent) : Monitor(router, Options{}, parent) {}

Monitor::Monitor(Router *router, const Options &options, QObject *parent)
    : QObject(parent), m_router(router), m_options(options), m_events(size_t(std::max(1, options.eventCapacity)))
{
    m_clock.start();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_wallOffsetMs = m_startedMs;
    m_ring.resize(size_t(std::max(1, m_options.ringCapacity)));
    m_answerRing.resize(m_ring.size());
    for (const MemberInfo &m : router->members()) {
        m_members.insert(m.connectionId, MemberEntry{m, {}});
        m_byName.insert(m.name, m.connectionId);
        expose(m.methods, +1);
    }
    connect(router, &Router::frameForwarded, this, &Monitor::forwarded, Qt::DirectConnection);
    connect(router, &Router::frameRefused, this, &Monitor::refused, Qt::DirectConnection);
    connect(router, &Router::memberJoined, this, &Monitor::memberJoined);
    connect(router, &Router::memberUpdated, this, &Monitor::memberUpdated);
    connect(router, &Router::memberLeft, this, &Monitor::memberLeft);
    connect(router, &Router::connectionDropped, this, &Monitor::connectionDropped);
    m_timer = new QTimer(this);
    m_timer->setInterval(m_options.sampleIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Monitor::sample);
    m_timer->start();
}

Monitor::~Monitor() = default;

void Monitor::watch(Listener *listener)
{
    connect(listener, &Listener::connectionRefused, this, [this](const QString &peer, const QString &reason) {
        EventLog::Event e;
        e.timeMs = QDateTime::currentMSecsSinceEpoch();
        e.kind = EventLog::Kind::Refused;
        e.address = peer;
        e.reason = reason;
        logEvent(std::move(e));
    });
}

Monitor::MemberEntry &Monitor::member(quint64 connection, QByteArrayView name)
{
    auto it = m_members.find(connection);
    if (it == m_members.end()) {
        // A member the router had before we were told of it: known by name only.
        MemberInfo info;
        info.name = name.toByteArray();
        info.connectionId = connection;
        it = m_members.insert(connection, MemberEntry{info, {}});
        m_byName.insert(info.name, connection);
    }
    return *it;
}

Monitor::FunctionEntry &Monitor::function(QByteArrayView name)
{
    auto it = m_functions.find(borrow(name));
    if (it == m_functions.end()) {
        QByteArray key = name.toByteArray();
        it = m_functions.emplace(key, FunctionEntry{}).first;
        it->second.name = key;
    }
    return it->second;
}

Monitor::CallRecord &Monitor::append(const Frame &request, const QByteArray &caller, const QByteArray &receiver,
                                     const QByteArray &function, qint64 wallMs)
{
    CallRecord &r = m_ring[size_t(m_nextSeq % m_ring.size())];
    m_keptBytes -= (r.request.isValid() ? r.request.size() : 0) + (r.reply.isValid() ? r.reply.size() : 0);
    r = CallRecord{};
    r.seq = m_nextSeq++;
    r.timeMs = wallMs;
    r.caller = caller;
    r.receiver = receiver;
    r.function = function;
    r.serde = request.serde();
    r.uuid = request.uuid();
    r.requestSize = request.size();
    if (keep(request))
        r.request = request;
    return r;
}

bool Monitor::keep(const Frame &frame)
{
    if (frame.size() > m_options.payloadRetention || m_keptBytes + frame.size() > m_options.payloadBudget)
        return false;
    m_keptBytes += frame.size();
    return true;
}

Monitor::CallRecord *Monitor::find(quint64 seq)
{
    if (seq == 0 || seq >= m_nextSeq || m_nextSeq - seq > m_ring.size())
        return nullptr;
    CallRecord &r = m_ring[size_t(seq % m_ring.size())];
    return r.seq == seq ? &r : nullptr;
}

void Monitor::forwarded(const Frame &frame, quint64 from, quint64 to)
{
    const qsizetype size = frame.size();
    ++m_totals.framesForwarded;
    m_totals.bytesForwarded += quint64(size);
    const qint64 now = nowUs();

    MemberEntry &sender = member(from, frame.transmitter());
    sender.stats.bytesIn += quint64(size);
    sender.stats.lastActivityMs = wallMs(now);
    MemberEntry &receiver = member(to, frame.receiver());
    receiver.stats.bytesOut += quint64(size);

    if (frame.flag() == Flag::Request) {
        ++m_totals.calls;
        ++sender.stats.callsOut;
        ++receiver.stats.callsIn;
        FunctionEntry &fn = function(frame.function());
        ++fn.stats.calls;
        fn.stats.bytes += quint64(size);
        fn.lastActiveMs = now / 1000;
        ProviderEntry &provider = fn.providers[receiver.info.name];
        ++provider.calls;
        provider.lastActiveMs = fn.lastActiveMs;
        CallRecord &r = append(frame, sender.info.name, receiver.info.name, fn.name, wallMs(now));
        if (!frame.header().returnResult) {
            r.status = Status::Sent;
            if (m_sink)
                m_sink->callRecorded(r, frame);
            return;
        }
        r.status = Status::Pending;
        if (m_sink)
            m_sink->callRecorded(r, frame);
        const quint64 key = pendingKey(from, frame.uuid());
        if (const auto old = m_pending.constFind(key); old != m_pending.cend())
            settle(*old, Status::Lost, now, nullptr, tr("the caller reused the uuid before an answer came"));
        else if (m_pending.size() >= m_options.maxPending)
            return;   // untimed: its record stays pending
        ++sender.stats.inFlight;
        ++receiver.stats.serving;
        ++provider.inFlight;
        m_pending.insert(key, Pending{key, r.seq, now, from, to, &fn, &provider});
        return;
    }

    // RESPONSE or ERROR travelling back to the caller (connection `to`).
    const auto it = m_pending.constFind(pendingKey(to, frame.uuid()));
    if (it == m_pending.cend())
        return;
    settle(*it, frame.flag() == Flag::Error ? Status::Error : Status::Ok, now, &frame, {});
}

void Monitor::settle(const Pending &pendingRef, Status status, qint64 nowUs_, const Frame *answer, const QString &detail)
{
    const Pending pending = pendingRef;   // the reference lives in m_pending
    m_pending.remove(pending.key);
    if (auto c = m_members.find(pending.caller); c != m_members.end())
        --c->stats.inFlight;
    auto p = m_members.find(pending.provider);
    if (p != m_members.end())
        --p->stats.serving;
    --pending.providerEntry->inFlight;
    if (status == Status::Error) {
        ++m_totals.errors;
        if (p != m_members.end())
            ++p->stats.errors;
        ++pending.function->stats.errors;
        ++pending.providerEntry->errors;
    } else if (status == Status::Lost) {
        ++m_totals.timeouts;
        ++pending.function->stats.timeouts;
        ++pending.providerEntry->timeouts;
    }
    const qint64 latency = nowUs_ - pending.startUs;
    if (answer) {
        pending.providerEntry->latency.record(latency, nowUs_ / 1000);
        PrometheusLatency &prom = pending.function->prometheus;
        const auto bucket = std::lower_bound(PrometheusBucketsUs.cbegin(), PrometheusBucketsUs.cend(), latency);
        ++prom.counts[size_t(bucket - PrometheusBucketsUs.cbegin())];
        prom.sumUs += quint64(latency);
    }
    Answer &a = m_answerRing[size_t(m_nextAnswerSeq % m_answerRing.size())];
    a = Answer{m_nextAnswerSeq++, pending.seq, status, std::nullopt, answer ? answer->size() : 0, detail};
    if (answer)
        a.latencyUs = latency;
    if (m_sink)
        m_sink->callAnswered(a, answer);
    if (CallRecord *r = find(pending.seq)) {
        r->status = status;
        r->detail = detail;
        r->latencyUs = a.latencyUs;
        r->replySize = a.replySize;
        if (answer && keep(*answer))
            r->reply = *answer;
    }
}

void Monitor::refused(const Frame &frame, quint64 from, const QString &reason)
{
    ++m_totals.framesRefused;
    const auto sender = m_members.find(from);
    if (sender != m_members.end())
        ++sender->stats.errors;
    if (frame.flag() != Flag::Request)
        return;
    ++m_totals.errors;
    // Only functions someone exposes or called get an entry: refusals of made-up names must
    // not grow the table.
    const auto fn = m_functions.find(borrow(frame.function()));
    if (fn != m_functions.end())
        ++fn->second.stats.errors;
    CallRecord &r = append(frame, sender != m_members.end() ? sender->info.name : frame.transmitter().toByteArray(),
                           frame.receiver().toByteArray(),
                           fn != m_functions.end() ? fn->second.name : frame.function().toByteArray(),
                           wallMs(nowUs()));
    r.status = Status::Refused;
    r.detail = reason;
    if (m_sink)
        m_sink->callRecorded(r, frame);
}

void Monitor::expose(const QByteArrayList &methods, int delta)
{
    const qint64 now = nowUs() / 1000;
    for (const QByteArray &m : methods) {
        FunctionEntry &fn = function(m);
        fn.exposedBy += delta;
        fn.lastActiveMs = now;
    }
}

EventLog::Event Monitor::memberEvent(EventLog::Kind kind, const MemberInfo &m)
{
    EventLog::Event e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = kind;
    e.member = m.name;
    e.connection = m.connectionId;
    e.address = m.address;
    e.transport = m.transport;
    e.methods = m.methods;
    return e;
}

void Monitor::memberJoined(const MemberInfo &m)
{
    m_members.insert(m.connectionId, MemberEntry{m, {}});
    m_byName.insert(m.name, m.connectionId);
    expose(m.methods, +1);
    logEvent(memberEvent(EventLog::Kind::Joined, m));
}

void Monitor::memberUpdated(const MemberInfo &m)
{
    MemberEntry &entry = member(m.connectionId, m.name);
    expose(entry.info.methods, -1);
    expose(m.methods, +1);
    entry.info = m;
    logEvent(memberEvent(EventLog::Kind::Updated, m));
}

void Monitor::memberLeft(const QByteArray &name, const QString &reason, Connection::CloseCause cause)
{
    const auto id = m_byName.constFind(name);
    if (id == m_byName.cend())
        return;
    const quint64 connection = *id;
    m_byName.erase(id);
    loseCallsOf(connection, reason);
    // Stats live as long as the member: a router that sees thousands of short-lived callers
    // with random names must not grow without bound. The last ones to leave are kept, bounded.
    const MemberEntry entry = m_members.take(connection);
    expose(entry.info.methods, -1);
    ++m_drops[cause];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_departed.push_front(DepartedMember{entry.info, entry.stats, now, reason, cause});
    if (m_departed.size() > size_t(std::max(0, m_options.departedCapacity)))
        m_departed.pop_back();
    EventLog::Event e = memberEvent(EventLog::Kind::Left, entry.info);
    e.timeMs = now;
    e.methods.clear();
    e.reason = reason;
    e.cause = cause;
    logEvent(std::move(e));
}

void Monitor::connectionDropped(quint64 connection, const QString &address, const QString &reason,
                                Connection::CloseCause cause)
{
    ++m_drops[cause];
    EventLog::Event e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.kind = EventLog::Kind::Dropped;
    e.connection = connection;
    e.address = address;
    e.reason = reason;
    e.cause = cause;
    logEvent(std::move(e));
}

void Monitor::logEvent(EventLog::Event event)
{
    const EventLog::Event &stored = m_events.append(std::move(event));
    if (m_sink)
        m_sink->eventRecorded(stored);
}

void Monitor::loseCallsOf(quint64 connection, const QString &reason)
{
    const auto it = m_members.constFind(connection);
    if (it == m_members.cend() || (it->stats.inFlight <= 0 && it->stats.serving <= 0))
        return;
    std::vector<Pending> lost;
    for (const Pending &p : std::as_const(m_pending)) {
        if (p.caller == connection || p.provider == connection)
            lost.push_back(p);
    }
    const qint64 now = nowUs();
    for (const Pending &p : lost) {
        settle(p, Status::Lost, now, nullptr,
               p.caller == connection ? tr("the caller left before the answer: %1").arg(reason)
                                      : tr("the provider left before answering: %1").arg(reason));
    }
}

void Monitor::sample()
{
    const qint64 now = nowUs();
    m_wallOffsetMs = QDateTime::currentMSecsSinceEpoch() - now / 1000;
    const double seconds = m_lastSampleUs ? double(now - m_lastSampleUs) / 1e6 : 0.0;
    Sample s;
    s.timeMs = wallMs(now);
    if (seconds > 0) {
        s.framesPerSecond = double(m_totals.framesForwarded - m_lastSampleTotals.framesForwarded) / seconds;
        s.bytesPerSecond = double(m_totals.bytesForwarded - m_lastSampleTotals.bytesForwarded) / seconds;
    }
    m_lastSampleTotals = m_totals;
    m_lastSampleUs = now;
    m_history.push_back(s);
    if (m_history.size() > size_t(m_options.historySamples))
        m_history.erase(m_history.begin());

    std::vector<Pending> unanswered;
    const qint64 limitUs = qint64(m_options.unansweredAfterMs) * 1000;
    for (const Pending &p : std::as_const(m_pending)) {
        if (now - p.startUs >= limitUs)
            unanswered.push_back(p);
    }
    for (const Pending &p : unanswered)
        settle(p, Status::Lost, now, nullptr, tr("no answer within %1 s").arg(m_options.unansweredAfterMs / 1000.0));

    if (++m_samples % EvictEverySamples == 0)
        evictIdle();
    Q_EMIT sampled();
}

void Monitor::evictIdle()
{
    // A function nobody exposes stays listed for 15 minutes after its last call or provider;
    // so does a provider that left. Entries with calls in flight stay (Pending points at them).
    const qint64 now = nowUs() / 1000;
    for (auto fn = m_functions.begin(); fn != m_functions.end();) {
        auto &providers = fn->second.providers;
        for (auto p = providers.begin(); p != providers.end();) {
            const bool idle = p->second.inFlight == 0 && now - p->second.lastActiveMs > QuarterHourMs;
            p = idle && !m_byName.contains(p->first) ? providers.erase(p) : std::next(p);
        }
        const bool idle = fn->second.exposedBy <= 0 && providers.empty() && now - fn->second.lastActiveMs > QuarterHourMs;
        fn = idle ? m_functions.erase(fn) : std::next(fn);
    }
}

QHash<QByteArray, Monitor::MemberStats> Monitor::memberStats() const
{
    QHash<QByteArray, MemberStats> out;
    out.reserve(m_members.size());
    for (const MemberEntry &m : m_members)
        out.insert(m.info.name, m.stats);
    return out;
}

QHash<QByteArray, Monitor::FunctionStats> Monitor::functionStats() const
{
    QHash<QByteArray, FunctionStats> out;
    out.reserve(qsizetype(m_functions.size()));
    for (const auto &[name, fn] : m_functions)
        out.insert(name, fn.stats);
    return out;
}

std::vector<Monitor::MemberView> Monitor::members() const
{
    QHash<quint64, const Connection *> connections;
    for (const Connection *c : m_router->connections())
        connections.insert(c->id(), c);
    std::vector<MemberView> out;
    const QList<MemberInfo> infos = m_router->members();
    out.reserve(size_t(infos.size()));
    for (const MemberInfo &info : infos) {
        MemberView v;
        v.info = info;
        if (const auto it = m_members.constFind(info.connectionId); it != m_members.cend())
            v.stats = it->stats;
        if (const Connection *c = connections.value(info.connectionId))
            v.queuedBytes = c->queuedBytes();
        out.push_back(std::move(v));
    }
    return out;
}

Monitor::Latency Monitor::summarize(const LatencyHistogram &h)
{
    return Latency{h.count(), h.percentile(0.5), h.percentile(0.9), h.percentile(0.99), h.max(), h.mean()};
}

std::vector<Monitor::FunctionView> Monitor::functions() const
{
    const qint64 now = nowUs() / 1000;
    std::vector<FunctionView> out;
    out.reserve(m_functions.size());
    for (const auto &[name, fn] : m_functions) {
        FunctionView v;
        v.name = name;
        v.providers = std::max(0, fn.exposedBy);
        v.stats = fn.stats;
        LatencyHistogram minute, quarter;
        for (const auto &[providerName, p] : fn.providers) {
            const LatencyHistogram pm = p.latency.lastMinute(now);
            const LatencyHistogram pq = p.latency.lastQuarterHour(now);
            minute.add(pm);
            quarter.add(pq);
            v.inFlight += p.inFlight;
            v.perProvider.push_back(ProviderView{providerName, m_byName.contains(providerName), p.calls, p.errors,
                                                 p.timeouts, p.inFlight, summarize(pm), summarize(pq)});
        }
        std::sort(v.perProvider.begin(), v.perProvider.end(),
                  [](const ProviderView &a, const ProviderView &b) { return a.name < b.name; });
        v.lastMinute = summarize(minute);
        v.lastQuarterHour = summarize(quarter);
        out.push_back(std::move(v));
    }
    std::sort(out.begin(), out.end(), [](const FunctionView &a, const FunctionView &b) { return a.name < b.name; });
    return out;
}

QHash<QByteArray, Monitor::PrometheusLatency> Monitor::prometheusLatency() const
{
    QHash<QByteArray, PrometheusLatency> out;
    for (const auto &[name, fn] : m_functions)
        out.insert(name, fn.prometheus);
    return out;
}

std::vector<Monitor::CallRecord> Monitor::callsSince(quint64 afterSeq) const
{
    std::vector<CallRecord> out;
    const RingSpan span = RingSpan::after(afterSeq, m_nextSeq, m_ring.size());
    for (quint64 seq = span.first; seq < span.end; ++seq)
        out.push_back(m_ring[size_t(seq % m_ring.size())]);
    return out;
}

std::vector<Monitor::CallRecord> Monitor::callsSince(quint64 afterSeq, size_t maxCount) const
{
    const quint64 available = m_nextSeq - 1;
    if (available > afterSeq && available - afterSeq > maxCount)
        afterSeq = available - maxCount;
    return callsSince(afterSeq);
}

Monitor::CallPage Monitor::calls(quint64 since, size_t limit) const
{
    CallPage page;
    page.lastSeq = lastSeq();
    const RingSpan span = RingSpan::after(since, m_nextSeq, m_ring.size());
    page.lost = span.lost;
    for (quint64 seq = span.first; seq < span.end && page.records.size() < limit; ++seq)
        page.records.push_back(m_ring[size_t(seq % m_ring.size())]);
    return page;
}

Monitor::AnswerPage Monitor::answers(quint64 since, size_t limit) const
{
    AnswerPage page;
    page.lastSeq = lastAnswerSeq();
    const RingSpan span = RingSpan::after(since, m_nextAnswerSeq, m_answerRing.size());
    page.lost = span.lost;
    for (quint64 seq = span.first; seq < span.end && page.answers.size() < limit; ++seq)
        page.answers.push_back(m_answerRing[size_t(seq % m_answerRing.size())]);
    return page;
}

std::optional<Monitor::CallRecord> Monitor::call(quint64 seq) const
{
    if (auto *r = const_cast<Monitor *>(this)->find(seq))
        return *r;
    return std::nullopt;
}

} // namespace daffi
