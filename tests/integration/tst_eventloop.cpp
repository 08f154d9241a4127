// How frames leave and how the event loop waits: WriteBatch (one write per connection at the end
// of a batch of input) and BusyPoll (the loop keeps polling for a short window after activity).

#include <core/protocol/frame.h>
#include <core/transport/busypoll.h>
#include <core/transport/streamconnection.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace daffi;
using namespace std::chrono_literals;

namespace {

Frame request(quint16 uuid, const QByteArray &body)
{
    return Frame::make({uuid, Flag::Request, Serde::Opaque, true, false}, "a", "b", "f", body).value();
}

// A connected pair on 127.0.0.1: `connection` wraps the accepted side, `peer` is a plain socket.
struct Pair
{
    std::unique_ptr<QTcpSocket> peer;
    StreamConnection *connection = nullptr;   // owned by `owner`
    std::unique_ptr<QObject> owner = std::make_unique<QObject>();

    static std::unique_ptr<Pair> open()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return nullptr;
        auto p = std::make_unique<Pair>();
        p->peer = std::make_unique<QTcpSocket>();
        p->peer->connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!p->peer->waitForConnected(5000) || !server.waitForNewConnection(5000))
            return nullptr;
        p->connection = new StreamConnection(server.nextPendingConnection(), Connection::Transport::Tcp, {}, p->owner.get());
        return p;
    }

    // Reads on the peer until `bytes` arrived (without running the event loop of `connection`).
    bool peerReceives(qint64 bytes)
    {
        QElapsedTimer t;
        t.start();
        while (peer->bytesAvailable() < bytes && t.elapsed() < 5000)
            peer->waitForReadyRead(100);
        return peer->bytesAvailable() == bytes;
    }
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
    void cleanup() { BusyPoll::setWindow(BusyPoll::defaultWindow); }

    void framesOutsideABatchLeaveOnTheNextPass();
    void batchWritesWhenItCloses();
    void nestedBatchesWriteOnceAtTheOutermost();
    void connectionDestroyedInsideABatch();
    void busyPollKeepsTheLoopHotThenSleeps();
    void busyPollOff();
};

void TestEventLoop::framesOutsideABatchLeaveOnTheNextPass()
{
    auto p = Pair::open();
    QVERIFY(p);
    const Frame f = request(1, "hello");
    p->connection->send(f);
    QCOMPARE(p->connection->queuedBytes(), f.bytes().size());   // Qt writes on its next pass
    QVERIFY(QTest::qWaitFor([&] { return p->connection->queuedBytes() == 0; }, 5000));
    QVERIFY(p->peerReceives(f.bytes().size()));
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
    QVERIFY(p->peerReceives(total));
    const QByteArray got = p->peer->readAll();
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
    QVERIFY(p->peerReceives(f.bytes().size()));
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
    QVERIFY(b->peerReceives(f.bytes().size()));
}

void TestEventLoop::busyPollKeepsTheLoopHotThenSleeps()
{
    QTest::qWait(50);                // earlier tests' activity has long expired
    BusyPoll::setWindow(300ms);
    const int idle = passesIn(150);
    QVERIFY2(idle <= 8, qPrintable(QStringLiteral("%1 passes in 150 ms: an idle loop should sleep between timer ticks").arg(idle)));

    BusyPoll::activity();
    const int hot = passesIn(100);   // inside the window: passes without sleeping
    QVERIFY2(hot > 100, qPrintable(QStringLiteral("only %1 passes in 100 ms while busy polling").arg(hot)));

    QTest::qWait(400);               // window over: the loop sleeps again
    QVERIFY2(passesIn(150) <= 8, "the loop kept polling after the window");
}

void TestEventLoop::busyPollOff()
{
    BusyPoll::setWindow(0us);
    QCOMPARE(BusyPoll::window(), 0us);
    QTest::qWait(50);
    BusyPoll::activity();
    const int passes = passesIn(150);
    QVERIFY2(passes <= 8, qPrintable(QStringLiteral("%1 passes in 150 ms: busy polling should be off").arg(passes)));
}

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
