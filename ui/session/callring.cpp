#include "callring.h"

namespace daffi::ui {

CallRing::CallRing(size_t capacity) : m_slots(std::max<size_t>(1, capacity)) {}

const CallRing::Slot *CallRing::slot(quint64 seq) const
{
    const Slot &s = m_slots[size_t(seq % m_slots.size())];
    return seq != 0 && s.record.seq == seq ? &s : nullptr;
}

void CallRing::put(Monitor::CallRecord record, bool payloadKept)
{
    const quint64 seq = record.seq;
    if (seq == 0 || (seq <= m_lastSeq && !slot(seq)))
        return;   // older than the ring, or never stored: nothing to replace
    m_lastSeq = std::max(m_lastSeq, seq);
    Slot &s = m_slots[size_t(seq % m_slots.size())];
    s.record = std::move(record);
    s.payloadKept = payloadKept;
}

const Monitor::CallRecord *CallRing::find(quint64 seq) const
{
    const Slot *s = slot(seq);
    return s ? &s->record : nullptr;
}

Monitor::CallRecord *CallRing::find(quint64 seq)
{
    return const_cast<Monitor::CallRecord *>(std::as_const(*this).find(seq));
}

bool CallRing::payloadKept(quint64 seq) const
{
    const Slot *s = slot(seq);
    return s && s->payloadKept;
}

std::vector<Monitor::CallRecord> CallRing::since(quint64 afterSeq, size_t max, quint64 *skipped) const
{
    std::vector<Monitor::CallRecord> out;
    const quint64 capacity = m_slots.size();
    quint64 from = std::max(afterSeq + 1, m_lastSeq >= capacity ? m_lastSeq - capacity + 1 : 1);
    if (m_lastSeq >= from && m_lastSeq - from + 1 > max)
        from = m_lastSeq - max + 1;
    for (quint64 seq = from; seq <= m_lastSeq; ++seq) {
        if (const Slot *s = slot(seq))
            out.push_back(s->record);
    }
    const quint64 newer = m_lastSeq > afterSeq ? m_lastSeq - afterSeq : 0;
    if (skipped)
        *skipped = newer - std::min<quint64>(newer, out.size());
    return out;
}

void CallRing::fill(Snapshot &s, const SnapshotRequest &request) const
{
    s.lastSeq = m_lastSeq;
    s.includesCalls = request.wantCalls;
    if (request.wantCalls)
        s.calls = since(request.afterSeq, request.maxCalls, &s.skippedCalls);
    for (quint64 seq : request.pendingSeqs) {
        const Monitor::CallRecord *r = find(seq);
        if (r && r->status != Monitor::Status::Pending)
            s.updates.push_back(*r);
    }
}

} // namespace daffi::ui
