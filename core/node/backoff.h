#pragma once

#include <algorithm>
#include <chrono>

namespace daffi {

// Reconnect delays: exponential backoff with "equal jitter". Attempt k (1, 2, ...) has a ceiling of
// first * 2^(k-1), capped at cap, and waits a delay drawn uniformly from the upper half of it,
// [ceiling / 2, ceiling]. The lower half bounds how often one client retries; the upper half
// spreads a fleet: 10,000 clients that lost the same router at the same moment come back over a
// window as wide as the ceiling instead of in one millisecond. The first retry stays fast for the
// single-client case (200 ms default: between 100 and 200 ms).
//
// Pure: `unit` is a random number in [0, 1) supplied by the caller, so the curve is testable.
inline std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds first,
                                              std::chrono::milliseconds cap, double unit)
{
    using std::chrono::milliseconds;
    first = std::max(first, milliseconds(1));
    cap = std::max(cap, first);
    milliseconds ceiling = first;
    for (int k = 1; k < attempt && ceiling < cap; ++k)
        ceiling = std::min(ceiling * 2, cap);
    unit = std::clamp(unit, 0.0, 1.0);
    const double half = static_cast<double>(ceiling.count()) / 2.0;
    return milliseconds(static_cast<milliseconds::rep>(half + half * unit + 0.5));
}

} // namespace daffi
