#include "nodetestutil.h"

#include <core/node/routerhost.h>
#include <core/node/service.h>
#include <core/protocol/framereader.h>
#include <core/transport/tlsconfig.h>

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>

#include <atomic>
#include <thread>

using namespace daffi;
using namespace nodetest;

namespace {

// The chunks each worker received, by worker name. With holdAt = n, a worker holds the n-th chunk it
// receives (no answer) until release(). The callbacks share the state, so a held one may outlive
// the sink.
class ChunkSink
{
public:
    explicit ChunkSink(int holdAt = 0) : m_state(std::make_shared<State>()) { m_state->holdAt = holdAt; }
    ~ChunkSink() { release(); }

    Callback callback(const QByteArray &worker) const
    {
        return [state = m_state, worker](const Payload &p) {
            {
                QMutexLocker lock(&state->mutex);
                QByteArrayList &got = state->got[worker];
                got << p.data;
                if (got.size() != state->holdAt)
                    return p;
                state->holder = worker;
            }
            state->released.acquire();
            return p;
        };
    }
    // A copy that shares no array with the list the workers append to: Qt's detach check is a
    // relaxed load, so a shared array that a worker reallocates while this copy is dropped on the
    // test's thread is a data race to ThreadSanitizer.
    QByteArrayList of(const QByteArray &worker) const
    {
        QMutexLocker lock(&m_state->mutex);
        const QByteArrayList &got = m_state->got[worker];
        return QByteArrayList(got.cbegin(), got.cend());
    }
    QByteArray holder() const
    {
        QMutexLocker lock(&m_state->mutex);
        return m_state->holder;
    }
    void release() { m_state->released.release(); }

private:
    struct State
    {
        QMutex mutex;
        QMap<QByteArray, QByteArrayList> got;
        QByteArray holder;
        int holdAt = 0;
        QSemaphore released;
    };
    std::shared_ptr<State> m_state;
};

// "<prefix>0" ... "<prefix><count - 1>": the chunks numbered() yields.
QByteArrayList numberedChunks(const QByteArray &prefix, int count)
{
    QByteArrayList out;
    for (int i = 0; i < count; ++i)
        out << prefix + QByteArray::number(i);
    return out;
}

Client::Generator numbered(const QByteArray &prefix, int count)
{
    auto left = std::make_shared<QByteArrayList>(numberedChunks(prefix, count));
    return [left]() -> std::optional<Payload> {
        if (left->isEmpty())
            return std::nullopt;
        return Payload{Serde::Opaque, true, left->takeFirst()};
    };
}

} // namespace

class TestClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rpcEverySerde_data();
    void rpcEverySerde();
    void roundRobinAndPinned();
    void nowaitCastAndCastNowait();
    void streamIsAcknowledgedInOrder();
    void streamNowait();
    void streamGoesToOneWorker_data();
    void streamGoesToOneWorker();
    void streamFailsWhenItsWorkerLeaves();
    void remoteErrorsAreTyped();
    void noReceiverFailsAtOnce();
    void timeoutIsFractionalAndLateAnswerDiscarded();
    void lateAnswerAfterUuidWrapIsNotTakenForAnother_data();
    void lateAnswerAfterUuidWrapIsNotTakenForAnother();
    void receiverKilledMidCallFailsAtOnce();
    void evictedByDuplicateName();
    void reconnectsAfterRouterRestart();
    void tenThousandCallsInFlight();
    void manyThreadsShareOneClient();
    void waitForMembersIsEventDriven();
    void workerAndCallerInOneClient();
    void callbackAddedAfterConnectIsAnnounced();
    void connectFailureIsReported();
    void unixAndTlsEndpoints();
    void serviceTopologyEveryStyle();
    void serviceRefusesAnonymousRequests();
    void continuationMayStopTheClient();
    void nowaitThenStopStillDelivers();
    void destroyedWhileDialing();

