#include "payloadarena.h"

#include <core/protocol/frame.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace daffi {

namespace {
constexpr qint64 FirstCapacity = 64 * 1024;
} // namespace

PayloadArena::PayloadArena(qint64 maxBytes) : m_maxBytes(std::max<qint64>(0, maxBytes)) {}

PayloadArena::~PayloadArena() = default;

PayloadArena::Extent PayloadArena::append(const Frame &frame, quint64 oldestWanted)
{
    const qint64 size = frame.size();
    if (size <= 0 || size > m_maxBytes)
        return {};
    const qint64 needed = qint64(m_end - std::min(oldestWanted, m_end)) + size;
    if (needed > m_capacity) {
        reserve(needed);
        if (size > m_capacity)
            return {};
    }
    const Extent e{m_end, size};
    const qint64 offset = qint64(m_end & quint64(m_capacity - 1));
    if (!frame.isSplit() && offset + size <= m_capacity) {
        std::memcpy(m_buffer.get() + offset, frame.head().constData(), size_t(size));   // the usual case
    } else {
        write(m_end, frame.head().constData(), frame.head().size());
        write(m_end + quint64(frame.head().size()), frame.body().constData(), frame.body().size());
    }
    m_end += quint64(size);
    return e;
}

bool PayloadArena::holds(Extent e) const
{
    return e.size > 0 && e.pos >= m_validFrom && e.pos + quint64(e.size) <= m_end
        && m_end - e.pos <= quint64(m_capacity);
}

QByteArray PayloadArena::read(Extent e) const
{
    if (!holds(e))
        return {};
    QByteArray out(e.size, Qt::Uninitialized);
    const quint64 mask = quint64(m_capacity) - 1;
    const qint64 offset = qint64(e.pos & mask);
    const qint64 first = std::min(e.size, m_capacity - offset);
    std::memcpy(out.data(), m_buffer.get() + offset, size_t(first));
    std::memcpy(out.data() + first, m_buffer.get(), size_t(e.size - first));
    return out;
}

void PayloadArena::reserve(qint64 needed)
{
    const qint64 limit = qint64(std::bit_floor(quint64(m_maxBytes)));
    if (needed <= m_capacity || m_capacity >= limit)
        return;
    const qint64 capacity = std::min(limit, qint64(std::bit_ceil(quint64(std::max(needed, FirstCapacity)))));
    std::unique_ptr<char[]> old = std::exchange(m_buffer, std::unique_ptr<char[]>(new char[size_t(capacity)]));
    const qint64 oldCapacity = std::exchange(m_capacity, capacity);
    // Keep what the old buffer held; what it had already overwritten stays lost.
    m_validFrom = std::max(m_validFrom, m_end > quint64(oldCapacity) ? m_end - quint64(oldCapacity) : 0);
    const quint64 oldMask = quint64(oldCapacity) - 1;
    for (quint64 pos = m_validFrom; pos < m_end;) {
        const qint64 offset = qint64(pos & oldMask);
        const qint64 run = std::min(qint64(m_end - pos), oldCapacity - offset);
        write(pos, old.get() + offset, run);
        pos += quint64(run);
    }
}

void PayloadArena::write(quint64 pos, const char *data, qint64 size)
{
    const quint64 mask = quint64(m_capacity) - 1;
    const qint64 offset = qint64(pos & mask);
    const qint64 first = std::min(size, m_capacity - offset);
    std::memcpy(m_buffer.get() + offset, data, size_t(first));
    std::memcpy(m_buffer.get(), data + first, size_t(size - first));
}

} // namespace daffi
