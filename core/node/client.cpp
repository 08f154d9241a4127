#include "client.h"

#include "backoff.h"
#include "nodename.h"
#include "pendingcalls.h"

#include <core/transport/dialer.h>

#include <QLoggingCategory>
#include <QMetaEnum>
#include <QPromise>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QTimer>

namespace daffi {

Q_LOGGING_CATEGORY(lcClient, "daffi.client", QtInfoMsg)

struct Client::MemberWaiter
{
    QSet<QByteArray> wanted;
    QSet<QByteArray> missing;   // of `wanted`, the ones not in the registry (kept as they come and go)
    QPromise<bool> promise;
    QTimer *timer = nullptr;
    bool done = false;
};

struct StreamState
{
    QByteArray function;
    Client::Generator next;
    Client::CallOptions options;   // options.receiver: the one worker every chunk goes to, once known
    QPromise<CallResult> promise;
    bool returnResult = true;
    int chunks = 0;
};

namespace {

std::optional<PendingCalls::Clock::time_point> deadlineFor(std::optional<double> seconds)
{
    if (!seconds || *seconds <= 0)
        return std::nullopt;
    return PendingCalls::Clock::now()
           + std::chrono::duration_cast<PendingCalls::Clock::duration>(std::chrono::duration<double>(*seconds));
}

} // namespace

Client::Client(Options options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_callbacks(new CallbackHost(this)),
      m_pending(new PendingCalls(this)),
      m_handshakeTimer(new QTimer(this)),
      m_reconnectTimer(new QTimer(this))
{
    if (m_options.name.isEmpty())
        m_options.name = defaultNodeName();
    m_handshakeTimer->setSingleShot(true);
    connect(m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (m_connection)
            m_connection->close(QStringLiteral("no answer to our hello within %1 ms").arg(m_options.handshakeTimeout.count()));
    });
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &Client::connectNow);
}

Client::~Client()
{
    m_pending->failAll(CallResult::Status::Disconnected, CallResult::Reason::ClientStopped,
                       QStringLiteral("the client was destroyed"));
    if (m_connection)
        m_connection->setHandler(nullptr);
}

// Work from other threads goes through a mutex-protected inbox (ThreadSanitizer sees the
// ordering) and one queued wake-up per batch, however many threads call at once.
template <typename F>
void Client::post(F &&f)
{
    if (QThread::currentThread() == thread()) {
        f();
        return;
    }
    bool wake = false;
    {
        std::lock_guard lock(m_inboxMutex);
        m_inbox.emplace_back(std::forward<F>(f));
        wake = !std::exchange(m_inboxScheduled, true);
    }
    if (wake)
        QMetaObject::invokeMethod(this, &Client::drainInbox, Qt::QueuedConnection);
}

void Client::drainInbox()
{
    std::deque<std::function<void()>> work;
    {
        std::lock_guard lock(m_inboxMutex);
        work.swap(m_inbox);
        m_inboxScheduled = false;
    }
    const WriteBatch batch;   // every call handed over leaves in one write
    for (auto &job : work)
        job();
}

QString Client::serverType() const
{
    QMutexLocker lock(&m_registryMutex);
    return QString::fromUtf8(m_serverType);
}

QList<Member> Client::members() const
{
    // Copied when asked, not on every change: a join storm changes the view 10,000 times.
    QMutexLocker lock(&m_registryMutex);
    return QList<Member>(m_registry.members().cbegin(), m_registry.members().cend());
}

template <typename F>
void Client::changeMembers(F &&change)
{
    QMutexLocker lock(&m_registryMutex);
    change();
}

bool Client::addCallback(const QByteArray &name, Callback callback, QString *error)
{
    return addAsyncCallback(name, CallbackHost::wrap(std::move(callback)), error);
}

bool Client::addAsyncCallback(const QByteArray &name, AsyncCallback callback, QString *error)
{
    const QString problem = CallbackHost::validateName(name);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    post([this, name, callback = std::move(callback)]() mutable {
        const bool isNew = !m_callbacks->has(name);
        m_callbacks->addAsync(name, std::move(callback), nullptr);
        // A re-handshake on a live connection gets us evicted by reference servers (§5.6):
        // announce the new callback with a fresh connection instead.
        if (isNew && m_connection && state() == State::Ready) {
            qCInfo(lcClient) << "reconnecting to announce callback" << name;
            m_connection->close(QStringLiteral("reconnecting to announce a new callback"));
        }
    });
    return true;
}

