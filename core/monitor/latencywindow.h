#pragma once

#include "latencyhistogram.h"

#include <array>

namespace daffi {

// Latency over the last minute and the last 15 minutes without keeping samples: a ring of
// 10-second histograms for the minute and a ring of 1-minute histograms for the quarter hour.
// A window holds its slots in full, so "the last minute" covers 60 to 70 s and "the last 15
// minutes" 15 to 16 minutes, the current slot included. Times are monotonic milliseconds.
class LatencyWindow
{
public:
    void record(qint64 us, qint64 nowMs);
    LatencyHistogram lastMinute(qint64 nowMs) const { return m_minute.merged(nowMs); }
    LatencyHistogram lastQuarterHour(qint64 nowMs) const { return m_quarter.merged(nowMs); }
    qint64 lastRecordMs() const { return m_lastRecordMs; }

private:
    template <int Slots, qint64 SlotMs>
    struct Ring
    {
        struct Slot
        {
            qint64 index = -1;
            LatencyHistogram histogram;
        };
        std::array<Slot, Slots> slots;

        void record(qint64 us, qint64 nowMs)
        {
            const qint64 index = nowMs / SlotMs;
            Slot &slot = slots[size_t(index % Slots)];
            if (slot.index != index) {
                slot.histogram.clear();
                slot.index = index;
            }
            slot.histogram.record(us);
        }
        LatencyHistogram merged(qint64 nowMs) const
        {
            const qint64 newest = nowMs / SlotMs;
            LatencyHistogram out;
            for (const Slot &slot : slots) {
                if (slot.index > newest - Slots && slot.index <= newest)
                    out.add(slot.histogram);
            }
            return out;
        }
    };

    Ring<7, 10'000> m_minute;
    Ring<16, 60'000> m_quarter;
    qint64 m_lastRecordMs = -1;
};

} // namespace daffi
