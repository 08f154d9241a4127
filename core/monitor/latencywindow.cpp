#include "latencywindow.h"

namespace daffi {

void LatencyWindow::record(qint64 us, qint64 nowMs)
{
    m_minute.record(us, nowMs);
    m_quarter.record(us, nowMs);
    m_lastRecordMs = nowMs;
}

} // namespace daffi
