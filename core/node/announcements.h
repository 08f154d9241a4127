#pragma once

#include <core/protocol/frame.h>

#include <QByteArray>

#include <vector>

namespace daffi {

class Connection;

// The announcements of joins and leaves (mini-handshakes and EVENTS frames) a router has not
// sent yet. A join storm announces every member to every other one, N x N frames; kept here for
// a short window, they leave as one write per member per window, all of them encoded once into
// one buffer that every member's write shares. Each member is sent exactly the frames it would
// have been sent one by one, in the same order: those after its own join (its hello reply
// listed the ones before) and none of its own.
class Announcements
{
public:
    // Appends one announcement by the member on connection `author`.
    void add(quint64 author, const Frame &frame);
    // Where a member that joins now starts: it is sent only what is added after this.
    qsizetype mark() const { return qsizetype(m_entries.size()); }
    bool isEmpty() const { return m_entries.empty(); }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    qsizetype bytes() const { return m_bytes.size(); }

    // Sends `connection` (the member on connection `self`) the announcements from `from` on
    // that are not its own. Shared: the buffer itself goes out (call clear() before adding
    // more, or every later add copies it); otherwise a copy of the part it needs.
    enum class Mode { Shared, Copied };
    void sendTo(Connection *connection, quint64 self, qsizetype from, Mode mode) const;
    void clear();

private:
    struct Entry
    {
        quint64 author;
        qsizetype end;   // in m_bytes; the entry starts where the one before it ends
    };
    qsizetype startOf(qsizetype entry) const { return entry == 0 ? 0 : m_entries[size_t(entry - 1)].end; }

    QByteArray m_bytes;
    std::vector<Entry> m_entries;
};

} // namespace daffi