void Client::setExecutor(Executor *executor)
{
    post([this, executor] { m_callbacks->setExecutor(executor); });
}

void Client::setState(State state)
{
    if (m_state.exchange(state) != state)
        Q_EMIT stateChanged(state);
}

QFuture<CallResult> Client::start()
{
    auto promise = std::make_shared<QPromise<CallResult>>();
    promise->start();
    QFuture<CallResult> future = promise->future();
    post([this, promise] {
        if (state() == State::Ready || state() == State::Connecting) {
            promise->addResult(CallResult::failure(CallResult::Status::InvalidArgument,
                                                   CallResult::Reason::AlreadyStarted,
                                                   QStringLiteral("the client is already started")));
            promise->finish();
            return;
        }
        m_startPromise = promise;
        m_everReady = false;
        setState(State::Connecting);
        connectNow();
    });
    return future;
}

void Client::stop()
{
    auto stopNow = [this] {
        setState(State::Stopped);
        m_reconnectTimer->stop();
        m_handshakeTimer->stop();
        if (m_connection) {
            Connection *c = std::exchange(m_connection, nullptr);
            c->setHandler(nullptr);
            disconnect(c, nullptr, this, nullptr);
            connect(c, &QObject::destroyed, this, &Client::closed);
            c->close(QStringLiteral("the client stopped"));   // flushes, then the connection goes
        } else {
            QMetaObject::invokeMethod(this, &Client::closed, Qt::QueuedConnection);
        }
        m_pending->failAll(CallResult::Status::Disconnected, CallResult::Reason::ClientStopped,
                           QStringLiteral("the client stopped"));
        changeMembers([this] { m_registry.clear(); });
        finishStart(CallResult::failure(CallResult::Status::Disconnected, CallResult::Reason::ClientStopped,
                                        QStringLiteral("the client stopped")));
    };
    if (QThread::currentThread() == thread())
        stopNow();
    else
        QMetaObject::invokeMethod(this, stopNow, Qt::BlockingQueuedConnection);
}

void Client::finishStart(CallResult result)
{
    // Take the promise first: finishing it may run a continuation right here that calls back
    // into us (stop() finishes the start too), and a promise must not be finished twice.
    auto promise = std::exchange(m_startPromise, nullptr);
    if (!promise)
        return;
    promise->addResult(std::move(result));
    promise->finish();
}

void Client::connectNow()
{
    if (state() == State::Stopped || state() == State::Evicted)
        return;
    Dialer::dial(m_options.endpoint, m_options.connectTimeout, m_options.limits, this,
                 [this](Connection *connection, const QString &error) {
        if (state() == State::Stopped || state() == State::Evicted) {
            delete connection;
            return;
        }
        if (!connection) {
            qCInfo(lcClient).noquote() << m_options.name << ":" << error;
            if (!m_everReady) {
                setState(State::Idle);
                finishStart(CallResult::failure(CallResult::Status::Disconnected, CallResult::Reason::ConnectFailed, error));
            } else {
                scheduleReconnect();
            }
            return;
        }
        connected(connection);
    });
}

void Client::connected(Connection *connection)
{
    m_connection = connection;
    connection->setHandler(this);
    connect(connection, &Connection::closed, this, [this, connection](const QString &reason) {
        if (connection == m_connection)
            connectionLost(reason);
    });
    m_pending->resetNumbering();
    m_helloUuid = m_pending->allocate();
    const QByteArrayList methods = m_callbacks->names();
    const Handshake hello{"client", std::nullopt,
                          {Member{m_options.name, methods.isEmpty() ? std::nullopt : std::optional(methods)}}};
    auto frame = Frame::make({*m_helloUuid, Flag::Handshake, Serde::Json, false, true}, m_options.name, "", "",
                             hello.toJson());
    if (!frame) {
        connection->close(frame.error().message);
        return;
    }
    connection->send(*frame);
    m_handshakeTimer->start(m_options.handshakeTimeout);
    connection->start();
}

