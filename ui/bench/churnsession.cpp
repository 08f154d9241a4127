#include "churnsession.h"

#include <QDateTime>

#include <deque>

namespace daffi::ui::bench {

namespace {
constexpr size_t MaxQueuedEvents = 2000;   // what HostedSession keeps between two snapshots
constexpr size_t MaxSeries = 512;          // member rate series: RateHistory's default cap
constexpr qint64 CallBytes = 60;
}

struct ChurnSession::Network
{
    Options options;
    std::vector<MemberSnapshot> steady;
    std::vector<MemberPool::Spec> pending;  // not joined yet: all of them, in the first snapshot
    std::deque<MemberSnapshot> churners;    // oldest first
    std::vector<size_t> callers;
    std::vector<size_t> workers;
    std::vector<SessionEvent> events;
    qint64 startMs = 0;
    qint64 lastMs = 0;
    qint64 sampleMs = 0;
    quint64 churnStarted = 0;
    std::atomic<quint64> joins{0};
    std::atomic<quint64> leaves{0};
    double callsOwed = 0;
    quint64 seq = 0;
    quint64 callsSinceSample = 0;
    quint64 rateSample = 0;
    Monitor::Totals totals;

    void note(qint64 now, SessionEvent::Kind kind, const QString &text)
    {
        if (events.size() >= MaxQueuedEvents)
            events.erase(events.begin());
        events.push_back({now, kind, text});
    }

    MemberSnapshot join(qint64 now, const MemberPool::Spec &spec, quint16 port)
    {
        MemberSnapshot m;
        m.name = spec.name;
        m.methods = spec.methods;
        m.hasMethodList = !spec.methods.isEmpty();
        m.transport = QStringLiteral("tcp");
        m.address = QStringLiteral("127.0.0.1:%1").arg(port);
        m.connectedAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        m.stats = Monitor::MemberStats{};
        const QString who = QString::fromUtf8(m.name);
        note(now, SessionEvent::Kind::Joined,
             spec.methods.isEmpty() ? QStringLiteral("%1 joined from %2 (tcp) as a caller").arg(who, m.address)
                                    : QStringLiteral("%1 joined from %2 (tcp), exposing %3 functions")
                                          .arg(who, m.address).arg(spec.methods.size()));
        return m;
    }

    void advance(qint64 now)
    {
        for (const MemberPool::Spec &spec : pending) {
            steady.push_back(join(now, spec, quint16(1024 + steady.size() % 60000)));
            if (spec.name.startsWith("web-") && callers.size() < size_t(options.active))
                callers.push_back(steady.size() - 1);
            if (spec.name.startsWith("inventory-") && workers.size() < size_t(options.active))
                workers.push_back(steady.size() - 1);
        }
        pending.clear();
        const qint64 lifetime = options.lifetimeMs;
        while (!churners.empty() && churners.front().connectedAt.toMSecsSinceEpoch() + lifetime <= now) {
            note(now, SessionEvent::Kind::Left,
                 QStringLiteral("%1 left: peer closed the connection").arg(QString::fromUtf8(churners.front().name)));
            churners.pop_front();
            ++leaves;
        }
        const auto due = quint64(options.churn * double(now - startMs) / 1000.0);
        for (; churnStarted < due; ++churnStarted) {
            churners.push_back(join(now, {"session-" + QByteArray::number(churnStarted + 1), {}},
                                    quint16(1024 + churnStarted % 60000)));
            ++joins;
        }
    }

