// How frames leave and how the event loop waits: WriteBatch (one write per connection at the end
// of a batch of input) and BusyPoll (the loop keeps polling for a short window after activity).

#include <core/protocol/frame.h>
#include <core/transport/busypoll.h>
#include <core/transport/bufferedstreamconnection.h>
#include <core/transport/dialer.h>
#include <core/transport/directstreamconnection.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace daffi;
using namespace std::chrono_literals;

namespace {

Frame request(quint16 uuid, const QByteArray &body)
{
    return Frame::make({uuid, Flag::Request, Serde::Opaque, true, false}, "a", "b", "f", body).value();
}

// A connected pair on 127.0.0.1: `connection` is ours, `peer` a plain socket on the other end.
// Buffered: the connection wraps the accepted socket. Direct: it dials out on an unbuffered
// socket, as daffi runs plain TCP.
struct Pair
{
    std::unique_ptr<QTcpSocket> peer;
    StreamConnection *connection = nullptr;   // owned by `owner`
    std::unique_ptr<QObject> owner = std::make_unique<QObject>();

    static std::unique_ptr<Pair> open(bool direct = false, const Connection::Limits &limits = {})
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return nullptr;
        auto dialer = std::make_unique<QTcpSocket>();
        dialer->connectToHost(QHostAddress::LocalHost, server.serverPort(),
                              direct ? QIODevice::ReadWrite | QIODevice::Unbuffered : QIODevice::ReadWrite);
        if (!dialer->waitForConnected(5000) || !server.waitForNewConnection(5000))
            return nullptr;
        // Let Qt retire the write notifier it watched the connect with (the Dialer's event-driven
        // connect has by the time it hands the socket over; a blocking wait has not).
        QCoreApplication::processEvents();
        std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
        accepted->setParent(nullptr);
        auto p = std::make_unique<Pair>();
        QTcpSocket *ours = direct ? dialer.release() : accepted.release();
        p->peer = direct ? std::move(accepted) : std::move(dialer);
        StreamConnection::tuneTcpSocket(ours, limits);   // as the listener and the dialer do
        if (direct)
            p->connection = new DirectStreamConnection(ours, limits, p->owner.get());
        else
            p->connection = new BufferedStreamConnection(ours, Connection::Transport::Tcp, limits, p->owner.get());
        return p;
    }

    // Reads on the peer until `bytes` arrived, running the event loop (our side may have queued).
    QByteArray peerReads(qint64 bytes)
    {
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (got.size() < bytes && t.elapsed() < 20000) {
            QCoreApplication::processEvents();
            if (peer->bytesAvailable() == 0)
                peer->waitForReadyRead(10);
            got += peer->readAll();
        }
        return got;
    }
};

struct Collector : FrameHandler
{
    QList<Frame> frames;
    void frameReceived(Connection *, Frame &&frame) override { frames.append(std::move(frame)); }
};

// Passes of the event loop (each waiting for more events) made in `ms` milliseconds; a timer
// wakes the loop every 50 ms so a sleeping loop still makes a few.
int passesIn(int ms)
{
    QTimer tick;
    tick.start(50);
    QElapsedTimer t;
    t.start();
    int passes = 0;
    while (t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        ++passes;
    }
    return passes;
}

} // namespace

class TestEventLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        BusyPoll::setWindow(0us);   // closes any window a failed test left open
        QCoreApplication::processEvents();
        BusyPoll::setWindow(BusyPoll::defaultWindow);
    }

    void framesOutsideABatchLeaveOnTheNextPass();
    void batchWritesWhenItCloses();
    void nestedBatchesWriteOnceAtTheOutermost();
    void connectionDestroyedInsideABatch();
    void directWritesAtOnceOutsideABatch();
    void directBatchLeavesInOneWrite();
    void directBatchesTheKernelRefusedStayIntact();
    void directLargeFramesBothWays();
    void directReadsHandedOverBytesFirst();
    void directNoticesThePeerClosing();
    void unixSocketsDialedGoUnbuffered();
    void kernelTimeoutNeverCutsTheStallPolicyShort();
    void aPeerThatStopsReadingTimesOut_data();
    void aPeerThatStopsReadingTimesOut();
    void busyPollKeepsTheLoopHotThenSleeps();
    void busyPollOff();
    void busyPollAdaptsToWhatArrives();
};

void TestEventLoop::framesOutsideABatchLeaveOnTheNextPass()
{
    auto p = Pair::open();
    QVERIFY(p);
    const Frame f = request(1, "hello");
    p->connection->send(f);
    QCOMPARE(p->connection->queuedBytes(), f.bytes().size());   // Qt writes on its next pass
    QVERIFY(QTest::qWaitFor([&] { return p->connection->queuedBytes() == 0; }, 5000));
    QCOMPARE(p->peerReads(f.bytes().size()), f.bytes());
}