void Client::connectionLost(const QString &reason)
{
    m_connection = nullptr;
    m_handshakeTimer->stop();
    const bool wasReady = state() == State::Ready;
    changeMembers([this] {
        m_registry.clear();
        m_serverType.clear();
    });
    const QString message = QStringLiteral("connection to %1 lost: %2").arg(m_options.endpoint.toString(), reason);
    const bool evicted = state() == State::Evicted;
    m_pending->failAll(evicted ? CallResult::Status::Evicted : CallResult::Status::Disconnected,
                       evicted ? CallResult::Reason::NameTaken : CallResult::Reason::ConnectionLost,
                       evicted ? QStringLiteral("evicted: another client connected with the name \"%1\"")
                                     .arg(QString::fromUtf8(m_options.name))
                               : message);
    for (auto &job : std::exchange(m_backlog, {}))
        job();   // each fails at once: we are not connected
    if (state() == State::Evicted || state() == State::Stopped)
        return;
    if (wasReady)
        qCInfo(lcClient).noquote() << m_options.name << ":" << message;
    if (!m_everReady) {
        setState(State::Idle);
        finishStart(CallResult::failure(CallResult::Status::Disconnected, CallResult::Reason::ConnectionLost, message));
        return;
    }
    scheduleReconnect();
}

void Client::scheduleReconnect()
{
    if (!m_options.reconnect
        || (m_options.reconnectAttempts > 0 && m_failedAttempts >= m_options.reconnectAttempts)) {
        qCInfo(lcClient).noquote() << m_options.name << "gave up reconnecting to" << m_options.endpoint.toString();
        setState(State::Idle);
        return;
    }
    ++m_failedAttempts;
    setState(State::Reconnecting);
    m_reconnectTimer->start(backoffDelay(m_failedAttempts, m_options.reconnectDelay, m_options.reconnectDelayMax,
                                         QRandomGenerator::global()->generateDouble()));
}

void Client::frameReceived(Connection *, Frame &&frame)
{
    switch (frame.flag()) {
    case Flag::Handshake: handleHandshake(frame); return;
    case Flag::Request: m_callbacks->handle(frame, m_connection, m_options.name); return;
    case Flag::Response:
    case Flag::Error: handleAnswer(frame); return;
    case Flag::Events: handleEvent(frame); return;
    }
}

void Client::handleHandshake(const Frame &frame)
{
    auto hs = Handshake::parse(frame.data());
    if (frame.transmitter() == QByteArrayView(m_options.name) && m_helloUuid && frame.uuid() == *m_helloUuid) {
        m_handshakeTimer->stop();
        if (!hs) {
            m_connection->close(QStringLiteral("the server's hello reply is malformed: %1").arg(hs.error().message));
            return;
        }
        if (hs->error) {
            const QString why = QStringLiteral("Handshake rejected by server: %1").arg(*hs->error);
            qCWarning(lcClient).noquote() << m_options.name << ":" << why;
            m_everReady = false;   // a rejection is not worth retrying blindly
            finishStart(CallResult::failure(CallResult::Status::InvalidArgument, CallResult::Reason::HelloRejected, why));
            m_connection->close(why);
            return;
        }
        ready(*hs);
        return;
    }
    if (!hs)
        return;   // as the reference: a malformed membership update is ignored
    changeMembers([&] {
        for (const Member &m : std::as_const(hs->members)) {
            if (m.name != m_options.name)
                m_registry.upsert(m);
        }
    });
    for (const Member &m : std::as_const(hs->members))
        memberPresent(m.name);
}

void Client::ready(const Handshake &reply)
{
    changeMembers([&] {
        m_registry.reset(reply.members);
        m_serverType = reply.type;
    });
    m_everReady = true;
    m_failedAttempts = 0;
    setState(State::Ready);
    qCInfo(lcClient).noquote() << m_options.name << "connected to" << m_options.endpoint.toString()
                               << "(" << QString::fromUtf8(m_serverType) << ")";
    CallResult ok;
    ok.receiver = reply.type;
    finishStart(std::move(ok));
    checkWaiters();
    drainBacklog();
}

