#include "ratehistory.h"

#include <core/node/router.h>

#include <QDateTime>

#include <algorithm>

namespace daffi {

RateHistory::RateHistory(Monitor *monitor, Router *router, QObject *parent)
    : RateHistory(monitor, router, Options{}, parent) {}

RateHistory::RateHistory(Monitor *monitor, Router *router, const Options &options, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_options(options)
{
    Q_UNUSED(router);   // the Monitor watches it for us
    connect(monitor, &Monitor::sampled, this, &RateHistory::sample);
    m_lastSampleMs = QDateTime::currentMSecsSinceEpoch();
}

QByteArray RateHistory::flowKey(QByteArrayView caller, QByteArrayView receiver, QByteArrayView function)
{
    QByteArray key;
    key.reserve(caller.size() + receiver.size() + function.size() + 2);
    key.append(caller).append('\x1f').append(receiver).append('\x1f').append(function);
    return key;
}

void RateHistory::record(Kind kind, const QByteArray &key, const Counter &now, double seconds, qint64 timeMs,
                         const Monitor::Flow *flow)
{
    Counter &last = m_last[int(kind)][key];
    // Counters restart when a member reconnects: a drop is a fresh start, not a negative rate.
    const quint64 dm = now.messages >= last.messages ? now.messages - last.messages : now.messages;
    const quint64 db = now.bytes >= last.bytes ? now.bytes - last.bytes : now.bytes;
    last = now;
    auto &all = m_series[int(kind)];
    auto it = all.find(key);
    if (it == all.end()) {
        if (dm == 0 && db == 0)
            return;
        Series s;
        s.kind = kind;
        s.key = key;
        if (flow) {
            s.caller = flow->caller;
            s.receiver = flow->receiver;
            s.function = flow->function;
        }
        it = all.insert(key, s);
    }
    Point p;
    p.timeMs = timeMs;
    if (seconds > 0) {
        p.messagesPerSecond = float(double(dm) / seconds);
        p.bytesPerSecond = float(double(db) / seconds);
    }
    if (dm || db)
        it->lastActiveMs = timeMs;
    it->points.push_back(p);
    while (it->points.size() > size_t(std::max(1, m_options.historySamples)))
        it->points.pop_front();
}

void RateHistory::trim(Kind kind, qint64 timeMs)
{
    auto &all = m_series[int(kind)];
    // A series idle for its whole history shows nothing but zeros: drop it.
    const qint64 window = qint64(m_options.historySamples) * 1000;
    all.removeIf([&](const auto &it) { return timeMs - it.value().lastActiveMs > window; });
    if (all.size() <= m_options.maxSeriesPerKind)
        return;
    std::vector<std::pair<qint64, QByteArray>> byAge;
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        byAge.emplace_back(it->lastActiveMs, it.key());
    std::sort(byAge.begin(), byAge.end());
    const size_t excess = size_t(all.size() - m_options.maxSeriesPerKind);
    for (size_t i = 0; i < excess; ++i)
        all.remove(byAge[i].second);
}

void RateHistory::sample()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const double seconds = double(nowMs - m_lastSampleMs) / 1000.0;
    m_lastSampleMs = nowMs;
    const auto &members = m_monitor->memberStats();
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        record(Kind::Member, it.key(), {it->callsIn + it->callsOut, it->bytesIn + it->bytesOut}, seconds, nowMs);
    const auto &functions = m_monitor->functionStats();
    for (auto it = functions.cbegin(); it != functions.cend(); ++it)
        record(Kind::Function, it.key(), {it->calls, it->bytes}, seconds, nowMs);
    // The Monitor forgets the routes of members that leave and those idle for 15 minutes. Two
    // routes with the same names (a member that reconnected) are one flow.
    QHash<QByteArray, std::pair<Counter, const Monitor::Flow *>> flows;
    const std::vector<Monitor::Flow> routes = m_monitor->flows();
    for (const Monitor::Flow &f : routes) {
        auto &[counter, flow] = flows[flowKey(f.caller, f.receiver, f.function)];
        counter.messages += f.messages;
        counter.bytes += f.bytes;
        flow = &f;
    }
    for (auto it = flows.cbegin(); it != flows.cend(); ++it)
        record(Kind::Flow, it.key(), it->first, seconds, nowMs, it->second);
    // Series whose source went away (member left, flow closed) keep receiving zero points so
    // their charts scroll on; trim() drops them once their history is all zeros.
    for (int kind = 0; kind < 3; ++kind) {
        for (auto it = m_series[kind].begin(); it != m_series[kind].end(); ++it) {
            if (!it->points.empty() && it->points.back().timeMs == nowMs)
                continue;
            it->points.push_back(Point{nowMs, 0, 0});
            while (it->points.size() > size_t(std::max(1, m_options.historySamples)))
                it->points.pop_front();
        }
        trim(Kind(kind), nowMs);
    }
    // Previous counters are kept exactly as long as their source exists: a source that stays
    // must keep its baseline (or its next rate would be its whole total).
    m_last[int(Kind::Member)].removeIf([&members](const auto &it) { return !members.contains(it.key()); });
    m_last[int(Kind::Function)].removeIf([&functions](const auto &it) { return !functions.contains(it.key()); });
    m_last[int(Kind::Flow)].removeIf([&flows](const auto &it) { return !flows.contains(it.key()); });
    ++m_samples;
    Q_EMIT sampled();
}

} // namespace daffi
