#pragma once

#include <core/node/memberinfo.h>
#include <core/protocol/frame.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <optional>
#include <vector>

class QTimer;

namespace daffi {

class Router;

// Watches a Router without slowing it: per-frame work is a few counter increments, one hash
// operation to pair an answer with its request, and a write into a fixed-size ring. Payloads
// are not copied: small frames are kept by reference (shared buffer), large ones not at all.
// Rates are computed by a sampling timer, never per frame.
class Monitor : public QObject
{
    Q_OBJECT

public:
    enum class Status { Pending, Ok, Error, Refused, Sent, Lost };
    Q_ENUM(Status)

    struct CallRecord
    {
        quint64 seq = 0;
        qint64 timeMs = 0;                 // wall clock, ms since the epoch
        QByteArray caller;
        QByteArray receiver;
        QByteArray function;
        Serde serde = Serde::Opaque;
        quint16 uuid = 0;
        qint64 requestSize = 0;            // bytes on the wire
        qint64 replySize = 0;
        std::optional<qint64> latencyUs;
        Status status = Status::Pending;
        QString detail;                    // refusal reason
        Frame request;                     // kept when small enough (see payloadRetention)
        Frame reply;
    };

    struct MemberStats
    {
        quint64 callsIn = 0;               // requests delivered to it
        quint64 callsOut = 0;              // requests it sent
        quint64 errors = 0;                // ERROR answers it sent or refusals of its frames
        quint64 bytesIn = 0;               // routed bytes it sent
        quint64 bytesOut = 0;              // routed bytes delivered to it
        qint64 inFlight = 0;               // its calls awaiting an answer
        qint64 lastActivityMs = 0;
    };

    struct FunctionStats
    {
        quint64 calls = 0;
        quint64 errors = 0;
        quint64 bytes = 0;
    };

    struct Totals
    {
        quint64 framesForwarded = 0;
        quint64 framesRefused = 0;
        quint64 bytesForwarded = 0;
        quint64 calls = 0;
        quint64 errors = 0;
    };

    struct Sample            // one point of history, taken every sampleInterval
    {
        qint64 timeMs = 0;
        double framesPerSecond = 0;
        double bytesPerSecond = 0;
    };

    struct Options
    {
        int ringCapacity = 10000;
        qint64 payloadRetention = 64 * 1024;   // frames up to this size stay viewable
        int sampleIntervalMs = 1000;
        int historySamples = 900;              // 15 minutes at 1 s
    };

    explicit Monitor(Router *router, QObject *parent = nullptr);
    Monitor(Router *router, const Options &options, QObject *parent = nullptr);

    const Totals &totals() const { return m_totals; }
    const QHash<QByteArray, MemberStats> &memberStats() const { return m_members; }
    const QHash<QByteArray, FunctionStats> &functionStats() const { return m_functions; }
    const std::vector<Sample> &history() const { return m_history; }   // oldest first

    // Records with seq > afterSeq still in the ring, oldest first (for batched model updates).
    std::vector<CallRecord> callsSince(quint64 afterSeq) const;
    // The same, but at most the newest `maxCount` of them (a viewer that fell behind skips ahead).
    std::vector<CallRecord> callsSince(quint64 afterSeq, size_t maxCount) const;
    std::optional<CallRecord> call(quint64 seq) const;
    quint64 lastSeq() const { return m_nextSeq - 1; }

    // Prometheus text exposition format (version 0.0.4).
    QByteArray metricsText() const;

Q_SIGNALS:
    void sampled();

private:
    void forwarded(const Frame &frame, quint64 from, quint64 to);
    void refused(const Frame &frame, quint64 from, const QString &reason);
    void memberLeft(const QByteArray &name);
    void sample();
    CallRecord &append(const Frame &request);
    CallRecord *find(quint64 seq);
    static quint64 pendingKey(quint64 connection, quint16 uuid) { return (connection << 16) | uuid; }
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    Router *m_router;
    Options m_options;
    QElapsedTimer m_clock;
    std::vector<CallRecord> m_ring;
    quint64 m_nextSeq = 1;
    struct Pending
    {
        quint64 seq;
        qint64 startUs;
    };
    QHash<quint64, Pending> m_pending;        // (caller connection, uuid) -> its record
    Totals m_totals;
    QHash<QByteArray, MemberStats> m_members;
    QHash<QByteArray, FunctionStats> m_functions;
    std::vector<Sample> m_history;
    Totals m_lastSampleTotals;
    qint64 m_lastSampleUs = 0;
    QTimer *m_timer = nullptr;
};

} // namespace daffi