void Client::handleEvent(const Frame &frame)
{
    auto event = Event::parse(frame.data());
    if (!event)
        return;   // strict like the reference: an unknown shape is ignored
    switch (event->type) {
    case Event::Type::Connected:
        // Method-less members are not announced by a mini-handshake; make them visible anyway so
        // waitForMembers can see them (the reference cannot).
        if (!m_registry.contains(event->member) && event->member != m_options.name) {
            changeMembers([&] { m_registry.upsert(Member{event->member, std::nullopt}); });
        }
        Q_EMIT memberJoined(event->member);
        memberPresent(event->member);
        return;
    case Event::Type::Disconnected:
        memberGone(event->member, false);
        return;
    case Event::Type::Evicted:
        if (event->member == m_options.name) {
            qCWarning(lcClient).noquote() << m_options.name << "was evicted: another client took the name";
            setState(State::Evicted);
            m_pending->failAll(CallResult::Status::Evicted, CallResult::Reason::NameTaken,
                               QStringLiteral("evicted: another client connected with the name \"%1\"")
                                   .arg(QString::fromUtf8(m_options.name)));
            return;   // the server closes the socket next
        }
        memberGone(event->member, true);
        return;
    }
}

void Client::memberGone(const QByteArray &name, bool evicted)
{
    changeMembers([&] { m_registry.remove(name); });
    for (const auto &w : m_waiters) {
        if (w->wanted.contains(name))
            w->missing.insert(name);
    }
    m_pending->failAll(CallResult::Status::Disconnected, CallResult::Reason::ReceiverLeft,
                       QStringLiteral("\"%1\" %2 before answering").arg(QString::fromUtf8(name),
                                                                       evicted ? QStringLiteral("was evicted")
                                                                               : QStringLiteral("disconnected")),
                       name);
    if (!m_backlog.empty())
        QMetaObject::invokeMethod(this, &Client::drainBacklog, Qt::QueuedConnection);   // freed uuids of its timed-out calls
    Q_EMIT memberLeft(name, evicted);
}

void Client::handleAnswer(const Frame &frame)
{
    if (m_helloUuid && frame.uuid() == *m_helloUuid && frame.flag() == Flag::Error
        && frame.transmitter() == QByteArrayView(m_options.name)) {
        // The server could not parse our hello (PROTOCOL.md §5.2 step 1).
        const QString why = QStringLiteral("the server refused our hello: %1").arg(QString::fromUtf8(frame.data()));
        m_everReady = false;
        finishStart(CallResult::failure(CallResult::Status::InvalidArgument, CallResult::Reason::HelloUnparsable, why));
        m_connection->close(why);
        return;
    }
    CallResult result;
    result.receiver = frame.transmitter().toByteArray();
    result.payload = Payload{frame.serde(), frame.header().isBytes, frame.dataBytes()};
    if (frame.flag() == Flag::Error) {
        result.status = CallResult::Status::RemoteError;
        auto remote = envelope::decodeError(frame.serde(), frame.data());
        if (remote) {
            result.remote = *remote;
            result.message = QStringLiteral("%1: %2").arg(remote->type, remote->message);
        } else {
            // e.g. a pickled error from a Python worker: the payload is kept for Python to decode.
            result.remote = RemoteError{QStringLiteral("RemoteError"), QString(), remote.error().message, QCborValue(nullptr)};
            result.message = remote.error().message;
        }
    }
    if (!m_pending->answer(frame.uuid(), std::move(result)) && !m_backlog.empty())
        drainBacklog();   // discarded; a late answer may have freed a uuid a call waits for
}

void Client::startCall(const QByteArray &function, const Payload &args, const QByteArray &receiver,
                       std::optional<double> timeout, bool returnResult, CallCompletion completion)
{
    if (state() != State::Ready || !m_connection) {
        completion(CallResult::failure(CallResult::Status::Disconnected, CallResult::Reason::NotConnected,
                                       QStringLiteral("not connected to %1 (state %2)")
                                           .arg(m_options.endpoint.toString(),
                                                QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(state()))))));
        return;
    }
    QString why;
    const auto target = m_registry.resolve(function, receiver, m_options.name, &why);
    if (!target) {
        completion(CallResult::failure(CallResult::Status::NoReceiver, CallResult::Reason::Unspecified,
                                       QStringLiteral("cannot call \"%1\": %2.\n%3")
                                           .arg(QString::fromUtf8(function), why, m_registry.describe(m_options.name)),
                                       receiver));
        return;
    }
    const auto uuid = m_pending->allocate();
    if (!uuid) {
        // 65 535 calls already wait on this connection: this one waits for a free uuid.
        m_backlog.push_back([this, function, args, receiver, timeout, returnResult, completion] {
            startCall(function, args, receiver, timeout, returnResult, completion);
        });
        return;
    }
    auto frame = Frame::makeSharing({*uuid, Flag::Request, args.serde, args.isBytes, returnResult},
                                    m_options.name, *target, function, args.data);
    if (!frame) {
        completion(CallResult::failure(CallResult::Status::InvalidArgument, CallResult::Reason::Unencodable,
                                       frame.error().message, *target));
        return;
    }
    if (returnResult) {
        m_pending->add(*uuid, *target, deadlineFor(timeout), [this, completion](CallResult &&r) {
            completion(std::move(r));
            if (!m_backlog.empty())
                QMetaObject::invokeMethod(this, &Client::drainBacklog, Qt::QueuedConnection);
        });
    }
    m_connection->send(*frame);
    if (!returnResult) {
        CallResult sent;
        sent.receiver = *target;
        completion(std::move(sent));
    }
}

