#pragma once

#include <core/monitor/eventlog.h>
#include <core/monitor/monitor.h>
#include <core/protocol/result.h>

#include <QStringList>

#include <variant>

namespace daffi {

// Where a capture came from: the first record of every capture file.
struct CaptureInfo
{
    QString source;                 // the program that wrote it: "daffi-router", "daffi-console"
    QString version;                // its version
    QString host;                   // the machine it ran on
    qint64 createdMs = 0;           // when this file was begun
    qint64 routerStartedMs = 0;     // 0: not known (a saved selection)
    QStringList listen;             // where the router's peers reached it
    int part = 1;                   // in a ring of files: 1, 2, ...
    QString note;                   // e.g. what a saved selection was filtered by
};

// How a call that expected an answer ended, with the answer's frame (null for a lost call).
struct CaptureAnswer
{
    Monitor::Answer answer;
    Frame reply;
};

// The router's own counters at one moment: what the members and functions panes show.
struct CaptureStats
{
    qint64 timeMs = 0;
    Monitor::Totals totals;
    std::vector<std::pair<QByteArray, Monitor::MemberStats>> members;
    std::vector<Monitor::FunctionView> functions;
};

// Records a recorder could not keep (its queue was full), since the previous such record.
struct CaptureLoss
{
    qint64 timeMs = 0;
    quint64 calls = 0;
    quint64 answers = 0;
    quint64 events = 0;
    quint64 stats = 0;

    quint64 total() const { return calls + answers + events + stats; }
    CaptureLoss &operator+=(const CaptureLoss &other);
};

// The last record of a file that was closed properly.
struct CaptureEnd
{
    qint64 timeMs = 0;
    quint64 records = 0;            // records in the file before this one
    CaptureLoss dropped;            // by the recorder, over the whole file
    QString reason;                 // a sentence: "recording stopped", "continued in x-00002.dcap"
};

// One record of a capture file (docs/capture-format.md): its kind is the index of its data.
// The body is a CBOR map with the monitor API's snake_case names; names and frames are byte
// strings, kept exactly as they crossed the wire.
struct CaptureRecord
{
    enum class Kind : quint8 { Info = 1, Member, Event, Call, Answer, Stats, Loss, End };
    static constexpr quint8 LastKind = quint8(Kind::End);

    using Data = std::variant<CaptureInfo, MemberInfo, EventLog::Event, Monitor::CallRecord, CaptureAnswer,
                              CaptureStats, CaptureLoss, CaptureEnd>;
    Data data;

    Kind kind() const { return Kind(data.index() + 1); }
    QByteArray encode() const;
    // A record of a kind this version knows, from its body; an error says what is wrong with it.
    static Result<CaptureRecord> decode(Kind kind, QByteArrayView body);
    static QString kindName(Kind kind);

    static QString statusName(Monitor::Status status);     // as the monitor API names it
    static std::optional<Monitor::Status> statusFromName(QStringView name);
};

} // namespace daffi
