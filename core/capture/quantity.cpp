#include "quantity.h"

#include <QString>

#include <cmath>
#include <limits>
#include <utility>

namespace daffi::quantity {

namespace {

struct Unit
{
    const char16_t *name;
    double factor;
};

std::optional<qint64> scaled(QStringView text, std::initializer_list<Unit> units, bool unitRequired)
{
    qsizetype split = 0;
    while (split < text.size() && (text[split].isDigit() || text[split] == u'.'))
        ++split;
    bool ok = false;
    const double number = text.left(split).toDouble(&ok);
    if (!ok || split == 0)
        return std::nullopt;
    const QString unit = text.mid(split).trimmed().toString().toLower();
    double factor = 0;
    if (unit.isEmpty() && !unitRequired)
        factor = 1;
    for (const Unit &u : units) {
        if (unit == QStringView(u.name))
            factor = u.factor;
    }
    const double value = std::round(number * factor);
    if (factor == 0 || !std::isfinite(value) || value > double(std::numeric_limits<qint64>::max() / 2))
        return std::nullopt;
    return qint64(value);
}

} // namespace

std::optional<qint64> bytes(QStringView text)
{
    return scaled(text.trimmed(),
                  {{u"b", 1}, {u"kb", 1e3}, {u"mb", 1e6}, {u"gb", 1e9}, {u"kib", 1024.0}, {u"mib", 1024.0 * 1024},
                   {u"gib", 1024.0 * 1024 * 1024}},
                  false);
}

std::optional<qint64> microseconds(QStringView text)
{
    return scaled(text.trimmed(), {{u"us", 1}, {u"µs", 1}, {u"ms", 1e3}, {u"s", 1e6}, {u"min", 60e6}}, true);
}

} // namespace daffi::quantity