private:
    Client *client(const QByteArray &name, const QList<QPair<QByteArray, Callback>> &callbacks = {},
                   std::optional<Endpoint> endpoint = std::nullopt);
    quint16 port() const { return m_router->listener()->port(); }

    RouterHost *m_router = nullptr;
    QList<Client *> m_clients;
};

void TestClient::init()
{
    m_router = new RouterHost;
    QString error;
    QVERIFY2(m_router->listen({}, &error), qPrintable(error));
}

void TestClient::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    delete m_router;
    m_router = nullptr;
}

Client *TestClient::client(const QByteArray &name, const QList<QPair<QByteArray, Callback>> &callbacks,
                           std::optional<Endpoint> endpoint)
{
    Client::Options o;
    o.name = name;
    o.endpoint = endpoint.value_or(Endpoint::tcp(QStringLiteral("127.0.0.1"), port()));
    o.reconnectDelay = std::chrono::milliseconds(50);
    o.reconnectDelayMax = std::chrono::milliseconds(400);
    auto *c = new Client(o);
    m_clients << c;
    for (const auto &[fn, cb] : callbacks)
        c->addCallback(fn, cb);
    auto started = await(c->start());
    if (!started || !started->ok()) {
        qWarning("client %s did not start: %s", name.constData(), started ? qPrintable(started->message) : "timeout");
        return nullptr;
    }
    return c;
}

void TestClient::rpcEverySerde_data()
{
    QTest::addColumn<int>("serde");
    QTest::newRow("JSON") << int(Serde::Json);
    QTest::newRow("MSGPACK") << int(Serde::Msgpack);
}

void TestClient::rpcEverySerde()
{
    QFETCH(int, serde);
    auto *worker = client("worker", {{"add", adder()}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    auto r = await(caller->rpc("add", args(Serde(serde), QCborArray{3, 4})));
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->message));
    QCOMPARE(r->receiver, QByteArray("worker"));
    QCOMPARE(r->payload.serde, Serde(serde));
    QCOMPARE(value(*r).toInteger(), 7);

    // OPAQUE: bytes with zero bytes intact, and text.
    worker->addCallback("echo", echo());
    QTRY_VERIFY(exposes(caller, "worker", "echo"));
    const QByteArray binary("\x00\x01\xff\x00", 4);
    auto e = await(caller->rpc("echo", Payload{Serde::Opaque, true, binary}));
    QVERIFY(e && e->ok());
    QCOMPARE(e->payload.data, binary);
    QVERIFY(e->payload.isBytes);
}

void TestClient::roundRobinAndPinned()
{
    QByteArrayList seen;
    auto named = [&seen](const char *name) {
        return Callback([&seen, name](const Payload &p) {
            seen << name;
            return p;
        });
    };
    auto *w1 = client("w1", {{"f", named("w1")}});
    auto *w2 = client("w2", {{"f", named("w2")}});
    auto *caller = client("caller");
    QVERIFY(w1 && w2 && caller);
    QVERIFY(*await(caller->waitForMembers({"w1", "w2"}, 5)));
    for (int i = 0; i < 4; ++i)
        QVERIFY(await(caller->rpc("f", Payload{}))->ok());
    QCOMPARE(seen, QByteArrayList({"w2", "w1", "w2", "w1"}));   // the reference's round-robin
    seen.clear();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(await(caller->rpc("f", Payload{}, {"w1", {}}))->receiver, QByteArray("w1"));
    QCOMPARE(seen, QByteArrayList({"w1", "w1", "w1"}));
}

