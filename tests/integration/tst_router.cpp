#include "testpeer.h"

#include "../core/vectors.h"

#include <core/monitor/metricstext.h>
#include <core/monitor/monitor.h>
#include <core/node/routerhost.h>
#include <core/protocol/envelope.h>
#include <core/transport/directstreamconnection.h>

#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>

using namespace daffi;

namespace {

Frame frameOf(const QByteArray &wire)
{
    return Frame::fromBytes(wire).value();
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void membershipBytesMatchSpec();
    void miniHandshakeAnnouncesWorkers();
    void forwardsEveryFlagUnchanged();
    void observersOfForwardedFramesComeAndGo();
    void forwardsSizes_data();
    void forwardsSizes();
    void unixSocket();
    void webSocketPeersShareThePort();
    void largeFramesReachWebSocketPeersWhole();
    void unroutableRequestGetsError();
    void nowaitUnroutableIsRefusedSilently();
    void transmitterMustMatchConnection();
    void requestBeforeHandshakeRefused();
    void malformedHelloGetsParseError();
    void helloForAnotherNameRejected();
    void duplicateNameEvictsOlder();
    void rehandshakeUpdatesMethods();
    void eventsFromClientCloseOnlyThatConnection();
    void malformedFrameClosesOnlyItsConnection();
    void badProbeRefused();
    void silentPeerClosedOthersServed();
    void slowReceiverBoundsMemory();
    void joinStormIsAnnouncedAsOneByOne();
    void announcementsNeverTrailForwardedFrames();
    void memberThatStopsReadingDuringAStormIsDropped();
    void monitorPairsCalls();
    void monitorCountsLostCalls();
    void monitorRingKeepsNamesAndPayloadsOfItsRecords();

private:
    quint16 port() const { return m_host->listener()->port(); }
    std::unique_ptr<TestPeer> joined(const QByteArray &name, std::optional<QByteArrayList> methods = std::nullopt)
    {
        auto p = TestPeer::tcp(port());
        if (!p || !p->hello(name, methods))
            return nullptr;
        return p;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    RouterHost *m_host = nullptr;
};

void TestRouter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    Router::Options ro;
    ro.handshakeTimeout = std::chrono::milliseconds(800);
    m_host = new RouterHost(ro);
    Listener::Options lo;
    lo.unixPath = m_dir->filePath(QStringLiteral("router.sock"));
    lo.admissionTimeout = std::chrono::milliseconds(800);
    QString error;
    QVERIFY2(m_host->listen(lo, &error), qPrintable(error));
}

void TestRouter::cleanup()
{
    delete m_host;
    m_host = nullptr;
}

void TestRouter::membershipBytesMatchSpec()
{
    // The §15 scenario: worker (add) joins, caller joins, caller calls add(3, 4).
    auto worker = TestPeer::tcp(port());
    worker->send(frameOf(vectors::V3));
    auto workerReply = worker->waitFlag(Flag::Handshake);
    QVERIFY(workerReply);
    QCOMPARE(workerReply->bytes().toHex(' '), vectors::V3reply.toHex(' '));

    auto caller = TestPeer::tcp(port());
    caller->send(frameOf(vectors::V2));
    auto callerReply = caller->waitFlag(Flag::Handshake);
    QVERIFY(callerReply);
    QCOMPARE(callerReply->bytes().toHex(' '), vectors::V4.toHex(' '));

    // caller has no methods: the worker gets only V8, no mini-handshake.
    auto connected = worker->waitFrame();
    QVERIFY(connected);
    QCOMPARE(connected->bytes().toHex(' '), vectors::V8.toHex(' '));

    caller->sendRaw(vectors::V5);
    auto request = worker->waitFlag(Flag::Request);
    QVERIFY(request);
    QCOMPARE(request->bytes().toHex(' '), vectors::V5.toHex(' '));
    worker->sendRaw(vectors::V6);
    auto response = caller->waitFlag(Flag::Response);
    QVERIFY(response);
    QCOMPARE(response->bytes().toHex(' '), vectors::V6.toHex(' '));
    caller->sendRaw(vectors::V5);
    QVERIFY(worker->waitFlag(Flag::Request));
    worker->sendRaw(vectors::V7);
    auto error = caller->waitFlag(Flag::Error);
    QVERIFY(error);
    QCOMPARE(error->bytes().toHex(' '), vectors::V7.toHex(' '));

    // V9: the worker leaves, the caller hears it.
    worker.reset();
    auto left = caller->waitFlag(Flag::Events);
    QVERIFY(left);
    QCOMPARE(left->bytes().toHex(' '), vectors::V9.toHex(' '));
    QVERIFY(worker == nullptr);
    QTRY_COMPARE(m_host->router()->memberCount(), 1);
}

void TestRouter::miniHandshakeAnnouncesWorkers()
{
    auto caller = joined("caller");
    auto w2 = joined("w2", QByteArrayList{"add"});
    auto mini = caller->waitFlag(Flag::Handshake);
    QVERIFY(mini);
    QCOMPARE(mini->bytes().toHex(' '), Frame::fromBytes(vectors::V10)->bytes().toHex(' '));
    // Always after the mini-handshake, on the same stream.
    auto event = caller->waitEvent();
    QVERIFY(event);
    QCOMPARE(event->type, Event::Type::Connected);
    QCOMPARE(event->member, QByteArray("w2"));
}

void TestRouter::forwardsEveryFlagUnchanged()
{
    auto worker = joined("worker", QByteArrayList{"f"});
    auto caller = joined("caller");
    for (Serde serde : {Serde::Opaque, Serde::Json, Serde::Pickle, Serde::Msgpack}) {
        for (bool rr : {true, false}) {
            const quint16 uuid = caller->request("worker", "f", "payload", rr, serde);
            auto req = worker->waitFlag(Flag::Request);
            QVERIFY(req);
            QCOMPARE(req->uuid(), uuid);
            QCOMPARE(req->serde(), serde);
            QCOMPARE(req->header().returnResult, rr);
            if (!rr)
                continue;
            worker->reply(*req, "ok", serde == Serde::Pickle ? Flag::Error : Flag::Response);
            auto answer = caller->waitFrame([uuid](const Frame &f) { return f.uuid() == uuid; });
            QVERIFY(answer);
            QCOMPARE(answer->flag(), serde == Serde::Pickle ? Flag::Error : Flag::Response);
            QCOMPARE(answer->serde(), serde);
        }
    }
}

void TestRouter::observersOfForwardedFramesComeAndGo()
{
    // The router asks Qt whether frameForwarded has receivers only when one connects or
    // disconnects: one observer leaving (even by a wildcard disconnect) must not silence another.
    auto worker = joined("worker", QByteArrayList{"f"});
    auto caller = joined("caller");
    Router *router = m_host->router();
    auto forwardOne = [&] {
        const quint16 uuid = caller->request("worker", "f", "x", false);
        auto req = worker->waitFlag(Flag::Request);
        return req && req->uuid() == uuid;
    };
    QVERIFY(forwardOne());   // nobody watching
    QObject first;
    QObject second;
    int seenByFirst = 0;
    int seenBySecond = 0;
    connect(router, &Router::frameForwarded, &first, [&] { ++seenByFirst; });
    QVERIFY(forwardOne());
    QCOMPARE(seenByFirst, 1);
    connect(router, &Router::frameForwarded, &second, [&] { ++seenBySecond; });
    QVERIFY(forwardOne());
    QCOMPARE(seenByFirst, 2);
    QCOMPARE(seenBySecond, 1);
    QObject::disconnect(router, nullptr, &first, nullptr);   // every signal: Qt names none
    QVERIFY(forwardOne());
    QCOMPARE(seenByFirst, 2);
    QCOMPARE(seenBySecond, 2);
    QObject::disconnect(router, &Router::frameForwarded, &second, nullptr);
    QVERIFY(forwardOne());
    QCOMPARE(seenBySecond, 2);
    connect(router, &Router::frameForwarded, &first, [&] { ++seenByFirst; });
    QVERIFY(forwardOne());
    QCOMPARE(seenByFirst, 3);

    // Observers destroyed while connected: Qt tells the router from inside its own locks, where
    // asking Qt anything deadlocks (it did: the console's tests hung under ASan). Hundreds of
    // them, so that some share the router's lock in Qt's pool of locks.
    std::vector<std::unique_ptr<QObject>> gone;
    for (int i = 0; i < 500; ++i) {
        gone.push_back(std::make_unique<QObject>());
        connect(router, &Router::frameForwarded, gone.back().get(), [] {});
    }
    gone.clear();
    QVERIFY(forwardOne());
    QCOMPARE(seenByFirst, 4);
}

void TestRouter::forwardsSizes_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("1 byte") << 1;
    QTest::newRow("64 KiB") << 64 * 1024;
    QTest::newRow("1 MiB") << 1024 * 1024;
    QTest::newRow("32 MiB (wire maximum)") << int(Header::MaxMsgLen) - int(QByteArray("caller|worker|f").size());
}

