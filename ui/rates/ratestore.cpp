#include "ratestore.h"

namespace daffi::ui {

RateStore::RateStore(QObject *parent) : QObject(parent) {}

QByteArray RateStore::seriesId(RateHistory::Kind kind, const QByteArray &key)
{
    return QByteArray::number(int(kind)) + ':' + key;
}

QString RateStore::kindName(RateHistory::Kind kind)
{
    switch (kind) {
    case RateHistory::Kind::Member: return tr("member");
    case RateHistory::Kind::Function: return tr("function");
    case RateHistory::Kind::Flow: return tr("flow");
    }
    return {};
}

const RateStore::Series *RateStore::series(const QByteArray &id) const
{
    const auto it = m_series.constFind(id);
    return it == m_series.cend() ? nullptr : &*it;
}

void RateStore::apply(const Snapshot &s)
{
    bool changed = false;
    const size_t cap = size_t(std::max(60, m_historySeconds));
    for (const Monitor::Sample &sample : s.samples) {
        if (!m_totals.empty() && sample.timeMs <= m_totals.back().timeMs)
            continue;
        m_totals.push_back({sample.timeMs, float(sample.framesPerSecond), float(sample.bytesPerSecond)});
        while (m_totals.size() > cap)
            m_totals.pop_front();
        changed = true;
    }
    for (const RateSample &sample : s.rateSamples) {
        if (sample.number <= m_rateSample)
            continue;
        m_rateSample = sample.number;
        changed = true;
        for (const RatePoint &p : sample.points) {
            const QByteArray id = seriesId(p.kind, p.key);
            auto it = m_series.find(id);
            if (it == m_series.end()) {
                Series series;
                series.kind = p.kind;
                series.key = p.key;
                series.label = p.kind == RateHistory::Kind::Flow
                    ? QStringLiteral("%1 → %2 · %3").arg(QString::fromUtf8(p.caller), QString::fromUtf8(p.receiver),
                                                        QString::fromUtf8(p.function))
                    : QString::fromUtf8(p.key);
                it = m_series.insert(id, series);
                m_order.append(id);
            }
            it->points.push_back({sample.timeMs, p.messagesPerSecond, p.bytesPerSecond});
            while (it->points.size() > cap)
                it->points.pop_front();
            it->peakMessages = std::max(it->peakMessages, p.messagesPerSecond);
            it->updatedMs = sample.timeMs;
        }
        // The monitor drops series that stayed idle for its whole history; follow it (in one
        // pass over the order: hundreds of members can go at once).
        m_order.removeIf([&](const QByteArray &id) {
            const auto it = m_series.find(id);
            if (it == m_series.end() || it->updatedMs >= sample.timeMs)
                return false;
            m_series.erase(it);
            return true;
        });
    }
    if (changed)
        Q_EMIT updated();
}

void RateStore::clear()
{
    m_totals.clear();
    m_series.clear();
    m_order.clear();
    m_rateSample = 0;
    Q_EMIT updated();
}

} // namespace daffi::ui