void TestClient::nowaitCastAndCastNowait()
{
    std::atomic<int> hits{0};
    auto counting = [&hits](qint64 base) {
        return Callback([&hits, base](const Payload &p) {
            ++hits;
            auto call = envelope::decodeCall(p.serde, p.data);
            return *envelope::encodeResult(p.serde, base + call->args.at(0).toInteger());
        });
    };
    auto *a = client("a", {{"f", counting(100)}});
    auto *b = client("b", {{"f", counting(200)}});
    auto *c = client("c", {{"f", counting(300)}});
    auto *caller = client("caller");
    QVERIFY(a && b && c && caller);
    QVERIFY(*await(caller->waitForMembers({"a", "b", "c"}, 5)));

    auto sent = await(caller->rpcNowait("f", args(Serde::Json, {1})));
    QVERIFY(sent && sent->ok());
    QTRY_COMPARE(hits.load(), 1);

    auto cast = await(caller->cast("f", args(Serde::Json, {5})));
    QVERIFY(cast);
    QCOMPARE(cast->results.size(), 3);
    QMap<QByteArray, qint64> byName;
    for (const auto &[name, r] : cast->results) {
        QVERIFY(r.ok());
        byName[name] = value(r).toInteger();
    }
    QCOMPARE(byName, (QMap<QByteArray, qint64>{{"a", 105}, {"b", 205}, {"c", 305}}));

    // Explicit targets: an unknown one fails its own entry only.
    auto some = await(caller->cast("f", args(Serde::Json, {1}), {{"a", "ghost"}, 5}));
    QCOMPARE(some->results.size(), 2);
    QVERIFY(some->results[0].second.ok());
    QCOMPARE(some->results[1].second.status, CallResult::Status::NoReceiver);

    hits = 0;
    auto castNowait = await(caller->castNowait("f", args(Serde::Json, {1})));
    QCOMPARE(castNowait->results.size(), 3);
    QTRY_COMPARE(hits.load(), 3);

    auto none = await(caller->cast("nobody", args(Serde::Json, {})));
    QCOMPARE(none->status, CallResult::Status::NoReceiver);
}

