#pragma once

#include <core/capture/capturerecorder.h>
#include <core/monitor/monitor.h>
#include <core/monitor/ratehistory.h>

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace daffi::ui {

// What the views learn about one member at one moment.
struct MemberSnapshot
{
    QByteArray name;
    QByteArrayList methods;
    bool hasMethodList = false;
    QString transport;                            // empty when unknown (remote mode without a monitor)
    QString address;
    QDateTime connectedAt;
    std::optional<Monitor::MemberStats> stats;    // none in remote mode without a monitor

    static MemberSnapshot of(const MemberInfo &m)
    {
        return MemberSnapshot{m.name, m.methods, m.hasMethodList, Connection::transportName(m.transport), m.address,
                              m.connectedAt, std::nullopt};
    }
};

struct RatePoint
{
    RateHistory::Kind kind = RateHistory::Kind::Member;
    QByteArray key;
    QByteArray caller;                            // flows only
    QByteArray receiver;
    QByteArray function;
    float messagesPerSecond = 0;
    float bytesPerSecond = 0;
};

// The newest point of every rate series at one rate sample.
struct RateSample
{
    quint64 number = 0;                           // counts up from 1
    qint64 timeMs = 0;
    std::vector<RatePoint> points;
};

struct SessionEvent
{
    enum class Kind { Joined, Updated, Left, Dropped, Info, Problem };
    qint64 timeMs = 0;
    Kind kind = Kind::Info;
    QString text;
};

// What the UI asks for on each tick of its refresh timer.
struct SnapshotRequest
{
    bool wantCalls = true;                        // false while traffic is paused
    quint64 afterSeq = 0;
    size_t maxCalls = 2000;
    std::vector<quint64> pendingSeqs;             // records the UI shows as pending
    qint64 afterSampleMs = 0;
    quint64 afterRateSample = 0;
};

// One batch for all models, built where the data lives and handed over by value.
struct Snapshot
{
    qint64 timeMs = 0;
    QList<MemberSnapshot> members;
    bool includesCalls = false;                   // the request wanted calls
    std::vector<Monitor::CallRecord> calls;       // new since afterSeq, oldest first
    std::vector<Monitor::CallRecord> updates;     // pendingSeqs that have been answered
    quint64 lastSeq = 0;
    quint64 skippedCalls = 0;                     // newer than afterSeq but not sent (cap)
    Monitor::Totals totals;
    std::vector<Monitor::Sample> samples;         // new since afterSampleMs
    std::vector<RateSample> rateSamples;          // new since afterRateSample, oldest first
    std::optional<CaptureRecorder::Status> recording;   // while the session records to a file
    std::vector<SessionEvent> events;
    // Per function and provider, when they changed (about once a second): the embedded router's
    // Monitor, a remote router's /api/v1/functions, or a capture's statistics.
    std::optional<std::vector<Monitor::FunctionView>> functions;
};

} // namespace daffi::ui
