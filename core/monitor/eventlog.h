#pragma once

#include <core/transport/connection.h>

#include <QByteArrayList>
#include <QString>

#include <vector>

namespace daffi {

// What happened to the router's membership, one numbered event after another in a bounded ring:
// members joining, updating their functions, leaving (with why), connections closed before they
// joined, and peers the listener refused. A reader asks for the events after the last seq it saw
// and is told how many left the ring before it asked.
class EventLog
{
public:
    enum class Kind { Joined, Updated, Left, Dropped, Refused };

    struct Event
    {
        quint64 seq = 0;
        qint64 timeMs = 0;                 // wall clock, ms since the epoch
        Kind kind = Kind::Joined;
        QByteArray member;                 // empty for Dropped and Refused
        quint64 connection = 0;            // 0 for Refused (no connection was made)
        QString address;
        std::optional<Connection::Transport> transport;
        QByteArrayList methods;            // Joined and Updated
        QString reason;                    // Left, Dropped, Refused: a sentence
        std::optional<Connection::CloseCause> cause;   // Left and Dropped
    };

    struct Page
    {
        std::vector<Event> events;         // oldest first
        quint64 lost = 0;                  // events after `since` that had left the ring
        quint64 lastSeq = 0;               // the newest event's seq (0: none yet)
    };

    explicit EventLog(size_t capacity = 1000);

    const Event &append(Event event);      // assigns seq
    Page since(quint64 seq, size_t limit) const;
    quint64 lastSeq() const { return m_nextSeq - 1; }

    static const char *kindName(Kind kind);
    // The names the monitor API and the metrics use for a CloseCause ("write_stall", ...).
    static const char *causeName(Connection::CloseCause cause);

private:
    std::vector<Event> m_ring;
    quint64 m_nextSeq = 1;
};

} // namespace daffi