void TestRouter::forwardsSizes()
{
    QFETCH(int, size);
    auto worker = joined("worker", QByteArrayList{"f"});
    auto caller = joined("caller");
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char((unsigned(i) * 131u + (unsigned(i) >> 8)) & 0xFFu);
    const quint16 uuid = caller->request("worker", "f", data);
    auto req = worker->waitFlag(Flag::Request, 30000);
    QVERIFY(req);
    QCOMPARE(req->uuid(), uuid);
    QCOMPARE(req->data().size(), size);
    QVERIFY(req->data() == QByteArrayView(data));
    worker->reply(*req, data);
    auto answer = caller->waitFlag(Flag::Response, 30000);
    QVERIFY(answer);
    QVERIFY(answer->data() == QByteArrayView(data));
}

void TestRouter::unixSocket()
{
    auto worker = TestPeer::unix(m_host->listener()->unixPath());
    QVERIFY(worker);
    QVERIFY(worker->hello("worker", QByteArrayList{"add"}));
    auto caller = joined("caller");   // TCP and Unix members share one router
    caller->request("worker", "add", "x");
    auto req = worker->waitFlag(Flag::Request);
    QVERIFY(req);
    worker->reply(*req, "y");
    QVERIFY(caller->waitFlag(Flag::Response));
    const auto members = m_host->router()->members();
    QCOMPARE(members.first().transport, Connection::Transport::Unix);
    // Unbuffered like plain TCP: the accepted QLocalSocket is continued on the direct carrier.
    const auto connections = m_host->router()->connections();
    const auto unixDirect = std::count_if(connections.cbegin(), connections.cend(), [](const Connection *c) {
        return c->transport() == Connection::Transport::Unix && qobject_cast<const DirectStreamConnection *>(c);
    });
    QCOMPARE(unixDirect, 1);
}