void TestEventLoop::batchWritesWhenItCloses()
{
    auto p = Pair::open();
    QVERIFY(p);
    qint64 total = 0;
    {
        const WriteBatch batch;
        for (quint16 i = 1; i <= 3; ++i) {
            const Frame f = request(i, QByteArray(100 * i, 'x'));
            p->connection->send(f);
            total += f.bytes().size();
        }
        QCOMPARE(p->connection->queuedBytes(), total);   // nothing written inside the batch
    }
    QCOMPARE(p->connection->queuedBytes(), 0);            // all written, no event loop pass needed
    const QByteArray got = p->peerReads(total);
    QCOMPARE(got.size(), total);
    QCOMPARE(got.left(request(1, QByteArray(100, 'x')).bytes().size()), request(1, QByteArray(100, 'x')).bytes());
}

void TestEventLoop::nestedBatchesWriteOnceAtTheOutermost()
{
    auto p = Pair::open();
    QVERIFY(p);
    const Frame f = request(7, "nested");
    {
        const WriteBatch outer;
        {
            const WriteBatch inner;
            p->connection->send(f);
        }
        QCOMPARE(p->connection->queuedBytes(), f.bytes().size());
    }
    QCOMPARE(p->connection->queuedBytes(), 0);
    QCOMPARE(p->peerReads(f.bytes().size()), f.bytes());
}

void TestEventLoop::connectionDestroyedInsideABatch()
{
    auto a = Pair::open();
    auto b = Pair::open();
    QVERIFY(a && b);
    const Frame f = request(9, "survivor");
    {
        const WriteBatch batch;
        a->connection->send(f);
        b->connection->send(f);
        a->owner.reset();   // deletes a's connection while it is listed
    }
    QCOMPARE(b->connection->queuedBytes(), 0);
    QCOMPARE(b->peerReads(f.bytes().size()), f.bytes());
}

void TestEventLoop::directWritesAtOnceOutsideABatch()
{
    auto p = Pair::open(true);
    QVERIFY(p);
    const Frame f = request(1, "now");
    p->connection->send(f);
    QCOMPARE(p->connection->queuedBytes(), 0);   // in the kernel already, no loop pass needed
    QCOMPARE(p->peerReads(f.bytes().size()), f.bytes());
    QCOMPARE(p->connection->bytesSent(), quint64(f.bytes().size()));
}

void TestEventLoop::directBatchLeavesInOneWrite()
{
    auto p = Pair::open(true);
    QVERIFY(p);
    QByteArray expected;
    {
        const WriteBatch batch;
        for (quint16 i = 1; i <= 200; ++i) {   // small frames are gathered, one large one is shared
            const Frame f = request(i, QByteArray(i == 100 ? 100000 : 50, char('a' + i % 26)));
            p->connection->send(f);
            expected += f.bytes();
        }
        QCOMPARE(p->connection->queuedBytes(), expected.size());
    }
    QVERIFY(p->connection->queuedBytes() < expected.size());
    QVERIFY(QTest::qWaitFor([&] { return p->connection->queuedBytes() == 0; }, 5000));
    QCOMPARE(p->peerReads(expected.size()), expected);
}

void TestEventLoop::directBatchesTheKernelRefusedStayIntact()
{
    // A batch copies its small frames into a buffer the thread reuses for a later batch once the
    // kernel has taken all of it; what the kernel refused waits in its buffer untouched by them.
    auto p = Pair::open(true);
    QVERIFY(p);
    QByteArray expected;
    for (int b = 0; b < 1000; ++b) {
        const WriteBatch batch;
        for (int i = 0; i < 100; ++i) {
            const Frame f = request(quint16(b * 100 + i + 1), QByteArray(60, char('a' + (b + i) % 26)));
            p->connection->send(f);
            expected += f.bytes();
        }
    }
    QVERIFY(p->connection->queuedBytes() > 0);   // the peer has read nothing yet: the kernel is full
    QCOMPARE(p->peerReads(expected.size()), expected);
    QVERIFY(QTest::qWaitFor([&] { return p->connection->queuedBytes() == 0; }, 5000));
}

void TestEventLoop::directLargeFramesBothWays()
{
    auto p = Pair::open(true);
    QVERIFY(p);
    Collector collector;
    p->connection->setHandler(&collector);
    p->connection->start();
    QByteArray body(8 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 131 % 251);
    const Frame out = request(5, body);
    const QByteArray wire = out.bytes();   // joined once (the frame is split)
    p->connection->send(out);   // more than the kernel takes at once: the connection queues the rest
    const QByteArray got = p->peerReads(wire.size());
    QCOMPARE(got.size(), wire.size());
    QVERIFY(got == wire);
    p->peer->write(wire);   // and back: the data read straight into a buffer of its own
    QVERIFY(QTest::qWaitFor([&] {
        p->peer->flush();
        return !collector.frames.isEmpty();
    }, 20000));
    QCOMPARE(collector.frames.size(), 1);
    QVERIFY(collector.frames.first().bytes() == wire);
}

