#include "capturesession.h"

#include <core/monitor/ratehistory.h>

#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>

namespace daffi::ui {

namespace {

constexpr size_t CallsPerSnapshot = 20000;   // a large file fills the table in a few ticks
constexpr qint64 HistorySeconds = 900;       // the rates panes keep 15 minutes
constexpr int MaxSeriesPerKind = 512;        // as the router's RateHistory

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

SessionEvent describe(const EventLog::Event &e)
{
    const QString member = QString::fromUtf8(e.member);
    const QString transport = e.transport ? Connection::transportName(*e.transport) : QString();
    switch (e.kind) {
    case EventLog::Kind::Joined:
        return {e.timeMs, SessionEvent::Kind::Joined,
                e.methods.isEmpty() ? CaptureSession::tr("%1 joined from %2 (%3) as a caller").arg(member, e.address, transport)
                                    : CaptureSession::tr("%1 joined from %2 (%3), exposing %n function(s)", nullptr,
                                                         int(e.methods.size())).arg(member, e.address, transport)};
    case EventLog::Kind::Updated:
        return {e.timeMs, SessionEvent::Kind::Updated,
                CaptureSession::tr("%1 now exposes %n function(s)", nullptr, int(e.methods.size())).arg(member)};
    case EventLog::Kind::Left:
        return {e.timeMs, SessionEvent::Kind::Left, CaptureSession::tr("%1 left: %2").arg(member, e.reason)};
    case EventLog::Kind::Dropped:
        return {e.timeMs, SessionEvent::Kind::Dropped,
                CaptureSession::tr("connection from %1 closed before joining: %2").arg(e.address, e.reason)};
    case EventLog::Kind::Refused:
        return {e.timeMs, SessionEvent::Kind::Dropped, CaptureSession::tr("refused %1: %2").arg(e.address, e.reason)};
    }
    return {};
}

// Per-second counts of one rate series, worked out from the calls.
struct Series
{
    RateHistory::Kind kind;
    QByteArray key, caller, receiver, function;
    std::vector<std::pair<quint64, quint64>> seconds;   // messages, bytes
    quint64 total = 0;
    size_t first = SIZE_MAX;
};

} // namespace

// What the first snapshot carries, worked out once on the pool thread.
struct CaptureSession::Prepared
{
    std::shared_ptr<const Capture> capture;
    QString error;
    QList<MemberSnapshot> members;
    std::vector<Monitor::Sample> samples;
    std::vector<RateSample> rateSamples;
    std::vector<SessionEvent> events;
    Monitor::Totals totals;

    void prepare(const QString &path)
    {
        auto loaded = Capture::load(path);
        if (!loaded) {
            error = loaded.error().message;
            return;
        }
        auto c = std::make_shared<Capture>(std::move(*loaded));
        prepareMembers(*c);
        prepareRates(*c);
        prepareEvents(*c, QFileInfo(path).fileName());
        totals = c->stats ? c->stats->totals : Monitor::Totals{};
        capture = std::move(c);
    }

    void prepareMembers(const Capture &c)
    {
        QHash<QByteArray, Monitor::MemberStats> stats;
        if (c.stats) {
            for (const auto &[name, s] : c.stats->members)
                stats.insert(name, s);
        }
        for (const MemberInfo &m : c.membersAtEnd()) {
            MemberSnapshot ms = MemberSnapshot::of(m);
            if (const auto it = stats.constFind(m.name); it != stats.cend())
                ms.stats = *it;
            members.push_back(std::move(ms));
        }
    }

    // Rates as the router's RateHistory keeps them (requests and their bytes per member, function
    // and flow; every frame for the totals), one sample per second of the capture's last 15 minutes.
    void prepareRates(const Capture &c)
    {
        if (c.calls.empty())
            return;
        const qint64 lastSecond = c.lastMs / 1000;
        const qint64 firstSecond = std::max(c.calls.front().timeMs / 1000, lastSecond - HistorySeconds + 1);
        const size_t n = size_t(lastSecond - firstSecond + 1);
        std::vector<std::pair<quint64, quint64>> totalsPerSecond(n);
        QHash<QByteArray, Series> series[3];
        auto count = [&](RateHistory::Kind kind, const QByteArray &key, const Monitor::CallRecord &r, size_t at,
                         quint64 bytes) {
            Series &s = series[int(kind)][key];
            if (s.seconds.empty()) {
                s.kind = kind;
                s.key = key;
                s.seconds.resize(n);
                if (kind == RateHistory::Kind::Flow) {
                    s.caller = r.caller;
                    s.receiver = r.receiver;
                    s.function = r.function;
                }
            }
            ++s.seconds[at].first;
            s.seconds[at].second += bytes;
            ++s.total;
            s.first = std::min(s.first, at);
        };
        for (const Monitor::CallRecord &r : c.calls) {
            const qint64 second = r.timeMs / 1000;
            if (second >= firstSecond && second <= lastSecond) {
                const size_t at = size_t(second - firstSecond);
                const quint64 both = quint64(r.requestSize + r.replySize);
                count(RateHistory::Kind::Member, r.caller, r, at, both);
                count(RateHistory::Kind::Member, r.receiver, r, at, both);
                count(RateHistory::Kind::Function, r.function, r, at, quint64(r.requestSize));
                count(RateHistory::Kind::Flow, RateHistory::flowKey(r.caller, r.receiver, r.function), r, at,
                      quint64(r.requestSize));
                ++totalsPerSecond[at].first;
                totalsPerSecond[at].second += quint64(r.requestSize);
            }
            if (r.replySize && r.latencyUs) {
                const qint64 answered = (r.timeMs + *r.latencyUs / 1000) / 1000;
                if (answered >= firstSecond && answered <= lastSecond) {
                    ++totalsPerSecond[size_t(answered - firstSecond)].first;
                    totalsPerSecond[size_t(answered - firstSecond)].second += quint64(r.replySize);
                }
            }
        }
        std::vector<const Series *> kept;
        for (const auto &kind : series) {
            std::vector<const Series *> all;
            for (const Series &s : kind)
                all.push_back(&s);
            std::sort(all.begin(), all.end(), [](const Series *a, const Series *b) { return a->total > b->total; });
            if (all.size() > size_t(MaxSeriesPerKind))
                all.resize(size_t(MaxSeriesPerKind));
            kept.insert(kept.end(), all.begin(), all.end());
        }
        for (size_t i = 0; i < n; ++i) {
            const qint64 timeMs = (firstSecond + qint64(i) + 1) * 1000;
            samples.push_back({timeMs, double(totalsPerSecond[i].first), double(totalsPerSecond[i].second)});
            RateSample sample;
            sample.number = i + 1;
            sample.timeMs = timeMs;
            for (const Series *s : kept) {
                if (s->first > i)
                    continue;
                sample.points.push_back({s->kind, s->key, s->caller, s->receiver, s->function,
                                         float(s->seconds[i].first), float(s->seconds[i].second)});
            }
            rateSamples.push_back(std::move(sample));
        }
    }

