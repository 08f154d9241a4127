#pragma once

#include <QtGlobal>

#include <vector>

namespace daffi {

// Latencies in microseconds, counted in log-linear buckets as HdrHistogram does: values below
// 16 us exactly, above that 16 linear steps per power of two, so a percentile read from the
// buckets is within 1/16 (6.25 %) of the true value. Buckets are allocated only up to the
// highest one used (a function answering in 1 ms needs ~160 counters, ~640 bytes); values
// above ~9.5 hours (2^35 us) count in the last bucket. Recording is a count-leading-zeros and
// an increment: cheap enough for every answer the router forwards.
class LatencyHistogram
{
public:
    static constexpr int SubBucketBits = 4;
    static constexpr int MaxExponent = 35;

    void record(qint64 us);
    void add(const LatencyHistogram &other);
    void clear();
    // Gives back memory after a burst (for histograms that are only read from now on).
    void compact();

    quint64 count() const { return m_count; }
    qint64 max() const { return m_max; }
    double mean() const { return m_count ? double(m_sumUs) / double(m_count) : 0.0; }
    quint64 sumUs() const { return m_sumUs; }
    // The highest value of the bucket holding the q-th quantile (0 < q <= 1), never above max();
    // 0 when empty.
    qint64 percentile(double q) const;

    static int bucketOf(qint64 us);
    static qint64 highestIn(int bucket);

private:
    std::vector<quint32> m_counts;
    quint64 m_count = 0;
    quint64 m_sumUs = 0;
    qint64 m_max = 0;
};

} // namespace daffi
