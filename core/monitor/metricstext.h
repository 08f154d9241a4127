#pragma once

#include <QByteArray>

namespace daffi {

class Monitor;

// The Prometheus text exposition (format 0.0.4) of a monitored router: the metric names and
// labels are a contract with the dashboards and alert rules (see docs/monitor-api.md).
class MetricsText
{
public:
    static QByteArray render(const Monitor &monitor, quint64 feedRecordsDropped = 0);
};

} // namespace daffi
