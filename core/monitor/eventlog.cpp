#include "eventlog.h"

#include "ringspan.h"

#include <algorithm>

namespace daffi {

EventLog::EventLog(size_t capacity) : m_ring(std::max<size_t>(1, capacity)) {}

const EventLog::Event &EventLog::append(Event event)
{
    event.seq = m_nextSeq++;
    Event &slot = m_ring[size_t(event.seq % m_ring.size())];
    slot = std::move(event);
    return slot;
}

EventLog::Page EventLog::since(quint64 seq, size_t limit) const
{
    Page page;
    page.lastSeq = lastSeq();
    const RingSpan span = RingSpan::after(seq, m_nextSeq, m_ring.size());
    page.lost = span.lost;
    for (quint64 s = span.first; s < span.end && page.events.size() < limit; ++s)
        page.events.push_back(m_ring[size_t(s % m_ring.size())]);
    return page;
}

const char *EventLog::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Joined: return "joined";
    case Kind::Updated: return "updated";
    case Kind::Left: return "left";
    case Kind::Dropped: return "dropped";
    case Kind::Refused: return "refused";
    }
    return "unknown";
}

const char *EventLog::causeName(Connection::CloseCause cause)
{
    switch (cause) {
    case Connection::CloseCause::PeerClosed: return "closed";
    case Connection::CloseCause::WriteStall: return "write_stall";
    case Connection::CloseCause::PeerTimeout: return "peer_timeout";
    case Connection::CloseCause::ProtocolError: return "protocol_error";
    case Connection::CloseCause::Evicted: return "evicted";
    case Connection::CloseCause::HandshakeTimeout: return "handshake_timeout";
    case Connection::CloseCause::Other: return "other";
    }
    return "other";
}

} // namespace daffi