void TestRouter::webSocketPeersShareThePort()
{
    auto worker = joined("worker-1", QByteArrayList{"add", "ping"});
    auto browser = TestPeer::webSocket(QStringLiteral("ws://127.0.0.1:%1/").arg(port()));
    QVERIFY(browser->waitConnected());
    // The JS client's hello and its reply, byte for byte (JS_CLIENT.md §5), except the member list.
    browser->sendRaw(vectors::JSHello);
    auto reply = browser->waitFlag(Flag::Handshake);
    QVERIFY(reply);
    // The reply echoes the hello's header (all but msg_len) and metadata.
    const Header sent = Header::decode(vectors::JSHello.constData());
    QCOMPARE(reply->uuid(), sent.uuid);
    QCOMPARE(reply->serde(), sent.serde);
    QCOMPARE(reply->header().returnResult, sent.returnResult);
    QCOMPARE(reply->metadata(), Frame::fromBytes(vectors::JSHello)->metadata());
    auto members = Handshake::parse(reply->data());
    QVERIFY(members.ok());
    QCOMPARE(members->members.size(), 2);
    QCOMPARE(reply->transmitter(), QByteArrayView("probe-client"));

    browser->sendRaw(vectors::JSRpc);
    auto req = worker->waitFlag(Flag::Request);
    QVERIFY(req);
    QCOMPARE(req->bytes().toHex(' '), vectors::JSRpc.toHex(' '));
    worker->sendRaw(vectors::JSRpcReply);
    auto answer = browser->waitFlag(Flag::Response);
    QVERIFY(answer);
    QCOMPARE(answer->bytes().toHex(' '), vectors::JSRpcReply.toHex(' '));
    QCOMPARE(m_host->router()->members().last().transport, Connection::Transport::WebSocket);
}

void TestRouter::largeFramesReachWebSocketPeersWhole()
{
    // The router reads a large frame from TCP into two buffers (Frame::isSplit); a WebSocket
    // peer must still get it as one message.
    auto worker = joined("worker", QByteArrayList{"f"});
    auto browser = TestPeer::webSocket(QStringLiteral("ws://127.0.0.1:%1/").arg(port()));
    QVERIFY(browser->waitConnected());
    QVERIFY(browser->hello("browser"));
    QByteArray data(3 * Frame::SplitAt + 5, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i % 251);
    const quint16 uuid = browser->request("worker", "f", data);
    auto req = worker->waitFlag(Flag::Request, 20000);
    QVERIFY(req);
    QVERIFY(req->data() == QByteArrayView(data));
    worker->reply(*req, data);
    auto answer = browser->waitFlag(Flag::Response, 20000);
    QVERIFY(answer);
    QCOMPARE(answer->uuid(), uuid);
    QVERIFY(answer->data() == QByteArrayView(data));
    QVERIFY(browser->frames().isEmpty());   // nothing else: no stray piece of the frame
}

void TestRouter::unroutableRequestGetsError()
{
    auto worker = joined("worker", QByteArrayList{"add"});
    auto caller = joined("caller");
    for (auto [receiver, function, needle] : {std::tuple{"ghost", "add", "no member named \"ghost\""},
                                              std::tuple{"worker", "sub", "does not expose the callback \"sub\""}}) {
        const quint16 uuid = caller->request(receiver, function, "x", true, Serde::Json);
        auto error = caller->waitFlag(Flag::Error);
        QVERIFY(error);
        QCOMPARE(error->uuid(), uuid);
        QCOMPARE(error->serde(), Serde::Json);
        QCOMPARE(error->receiver(), QByteArrayView("caller"));
        auto tuple = envelope::decodeError(error->serde(), error->data());
        QVERIFY(tuple.ok());
        QCOMPARE(tuple->type, QStringLiteral("ReceiverNotFound"));
        QVERIFY2(tuple->message.contains(QString::fromUtf8(needle)), qPrintable(tuple->message));
    }
}

