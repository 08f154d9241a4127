#pragma once

#include <QtGlobal>

#include <ctime>

namespace daffi {

// The monitor's monotonic clock, in microseconds since it started. precise() is what latencies
// are measured with. coarse() is the same clock as the kernel last ticked it (Linux
// CLOCK_MONOTONIC_COARSE: never ahead of precise(), behind by at most a tick, a few ms), read
// several times faster: reading the precise clock was 5 % of the router's time when done for
// every forwarded frame, and most frames (fire-and-forget requests, member activity) only need
// milliseconds.
class MonitorClock
{
public:
    MonitorClock() : m_startNs(read(CLOCK_MONOTONIC)) {}

    qint64 precise() const { return (read(CLOCK_MONOTONIC) - m_startNs) / 1000; }
    qint64 coarse() const
    {
#ifdef CLOCK_MONOTONIC_COARSE
        return std::max<qint64>(0, (read(CLOCK_MONOTONIC_COARSE) - m_startNs) / 1000);
#else
        return precise();
#endif
    }

private:
    static qint64 read(clockid_t clock)
    {
        timespec ts{};
        clock_gettime(clock, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }

    qint64 m_startNs;
};

} // namespace daffi
