#include "format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace daffi::ui::format {

namespace {

QString scaled(double value, const char *const *units, int unitCount, double step, const QString &suffix)
{
    int i = 0;
    while (std::abs(value) >= step && i < unitCount - 1) {
        value /= step;
        ++i;
    }
    const int decimals = i == 0 ? 0 : (std::abs(value) < 10 ? 2 : std::abs(value) < 100 ? 1 : 0);
    return QLocale().toString(value, 'f', decimals) + QLatin1String(units[i]) + suffix;
}

} // namespace

QString bytes(double b)
{
    static const char *const units[] = {" B", " kB", " MB", " GB", " TB"};
    return scaled(b, units, 5, 1000, {});
}

QString count(quint64 n)
{
    return QLocale().toString(n);
}

QString compact(double value)
{
    static const char *const units[] = {"", "k", "M", "G"};
    if (std::abs(value) < 10 && value != std::floor(value))
        return QLocale().toString(value, 'f', 1);
    return scaled(value, units, 4, 1000, {});
}

QString rate(double perSecond)
{
    return compact(perSecond) + QStringLiteral("/s");
}

QString byteRate(double bytesPerSecond)
{
    return bytes(bytesPerSecond) + QStringLiteral("/s");
}

QString latency(std::optional<qint64> us)
{
    if (!us)
        return {};
    const QLocale l;
    if (*us < 1000)
        return l.toString(*us) + QStringLiteral(" µs");
    if (*us < 1000000)
        return l.toString(double(*us) / 1000.0, 'f', *us < 10000 ? 2 : 1) + QStringLiteral(" ms");
    return l.toString(double(*us) / 1e6, 'f', 2) + QStringLiteral(" s");
}

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString ago(qint64 ms, qint64 nowMs)
{
    if (ms <= 0)
        return {};
    const qint64 s = std::max<qint64>(0, (nowMs - ms) / 1000);
    if (s < 2)
        return QCoreApplication::translate("daffi::ui::format", "now");
    if (s < 120)
        return QCoreApplication::translate("daffi::ui::format", "%1 s ago").arg(s);
    if (s < 7200)
        return QCoreApplication::translate("daffi::ui::format", "%1 min ago").arg(s / 60);
    return QCoreApplication::translate("daffi::ui::format", "%1 h ago").arg(s / 3600);
}

} // namespace daffi::ui::format