void Client::drainBacklog()
{
    while (!m_backlog.empty() && m_pending->size() < 65535) {
        auto job = std::move(m_backlog.front());
        m_backlog.pop_front();
        job();
    }
}

QFuture<CallResult> Client::call(const QByteArray &function, const Payload &args, const CallOptions &options,
                                 bool returnResult)
{
    auto promise = std::make_shared<QPromise<CallResult>>();
    promise->start();
    QFuture<CallResult> future = promise->future();
    call(function, args, options, returnResult, [promise](CallResult &&r) {
        promise->addResult(std::move(r));
        promise->finish();
    });
    return future;
}

void Client::call(const QByteArray &function, const Payload &args, const CallOptions &options, bool returnResult,
                  CallCompletion done)
{
    post([this, function, args, options, returnResult, done = std::move(done)]() mutable {
        startCall(function, args, options.receiver, returnResult ? options.timeout : std::nullopt, returnResult,
                  std::move(done));
    });
}

QFuture<CallResult> Client::rpc(const QByteArray &function, const Payload &args, const CallOptions &options)
{
    return call(function, args, options, true);
}

QFuture<CallResult> Client::rpcNowait(const QByteArray &function, const Payload &args, const CallOptions &options)
{
    return call(function, args, options, false);
}

QFuture<CastResult> Client::castAll(const QByteArray &function, const Payload &args, const CastOptions &options,
                                    bool returnResult)
{
    auto promise = std::make_shared<QPromise<CastResult>>();
    promise->start();
    QFuture<CastResult> future = promise->future();
    post([=, this] { castNow(function, args, options, returnResult, promise); });
    return future;
}

QFuture<CastResult> Client::cast(const QByteArray &function, const Payload &args, const CastOptions &options)
{
    return castAll(function, args, options, true);
}

QFuture<CastResult> Client::castNowait(const QByteArray &function, const Payload &args, const CastOptions &options)
{
    return castAll(function, args, options, false);
}

void Client::castNow(const QByteArray &function, const Payload &args, const CastOptions &options,
                     bool returnResult, std::shared_ptr<QPromise<CastResult>> promise)
{
    const QByteArrayList targets = options.receivers.isEmpty() ? m_registry.exposing(function, m_options.name)
                                                               : options.receivers;
    if (targets.isEmpty()) {
        CastResult none;
        none.status = CallResult::Status::NoReceiver;
        none.message = QStringLiteral("no connected member exposes \"%1\".\n%2")
                           .arg(QString::fromUtf8(function), m_registry.describe(m_options.name));
        promise->addResult(std::move(none));
        promise->finish();
        return;
    }
    struct Gather
    {
        CastResult result;
        qsizetype remaining = 0;
    };
    auto gather = std::make_shared<Gather>();
    gather->remaining = targets.size();
    for (const QByteArray &target : targets)
        gather->result.results.append({target, CallResult{}});
    for (qsizetype i = 0; i < targets.size(); ++i) {
        // An unknown explicit target fails its own entry; the others still go out.
        startCall(function, args, targets[i], options.timeout, returnResult, [gather, promise, i](CallResult &&r) {
            gather->result.results[i].second = std::move(r);
            if (--gather->remaining == 0) {
                promise->addResult(std::move(gather->result));
                promise->finish();
            }
        });
    }
}

