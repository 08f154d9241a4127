#pragma once

#include "monitor.h"

#include <QHash>
#include <QObject>

#include <deque>
#include <vector>

namespace daffi {

// Rates per member, per function and per flow (caller -> receiver, function: how a stream looks
// from the router, one REQUEST per chunk), each with a bounded history. All are differences of
// the Monitor's counters (its routes count the flows) taken when it samples, so they cost nothing
// per frame.
//
// Lives on the router's thread, like the Monitor it reads.
class RateHistory : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Member, Function, Flow };
    Q_ENUM(Kind)

    struct Point
    {
        qint64 timeMs = 0;
        float messagesPerSecond = 0;
        float bytesPerSecond = 0;
    };

    struct Series
    {
        Kind kind = Kind::Member;
        QByteArray key;              // member or function name; flows: "caller\x1freceiver\x1ffunction"
        QByteArray caller;           // flows only
        QByteArray receiver;
        QByteArray function;
        qint64 lastActiveMs = 0;     // last sample with a non-zero rate
        std::deque<Point> points;    // oldest first
    };

    struct Options
    {
        int historySamples = 900;    // at the monitor's 1 s interval: 15 minutes
        int maxSeriesPerKind = 512;  // the least recently active series go first
    };

    explicit RateHistory(Monitor *monitor, Router *router, QObject *parent = nullptr);
    RateHistory(Monitor *monitor, Router *router, const Options &options, QObject *parent = nullptr);

    const QHash<QByteArray, Series> &series(Kind kind) const { return m_series[int(kind)]; }
    quint64 sampleCount() const { return m_samples; }
    static QByteArray flowKey(QByteArrayView caller, QByteArrayView receiver, QByteArrayView function);

Q_SIGNALS:
    void sampled();

private:
    struct Counter
    {
        quint64 messages = 0;
        quint64 bytes = 0;
    };
    void sample();
    void record(Kind kind, const QByteArray &key, const Counter &now, double seconds, qint64 timeMs,
                const Monitor::Flow *flow = nullptr);
    void trim(Kind kind, qint64 timeMs);

    Monitor *m_monitor;
    Options m_options;
    QHash<QByteArray, Series> m_series[3];
    QHash<QByteArray, Counter> m_last[3];      // counters at the previous sample
    qint64 m_lastSampleMs = 0;
    quint64 m_samples = 0;
};

} // namespace daffi
