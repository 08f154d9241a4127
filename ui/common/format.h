#pragma once

#include <QString>

#include <optional>

namespace daffi::ui::format {

// Short human forms for tables and axes: "1.2 MB", "12.3k", "850 µs", "3 min ago".
QString bytes(double bytes);
QString count(quint64 n);                 // locale thousands separators
QString compact(double value);            // 950, 1.2k, 3.4M
QString rate(double perSecond);           // "1.2k/s"
QString byteRate(double bytesPerSecond);  // "3.4 MB/s"
QString latency(std::optional<qint64> microseconds);
QString clockTime(qint64 msSinceEpoch);   // hh:mm:ss.zzz local
QString ago(qint64 msSinceEpoch, qint64 nowMs);

} // namespace daffi::ui::format