QFuture<CallResult> Client::streamChunks(const QByteArray &function, Generator chunks, const CallOptions &options,
                                         bool returnResult)
{
    auto state = std::make_shared<StreamState>();
    state->function = function;
    state->next = std::move(chunks);
    state->options = options;
    state->returnResult = returnResult;
    state->promise.start();
    QFuture<CallResult> future = state->promise.future();
    post([this, state] { streamStep(state); });
    return future;
}

QFuture<CallResult> Client::stream(const QByteArray &function, Generator chunks, const CallOptions &options)
{
    return streamChunks(function, std::move(chunks), options, true);
}

QFuture<CallResult> Client::streamNowait(const QByteArray &function, Generator chunks, const CallOptions &options)
{
    return streamChunks(function, std::move(chunks), options, false);
}

void Client::streamStep(std::shared_ptr<StreamState> state)
{
    // Loops while chunks complete at once (nowait, or failures); otherwise returns and lets the
    // chunk's acknowledgement continue the stream.
    for (;;) {
        std::optional<Payload> chunk = state->next();
        if (chunk && state->options.receiver.isEmpty()) {
            // One worker takes the whole stream: round-robin picks it once, for the first chunk.
            // When nobody can take it, startCall below says why.
            QString why;
            if (auto target = m_registry.resolve(state->function, {}, m_options.name, &why))
                state->options.receiver = *target;
        }
        if (!chunk) {
            CallResult done;
            done.receiver = state->options.receiver;
            done.message = QStringLiteral("%1 chunks delivered").arg(state->chunks);
            state->promise.addResult(std::move(done));
            state->promise.finish();
            return;
        }
        struct Step
        {
            bool returned = false;   // startCall has returned: a completion now is asynchronous
            bool completed = false;
            bool failed = false;
        };
        auto step = std::make_shared<Step>();
        startCall(state->function, *chunk, state->options.receiver, state->options.timeout, state->returnResult,
                  [this, state, step](CallResult &&r) {
            step->completed = true;
            if (!r.ok()) {
                step->failed = true;
                r.receiver = state->options.receiver;
                r.message = QStringLiteral("chunk %1: %2").arg(state->chunks + 1).arg(r.message);
                state->promise.addResult(std::move(r));
                state->promise.finish();
                return;
            }
            ++state->chunks;
            if (step->returned)
                streamStep(state);   // the ack arrived: take the next chunk
        });
        step->returned = true;
        if (step->failed || !step->completed)
            return;
    }
}

QFuture<bool> Client::waitForMembers(const QByteArrayList &names, std::optional<double> timeout)
{
    auto waiter = std::make_shared<MemberWaiter>();
    waiter->wanted = QSet<QByteArray>(names.cbegin(), names.cend());
    waiter->promise.start();
    QFuture<bool> future = waiter->promise.future();
    post([this, waiter, timeout] {
        m_waiters.push_back(waiter);
        if (timeout && *timeout > 0) {
            waiter->timer = new QTimer(this);
            waiter->timer->setSingleShot(true);
            waiter->timer->setTimerType(Qt::PreciseTimer);
            connect(waiter->timer, &QTimer::timeout, this, [this, waiter] {
                if (waiter->done)
                    return;
                waiter->done = true;
                waiter->promise.addResult(false);
                waiter->promise.finish();
                std::erase(m_waiters, waiter);
                waiter->timer->deleteLater();
            });
            waiter->timer->start(std::chrono::milliseconds(qint64(*timeout * 1000.0)));
        }
        checkWaiters();
    });
    return future;
}

void Client::checkWaiters()
{
    for (const auto &w : m_waiters) {
        w->missing.clear();
        for (const QByteArray &n : std::as_const(w->wanted)) {
            if (!m_registry.contains(n))
                w->missing.insert(n);
        }
    }
    finishWaiters();
}

void Client::memberPresent(const QByteArray &name)
{
    // One name at a time, so a storm of 10,000 joins costs O(1) per join, not a recheck of
    // every name a waiter wants.
    bool any = false;
    for (const auto &w : m_waiters)
        if (w->missing.remove(name))
            any = true;
    if (any)
        finishWaiters();
}

void Client::finishWaiters()
{
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        const auto &w = *it;
        if (!w->missing.isEmpty()) {
            ++it;
            continue;
        }
        w->done = true;
        if (w->timer)
            w->timer->deleteLater();
        w->promise.addResult(true);
        w->promise.finish();
        it = m_waiters.erase(it);
    }
}

} // namespace daffi