void TestRouter::nowaitUnroutableIsRefusedSilently()
{
    auto caller = joined("caller");
    QSignalSpy refused(m_host->router(), &Router::frameRefused);
    caller->request("ghost", "add", "x", false);
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY(!caller->waitFrame({}, 200));   // nothing to answer for a fire-and-forget call
}

void TestRouter::transmitterMustMatchConnection()
{
    auto worker = joined("worker", QByteArrayList{"add"});
    auto mallory = joined("mallory");
    mallory->send(*Frame::make({9, Flag::Request, Serde::Json, false, true}, "worker", "worker", "add", "{}"));
    auto error = mallory->waitFlag(Flag::Error);
    QVERIFY(error);
    QCOMPARE(envelope::decodeError(Serde::Json, error->data())->type, QStringLiteral("TransmitterMismatch"));
    QVERIFY(!worker->waitFlag(Flag::Request, 200));
    // A forged RESPONSE is dropped too.
    mallory->send(*Frame::make({9, Flag::Response, Serde::Json, false, false}, "worker", "worker", "add", "{}"));
    QVERIFY(!worker->waitFlag(Flag::Response, 200));
}

void TestRouter::requestBeforeHandshakeRefused()
{
    auto worker = joined("worker", QByteArrayList{"add"});
    auto early = TestPeer::tcp(port());
    early->send(*Frame::make({1, Flag::Request, Serde::Json, false, true}, "early", "worker", "add", "{}"));
    auto error = early->waitFlag(Flag::Error);
    QVERIFY(error);
    QCOMPARE(envelope::decodeError(Serde::Json, error->data())->type, QStringLiteral("HandshakeRequired"));
    QVERIFY(!worker->waitFlag(Flag::Request, 200));
}

void TestRouter::malformedHelloGetsParseError()
{
    auto peer = TestPeer::tcp(port());
    const QByteArray body = R"({"meta":{"type":"client","error":null,"extra":1},"members":[]})";
    peer->send(*Frame::make({1, Flag::Handshake, Serde::Json, false, true}, "caller", "", "", body));
    auto error = peer->waitFlag(Flag::Error);
    QVERIFY(error);
    QCOMPARE(error->bytes().toHex(' '), vectors::V12.toHex(' '));
    // Still open: a correct hello now succeeds.
    QVERIFY(peer->hello("caller"));
    QCOMPARE(m_host->router()->memberCount(), 1);
}

void TestRouter::helloForAnotherNameRejected()
{
    auto peer = TestPeer::tcp(port());
    const Handshake h{"client", std::nullopt, {Member{"someone-else", std::nullopt}}};
    peer->send(*Frame::make({1, Flag::Handshake, Serde::Json, false, true}, "me", "", "", h.toJson()));
    auto reply = peer->waitFlag(Flag::Handshake);
    QVERIFY(reply);
    auto parsed = Handshake::parse(reply->data());
    QVERIFY(parsed->error.has_value());
    QVERIFY(parsed->error->contains(QStringLiteral("someone-else")));
    QVERIFY(peer->waitClosed());
    QCOMPARE(m_host->router()->memberCount(), 0);
}

void TestRouter::duplicateNameEvictsOlder()
{
    auto observer = joined("observer");
    auto first = joined("worker", QByteArrayList{"add"});
    QVERIFY(observer->waitFlag(Flag::Handshake));   // mini-handshake for the first worker
    QVERIFY(observer->waitEvent());                  // connected
    auto second = joined("worker", QByteArrayList{"add"});
    QVERIFY(second);
    auto evicted = first->waitEvent();
    QVERIFY(evicted);
    QCOMPARE(evicted->type, Event::Type::Evicted);
    QCOMPARE(evicted->member, QByteArray("worker"));
    QVERIFY(first->waitClosed());
    auto seen = observer->waitEvent();
    QCOMPARE(seen->type, Event::Type::Evicted);
    QCOMPARE(m_host->router()->memberCount(), 2);
    observer->request("worker", "add", "x");
    QVERIFY(second->waitFlag(Flag::Request));
}

void TestRouter::rehandshakeUpdatesMethods()
{
    auto observer = joined("observer");
    auto worker = joined("worker", QByteArrayList{"add"});
    QVERIFY(observer->waitFlag(Flag::Handshake));
    QVERIFY(observer->waitEvent());
    auto again = worker->hello("worker", QByteArrayList{"add", "sub"});   // same connection
    QVERIFY(again);
    QVERIFY(!worker->isClosed());
    auto mini = observer->waitFlag(Flag::Handshake);
    QVERIFY(mini);
    QCOMPARE(Handshake::parse(mini->data())->members.first().methods, QByteArrayList({"add", "sub"}));
    QVERIFY(!observer->waitEvent(200));   // no second "connected" for a member already there
    observer->request("worker", "sub", "x");
    QVERIFY(worker->waitFlag(Flag::Request));
}

