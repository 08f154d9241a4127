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
    : QObject(parent), m_router(router), m_options(options),
      m_arena(options.payloadRetention < 0 ? 0 : options.payloadBudget),
      m_events(size_t(std::max(1, options.eventCapacity)))
{
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_wallOffsetMs = m_startedMs;
    m_ring.resize(size_t(std::max(1, m_options.ringCapacity)));
    m_answerRing.resize(m_ring.size());
    for (const MemberInfo &m : router->members()) {
        m_members.insert(m.connectionId, std::make_unique<MemberEntry>(MemberEntry{m, {}}));
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

Monitor::~Monitor()
{
    dropRoutes([](const Route &) { return true; });
    for (Slot &slot : m_ring)
        release(slot.names);
}

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
    if (std::unique_ptr<MemberEntry> *entry = m_members.find(connection))
        return **entry;
    // A member the router had before we were told of it: known by name only.
    MemberInfo info;
    info.name = name.toByteArray();
    info.connectionId = connection;
    m_byName.insert(info.name, connection);
    return *m_members.insert(connection, std::make_unique<MemberEntry>(MemberEntry{info, {}}));
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

quint64 Monitor::routeKey(quint64 from, quint64 to, QByteArrayView function) const
{
    const quint64 key = qHashMulti(QHashSeed::globalSeed(), from, to, function);
    return key ? key : 1;   // 0 marks an empty slot
}

Monitor::Route &Monitor::route(const Frame &request, quint64 from, quint64 to)
{
    const QByteArrayView fn = request.function();
    // Frames come in runs from one socket read, so the route of the previous request is usually
    // this one's too: checked before hashing the function name.
    if (Route *last = m_lastRoute; last && last->from == from && last->to == to
                                   && QByteArrayView(last->names->function) == fn)
        return *last;
    const quint64 key = routeKey(from, to, fn);
    if (std::unique_ptr<Route> *head = m_routes.find(key)) {
        for (Route *r = head->get(); r; r = r->collision.get()) {
            if (r->from == from && r->to == to && QByteArrayView(r->names->function) == fn)
                return *(m_lastRoute = r);
        }
    }
    return addRoute(key, request, from, to);
}

Monitor::Route &Monitor::addRoute(quint64 key, const Frame &request, quint64 from, quint64 to)
{
    auto r = std::make_unique<Route>();
    r->from = from;
    r->to = to;
    r->sender = &member(from, request.transmitter());
    r->receiver = &member(to, request.receiver());
    r->function = &function(request.function());
    r->provider = &r->function->providers[r->receiver->info.name];
    r->names = new Names{r->sender->info.name, r->receiver->info.name, r->function->name, 1};
    ++r->sender->routes;
    ++r->receiver->routes;
    Route &added = *r;
    if (std::unique_ptr<Route> *head = m_routes.find(key))
        r->collision = std::move(*head);
    m_routes.insert(key, std::move(r));
    m_lastRoute = &added;
    return added;
}

template <typename Pred>
void Monitor::dropRoutes(Pred &&pred)
{
    m_lastRoute = nullptr;
    m_routes.forEach([&](quint64, std::unique_ptr<Route> &head) {
        for (std::unique_ptr<Route> *link = &head; *link;) {
            if (pred(**link)) {
                --(*link)->sender->routes;
                --(*link)->receiver->routes;
                release((*link)->names);
                *link = std::move((*link)->collision);
            } else {
                link = &(*link)->collision;
            }
        }
    });
    m_routes.eraseIf([](quint64, const std::unique_ptr<Route> &head) { return !head; });
}

void Monitor::dropRoutesOf(quint64 connection)
{
    const std::unique_ptr<MemberEntry> *entry = m_members.find(connection);
    if (!entry || (*entry)->routes == 0)
        return;
    dropRoutes([connection](const Route &r) { return r.from == connection || r.to == connection; });
}

void Monitor::release(Names *names)
{
    if (names && --names->refs == 0)
        delete names;
}

Monitor::Slot &Monitor::append(Names *names, const Frame &request, qint64 wallMs)
{
    Slot &r = m_ring[size_t(m_nextSeq % m_ring.size())];
    ++names->refs;
    release(std::exchange(r.names, names));
    r.seq = m_nextSeq++;
    m_lastRecordMs = std::max(m_lastRecordMs, wallMs);
    r.timeMs = m_lastRecordMs;
    r.serde = request.serde();
    r.uuid = request.uuid();
    r.requestSize = request.size();
    r.replySize = 0;
    r.latencyUs = -1;
    if (!r.detail.isNull())
        r.detail = QString();
    r.arenaMark = m_arena.end();
    r.request = keep(request);
    r.reply = {};
    return r;
}

PayloadArena::Extent Monitor::keep(const Frame &frame)
{
    if (frame.size() > m_options.payloadRetention)
        return {};
    // The bytes still wanted start with the oldest record in the ring.
    const quint64 newest = m_nextSeq - 1;
    const quint64 oldest = newest >= m_ring.size() ? newest - m_ring.size() + 1 : 1;
    return m_arena.append(frame, m_ring[size_t(oldest % m_ring.size())].arenaMark);
}

Monitor::Slot *Monitor::find(quint64 seq)
{
    if (seq == 0 || seq >= m_nextSeq || m_nextSeq - seq > m_ring.size())
        return nullptr;
    Slot &r = m_ring[size_t(seq % m_ring.size())];
    return r.seq == seq ? &r : nullptr;
}

template <typename Record>
void Monitor::fill(Record &r, const Slot &s)
{
    r.seq = s.seq;
    r.timeMs = s.timeMs;
    r.caller = s.names->caller;
    r.receiver = s.names->receiver;
    r.function = s.names->function;
    r.serde = s.serde;
    r.uuid = s.uuid;
    r.requestSize = s.requestSize;
    r.replySize = s.replySize;
    if (s.latencyUs >= 0)
        r.latencyUs = s.latencyUs;
    r.status = s.status;
    r.detail = s.detail;
}

Monitor::CallView Monitor::view(const Slot &s) const
{
    CallView v;
    fill(v, s);
    v.payloadKept = m_arena.holds(s.request) || m_arena.holds(s.reply);
    return v;
}

Frame Monitor::frameAt(PayloadArena::Extent extent) const
{
    QByteArray bytes = m_arena.read(extent);
    if (bytes.isNull())
        return {};
    Result<Frame> frame = Frame::fromBytes(std::move(bytes));
    return frame ? *frame : Frame{};
}

Monitor::CallRecord Monitor::record(const Slot &s) const
{
    CallRecord r;
    fill(r, s);
    r.request = frameAt(s.request);
    r.reply = frameAt(s.reply);
    return r;
}

void Monitor::forwarded(const Frame &frame, quint64 from, quint64 to)
{
    const qsizetype size = frame.size();
    ++m_totals.framesForwarded;
    m_totals.bytesForwarded += quint64(size);

    if (frame.flag() == Flag::Request) {
        // Only a call whose answer will be timed needs the precise clock.
        const qint64 now = frame.header().returnResult ? nowUs() : m_clock.coarse();
        Route &route = this->route(frame, from, to);
        MemberEntry &sender = *route.sender;
        MemberEntry &receiver = *route.receiver;
        FunctionEntry &fn = *route.function;
        ProviderEntry &provider = *route.provider;
        const qint64 nowMs = now / 1000;
        sender.stats.bytesIn += quint64(size);
        sender.stats.lastActivityMs = wallMs(now);
        receiver.stats.bytesOut += quint64(size);
        ++m_totals.calls;
        ++sender.stats.callsOut;
        ++receiver.stats.callsIn;
        ++fn.stats.calls;
        fn.stats.bytes += quint64(size);
        fn.lastActiveMs = nowMs;
        ++provider.calls;
        provider.lastActiveMs = nowMs;
        ++route.messages;
        route.bytes += quint64(size);
        route.lastActiveMs = nowMs;
        Slot &r = append(route.names, frame, wallMs(now));
        if (!frame.header().returnResult) {
            r.status = Status::Sent;
            if (m_sink)
                m_sink->callRecorded(record(r), frame);
            return;
        }
        r.status = Status::Pending;
        if (m_sink)
            m_sink->callRecorded(record(r), frame);
        const quint64 key = pendingKey(from, frame.uuid());
        if (const Pending *old = m_pending.find(key))
            settle(*old, Status::Lost, now, nullptr, tr("the caller reused the uuid before an answer came"));
        else if (m_pending.size() >= size_t(std::max(0, m_options.maxPending)))
            return;   // untimed: its record stays pending
        ++sender.stats.inFlight;
        ++receiver.stats.serving;
        ++provider.inFlight;
        m_pending.insert(key, Pending{key, r.seq, now, from, to, &fn, &provider});
        return;
    }

    // RESPONSE or ERROR travelling back to the caller (connection `to`).
    MemberEntry &sender = member(from, frame.transmitter());
    sender.stats.bytesIn += quint64(size);
    member(to, frame.receiver()).stats.bytesOut += quint64(size);
    const Pending *pending = m_pending.find(pendingKey(to, frame.uuid()));
    const qint64 now = pending ? nowUs() : m_clock.coarse();
    sender.stats.lastActivityMs = wallMs(now);
    if (pending)
        settle(*pending, frame.flag() == Flag::Error ? Status::Error : Status::Ok, now, &frame, {});
}

void Monitor::settle(const Pending &pendingRef, Status status, qint64 nowUs_, const Frame *answer, const QString &detail)
{
    const Pending pending = pendingRef;   // the reference lives in m_pending
    m_pending.erase(pending.key);
    if (std::unique_ptr<MemberEntry> *c = m_members.find(pending.caller))
        --(*c)->stats.inFlight;
    std::unique_ptr<MemberEntry> *p = m_members.find(pending.provider);
    if (p)
        --(*p)->stats.serving;
    --pending.providerEntry->inFlight;
    if (status == Status::Error) {
        ++m_totals.errors;
        if (p)
            ++(*p)->stats.errors;
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
    if (Slot *r = find(pending.seq)) {
        r->status = status;
        r->detail = detail;
        r->latencyUs = answer ? latency : -1;
        r->replySize = a.replySize;
        if (answer)
            r->reply = keep(*answer);
    }
}

void Monitor::refused(const Frame &frame, quint64 from, const QString &reason)
{
    ++m_totals.framesRefused;
    std::unique_ptr<MemberEntry> *sender = m_members.find(from);
    if (sender)
        ++(*sender)->stats.errors;
    if (frame.flag() != Flag::Request)
        return;
    ++m_totals.errors;
    // Only functions someone exposes or called get an entry: refusals of made-up names must
    // not grow the table.
    const auto fn = m_functions.find(borrow(frame.function()));
    if (fn != m_functions.end())
        ++fn->second.stats.errors;
    auto *names = new Names{sender ? (*sender)->info.name : frame.transmitter().toByteArray(),
                            frame.receiver().toByteArray(),
                            fn != m_functions.end() ? fn->second.name : frame.function().toByteArray(), 0};
    Slot &r = append(names, frame, wallMs(nowUs()));
    r.status = Status::Refused;
    r.detail = reason;
    if (m_sink)
        m_sink->callRecorded(record(r), frame);
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
    // An entry made from a frame seen before the join is started afresh, in place: routes point at it.
    dropRoutesOf(m.connectionId);
    if (std::unique_ptr<MemberEntry> *entry = m_members.find(m.connectionId))
        **entry = MemberEntry{m, {}};
    else
        m_members.insert(m.connectionId, std::make_unique<MemberEntry>(MemberEntry{m, {}}));
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
    dropRoutesOf(connection);
    std::unique_ptr<MemberEntry> *found = m_members.find(connection);
    const MemberEntry entry = found ? std::move(**found) : MemberEntry{};
    m_members.erase(connection);
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
    dropRoutesOf(connection);
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
    const std::unique_ptr<MemberEntry> *it = m_members.find(connection);
    if (!it || ((*it)->stats.inFlight <= 0 && (*it)->stats.serving <= 0))
        return;
    std::vector<Pending> lost;
    m_pending.forEach([&](quint64, const Pending &p) {
        if (p.caller == connection || p.provider == connection)
            lost.push_back(p);
    });
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
    m_pending.forEach([&](quint64, const Pending &p) {
        if (now - p.startUs >= limitUs)
            unanswered.push_back(p);
    });
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
    // Idle routes go first: a route that stays was used within the quarter hour, and so were the
    // function and provider entries it points at, which therefore stay too.
    const qint64 now = nowUs() / 1000;
    dropRoutes([now](const Route &r) { return now - r.lastActiveMs > QuarterHourMs; });
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
    out.reserve(qsizetype(m_members.size()));
    m_members.forEach([&out](quint64, const std::unique_ptr<MemberEntry> &m) { out.insert(m->info.name, m->stats); });
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
        if (const std::unique_ptr<MemberEntry> *entry = m_members.find(info.connectionId))
            v.stats = (*entry)->stats;
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

std::vector<Monitor::Flow> Monitor::flows() const
{
    std::vector<Flow> out;
    m_routes.forEach([&out](quint64, const std::unique_ptr<Route> &head) {
        for (const Route *r = head.get(); r; r = r->collision.get())
            out.push_back(Flow{r->names->caller, r->names->receiver, r->names->function, r->messages, r->bytes});
    });
    return out;
}

std::vector<Monitor::CallRecord> Monitor::callsSince(quint64 afterSeq) const
{
    std::vector<CallRecord> out;
    const RingSpan span = RingSpan::after(afterSeq, m_nextSeq, m_ring.size());
    out.reserve(size_t(span.end - span.first));
    for (quint64 seq = span.first; seq < span.end; ++seq)
        out.push_back(record(m_ring[size_t(seq % m_ring.size())]));
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
        page.records.push_back(record(m_ring[size_t(seq % m_ring.size())]));
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
    if (const Slot *r = const_cast<Monitor *>(this)->find(seq))
        return record(*r);
    return std::nullopt;
}

} // namespace daffi
