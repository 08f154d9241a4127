#pragma once

#include <ui/session/snapshot.h>

#include <QHash>
#include <QObject>

#include <deque>

namespace daffi::ui {

// The UI's copy of rate history: overall samples plus one series per member, function and flow,
// fed one point per second from snapshots and kept for historySeconds.
class RateStore : public QObject
{
    Q_OBJECT

public:
    struct Point
    {
        qint64 timeMs = 0;
        float messages = 0;
        float bytes = 0;
    };
    struct Series
    {
        RateHistory::Kind kind = RateHistory::Kind::Member;
        QByteArray key;
        QString label;
        std::deque<Point> points;
        float peakMessages = 0;
        qint64 updatedMs = 0;
    };

    explicit RateStore(QObject *parent = nullptr);

    void apply(const Snapshot &snapshot);
    void clear();
    void setHistorySeconds(int seconds) { m_historySeconds = seconds; }
    int historySeconds() const { return m_historySeconds; }

    const std::deque<Point> &totals() const { return m_totals; }
    qint64 lastSampleMs() const { return m_totals.empty() ? 0 : m_totals.back().timeMs; }
    quint64 lastRateSample() const { return m_rateSample; }
    const QList<QByteArray> &seriesIds() const { return m_order; }   // stable order of arrival
    const Series *series(const QByteArray &id) const;
    static QByteArray seriesId(RateHistory::Kind kind, const QByteArray &key);
    static QString kindName(RateHistory::Kind kind);

Q_SIGNALS:
    void updated();

private:
    int m_historySeconds = 900;
    std::deque<Point> m_totals;
    QHash<QByteArray, Series> m_series;
    QList<QByteArray> m_order;
    quint64 m_rateSample = 0;
};

} // namespace daffi::ui