void TestEventLoop::directReadsHandedOverBytesFirst()
{
    auto p = Pair::open(true);
    QVERIFY(p);
    const QByteArray first = request(1, "first").bytes();
    const QByteArray second = request(2, "second").bytes();
    Collector collector;
    p->connection->setHandler(&collector);
    p->connection->prependReceived(first + second.left(5));   // ends inside the second frame
    p->peer->write(second.mid(5) + request(3, "third").bytes());
    p->peer->flush();
    p->connection->start();
    QVERIFY(QTest::qWaitFor([&] { return collector.frames.size() == 3; }, 5000));
    QCOMPARE(collector.frames[0].bytes(), first);
    QCOMPARE(collector.frames[1].bytes(), second);
    QCOMPARE(collector.frames[2].header().uuid, quint16(3));
}

void TestEventLoop::directNoticesThePeerClosing()
{
    auto p = Pair::open(true);
    QVERIFY(p);
    Collector collector;
    p->connection->setHandler(&collector);
    p->connection->start();
    QString reason;
    connect(p->connection, &Connection::closed, this, [&](const QString &r) { reason = r; });
    p->peer->write(request(4, "last words").bytes());
    p->peer->disconnectFromHost();
    QVERIFY(QTest::qWaitFor([&] { return !reason.isEmpty(); }, 5000));
    QCOMPARE(reason, QStringLiteral("peer closed the connection"));
    QCOMPARE(collector.frames.size(), 1);   // what came before the close is delivered
}

void TestEventLoop::unixSocketsDialedGoUnbuffered()
{
    // A Unix socket is connected by QLocalSocket, then continued on the direct carrier like plain
    // TCP: frames leave at once (no event-loop pass) and Qt keeps no buffer of its own.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QLocalServer server;
    QVERIFY(server.listen(dir.filePath(QStringLiteral("s"))));
    QObject context;
    Connection *dialed = nullptr;
    QString error;
    Dialer::dial(Endpoint::unix(server.fullServerName()), 5s, {}, &context, [&](Connection *c, const QString &e) {
        dialed = c;
        error = e;
    });
    QVERIFY(QTest::qWaitFor([&] { return dialed || !error.isEmpty(); }, 5000));
    QVERIFY2(dialed, qPrintable(error));
    QVERIFY(qobject_cast<DirectStreamConnection *>(dialed));
    QCOMPARE(dialed->transport(), Connection::Transport::Unix);
    QCOMPARE(dialed->peerAddress(), server.fullServerName());
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QLocalSocket> peer(server.nextPendingConnection());
    peer->setParent(nullptr);

    Collector collector;
    dialed->setHandler(&collector);
    dialed->start();
    const Frame out = request(7, "over unix");
    dialed->send(out);
    QCOMPARE(dialed->queuedBytes(), 0);   // in the kernel already
    const QByteArray expected = QByteArray(9, '\x1f') + out.bytes();   // the probe first
    QByteArray got;
    QVERIFY(QTest::qWaitFor([&] {
        got += peer->readAll();
        return got.size() >= expected.size();
    }, 5000));
    QCOMPARE(got, expected);
    peer->write(request(8, "back").bytes());
    peer->flush();
    QVERIFY(QTest::qWaitFor([&] { return collector.frames.size() == 1; }, 5000));
    QCOMPARE(collector.frames[0].header().uuid, quint16(8));
    QString reason;
    connect(dialed, &Connection::closed, this, [&](const QString &r) { reason = r; });
    peer->disconnectFromServer();
    QVERIFY(QTest::qWaitFor([&] { return !reason.isEmpty(); }, 5000));
    QCOMPARE(reason, QStringLiteral("peer closed the connection"));
}

void TestEventLoop::kernelTimeoutNeverCutsTheStallPolicyShort()
{
    auto userTimeout = [](const Connection::Limits &limits) {
        auto p = Pair::open(true, limits);
        const auto *ours = p ? p->connection->findChild<QTcpSocket *>() : nullptr;
        int ms = -1;
        socklen_t len = sizeof ms;
        if (!ours || ::getsockopt(int(ours->socketDescriptor()), IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, &len) != 0)
            return -1;
        return ms;
    };
    QCOMPARE(userTimeout({}), 30000);   // the default stall timeout (30 s) over the reference's 25 s
    Connection::Limits patient;
    patient.writeStallTimeout = 90s;   // an operator who tolerates slow readers longer
    QCOMPARE(userTimeout(patient), 90000);
    Connection::Limits strict;
    strict.writeStallTimeout = 5s;     // dead peers are still given the reference's 25 s
    QCOMPARE(userTimeout(strict), 25000);
}