void TestClient::streamIsAcknowledgedInOrder()
{
    QList<QByteArray> received;
    std::atomic<int> inCallback{0};
    std::atomic<int> maxConcurrent{0};
    auto *worker = client("worker", {{"sink", [&](const Payload &p) {
        const int now = ++inCallback;
        maxConcurrent = std::max(maxConcurrent.load(), now);
        received << p.data;
        QThread::msleep(2);
        --inCallback;
        return Payload{Serde::Opaque, false, "None"};
    }}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    int n = 0;
    auto r = await(caller->stream("sink", [&n]() -> std::optional<Payload> {
        if (n == 50)
            return std::nullopt;
        return Payload{Serde::Opaque, true, QByteArray::number(n++)};
    }));
    QVERIFY(r && r->ok());
    QCOMPARE(received.size(), 50);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(received[i], QByteArray::number(i));
    QCOMPARE(maxConcurrent.load(), 1);
}

void TestClient::streamNowait()
{
    std::atomic<int> count{0};
    auto *worker = client("worker", {{"sink", [&](const Payload &p) { ++count; return p; }}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    int n = 0;
    auto r = await(caller->streamNowait("sink", [&n]() -> std::optional<Payload> {
        return n < 100 ? std::optional(Payload{Serde::Opaque, true, QByteArray::number(n++)}) : std::nullopt;
    }));
    QVERIFY(r && r->ok());
    QTRY_COMPARE(count.load(), 100);
}

void TestClient::streamGoesToOneWorker_data()
{
    QTest::addColumn<bool>("nowait");
    QTest::newRow("stream") << false;
    QTest::newRow("stream_nowait") << true;
}

void TestClient::streamGoesToOneWorker()
{
    // A consumer that assembles a stream gets all of it: round-robin picks the worker once per
    // stream, not once per chunk.
    QFETCH(bool, nowait);
    ChunkSink sink;
    auto *w1 = client("w1", {{"sink", sink.callback("w1")}});
    auto *w2 = client("w2", {{"sink", sink.callback("w2")}});
    auto *caller = client("caller");
    QVERIFY(w1 && w2 && caller);
    QVERIFY(*await(caller->waitForMembers({"w1", "w2"}, 5)));
    auto streamOf = [&](const QByteArray &prefix) {
        return await(nowait ? caller->streamNowait("sink", numbered(prefix, 10))
                            : caller->stream("sink", numbered(prefix, 10)));
    };

    auto first = streamOf("a");
    QVERIFY(first && first->ok());
    QTRY_COMPARE(sink.of("w2"), numberedChunks("a", 10));   // the reference's round-robin starts at the second
    QCOMPARE(first->receiver, QByteArray("w2"));

    auto second = streamOf("b");
    QVERIFY(second && second->ok());
    QTRY_COMPARE(sink.of("w1"), numberedChunks("b", 10));
    QCOMPARE(sink.of("w2"), numberedChunks("a", 10));
    QCOMPARE(second->receiver, QByteArray("w1"));
}

void TestClient::streamFailsWhenItsWorkerLeaves()
{
    ChunkSink sink(5);   // each worker holds the fifth chunk it receives
    auto *w1 = client("w1", {{"sink", sink.callback("w1")}});
    auto *w2 = client("w2", {{"sink", sink.callback("w2")}});
    auto *caller = client("caller");
    QVERIFY(w1 && w2 && caller);
    QVERIFY(*await(caller->waitForMembers({"w1", "w2"}, 5)));
    auto future = caller->stream("sink", numbered("c", 10), {{}, 30.0});
    QTRY_VERIFY(!sink.holder().isEmpty());
    const QByteArray holder = sink.holder();
    const QByteArray other = holder == "w1" ? "w2" : "w1";
    (holder == "w1" ? w1 : w2)->stop();
    auto r = await(future, 5000);
    sink.release();
    QVERIFY(r);
    QCOMPARE(r->status, CallResult::Status::Disconnected);
    QCOMPARE(sink.of(other), QByteArrayList());   // the rest of the stream did not go elsewhere
    QCOMPARE(sink.of(holder), numberedChunks("c", 5));
    QCOMPARE(r->receiver, holder);
    QVERIFY2(r->message.startsWith(QStringLiteral("chunk 5: ")), qPrintable(r->message));
}

void TestClient::remoteErrorsAreTyped()
{
    auto *worker = client("worker", {
        {"typed", [](const Payload &) -> Payload {
            throw CallbackError({QStringLiteral("ValueError"), QStringLiteral("builtins"), QStringLiteral("boom"), QCborValue(nullptr)});
        }},
        {"std", [](const Payload &) -> Payload { throw std::out_of_range("index 9"); }},
    });
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    for (Serde serde : {Serde::Json, Serde::Msgpack, Serde::Opaque}) {
        auto r = await(caller->rpc("typed", args(serde == Serde::Opaque ? Serde::Json : serde, {})));
        QCOMPARE(r->status, CallResult::Status::RemoteError);
        QCOMPARE(r->remote.type, QStringLiteral("ValueError"));
        QCOMPARE(r->remote.message, QStringLiteral("boom"));
    }
    auto s = await(caller->rpc("std", Payload{Serde::Opaque, true, "x"}));
    QCOMPARE(s->status, CallResult::Status::RemoteError);
    QCOMPARE(s->remote.type, QStringLiteral("RuntimeError"));
    QCOMPARE(s->remote.message, QStringLiteral("index 9"));
    QCOMPARE(s->payload.serde, Serde::Json);   // never OPAQUE for an error
}

void TestClient::noReceiverFailsAtOnce()
{
    auto *caller = client("caller");
    auto r = await(caller->rpc("missing", Payload{}), 1000);
    QVERIFY(r);
    QCOMPARE(r->status, CallResult::Status::NoReceiver);
    QVERIFY(r->message.contains(QStringLiteral("missing")));
    QVERIFY(r->message.contains(QStringLiteral("Connected peers")));
}

void TestClient::timeoutIsFractionalAndLateAnswerDiscarded()
{
    auto *worker = client("worker", {{"slow", [](const Payload &p) {
        QThread::msleep(p.data == "slow" ? 600 : 0);
        return p;
    }}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    QElapsedTimer t;
    t.start();
    auto r = await(caller->rpc("slow", Payload{Serde::Opaque, true, "slow"}, {{}, 0.15}));
    const qint64 elapsed = t.elapsed();
    QCOMPARE(r->status, CallResult::Status::Timeout);
    QVERIFY2(elapsed >= 140 && elapsed < 590, qPrintable(QString::number(elapsed)));   // not whole seconds
    // The late answer to the timed-out call must not be taken for the next call's.
    auto next = await(caller->rpc("slow", Payload{Serde::Opaque, true, "fast"}, {{}, 5.0}));
    QVERIFY(next->ok());
    QCOMPARE(next->payload.data, QByteArray("fast"));
}

// uuids are reused once the counter wraps (65 535 calls later). A late answer from the worker of
// a timed-out call must not complete the call that would now hold its uuid: not on another
// worker (only the member a call was sent to may answer it), nor on the same one (the uuid stays
// taken until the late answer comes).
void TestClient::lateAnswerAfterUuidWrapIsNotTakenForAnother_data()
{
    QTest::addColumn<QByteArray>("next");
    QTest::newRow("another worker") << QByteArray("other");
    QTest::newRow("the same worker") << QByteArray("slow");
}

void TestClient::lateAnswerAfterUuidWrapIsNotTakenForAnother()
{
    QFETCH(QByteArray, next);
    auto hold = [](const Payload &p) {
        QThread::msleep(p.data == "late" ? 2000 : 3500);
        return p;
    };
    auto *slow = client("slow", {{"hold", hold}});
    auto *other = client("other", {{"sink", [](const Payload &p) { return p; }}, {"hold", hold}});
    auto *caller = client("caller");
    QVERIFY(slow && other && caller);
    QVERIFY(*await(caller->waitForMembers({"slow", "other"}, 5)));
    QCOMPARE(await(caller->rpc("hold", Payload{Serde::Opaque, true, "late"}, {"slow", 0.1}))->status,
             CallResult::Status::Timeout);
    for (int i = 0; i < 65534; ++i)   // every uuid but the timed-out call's, once
        caller->rpcNowait("sink", Payload{Serde::Opaque, true, "n"}, {"other", {}});
    auto mine = await(caller->rpc("hold", Payload{Serde::Opaque, true, "mine"}, {next, 10.0}), 20000);
    QVERIFY(mine);
    QVERIFY2(mine->ok(), qPrintable(mine->message));
    QCOMPARE(mine->receiver, next);
    QCOMPARE(mine->payload.data, QByteArray("mine"));
}

void TestClient::receiverKilledMidCallFailsAtOnce()
{
    std::atomic<bool> entered{false};
    auto *worker = client("worker", {{"hang", [&entered](const Payload &p) {
        entered = true;
        QThread::msleep(1500);
        return p;
    }}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    auto future = caller->rpc("hang", Payload{}, {{}, 30.0});
    QTRY_VERIFY(entered.load());
    QElapsedTimer t;
    t.start();
    worker->stop();   // its connection closes; the router tells the caller at once
    auto r = await(future, 5000);
    QVERIFY(r);
    QCOMPARE(r->status, CallResult::Status::Disconnected);
    QCOMPARE(r->reason, CallResult::Reason::ReceiverLeft);
    QVERIFY(r->message.contains(QStringLiteral("worker")));
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
}

void TestClient::evictedByDuplicateName()
{
    auto *first = client("dup", {{"f", echo()}});
    QSignalSpy states(first, &Client::stateChanged);
    auto *second = client("dup", {{"f", echo()}});
    QVERIFY(first && second);
    QTRY_COMPARE(first->state(), Client::State::Evicted);
    QCOMPARE(second->state(), Client::State::Ready);
    auto r = await(first->rpc("f", Payload{}));
    QCOMPARE(r->status, CallResult::Status::Disconnected);
    QCOMPARE(r->reason, CallResult::Reason::NotConnected);
    QTest::qWait(300);
    QCOMPARE(first->state(), Client::State::Evicted);   // no reconnect fight over the name
}

void TestClient::reconnectsAfterRouterRestart()
{
    const quint16 oldPort = port();
    auto *worker = client("worker", {{"add", adder()}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    delete m_router;
    m_router = nullptr;
    QTRY_COMPARE(caller->state(), Client::State::Reconnecting);
    auto down = await(caller->rpc("add", args(Serde::Json, {1, 2})));
    QCOMPARE(down->status, CallResult::Status::Disconnected);
    QCOMPARE(down->reason, CallResult::Reason::NotConnected);

    m_router = new RouterHost;
    Listener::Options lo;
    lo.port = oldPort;
    QString error;
    QVERIFY2(m_router->listen(lo, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(caller->state() == Client::State::Ready && worker->state() == Client::State::Ready, 10000);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    auto up = await(caller->rpc("add", args(Serde::Json, {1, 2})));
    QVERIFY(up->ok());
    QCOMPARE(value(*up).toInteger(), 3);
}

void TestClient::tenThousandCallsInFlight()
{
    ThreadPoolExecutor pool(4);
    auto *worker = client("worker", {});
    worker->setExecutor(&pool);
    worker->addCallback("add", adder());
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    QTRY_VERIFY(exposes(caller, "worker", "add"));
    QList<QFuture<CallResult>> futures;
    for (int i = 0; i < 10000; ++i)
        futures << caller->rpc("add", args(Serde::Msgpack, {i, 1}), {{}, 60.0});
    QVERIFY(waitUntil([&] {
        return std::all_of(futures.cbegin(), futures.cend(), [](const auto &f) { return f.isFinished(); });
    }, 60000));
    for (int i = 0; i < 10000; ++i) {
        const CallResult r = futures[i].result();
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(value(r).toInteger(), i + 1);
    }
}

void TestClient::manyThreadsShareOneClient()
{
    ThreadPoolExecutor pool(4);
    auto *worker = client("worker");
    worker->setExecutor(&pool);
    worker->addCallback("add", adder());
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QTRY_VERIFY(exposes(caller, "worker", "add"));
    std::atomic<int> ok{0}, bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                // Blocking from a foreign thread is fine: the network thread (ours) keeps running.
                const CallResult r = caller->rpc("add", args(Serde::Json, {t, i}), {{}, 30.0}).result();
                (r.ok() && value(r).toInteger() == t + i ? ok : bad)++;
            }
        });
    }
    QVERIFY(waitUntil([&] { return ok + bad == 1600; }, 60000));
    for (auto &th : threads)
        th.join();
    QCOMPARE(bad.load(), 0);
}

void TestClient::waitForMembersIsEventDriven()
{
    auto *caller = client("caller");
    auto timedOut = await(caller->waitForMembers({"late"}, 0.2));
    QCOMPARE(*timedOut, false);
    auto waiting = caller->waitForMembers({"late", "later"}, 10);
    auto *late = client("late");            // method-less: still visible through its event
    QVERIFY(late);
    QTest::qWait(50);
    QVERIFY(!waiting.isFinished());
    QElapsedTimer t;
    t.start();
    auto *later = client("later", {{"f", echo()}});
    QVERIFY(later);
    QVERIFY(*await(waiting));
    QVERIFY2(t.elapsed() < 900, "woken by the event, not by a 1 s poll");
}

void TestClient::workerAndCallerInOneClient()
{
    auto *a = client("a", {{"add", adder()}});
    auto *b = client("b", {{"add", adder()}});
    QVERIFY(a && b);
    QVERIFY(*await(a->waitForMembers({"b"}, 5)));
    QCOMPARE(await(a->rpc("add", args(Serde::Json, {2, 2})))->receiver, QByteArray("b"));   // never itself
    QCOMPARE(await(b->rpc("add", args(Serde::Json, {2, 2})))->receiver, QByteArray("a"));
}

void TestClient::callbackAddedAfterConnectIsAnnounced()
{
    auto *worker = client("worker", {{"one", echo()}});
    auto *caller = client("caller");
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    worker->addCallback("two", echo());
    QTRY_VERIFY_WITH_TIMEOUT(exposes(caller, "worker", "two"), 5000);
    QTRY_VERIFY(worker->state() == Client::State::Ready);
    QVERIFY(await(caller->rpc("two", Payload{}))->ok());
}

void TestClient::connectFailureIsReported()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    Client::Options o;
    o.name = "lonely";
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), closedPort);
    o.connectTimeout = std::chrono::seconds(2);
    Client c(o);
    auto r = await(c.start());
    QVERIFY(r);
    QCOMPARE(r->status, CallResult::Status::Disconnected);
    QCOMPARE(r->reason, CallResult::Reason::ConnectFailed);
    QVERIFY(r->message.contains(QString::number(closedPort)));
    QCOMPARE(c.state(), Client::State::Idle);
}

void TestClient::unixAndTlsEndpoints()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.sock"));
    const QString tls = QStringLiteral(DAFFI_TEST_DATA "/tls/");
    RouterHost secure;
    Listener::Options lo;
    lo.unixPath = path;
    lo.tls = serverTlsConfiguration({tls + u"server.crt", tls + u"server.key", {}}).value();
    QString error;
    QVERIFY2(secure.listen(lo, &error), qPrintable(error));

    auto *worker = client("worker", {{"add", adder()}}, Endpoint::unix(path));
    Endpoint tlsEndpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), secure.listener()->port());
    tlsEndpoint.tls = clientTlsConfiguration({tls + u"ca.crt", {}, {}, false}).value();
    auto *caller = client("caller", {}, tlsEndpoint);
    QVERIFY(worker && caller);
    QVERIFY(*await(caller->waitForMembers({"worker"}, 5)));
    QCOMPARE(value(*await(caller->rpc("add", args(Serde::Json, {20, 22})))).toInteger(), 42);

    // A server whose certificate the CA did not sign is refused, with the reason.
    Endpoint wrongCa = tlsEndpoint;
    wrongCa.tls = clientTlsConfiguration({tls + u"rogue-ca.crt", {}, {}, false}).value();
    Client::Options o;
    o.name = "suspicious";
    o.endpoint = wrongCa;
    Client c(o);
    auto r = await(c.start());
    QCOMPARE(r->status, CallResult::Status::Disconnected);
    QVERIFY2(r->message.contains(QStringLiteral("TLS")), qPrintable(r->message));
}

void TestClient::serviceTopologyEveryStyle()
{
    Service::Options so;
    so.name = "calc";
    Service service(so);
    std::atomic<int> sunk{0};
    service.addCallback("add", adder());
    service.addCallback("sink", [&sunk](const Payload &p) { ++sunk; return p; });
    service.addCallback("fail", [](const Payload &) -> Payload {
        throw CallbackError({QStringLiteral("KeyError"), QStringLiteral("builtins"), QStringLiteral("k"), QCborValue(nullptr)});
    });
    QSignalSpy joined(&service, &Service::clientJoined);
    QString error;
    QVERIFY2(service.listen(&error), qPrintable(error));
    auto *caller = client("caller", {}, Endpoint::tcp(QStringLiteral("127.0.0.1"), service.listener()->port()));
    QVERIFY(caller);
    QCOMPARE(caller->serverType(), QStringLiteral("service"));
    QCOMPARE(joined.size(), 1);

    auto r = await(caller->rpc("add", args(Serde::Msgpack, {3, 4})));
    QCOMPARE(value(*r).toInteger(), 7);
    QCOMPARE(r->receiver, QByteArray("calc"));
    QVERIFY(await(caller->rpcNowait("sink", Payload{}))->ok());
    QTRY_COMPARE(sunk.load(), 1);
    auto cast = await(caller->cast("add", args(Serde::Json, {1, 1})));
    QCOMPARE(cast->results.size(), 1);
    QCOMPARE(value(cast->results.first().second).toInteger(), 2);
    QCOMPARE(await(caller->castNowait("sink", Payload{}))->status, CallResult::Status::Ok);
    int n = 0;
    auto s = await(caller->stream("sink", [&n]() -> std::optional<Payload> {
        return n++ < 10 ? std::optional(Payload{}) : std::nullopt;
    }));
    QVERIFY(s->ok());
    QTRY_COMPARE(sunk.load(), 12);
    QCOMPARE(await(caller->rpc("fail", args(Serde::Json, {})))->remote.type, QStringLiteral("KeyError"));
    QCOMPARE(await(caller->rpc("nope", args(Serde::Json, {})))->status, CallResult::Status::NoReceiver);
    QCOMPARE(service.clients(), QByteArrayList{"caller"});
}

void TestClient::serviceRefusesAnonymousRequests()
{
    Service::Options so;
    so.name = "calc";
    Service service(so);
    std::atomic<int> ran{0};
    service.addCallback("f", [&ran](const Payload &p) { ++ran; return p; });
    QString error;
    QVERIFY(service.listen(&error));
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, service.listener()->port());
    QVERIFY(raw.waitForConnected());
    raw.write(QByteArray(9, '\x1f'));
    raw.write(Frame::make({1, Flag::Request, Serde::Json, false, true}, "anon", "calc", "f", "{}")->bytes());
    QVERIFY(QTest::qWaitFor([&] { return raw.bytesAvailable() >= 9; }, 5000));
    FrameReader reader;
    QVERIFY(QTest::qWaitFor([&] { reader.readFrom(&raw); return reader.hasFrame(); }, 5000));
    const Frame answer = reader.takeFrame();
    QCOMPARE(answer.flag(), Flag::Error);
    QCOMPARE(envelope::decodeError(answer.serde(), answer.data())->type, QStringLiteral("HandshakeRequired"));
    QCOMPARE(ran.load(), 0);
}

void TestClient::continuationMayStopTheClient()
{
    // A continuation of start() runs inside the promise's finish(); stopping from there used to
    // finish the same promise again and deadlock on Qt's continuation mutex.
    Client::Options o;
    o.name = "impatient";
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), port());
    Client c(o);
    bool stopped = false;
    c.start().then(this, [&](const CallResult &) {
        c.stop();
        stopped = true;
    });
    QVERIFY(waitUntil([&] { return stopped; }, 5000));
    QCOMPARE(c.state(), Client::State::Stopped);
}

