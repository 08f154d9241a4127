#pragma once

#include "callbackhost.h"
#include "callresult.h"
#include "memberregistry.h"

#include <core/transport/connection.h>
#include <core/transport/endpoint.h>

#include <QFuture>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

class QTimer;

namespace daffi {

class PendingCalls;

// A daffi client (PROTOCOL.md §5.1, §5.4, §7, §13): a caller, a worker (when it has callbacks),
// or both, connected to a Router or a Service.
//
// The object lives on a thread with a Qt event loop (its "network thread"); every public method
// is thread-safe and returns at once: results come as QFutures (wait on them from other threads,
// or chain .then()). Callbacks never run on the network thread (see CallbackHost).
//
// Compared with the reference: deadlines are fractional seconds, any number of calls may be in
// flight, answers for calls that timed out are discarded, calls waiting on a member fail the moment
// it disconnects, membership waits are woken by events (not polling), and after a lost connection
// it reconnects with exponential backoff and a fresh handshake.
class Client : public QObject, private FrameHandler
{
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Ready, Reconnecting, Evicted, Stopped };
    Q_ENUM(State)

    struct Options
    {
        QByteArray name;                        // empty: defaultNodeName()
        Endpoint endpoint;
        std::chrono::milliseconds connectTimeout = std::chrono::seconds(15);
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(30);
        bool reconnect = true;
        // Backoff ceiling of the first retry, doubling per failed attempt up to the max; each wait
        // is drawn from the upper half of its ceiling (backoffDelay(): jitter spreads a fleet).
        std::chrono::milliseconds reconnectDelay = std::chrono::milliseconds(200);
        std::chrono::milliseconds reconnectDelayMax = std::chrono::seconds(30);
        int reconnectAttempts = 0;              // give up after this many in a row (0: never)
        Connection::Limits limits;
    };

    struct CallOptions
    {
        QByteArray receiver;                    // empty: round-robin over members exposing it
        std::optional<double> timeout;          // seconds; nullopt or <= 0: wait forever
    };

    struct CastOptions
    {
        QByteArrayList receivers;               // empty: every member exposing the function
        std::optional<double> timeout;          // per target
    };

    using Generator = std::function<std::optional<Payload>()>;

    explicit Client(Options options, QObject *parent = nullptr);
    ~Client() override;

    QByteArray name() const { return m_options.name; }
    State state() const { return m_state.load(); }
    QString serverType() const;               // "router" or "service" once connected
    QList<Member> members() const;            // snapshot, thread-safe

    // Exposes a callback. Before start() it joins the first hello; later, the client reconnects
    // to announce it (reference servers would evict a re-handshaking connection).
    bool addCallback(const QByteArray &name, Callback callback, QString *error = nullptr);
    bool addAsyncCallback(const QByteArray &name, AsyncCallback callback, QString *error = nullptr);
    void setExecutor(Executor *executor);     // before start(); not owned

    // Connects once (no retries). Ok, or the reason it could not (status Disconnected, or
    // Evicted/InvalidArgument for a rejected hello). After a first success, reconnects are
    // automatic when Options::reconnect is set.
    QFuture<CallResult> start();
    // Closes the connection; pending calls fail with Disconnected. Thread-safe, waits for it.
    // Frames already queued (rpc_nowait, cast_nowait) still go out: closed() says when they have.
    void stop();

