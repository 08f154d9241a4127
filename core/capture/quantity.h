#pragma once

#include <QStringView>

#include <optional>

// Amounts as people write them on a command line or in a filter: "64kB", "5ms".
namespace daffi::quantity {

// Bytes: a number with no unit or one of B, kB, MB, GB (powers of 1000, as the console shows
// sizes) or KiB, MiB, GiB (powers of 1024); units in any case. nullopt: not a size.
std::optional<qint64> bytes(QStringView text);
// Microseconds: a number with one of us (or µs), ms, s, min; units in any case.
std::optional<qint64> microseconds(QStringView text);

} // namespace daffi::quantity