    void prepareEvents(const Capture &c, const QString &name)
    {
        QString opened = CaptureSession::tr("Opened %1: %n call(s)", nullptr, int(c.calls.size())).arg(name);
        if (c.firstMs)
            opened += CaptureSession::tr(" from %1 to %2").arg(when(c.firstMs), when(c.lastMs));
        if (!c.info.source.isEmpty())
            opened += CaptureSession::tr(", recorded by %1 %2 on %3").arg(c.info.source, c.info.version, c.info.host);
        events.push_back({c.firstMs, SessionEvent::Kind::Info, opened});
        if (!c.info.note.isEmpty())
            events.push_back({c.firstMs, SessionEvent::Kind::Info, c.info.note});
        for (const EventLog::Event &e : c.events)
            events.push_back(describe(e));
        if (c.dropped.total())
            events.push_back({c.lastMs, SessionEvent::Kind::Problem,
                              CaptureSession::tr("The recorder dropped %n record(s) because writing could not keep up; the file says when.",
                                 nullptr, int(std::min<quint64>(c.dropped.total(), INT_MAX)))});
        if (!c.stopped.isEmpty())
            events.push_back({c.lastMs, SessionEvent::Kind::Problem, c.stopped});
    }
};

CaptureSession::CaptureSession(const QString &path, QObject *parent) : Session(parent), m_path(path)
{
    auto prepared = std::make_shared<Prepared>();
    QPointer<CaptureSession> self(this);
    QThreadPool::globalInstance()->start([prepared, path, self] {
        prepared->prepare(path);
        // The object may be gone by now; a queued call to it then never runs.
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, prepared] {
                if (self)
                    self->finishLoading(prepared);
            }, Qt::QueuedConnection);
    });
}

void CaptureSession::finishLoading(std::shared_ptr<Prepared> prepared)
{
    if (!prepared->error.isEmpty()) {
        Q_EMIT problem(tr("Cannot open the capture: %1").arg(prepared->error));
        Q_EMIT stateChanged();
        return;
    }
    m_capture = prepared->capture;
    m_prepared = std::move(prepared);
    if (!m_capture->stopped.isEmpty())
        Q_EMIT problem(m_capture->stopped);
    Q_EMIT loaded();
    Q_EMIT stateChanged();
}

QString CaptureSession::summary() const
{
    if (!m_capture)
        return tr("Reading %1…").arg(QFileInfo(m_path).fileName());
    QString text = tr("Capture %1: %n call(s)", nullptr, int(m_capture->calls.size())).arg(QFileInfo(m_path).fileName());
    if (m_capture->firstMs)
        text += tr(", %1 to %2").arg(when(m_capture->firstMs), when(m_capture->lastMs));
    return text;
}

void CaptureSession::requestSnapshot(const SnapshotRequest &request, SnapshotCallback done)
{
    auto snapshot = std::make_shared<Snapshot>();
    Snapshot &s = *snapshot;
    if (m_capture) {
        const Capture &c = *m_capture;
        s.timeMs = c.lastMs;
        s.members = m_prepared->members;
        s.totals = m_prepared->totals;
        if (!m_firstSent) {
            // Everything but the calls comes once; the panes keep it.
            m_firstSent = true;
            s.samples = m_prepared->samples;
            s.rateSamples = m_prepared->rateSamples;
            s.events = m_prepared->events;
            if (c.stats)
                s.functions = c.stats->functions;
        }
        s.lastSeq = c.calls.empty() ? 0 : c.calls.back().seq;
        s.includesCalls = request.wantCalls;
        if (request.wantCalls) {
            auto it = std::upper_bound(c.calls.cbegin(), c.calls.cend(), request.afterSeq,
                                       [](quint64 seq, const Monitor::CallRecord &r) { return seq < r.seq; });
            for (size_t n = 0; it != c.calls.cend() && n < CallsPerSnapshot; ++it, ++n)
                s.calls.push_back(*it);
        }
    }
    QMetaObject::invokeMethod(this, [snapshot, done = std::move(done)]() mutable { done(std::move(*snapshot)); },
                              Qt::QueuedConnection);
}

} // namespace daffi::ui