void TestRouter::eventsFromClientCloseOnlyThatConnection()
{
    auto worker = joined("worker", QByteArrayList{"add"});
    auto bad = joined("bad");
    bad->send(*Frame::make({0, Flag::Events, Serde::Json, false, false}, "", "", "", R"({"type":"connected","member":"x"})"));
    QVERIFY(bad->waitClosed());
    auto left = worker->waitFrame([](const Frame &f) {
        return f.flag() == Flag::Events && f.data().contains("disconnected");
    });
    QVERIFY(left);
    QCOMPARE(m_host->router()->memberCount(), 1);
}

void TestRouter::malformedFrameClosesOnlyItsConnection()
{
    auto worker = joined("worker", QByteArrayList{"add"});
    auto caller = joined("caller");
    auto bad = joined("bad");
    QByteArray garbage = vectors::V5;
    garbage[2] = char(garbage[2] | 0x0F);   // flag 15
    QSignalSpy dropped(m_host->router(), &Router::memberLeft);
    bad->sendRaw(garbage);
    QVERIFY(bad->waitClosed());
    QTRY_COMPARE(dropped.size(), 1);
    QVERIFY(dropped.first().at(1).toString().contains(QStringLiteral("InvalidFlag")));
    caller->request("worker", "add", "x");
    QVERIFY(worker->waitFlag(Flag::Request));
}

void TestRouter::badProbeRefused()
{
    QSignalSpy refused(m_host->listener(), &Listener::connectionRefused);
    auto peer = TestPeer::tcp(port(), false);
    peer->sendRaw(QByteArray("HELLO1234"));
    QVERIFY(peer->waitClosed());
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.first().at(1).toString().contains(QStringLiteral("probe")));
}

void TestRouter::silentPeerClosedOthersServed()
{
    QSignalSpy refused(m_host->listener(), &Listener::connectionRefused);
    auto silent = TestPeer::tcp(port(), false);      // never sends the probe
    auto mute = TestPeer::tcp(port());               // sends the probe, never a hello
    auto worker = joined("worker", QByteArrayList{"add"});
    auto caller = joined("caller");
    caller->request("worker", "add", "x");
    QVERIFY(worker->waitFlag(Flag::Request));
    QVERIFY(silent->waitClosed(3000));
    QVERIFY(mute->waitClosed(3000));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(m_host->router()->memberCount(), 2);
}

namespace {

// What one peer was told about the others, in order: "+name" a join (with "name:f1,f2" before
// it when a mini-handshake announced methods), "-name" a leave.
QStringList announcementsSeen(TestPeer &peer)
{
    QStringList seen;
    for (const Frame &f : std::as_const(peer.frames())) {
        if (f.flag() == Flag::Events) {
            auto e = Event::parse(f.data());
            seen << (e->type == Event::Type::Connected ? u'+' : u'-') + QString::fromUtf8(e->member);
        } else if (f.flag() == Flag::Handshake && f.uuid() == 0) {
            auto hs = Handshake::parse(f.data());
            for (const Member &m : std::as_const(hs->members))
                seen << QString::fromUtf8(m.name) + u':' + QString::fromUtf8(m.methods->join(','));
        }
    }
    return seen;
}

} // namespace

void TestRouter::joinStormIsAnnouncedAsOneByOne()
{
    // Many hellos at once: the router coalesces their announcements, and every peer must still
    // be told exactly what it would have been told one by one, in the same order.
    constexpr int N = 60;
    std::vector<std::unique_ptr<TestPeer>> peers;
    for (int i = 0; i < N; ++i) {
        peers.push_back(TestPeer::tcp(port()));
        QVERIFY(peers.back());
    }
    std::vector<quint16> helloUuids;
    for (int i = 0; i < N; ++i) {
        const QByteArray name = "p" + QByteArray::number(i);
        const Frame hello = peers[size_t(i)]->helloFrame(name, i % 3 == 0 ? std::nullopt : std::optional(QByteArrayList{"f" + QByteArray::number(i)}));
        helloUuids.push_back(hello.uuid());
        peers[size_t(i)]->send(hello);
    }
    // The join order is the router's: a peer's reply lists everyone who joined before it.
    std::vector<std::pair<int, int>> order;   // (members in its reply, peer)
    for (int i = 0; i < N; ++i) {
        auto reply = peers[size_t(i)]->waitFrame([&](const Frame &f) { return f.flag() == Flag::Handshake && f.uuid() == helloUuids[size_t(i)]; });
        QVERIFY(reply);
        order.emplace_back(int(Handshake::parse(reply->data())->members.size()), i);
    }
    std::sort(order.begin(), order.end());
    for (int k = 0; k < N; ++k)
        QCOMPARE(order[size_t(k)].first, k + 1);   // no two joined "at once"

    auto expected = [&](int from) {
        QStringList out;
        for (int k = from + 1; k < N; ++k) {
            const int j = order[size_t(k)].second;
            if (j % 3 != 0)
                out << QStringLiteral("p%1:f%1").arg(j);
            out << QStringLiteral("+p%1").arg(j);
        }
        return out;
    };
    for (int k = 0; k < N; ++k) {
        TestPeer &peer = *peers[size_t(order[size_t(k)].second)];
        const QStringList want = expected(k);
        QVERIFY(QTest::qWaitFor([&] { return announcementsSeen(peer).size() >= want.size(); }, 10000));
        QTest::qWait(k == 0 ? 100 : 0);   // nothing more comes
        QCOMPARE(announcementsSeen(peer), want);
    }

    // A burst of leaves: each remaining peer hears of each, in the order the router saw them.
    for (auto &p : peers)
        p->frames().clear();
    std::vector<int> leaving{order[5].second, order[0].second, order[N - 1].second};
    for (int j : leaving)
        peers[size_t(j)].reset();
    for (int k = 0; k < N; ++k) {
        const int j = order[size_t(k)].second;
        if (!peers[size_t(j)])
            continue;
        QVERIFY(QTest::qWaitFor([&] { return announcementsSeen(*peers[size_t(j)]).size() >= 3; }, 10000));
        QStringList left = announcementsSeen(*peers[size_t(j)]);
        left.sort();
        QStringList want;
        for (int l : leaving)
            want << QStringLiteral("-p%1").arg(l);
        want.sort();
        QCOMPARE(left, want);
    }
}

