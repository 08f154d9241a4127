#pragma once

#include "eventlog.h"
#include "flathash.h"
#include "latencywindow.h"
#include "monitorclock.h"
#include "payloadarena.h"
#include "ringspan.h"

#include <core/node/memberinfo.h>
#include <core/protocol/frame.h>

#include <QHash>
#include <QObject>

#include <algorithm>
#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QTimer;

namespace daffi {

class Listener;
class Router;

// Watches a Router without slowing it. Per forwarded request the work is one look-up of its
// route (caller connection, provider connection, function: an open-addressing table keyed by a
// hash, the route holding pointers to every counter the request moves), the counter increments,
// and a write into a fixed-size ring slot: the slot borrows the route's names (a reference count
// on the monitor's own thread, not an atomic) and copies a small frame into the payload arena
// (see PayloadArena) instead of holding its buffer. Nothing is allocated per frame once a route is
// known. An answer is paired with its request in an open-addressing table too, and adds one
// histogram increment. Rates, percentiles, timeouts and eviction are worked out by a sampling
// timer or when someone asks, never per frame; records are turned into CallRecords (names copied,
// frames rebuilt) only when read.
//
// What the router can see of a call: the REQUEST it forwards and the RESPONSE or ERROR coming
// back. A request that expects an answer is "in flight" until then. It is "lost" (counted as a
// timeout) when its caller disconnects before the answer, when its provider disconnects before
// answering, or when no answer has come after Options::unansweredAfterMs. The caller's own call
// timeout travels nowhere on the wire, so the router cannot see it; an answer that comes after
// the call was counted lost is not paired. Latency is request forwarded to answer forwarded, as
// the router sees it.
//
// Lives on the router's thread; not thread-safe.
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
        QString detail;                    // refusal reason, or why it was lost
        Frame request;                     // kept when small enough (see payloadRetention)
        Frame reply;
    };

    // A record as the ring holds it, for a reader that writes it out at once (the monitor API's
    // JSON): names and detail are borrowed and payloads stay where they are. Valid during the
    // visit only.
    struct CallView
    {
        quint64 seq = 0;
        qint64 timeMs = 0;
        QByteArrayView caller;
        QByteArrayView receiver;
        QByteArrayView function;
        Serde serde = Serde::Opaque;
        quint16 uuid = 0;
        qint64 requestSize = 0;
        qint64 replySize = 0;
        std::optional<qint64> latencyUs;
        Status status = Status::Pending;
        QStringView detail;
        bool payloadKept = false;          // the request's or the answer's bytes are still held
    };

    // Requests from one caller connection to one provider connection for one function (a stream
    // is one flow, one request per chunk), counted since the route was first used.
    struct Flow
    {
        QByteArray caller;
        QByteArray receiver;
        QByteArray function;
        quint64 messages = 0;
        quint64 bytes = 0;
    };

    struct MemberStats
    {
        quint64 callsIn = 0;               // requests delivered to it
        quint64 callsOut = 0;              // requests it sent
        quint64 errors = 0;                // ERROR answers it sent or refusals of its frames
        quint64 bytesIn = 0;               // routed bytes it sent
        quint64 bytesOut = 0;              // routed bytes delivered to it
        qint64 inFlight = 0;               // its calls awaiting an answer
        qint64 serving = 0;                // calls to it awaiting its answer
        qint64 lastActivityMs = 0;         // wall clock of the last frame it sent
    };

    struct FunctionStats
    {
        quint64 calls = 0;
        quint64 errors = 0;
        quint64 timeouts = 0;              // lost calls (see above)
        quint64 bytes = 0;
    };

    struct Latency                          // microseconds, from the histogram's buckets
    {
        quint64 count = 0;
        qint64 p50 = 0;
        qint64 p90 = 0;
        qint64 p99 = 0;
        qint64 max = 0;
        double mean = 0;
    };

    struct ProviderView
    {
        QByteArray name;
        bool connected = false;
        quint64 calls = 0;
        quint64 errors = 0;
        quint64 timeouts = 0;
        qint64 inFlight = 0;
        Latency lastMinute;
        Latency lastQuarterHour;
    };

    struct FunctionView
    {
        QByteArray name;
        int providers = 0;                 // members exposing it now
        FunctionStats stats;
        qint64 inFlight = 0;
        Latency lastMinute;
        Latency lastQuarterHour;
        std::vector<ProviderView> perProvider;
    };

    struct MemberView
    {
        MemberInfo info;
        MemberStats stats;
        qint64 queuedBytes = 0;            // written to it, not yet taken by its socket
    };

    struct DepartedMember
    {
        MemberInfo info;
        MemberStats stats;
        qint64 leftMs = 0;
        QString reason;
        Connection::CloseCause cause = Connection::CloseCause::Other;
    };

    struct Totals
    {
        quint64 framesForwarded = 0;
        quint64 framesRefused = 0;
        quint64 bytesForwarded = 0;
        quint64 calls = 0;
        quint64 errors = 0;
        quint64 timeouts = 0;
    };

    struct Sample            // one point of history, taken every sampleInterval
    {
        qint64 timeMs = 0;
        double framesPerSecond = 0;
        double bytesPerSecond = 0;
    };

    struct CallPage
    {
        std::vector<CallRecord> records;   // oldest first
        quint64 lost = 0;                  // records after `since` that had left the ring
        quint64 lastSeq = 0;
    };

    // How a call that expected an answer ended, numbered in the order the endings came.
    struct Answer
    {
        quint64 seq = 0;
        quint64 callSeq = 0;
        Status status = Status::Ok;        // Ok, Error or Lost
        std::optional<qint64> latencyUs;
        qint64 replySize = 0;
        QString detail;
    };

    struct AnswerPage
    {
        std::vector<Answer> answers;       // oldest first
        quint64 lost = 0;
        quint64 lastSeq = 0;
    };

    // Prometheus histogram of daffi_call_latency_seconds: upper bounds in microseconds.
    static constexpr std::array<qint64, 16> PrometheusBucketsUs{
        100, 250, 500, 1'000, 2'500, 5'000, 10'000, 25'000, 50'000,
        100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000};
    struct PrometheusLatency
    {
        std::array<quint64, PrometheusBucketsUs.size() + 1> counts{};   // per bucket, last = +Inf
        quint64 sumUs = 0;
    };

    struct Options
    {
        int ringCapacity = 10000;
        qint64 payloadRetention = 64 * 1024;   // frames up to this size stay viewable; < 0: none
        qint64 payloadBudget = 64 * 1024 * 1024;   // the payload arena's size at most
        int sampleIntervalMs = 1000;
        int historySamples = 900;              // 15 minutes at 1 s
        int unansweredAfterMs = 60'000;
        int departedCapacity = 256;
        int eventCapacity = 1000;
        int maxPending = 100'000;              // calls tracked in flight; more go untimed
    };

    // Told of each call record, answer and event the moment the monitor completes it, with the
    // frames it saw (whether or not the ring keeps them): how a capture recorder takes records
    // (core/capture/capturerecorder.h). Runs on the router's thread and must return at once.
    // Without a sink (the default) this costs one test of a null pointer per record.
    class Sink
    {
    public:
        virtual ~Sink() = default;
        // A call as the router forwarded (or refused) it: status Pending, Sent or Refused.
        virtual void callRecorded(const CallRecord &record, const Frame &request) = 0;
        // How a Pending call ended; `reply` is null for a lost call.
        virtual void callAnswered(const Answer &answer, const Frame *reply) = 0;
        virtual void eventRecorded(const EventLog::Event &event) = 0;
    };

    explicit Monitor(Router *router, QObject *parent = nullptr);
    Monitor(Router *router, const Options &options, QObject *parent = nullptr);
    ~Monitor() override;

    // Listener refusals become events too.
    void watch(Listener *listener);

    const Options &options() const { return m_options; }
    Router *router() const { return m_router; }
    const Totals &totals() const { return m_totals; }
    qint64 startedMs() const { return m_startedMs; }
    QHash<QByteArray, MemberStats> memberStats() const;
    QHash<QByteArray, FunctionStats> functionStats() const;
    std::vector<MemberView> members() const;
    const std::deque<DepartedMember> &departed() const { return m_departed; }   // newest first
    std::vector<FunctionView> functions() const;
    std::vector<Flow> flows() const;
    QHash<QByteArray, PrometheusLatency> prometheusLatency() const;
    QHash<Connection::CloseCause, quint64> dropsByCause() const { return m_drops; }
    const std::vector<Sample> &history() const { return m_history; }   // oldest first
    const EventLog &events() const { return m_events; }
    // One sink at a time (null: none); the caller keeps it alive while it is set.
    void setSink(Sink *sink) { m_sink = sink; }
    Sink *sink() const { return m_sink; }

    // Records with seq > afterSeq still in the ring, oldest first (for batched model updates).
    std::vector<CallRecord> callsSince(quint64 afterSeq) const;
    // The same, but at most the newest `maxCount` of them (a viewer that fell behind skips ahead).
    std::vector<CallRecord> callsSince(quint64 afterSeq, size_t maxCount) const;
    // The oldest `limit` records after `since` (a poller continues from the last one it got).
    CallPage calls(quint64 since, size_t limit) const;
    // The same records, handed to `visit(const CallView &)` one by one without copying them.
    // Returns how many records after `since` had left the ring.
    template <typename Visit>
    quint64 visitCalls(quint64 since, size_t limit, Visit &&visit) const
    {
        const RingSpan span = RingSpan::after(since, m_nextSeq, m_ring.size());
        for (quint64 seq = span.first; seq < span.end && seq - span.first < limit; ++seq)
            visit(view(m_ring[size_t(seq % m_ring.size())]));
        return span.lost;
    }
    // The answers (and losses) after the one with seq `since`, oldest first.
    AnswerPage answers(quint64 since, size_t limit) const;
    std::optional<CallRecord> call(quint64 seq) const;
    quint64 lastSeq() const { return m_nextSeq - 1; }
    quint64 lastAnswerSeq() const { return m_nextAnswerSeq - 1; }