    std::vector<Monitor::CallRecord> call(qint64 now, size_t maxRecords, quint64 *skipped)
    {
        callsOwed += options.callsPerSecond * double(now - lastMs) / 1000.0;
        const auto calls = quint64(callsOwed);
        callsOwed -= double(calls);
        std::vector<Monitor::CallRecord> records;
        if (callers.empty() || workers.empty())
            return records;
        for (quint64 k = 0; k < calls; ++k) {
            MemberSnapshot &from = steady[callers[k % callers.size()]];
            MemberSnapshot &to = steady[workers[k % workers.size()]];
            ++from.stats->callsOut;
            from.stats->bytesIn += CallBytes;
            from.stats->lastActivityMs = now;
            ++to.stats->callsIn;
            to.stats->bytesOut += CallBytes;
            to.stats->lastActivityMs = now;
            ++seq;
            if (calls - k > maxRecords)
                continue;
            Monitor::CallRecord r;
            r.seq = seq;
            r.timeMs = now;
            r.caller = from.name;
            r.receiver = to.name;
            r.function = "reserve";
            r.serde = Serde::Json;
            r.requestSize = CallBytes;
            r.replySize = CallBytes;
            r.latencyUs = 80;
            r.status = Monitor::Status::Ok;
            records.push_back(std::move(r));
        }
        *skipped = calls - records.size();
        totals.calls += calls;
        totals.framesForwarded += 2 * calls;
        totals.bytesForwarded += 2 * calls * CallBytes;
        callsSinceSample += calls;
        return records;
    }

    void sample(qint64 now, Snapshot &s)
    {
        if (now - sampleMs < 1000)
            return;
        const double seconds = double(now - sampleMs) / 1000.0;
        const double perSecond = double(callsSinceSample) / seconds;
        s.samples.push_back({now, 2 * perSecond, 2 * perSecond * CallBytes});
        RateSample &rates = s.rateSamples.emplace_back();
        rates.number = ++rateSample;
        rates.timeMs = now;
        const auto each = float(perSecond / double(std::max<size_t>(1, callers.size())));
        for (size_t k = 0; k < callers.size() + workers.size() && k < MaxSeries; ++k) {
            const size_t i = k % 2 ? workers[(k / 2) % workers.size()] : callers[(k / 2) % callers.size()];
            rates.points.push_back({RateHistory::Kind::Member, steady[i].name, {}, {}, {}, each, each * CallBytes});
        }
        rates.points.push_back({RateHistory::Kind::Function, "reserve", {}, {}, {}, float(perSecond), float(perSecond * CallBytes)});
        sampleMs = now;
        callsSinceSample = 0;
    }

    Snapshot snapshot(const SnapshotRequest &request)
    {
        Snapshot s;
        s.timeMs = QDateTime::currentMSecsSinceEpoch();
        if (startMs == 0)
            startMs = lastMs = sampleMs = s.timeMs;
        advance(s.timeMs);
        quint64 skipped = 0;
        std::vector<Monitor::CallRecord> calls = call(s.timeMs, request.wantCalls ? request.maxCalls : 0, &skipped);
        lastMs = s.timeMs;
        s.members.reserve(qsizetype(steady.size() + churners.size()));
        for (const MemberSnapshot &m : steady)
            s.members.push_back(m);
        for (const MemberSnapshot &m : churners)
            s.members.push_back(m);
        s.includesCalls = request.wantCalls;
        if (request.wantCalls) {
            s.calls = std::move(calls);
            s.skippedCalls = skipped;
        }
        s.lastSeq = seq;
        s.totals = totals;
        sample(s.timeMs, s);
        s.events.swap(events);
        return s;
    }
};

ChurnSession::ChurnSession(std::vector<MemberPool::Spec> members, const Options &options, QObject *parent)
    : Session(parent), m_context(new QObject), m_network(std::make_unique<Network>()), m_members(int(members.size()))
{
    m_network->options = options;
    m_network->pending = std::move(members);
    m_thread.setObjectName(QStringLiteral("churn-session"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

ChurnSession::~ChurnSession()
{
    QMetaObject::invokeMethod(m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString ChurnSession::location() const
{
    return QStringLiteral("a generated network of %1 members").arg(m_members);
}

quint64 ChurnSession::joins() const
{
    return m_network->joins;
}

quint64 ChurnSession::leaves() const
{
    return m_network->leaves;
}

void ChurnSession::requestSnapshot(const SnapshotRequest &request, SnapshotCallback done)
{
    QMetaObject::invokeMethod(m_context, [this, request, done = std::move(done)]() mutable {
        auto snapshot = std::make_shared<Snapshot>(m_network->snapshot(request));
        QMetaObject::invokeMethod(this, [snapshot, done = std::move(done)]() mutable { done(std::move(*snapshot)); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace daffi::ui::bench
