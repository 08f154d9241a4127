#pragma once

#include "capturerecord.h"

class QIODevice;

namespace daffi {

// A whole capture file in memory, its answers paired with their calls: what the console shows
// and what `daffi-call replay` sends again.
struct Capture
{
    CaptureInfo info;
    std::vector<MemberInfo> members;           // present when the file began
    std::vector<EventLog::Event> events;       // oldest first
    std::vector<Monitor::CallRecord> calls;    // by seq, each with its answer when one was recorded
    std::optional<CaptureStats> stats;         // the last the router wrote
    CaptureLoss dropped;                       // what the recorder could not keep, in total
    std::optional<CaptureEnd> end;
    quint64 records = 0;
    quint64 unpairedAnswers = 0;               // answers to calls of an earlier file of a ring
    QString stopped;                           // why the file ended before its end record, if it did
    qint64 firstMs = 0;                        // the span of the records' times
    qint64 lastMs = 0;

    // Reads a whole file. An error for a file that is not a capture this program reads; a
    // damaged or cut-off one gives what was read up to the damage, and `stopped` says where.
    static Result<Capture> load(const QString &path);
    static Result<Capture> read(QIODevice *device, const QString &name);

    // Writes `calls` (each with its answer) and the members as a capture of their own; false and
    // a sentence in *error if the file cannot be written.
    static bool save(const QString &path, const CaptureInfo &info, const std::vector<MemberInfo> &members,
                     const std::vector<Monitor::CallRecord> &calls, QString *error);

    // The members at the end: those present at the start, with the joins and leaves applied.
    std::vector<MemberInfo> membersAtEnd() const;
};

} // namespace daffi
