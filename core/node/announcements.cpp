#include "announcements.h"

#include <core/transport/connection.h>

namespace daffi {

void Announcements::add(quint64 author, const Frame &frame)
{
    m_bytes += frame.head();
    if (frame.isSplit())
        m_bytes += frame.body();
    m_entries.push_back(Entry{author, m_bytes.size()});
}

void Announcements::sendTo(Connection *connection, quint64 self, qsizetype from, Mode mode) const
{
    // The common case is one run to the end (a member that joined before the window, or during
    // it): shared. A member that announced something itself meanwhile (a re-handshake) gets the
    // runs around its own entries, copied.
    qsizetype runStart = -1;
    int runFrames = 0;
    auto flush = [&](qsizetype runEnd) {
        if (runStart < 0)
            return;
        if (runEnd == m_bytes.size() && mode == Mode::Shared)
            connection->sendEncoded(m_bytes, runStart, runFrames);
        else
            connection->sendEncoded(m_bytes.sliced(runStart, runEnd - runStart), 0, runFrames);
        runStart = -1;
        runFrames = 0;
    };
    for (qsizetype i = from; i < qsizetype(m_entries.size()); ++i) {
        if (m_entries[size_t(i)].author == self) {
            flush(startOf(i));
            continue;
        }
        if (runStart < 0)
            runStart = startOf(i);
        ++runFrames;
    }
    flush(m_bytes.size());
}

void Announcements::clear()
{
    m_bytes.clear();
    m_entries.clear();
}

} // namespace daffi