    QFuture<CallResult> rpc(const QByteArray &function, const Payload &args, const CallOptions &options = {});
    QFuture<CallResult> rpcNowait(const QByteArray &function, const Payload &args, const CallOptions &options = {});
    // rpc (returnResult) or rpc_nowait with a callback instead of a future: `done` runs on the
    // network thread with the result. Lighter (no promise, future or continuation per call) for
    // bindings that complete waiters of their own.
    void call(const QByteArray &function, const Payload &args, const CallOptions &options, bool returnResult,
              CallCompletion done);
    QFuture<CastResult> cast(const QByteArray &function, const Payload &args, const CastOptions &options = {});
    QFuture<CastResult> castNowait(const QByteArray &function, const Payload &args, const CastOptions &options = {});
    // Each chunk is one call acknowledged before the next is taken (backpressure); the generator
    // runs on the network thread and must not block. Every chunk of one stream goes to one worker:
    // options.receiver, or the one round-robin picks for the first chunk (the result names it). If
    // that worker leaves mid-stream, the chunk it holds fails the stream (Disconnected); no chunk
    // goes elsewhere.
    QFuture<CallResult> stream(const QByteArray &function, Generator chunks, const CallOptions &options = {});
    QFuture<CallResult> streamNowait(const QByteArray &function, Generator chunks, const CallOptions &options = {});
    // True once every name is a member; false at the timeout (seconds; nullopt: forever).
    QFuture<bool> waitForMembers(const QByteArrayList &names, std::optional<double> timeout = std::nullopt);

Q_SIGNALS:
    void stateChanged(daffi::Client::State state);
    void memberJoined(const QByteArray &name);
    void memberLeft(const QByteArray &name, bool evicted);
    // After stop(): the connection has flushed what was queued and is gone.
    void closed();

private:
    struct MemberWaiter;

    template <typename F> void post(F &&f);
    void drainInbox();
    void connectNow();
    void connected(Connection *connection);
    void connectionLost(const QString &reason);
    void scheduleReconnect();
    void setState(State state);
    void finishStart(CallResult result);
    void frameReceived(Connection *connection, Frame &&frame) override;
    void handleHandshake(const Frame &frame);
    void handleEvent(const Frame &frame);
    void handleAnswer(const Frame &frame);
    void ready(const Handshake &reply);
    void memberGone(const QByteArray &name, bool evicted);
    // Changes the view under the lock that members() and serverType() take on other threads
    // (the network thread reads it without: it is the only writer).
    template <typename F> void changeMembers(F &&change);
    void checkWaiters();                          // every waiter against the whole registry
    void memberPresent(const QByteArray &name);   // one name arrived
    void finishWaiters();
    QFuture<CallResult> call(const QByteArray &function, const Payload &args, const CallOptions &options,
                             bool returnResult);
    QFuture<CastResult> castAll(const QByteArray &function, const Payload &args, const CastOptions &options,
                                bool returnResult);
    QFuture<CallResult> streamChunks(const QByteArray &function, Generator chunks, const CallOptions &options,
                                     bool returnResult);
    void startCall(const QByteArray &function, const Payload &args, const QByteArray &receiver,
                   std::optional<double> timeout, bool returnResult, CallCompletion completion);
    void castNow(const QByteArray &function, const Payload &args, const CastOptions &options,
                 bool returnResult, std::shared_ptr<QPromise<CastResult>> promise);
    void streamStep(std::shared_ptr<struct StreamState> state);
    void drainBacklog();

    Options m_options;
    std::atomic<State> m_state{State::Idle};
    Connection *m_connection = nullptr;
    CallbackHost *m_callbacks;
    PendingCalls *m_pending;
    MemberRegistry m_registry;
    QByteArray m_serverType;
    std::optional<quint16> m_helloUuid;
    QTimer *m_handshakeTimer;
    QTimer *m_reconnectTimer;
    bool m_everReady = false;
    int m_failedAttempts = 0;
    std::shared_ptr<QPromise<CallResult>> m_startPromise;
    std::deque<std::function<void()>> m_backlog;   // calls waiting for a free uuid
    std::vector<std::shared_ptr<MemberWaiter>> m_waiters;
    std::mutex m_inboxMutex;
    std::deque<std::function<void()>> m_inbox;   // work posted from other threads
    bool m_inboxScheduled = false;
    mutable QMutex m_registryMutex;   // see changeMembers()
};

} // namespace daffi