void TestRouter::announcementsNeverTrailForwardedFrames()
{
    // A caller joins and calls at once: the worker must hear of the caller before its request.
    auto worker = joined("worker", QByteArrayList{"echo"});
    QVERIFY(worker);
    auto caller = TestPeer::tcp(port());
    QVERIFY(caller);
    caller->send(caller->helloFrame("caller", std::nullopt));
    // Sent right behind the hello, before its reply came back: one read for the router.
    caller->send(*Frame::make({caller->nextUuid(), Flag::Request, Serde::Opaque, true, true}, "caller", "worker", "echo", "x"));
    auto indexOf = [&](Flag flag) {
        const auto &f = worker->frames();
        return std::find_if(f.cbegin(), f.cend(), [flag](const Frame &x) { return x.flag() == flag; }) - f.cbegin();
    };
    QVERIFY(QTest::qWaitFor([&] { return indexOf(Flag::Request) < worker->frames().size(); }, 5000));
    QTest::qWait(50);   // an event sent after the request would have arrived by now
    const qsizetype event = indexOf(Flag::Events);
    QVERIFY2(event < indexOf(Flag::Request), "the request overtook the caller's join announcement");
    QCOMPARE(Event::parse(worker->frames().at(event).data())->member, QByteArray("caller"));
}

void TestRouter::memberThatStopsReadingDuringAStormIsDropped()
{
    // A member that reads nothing while hundreds join: the announcements it is owed count
    // against its write queue; the stall policy drops it, and everyone else is told everything.
    delete m_host;
    m_host = new RouterHost(Router::Options{});
    Listener::Options lo;
    lo.limits.highWater = 16 * 1024;
    lo.limits.lowWater = 4 * 1024;
    lo.limits.writeStallTimeout = std::chrono::milliseconds(600);
    QString error;
    QVERIFY2(m_host->listen(lo, &error), qPrintable(error));
    auto deaf = joined("deaf");
    QVERIFY(deaf);
    deaf->setReading(false);
    if (auto *s = qobject_cast<QAbstractSocket *>(deaf->device())) {
        s->setReadBufferSize(4096);
        s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    }
    auto watcher = joined("watcher");
    QVERIFY(watcher);
    QSignalSpy left(m_host->router(), &Router::memberLeft);
    auto deafLeft = [&] {
        return std::find_if(left.cbegin(), left.cend(), [](const QList<QVariant> &a) { return a.at(0).toByteArray() == "deaf"; });
    };
    // Churn: members with big names join and leave, 300 of them, 10 at a time; each is
    // announced twice (with its methods, and as an event) and its leave once: ~20 MiB the
    // deaf member never reads, more than the kernel buffers.
    constexpr int N = 300;
    const QByteArray longName(24000, 'n');
    for (int i = 0; i < N; i += 10) {
        std::vector<std::unique_ptr<TestPeer>> batch;
        for (int j = i; j < i + 10; ++j) {
            batch.push_back(TestPeer::tcp(port()));
            QVERIFY(batch.back());
            batch.back()->send(batch.back()->helloFrame(longName + QByteArray::number(j), QByteArrayList{"f"}));
        }
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(batch.cbegin(), batch.cend(), [](const auto &p) {
                return std::any_of(p->frames().cbegin(), p->frames().cend(), [](const Frame &f) { return f.flag() == Flag::Handshake; });
            });
        }, 10000));
    }
    QVERIFY(QTest::qWaitFor([&] { return deafLeft() != left.cend(); }, 20000));
    QCOMPARE(deafLeft()->at(2).value<Connection::CloseCause>(), Connection::CloseCause::WriteStall);
    auto events = [&](Event::Type type) {
        return std::count_if(watcher->frames().cbegin(), watcher->frames().cend(), [type](const Frame &f) {
            return f.flag() == Flag::Events && Event::parse(f.data())->type == type;
        });
    };
    QVERIFY(QTest::qWaitFor([&] { return events(Event::Type::Disconnected) == N + 1; }, 20000));   // and "deaf"
    QCOMPARE(events(Event::Type::Connected), N);
}

