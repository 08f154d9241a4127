#include "latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace daffi {

namespace {
constexpr qint64 SubBuckets = qint64(1) << LatencyHistogram::SubBucketBits;
} // namespace

int LatencyHistogram::bucketOf(qint64 us)
{
    if (us < SubBuckets)
        return int(std::max<qint64>(us, 0));
    const int exponent = std::min(63 - std::countl_zero(quint64(us)), MaxExponent);
    const int shift = exponent - SubBucketBits;
    const qint64 step = std::min<qint64>((us >> shift) - SubBuckets, SubBuckets - 1);
    return int((shift + 1) * SubBuckets + step);
}

qint64 LatencyHistogram::highestIn(int bucket)
{
    if (bucket < SubBuckets)
        return bucket;
    const int shift = int(bucket / SubBuckets) - 1;
    const qint64 step = bucket % SubBuckets;
    return ((SubBuckets + step + 1) << shift) - 1;
}

void LatencyHistogram::record(qint64 us)
{
    us = std::max<qint64>(us, 0);
    const size_t bucket = size_t(bucketOf(us));
    if (bucket >= m_counts.size())
        m_counts.resize(bucket + 1);
    ++m_counts[bucket];
    ++m_count;
    m_sumUs += quint64(us);
    m_max = std::max(m_max, us);
}

void LatencyHistogram::add(const LatencyHistogram &other)
{
    if (other.m_counts.size() > m_counts.size())
        m_counts.resize(other.m_counts.size());
    for (size_t i = 0; i < other.m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_sumUs += other.m_sumUs;
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::clear()
{
    m_counts.clear();
    m_count = 0;
    m_sumUs = 0;
    m_max = 0;
}

void LatencyHistogram::compact()
{
    m_counts.shrink_to_fit();
}

qint64 LatencyHistogram::percentile(double q) const
{
    if (m_count == 0)
        return 0;
    const quint64 rank = std::max<quint64>(1, quint64(std::ceil(std::clamp(q, 0.0, 1.0) * double(m_count))));
    quint64 seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return std::min(highestIn(int(i)), m_max);
    }
    return m_max;
}

} // namespace daffi