Q_SIGNALS:
    void sampled();

private:
    struct MemberEntry
    {
        MemberInfo info;
        MemberStats stats;
        int routes = 0;                    // routes from or to it
    };
    struct ProviderEntry
    {
        quint64 calls = 0;
        quint64 errors = 0;
        quint64 timeouts = 0;
        qint64 inFlight = 0;
        qint64 lastActiveMs = 0;           // monotonic
        LatencyWindow latency;
    };
    struct FunctionEntry
    {
        QByteArray name;
        FunctionStats stats;
        int exposedBy = 0;
        qint64 lastActiveMs = 0;           // monotonic: last call, or last time a member exposed it
        PrometheusLatency prometheus;
        std::unordered_map<QByteArray, ProviderEntry> providers;
    };
    // Who called what, as a record tells it: shared by the records of one route (or owned by one
    // refused record), freed when the last of them lets go. Only the monitor's thread counts.
    struct Names
    {
        QByteArray caller;
        QByteArray receiver;
        QByteArray function;
        quint32 refs = 0;
    };
    // Everything one request from `from` to `to` for `function` counts into, found with one look-up.
    // Routes of a connection go when its member entry does; idle ones after 15 minutes.
    struct Route
    {
        quint64 from = 0;
        quint64 to = 0;
        Names *names = nullptr;            // holds one reference
        MemberEntry *sender = nullptr;
        MemberEntry *receiver = nullptr;
        FunctionEntry *function = nullptr;
        ProviderEntry *provider = nullptr;
        quint64 messages = 0;
        quint64 bytes = 0;
        qint64 lastActiveMs = 0;           // monotonic
        std::unique_ptr<Route> collision;  // another route whose key hashed to the same value
    };
    // One ring record. Writing one touches only the slot (and the names' count): no heap block is
    // freed when a slot is reused.
    struct Slot
    {
        quint64 seq = 0;
        qint64 timeMs = 0;
        Names *names = nullptr;            // holds one reference
        qint64 requestSize = 0;
        qint64 replySize = 0;
        qint64 latencyUs = -1;             // < 0: not answered
        quint64 arenaMark = 0;             // the arena's end when the record was written
        PayloadArena::Extent request;
        PayloadArena::Extent reply;
        quint16 uuid = 0;
        Serde serde = Serde::Opaque;
        Status status = Status::Pending;
        QString detail;
    };
    struct Pending
    {
        quint64 key = 0;                   // in m_pending
        quint64 seq = 0;
        qint64 startUs = 0;
        quint64 caller = 0;                // connection ids
        quint64 provider = 0;
        FunctionEntry *function = nullptr;
        ProviderEntry *providerEntry = nullptr;
    };

    void forwarded(const Frame &frame, quint64 from, quint64 to);
    void refused(const Frame &frame, quint64 from, const QString &reason);
    void memberJoined(const MemberInfo &member);
    void memberUpdated(const MemberInfo &member);
    void memberLeft(const QByteArray &name, const QString &reason, Connection::CloseCause cause);
    void connectionDropped(quint64 connection, const QString &address, const QString &reason,
                           Connection::CloseCause cause);
    void expose(const QByteArrayList &methods, int delta);
    static EventLog::Event memberEvent(EventLog::Kind kind, const MemberInfo &member);
    void logEvent(EventLog::Event event);
    void sample();
    void settle(const Pending &pending, Status status, qint64 nowUs, const Frame *answer, const QString &detail);
    void loseCallsOf(quint64 connection, const QString &detail);
    void evictIdle();
    MemberEntry &member(quint64 connection, QByteArrayView name);
    FunctionEntry &function(QByteArrayView name);
    Route &route(const Frame &request, quint64 from, quint64 to);
    Route &addRoute(quint64 key, const Frame &request, quint64 from, quint64 to);
    template <typename Pred>
    void dropRoutes(Pred &&pred);
    void dropRoutesOf(quint64 connection);
    quint64 routeKey(quint64 from, quint64 to, QByteArrayView function) const;
    static void release(Names *names);
    Slot &append(Names *names, const Frame &request, qint64 wallMs);
    Slot *find(quint64 seq);
    template <typename Record>   // CallView or CallRecord
    static void fill(Record &record, const Slot &slot);
    CallView view(const Slot &slot) const;
    CallRecord record(const Slot &slot) const;
    Frame frameAt(PayloadArena::Extent extent) const;
    PayloadArena::Extent keep(const Frame &frame);
    static Latency summarize(const LatencyHistogram &h);
    static quint64 pendingKey(quint64 connection, quint16 uuid) { return (connection << 16) | uuid; }
    qint64 nowUs() const { return m_clock.precise(); }
    qint64 wallMs(qint64 us) const { return m_wallOffsetMs + us / 1000; }

    Router *m_router;
    Options m_options;
    MonitorClock m_clock;
    qint64 m_startedMs = 0;
    qint64 m_wallOffsetMs = 0;             // wall clock minus m_clock, refreshed at each sample
    qint64 m_lastRecordMs = 0;             // records' times never go back (the coarse clock lags)
    std::vector<Slot> m_ring;
    quint64 m_nextSeq = 1;
    PayloadArena m_arena;
    std::vector<Answer> m_answerRing;
    quint64 m_nextAnswerSeq = 1;
    FlatHash<Pending> m_pending;           // (caller connection, uuid) -> its call
    Totals m_totals;
    FlatHash<std::unique_ptr<MemberEntry>> m_members;   // by connection id
    QHash<QByteArray, quint64> m_byName;
    FlatHash<std::unique_ptr<Route>> m_routes;           // by routeKey()
    Route *m_lastRoute = nullptr;          // the route of the previous request
    std::deque<DepartedMember> m_departed;
    std::unordered_map<QByteArray, FunctionEntry> m_functions;
    QHash<Connection::CloseCause, quint64> m_drops;
    EventLog m_events;
    std::vector<Sample> m_history;
    Totals m_lastSampleTotals;
    qint64 m_lastSampleUs = 0;
    quint64 m_samples = 0;
    QTimer *m_timer = nullptr;
    Sink *m_sink = nullptr;
};

} // namespace daffi