void TestRouter::slowReceiverBoundsMemory()
{
    auto worker = joined("worker", QByteArrayList{"sink"});
    auto sender = joined("sender");
    worker->setReading(false);
    if (auto *s = qobject_cast<QAbstractSocket *>(worker->device()))
        s->setReadBufferSize(64 * 1024);

    // Push 256 MiB of fire-and-forget calls at a worker that does not read.
    const QByteArray payload(256 * 1024, 'p');
    const int count = 1024;
    const qint64 highWater = Connection::Limits{}.highWater;
    qint64 maxQueued = 0;
    auto routerQueued = [this] {
        qint64 q = 0;
        for (const Connection *c : m_host->router()->connections())
            q = std::max(q, c->queuedBytes());
        return q;
    };
    int written = 0;
    for (; written < count; ++written) {
        sender->request("worker", "sink", payload, false);
        // Let the router run; stop writing when our own socket backs up (backpressure reached us).
        QCoreApplication::processEvents();
        maxQueued = std::max(maxQueued, routerQueued());
        if (sender->device()->bytesToWrite() > 64 * 1024 * 1024)
            break;
    }
    for (int i = 0; i < 50; ++i) {
        QTest::qWait(20);
        maxQueued = std::max(maxQueued, routerQueued());
    }
    qInfo("router queue peaked at %lld bytes (high water %lld) after %d frames offered",
          maxQueued, highWater, written);
    QVERIFY2(maxQueued <= highWater + 2 * payload.size() + 64 * 1024,
             qPrintable(QStringLiteral("router queued %1 bytes").arg(maxQueued)));
    QVERIFY(sender->device()->bytesToWrite() > 0);   // the sender felt the backpressure

    // Now the worker reads: every frame arrives, none lost.
    worker->setReading(true);
    int received = 0;
    QVERIFY(QTest::qWaitFor([&] {
        while (worker->waitFrame([](const Frame &f) { return f.flag() == Flag::Request; }, 0))
            ++received;
        worker->setReading(true);
        return received == written;
    }, 60000));
    QCOMPARE(received, written);
}

void TestRouter::monitorPairsCalls()
{
    Monitor monitor(m_host->router());
    auto worker = joined("worker", QByteArrayList{"add"});
    auto caller = joined("caller");
    caller->request("worker", "add", "x", true, Serde::Json);
    auto req = worker->waitFlag(Flag::Request);
    worker->reply(*req, "y");
    QVERIFY(caller->waitFlag(Flag::Response));
    caller->request("worker", "add", "x", false);
    QVERIFY(worker->waitFlag(Flag::Request));
    caller->request("ghost", "add", "x", true);
    QVERIFY(caller->waitFlag(Flag::Error));

    const auto calls = monitor.callsSince(0);
    QCOMPARE(calls.size(), size_t(3));
    QCOMPARE(calls[0].status, Monitor::Status::Ok);
    QVERIFY(calls[0].latencyUs.has_value());
    QCOMPARE(calls[0].function, QByteArray("add"));
    QCOMPARE(calls[0].serde, Serde::Json);
    QVERIFY(calls[0].request.isValid());
    QVERIFY(calls[0].reply.isValid());
    QCOMPARE(calls[1].status, Monitor::Status::Sent);
    QCOMPARE(calls[2].status, Monitor::Status::Refused);
    QCOMPARE(monitor.totals().calls, 2u);
    QCOMPARE(monitor.memberStats().value("caller").callsOut, 2u);
    QCOMPARE(monitor.memberStats().value("worker").callsIn, 2u);
    QCOMPARE(monitor.functionStats().value("add").errors, 1u);
    const QByteArray metrics = MetricsText::render(monitor);
    QVERIFY(metrics.contains("daffi_members 2\n"));
    QVERIFY(metrics.contains("daffi_calls_total{function=\"add\"} 2\n"));
}

