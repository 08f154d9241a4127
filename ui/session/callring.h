#pragma once

#include "snapshot.h"

#include <vector>

namespace daffi::ui {

// The newest `capacity` call records by sequence number, for sessions that keep the records
// themselves (a remote router's, as its feed delivers them; the console's own calls). Numbers
// only grow; a gap (records that never arrived) is simply absent.
class CallRing
{
public:
    explicit CallRing(size_t capacity);

    // Stores the record under its seq (which must be newer than lastSeq()), or replaces the
    // record stored under it.
    void put(Monitor::CallRecord record, bool payloadKept = true);
    Monitor::CallRecord *find(quint64 seq);
    const Monitor::CallRecord *find(quint64 seq) const;
    bool payloadKept(quint64 seq) const;
    quint64 lastSeq() const { return m_lastSeq; }
    // Records after `afterSeq`, at most the newest `max`, oldest first; *skipped counts the
    // newer ones not returned (cap, gaps, overwritten).
    std::vector<Monitor::CallRecord> since(quint64 afterSeq, size_t max, quint64 *skipped) const;
    // A snapshot's calls as `request` asks for them: the new ones, and the pending ones answered since.
    void fill(Snapshot &snapshot, const SnapshotRequest &request) const;
    // Every later seq is numbered from here on (a restarted router starts again at 1).
    void advanceTo(quint64 seq) { m_lastSeq = std::max(m_lastSeq, seq); }

private:
    struct Slot
    {
        Monitor::CallRecord record;   // record.seq == 0: empty
        bool payloadKept = true;
    };
    const Slot *slot(quint64 seq) const;

    std::vector<Slot> m_slots;
    quint64 m_lastSeq = 0;
};

} // namespace daffi::ui
