#pragma once

#include <QtGlobal>

#include <algorithm>

namespace daffi {

// The part of a numbered ring (seq 1, 2, ...; the newest `capacity` kept) that a reader who has
// seen everything up to `since` can still get: seqs [first, end), and how many after `since`
// were overwritten before it asked.
struct RingSpan
{
    quint64 first = 1;
    quint64 end = 1;
    quint64 lost = 0;

    static RingSpan after(quint64 since, quint64 nextSeq, size_t capacity)
    {
        const quint64 oldest = nextSeq > capacity ? nextSeq - capacity : 1;
        RingSpan span;
        span.first = std::max(since + 1, oldest);
        span.end = std::max(nextSeq, span.first);
        span.lost = span.first > since + 1 ? span.first - since - 1 : 0;
        return span;
    }
};

} // namespace daffi