void TestRouter::monitorCountsLostCalls()
{
    Monitor::Options o;
    o.sampleIntervalMs = 50;
    o.unansweredAfterMs = 300;
    Monitor monitor(m_host->router(), o);
    auto worker = joined("worker", QByteArrayList{"slow", "hang"});
    auto caller = joined("caller");
    // Unanswered for longer than unansweredAfterMs.
    caller->request("worker", "slow", "x", true);
    QVERIFY(worker->waitFlag(Flag::Request));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.callsSince(0).at(0).status, Monitor::Status::Lost, 5000);
    QVERIFY(monitor.callsSince(0).at(0).detail.contains(u"no answer"));
    // The caller leaves before the answer.
    caller->request("worker", "hang", "y", true);
    QVERIFY(worker->waitFlag(Flag::Request));
    QCOMPARE(monitor.memberStats().value("worker").serving, 1);
    caller.reset();
    QTRY_COMPARE_WITH_TIMEOUT(monitor.callsSince(0).at(1).status, Monitor::Status::Lost, 5000);
    QVERIFY(monitor.callsSince(0).at(1).detail.contains(u"caller left"));
    QCOMPARE(monitor.totals().timeouts, 2u);
    QCOMPARE(monitor.functionStats().value("hang").timeouts, 1u);
    QCOMPARE(monitor.memberStats().value("worker").serving, 0);
    QCOMPARE(monitor.answers(0, 10).answers.size(), size_t(2));
    QCOMPARE(monitor.departed().front().info.name, QByteArray("caller"));
    QCOMPARE(monitor.departed().front().cause, Connection::CloseCause::PeerClosed);
}

void TestRouter::monitorRingKeepsNamesAndPayloadsOfItsRecords()
{
    // A ring of 8 records and payloads kept in the arena: after 40 calls the 8 newest still have
    // their own bytes and names, across two functions, two workers and a worker that left.
    Monitor::Options o;
    o.ringCapacity = 8;
    Monitor monitor(m_host->router(), o);
    auto first = joined("first", QByteArrayList{"add", "tag"});
    auto second = joined("second", QByteArrayList{"add", "tag"});
    auto caller = joined("caller");
    int answered = 0;
    auto call = [&](TestPeer &worker, const QByteArray &name, const QByteArray &function, int i) {
        caller->request(name, function, "req-" + QByteArray::number(i) + QByteArray(i * 3, '.'), true);
        auto req = worker.waitFlag(Flag::Request);
        QVERIFY(req);
        worker.reply(*req, "ans-" + QByteArray::number(i));
        QVERIFY(caller->waitFlag(Flag::Response));
        ++answered;
    };
    for (int i = 0; i < 20; ++i)
        call(i % 3 == 2 ? *second : *first, i % 3 == 2 ? "second" : "first", i % 2 ? "tag" : "add", i);
    QVERIFY(!QTest::currentTestFailed());
    first.reset();
    QTRY_COMPARE_WITH_TIMEOUT(monitor.memberStats().contains("first"), false, 5000);
    auto again = joined("first", QByteArrayList{"add", "tag"});
    for (int i = 20; i < 40; ++i)
        call(*again, "first", i % 2 ? "tag" : "add", i);
    QVERIFY(!QTest::currentTestFailed());

    const auto calls = monitor.callsSince(0);
    QCOMPARE(calls.size(), size_t(8));
    for (size_t k = 0; k < calls.size(); ++k) {
        const int i = 32 + int(k);
        const auto &r = calls[k];
        QCOMPARE(r.seq, monitor.lastSeq() - 7 + k);
        QCOMPARE(r.caller, QByteArray("caller"));
        QCOMPARE(r.receiver, QByteArray("first"));
        QCOMPARE(r.function, QByteArray(i % 2 ? "tag" : "add"));
        QCOMPARE(r.status, Monitor::Status::Ok);
        QVERIFY(r.request.isValid() && r.reply.isValid());
        QCOMPARE(r.request.data().toByteArray(), "req-" + QByteArray::number(i) + QByteArray(i * 3, '.'));
        QCOMPARE(r.reply.data().toByteArray(), "ans-" + QByteArray::number(i));
        QCOMPARE(r.requestSize, r.request.size());
        QCOMPARE(r.replySize, r.reply.size());
    }
    QCOMPARE(monitor.call(monitor.lastSeq() - 8), std::nullopt);   // left the ring
    // Every request counted where it belongs, through routes made and dropped.
    QCOMPARE(monitor.functionStats().value("add").calls + monitor.functionStats().value("tag").calls,
             quint64(monitor.totals().calls));
    QCOMPARE(monitor.memberStats().value("first").callsIn, 20u);   // the member that rejoined: its own
    QCOMPARE(monitor.memberStats().value("caller").callsOut, monitor.totals().calls);
    quint64 flowed = 0;
    for (const Monitor::Flow &f : monitor.flows()) {
        QVERIFY(f.caller == "caller");
        QVERIFY(f.receiver != "first" || f.messages == 10);   // 10 add and 10 tag since it rejoined
        flowed += f.messages;
    }
    QCOMPARE(flowed, monitor.memberStats().value("first").callsIn + monitor.memberStats().value("second").callsIn);
    QVERIFY(answered == 40);
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