void TestClient::nowaitThenStopStillDelivers()
{
    std::atomic<int> got{0};
    auto *worker = client("worker", {{"sink", [&got](const Payload &p) { ++got; return p; }}});
    QVERIFY(worker);
    Client::Options o;
    o.name = "hasty";
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), port());
    auto *hasty = new Client(o);
    QVERIFY(await(hasty->start())->ok());
    QVERIFY(*await(hasty->waitForMembers({"worker"}, 5)));
    QSignalSpy closed(hasty, &Client::closed);
    const QByteArray big(4 * 1024 * 1024, 'b');   // big enough to still be queued at stop()
    for (int i = 0; i < 5; ++i)
        QVERIFY(await(hasty->rpcNowait("sink", Payload{Serde::Opaque, true, big}))->ok());
    hasty->stop();
    QVERIFY(waitUntil([&] { return closed.size() == 1; }, 10000));
    QVERIFY(waitUntil([&] { return got.load() == 5; }, 10000));
    delete hasty;
}

void TestClient::destroyedWhileDialing()
{
    // A server that accepts TCP but never answers the TLS handshake keeps the dial in progress;
    // destroying the client then must free the half-open socket (LeakSanitizer checks it).
    QTcpServer mute;
    QVERIFY(mute.listen(QHostAddress::LocalHost, 0));
    Client::Options o;
    o.name = "abandoned";
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), mute.serverPort());
    o.endpoint.tls = clientTlsConfiguration({}).value();
    auto *c = new Client(o);
    auto started = c->start();
    QVERIFY(waitUntil([&] { return mute.hasPendingConnections(); }, 5000));
    QVERIFY(!started.isFinished());
    delete c;
    QVERIFY(waitUntil([&] { return started.isFinished(); }, 5000));
}

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