void TestEventLoop::aPeerThatStopsReadingTimesOut_data()
{
    QTest::addColumn<bool>("direct");
    QTest::newRow("buffered") << false;
    QTest::newRow("direct") << true;
}

void TestEventLoop::aPeerThatStopsReadingTimesOut()
{
    // The peer is alive (its kernel answers) but reads nothing: its window closes. The kernel
    // gives up after the dead-peer timeout; the reason must say so, not "peer closed".
    QFETCH(bool, direct);
    Connection::Limits limits;
    limits.deadPeerTimeout = 1s;
    limits.writeStallTimeout = 1s;
    limits.highWater = qint64(1) << 40;   // our own stall policy stays out of it
    auto p = Pair::open(direct, limits);
    QVERIFY(p);
    p->peer->setReadBufferSize(1);
    QString reason;
    connect(p->connection, &Connection::closed, this, [&](const QString &r) { reason = r; });
    const Frame big = request(1, QByteArray(1 << 20, 'x'));
    QElapsedTimer t;
    t.start();
    while (reason.isEmpty() && t.elapsed() < 20000) {
        if (p->connection->queuedBytes() < 64 << 20)
            p->connection->send(big);
        QTest::qWait(20);
    }
    QVERIFY2(reason.contains(QStringLiteral("timed out")), qPrintable(reason));
}

void TestEventLoop::busyPollKeepsTheLoopHotThenSleeps()
{
    QTest::qWait(50);                // earlier tests' activity has long expired
    BusyPoll::setWindow(300ms);
    const int idle = passesIn(150);
    QVERIFY2(idle <= 8, qPrintable(QStringLiteral("%1 passes in 150 ms: an idle loop should sleep between timer ticks").arg(idle)));

    BusyPoll::received();
    const int hot = passesIn(100);   // inside the window: passes without sleeping
    // A sleeping loop makes 2 or 3 (the 50 ms tick); each polling pass yields the CPU, and a
    // busy machine may keep it a few ms each time.
    QVERIFY2(hot > 10, qPrintable(QStringLiteral("only %1 passes in 100 ms while busy polling").arg(hot)));

    QTest::qWait(400);               // window over: the loop sleeps again
    QVERIFY2(passesIn(150) <= 8, "the loop kept polling after the window");
}

void TestEventLoop::busyPollOff()
{
    BusyPoll::setWindow(0us);
    QCOMPARE(BusyPoll::window(), 0us);
    QTest::qWait(50);
    BusyPoll::received();
    BusyPoll::sent();
    const int passes = passesIn(150);
    QVERIFY2(passes <= 8, qPrintable(QStringLiteral("%1 passes in 150 ms: busy polling should be off").arg(passes)));
}

void TestEventLoop::busyPollAdaptsToWhatArrives()
{
    using namespace std::chrono;
    BusyPoll::setWindow(40ms);
    QTest::qWait(50);
    for (int i = 0; i < 12; ++i) {              // frames keep arriving while it polls: it widens
        BusyPoll::received();
        passesIn(1);
    }
    QCOMPARE(BusyPoll::currentWindow(), microseconds(40ms));
    // Each window that runs out with nothing received halves the next one, down to off.
    const microseconds expected[] = {20ms, 10ms, 5ms, 0ms};
    for (microseconds e : expected) {
        BusyPoll::sent();                       // waits for an answer that does not come
        passesIn(80);                           // the window (at most 40 ms) runs out inside
        QCOMPARE(BusyPoll::currentWindow(), e);
    }
    BusyPoll::sent();
    const int off = passesIn(100);
    QVERIFY2(off <= 8, qPrintable(QStringLiteral("%1 passes in 100 ms with the window down to zero").arg(off)));
    // Frames arriving close together again open it from the floor (an eighth) upwards.
    // The second frame's gap is the time between the two calls (nanoseconds; more if the thread
    // is preempted in between): the window is the floor plus one and a half gaps, well below
    // the 40 ms a jump to the maximum would give.
    BusyPoll::received();
    BusyPoll::received();
    const microseconds reopened = BusyPoll::currentWindow();
    QVERIFY2(reopened >= 5ms && reopened < 10ms,
             qPrintable(QStringLiteral("window %1 us after two frames close together").arg(reopened.count())));
    // Polling: a sleeping loop makes one pass in 20 ms (it waits for the 50 ms tick); a polling
    // one many, even when other processes take the CPU at each yield.
    const int polling = passesIn(20);
    QVERIFY2(polling >= 3, qPrintable(QStringLiteral("%1 passes in 20 ms after two frames").arg(polling)));
}

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
