#pragma once

#include <algorithm>
#include <vector>

namespace daffi::ui::bench {

// Milliseconds measured, for percentiles.
class Samples
{
public:
    void add(double v) { m_values.push_back(v); }
    bool empty() const { return m_values.empty(); }
    double percentile(double p) const
    {
        if (m_values.empty())
            return 0;
        std::vector<double> sorted = m_values;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())))];
    }
    double max() const { return m_values.empty() ? 0 : *std::max_element(m_values.begin(), m_values.end()); }

private:
    std::vector<double> m_values;
};

} // namespace daffi::ui::bench
