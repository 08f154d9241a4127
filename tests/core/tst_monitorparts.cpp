// The monitor's value classes: latency histogram, its time windows, ring cursors, event log,
// the open-addressing table and the payload arena.
#include <core/monitor/eventlog.h>
#include <core/monitor/flathash.h>
#include <core/monitor/latencywindow.h>
#include <core/monitor/payloadarena.h>
#include <core/monitor/ringspan.h>
#include <core/protocol/frame.h>

#include <QTest>

#include <algorithm>
#include <map>
#include <random>

using namespace daffi;

namespace {

Frame frameWith(int index, qsizetype dataSize)
{
    const QByteArray data(dataSize, char('a' + index % 26));
    return *Frame::make({quint16(index), Flag::Request, Serde::Opaque, true, false}, "caller", "worker", "f", data);
}

} // namespace

class TestMonitorParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsCoverEveryValueInOrder()
    {
        int previous = -1;
        for (qint64 us = 0; us < 5'000'000; us += 1 + us / 50) {
            const int b = LatencyHistogram::bucketOf(us);
            QVERIFY(b >= previous);
            QVERIFY2(LatencyHistogram::highestIn(b) >= us, qPrintable(QString::number(us)));
            // Within 1/16 of the value: the promise percentiles are read with.
            QVERIFY(double(LatencyHistogram::highestIn(b) - us) <= double(us) / 16.0 + 1.0);
            previous = b;
        }
        QCOMPARE(LatencyHistogram::bucketOf(qint64(1) << 50), LatencyHistogram::bucketOf(qint64(1) << 36));
    }

    void percentilesAreWithinTheBucketWidth()
    {
        std::mt19937_64 random(7);
        std::lognormal_distribution<double> latency(6.0, 1.2);   // ~400 us median, long tail
        std::vector<qint64> values;
        LatencyHistogram h;
        for (int i = 0; i < 100000; ++i) {
            values.push_back(qint64(latency(random)));
            h.record(values.back());
        }
        std::sort(values.begin(), values.end());
        for (double q : {0.5, 0.9, 0.99}) {
            const qint64 exact = values[size_t(q * double(values.size())) - 1];
            const qint64 read = h.percentile(q);
            QVERIFY2(read >= exact && double(read) <= double(exact) * 1.0625 + 1,
                     qPrintable(QStringLiteral("q=%1 exact=%2 read=%3").arg(q).arg(exact).arg(read)));
        }
        QCOMPARE(h.max(), values.back());
        QCOMPARE(h.count(), quint64(values.size()));
        QCOMPARE(LatencyHistogram().percentile(0.5), qint64(0));
    }

    void windowsForgetOldSlots()
    {
        LatencyWindow w;
        w.record(100, 1'000);
        w.record(200, 30'000);
        QCOMPARE(w.lastMinute(30'000).count(), quint64(2));
        // 75 s later the 1 s sample has left the minute, not the quarter hour.
        QCOMPARE(w.lastMinute(76'000).count(), quint64(1));
        QCOMPARE(w.lastQuarterHour(76'000).count(), quint64(2));
        QCOMPARE(w.lastQuarterHour(15 * 60'000 + 1'000).count(), quint64(2));
        QCOMPARE(w.lastQuarterHour(16 * 60'000 + 1'000).count(), quint64(0));
        QCOMPARE(w.lastQuarterHour(17 * 60'000).count(), quint64(0));
        // A slot reused a ring later starts empty.
        w.record(300, 16 * 60'000 + 1'000);
        QCOMPARE(w.lastQuarterHour(16 * 60'000 + 1'000).max(), qint64(300));
    }

    void ringSpanTellsWhatWasLost()
    {
        // Ring of 10 after 25 records (next seq 26): 16..25 are kept.
        auto s = RingSpan::after(0, 26, 10);
        QCOMPARE(s.first, quint64(16));
        QCOMPARE(s.end, quint64(26));
        QCOMPARE(s.lost, quint64(15));
        s = RingSpan::after(20, 26, 10);
        QCOMPARE(s.first, quint64(21));
        QCOMPARE(s.lost, quint64(0));
        s = RingSpan::after(30, 26, 10);   // a reader ahead (of a restarted router): nothing
        QCOMPARE(s.end, s.first);
        QCOMPARE(s.lost, quint64(0));
    }

    void flatHashAgreesWithAMapThroughInsertsAndErases()
    {
        // Few distinct keys in a small table: long probe runs that wrap around, and erasures in
        // the middle of them (the backward shift).
        std::mt19937_64 random(11);
        FlatHash<int> table;
        std::map<quint64, int> oracle;
        for (int i = 0; i < 200000; ++i) {
            const quint64 key = 1 + random() % 300;
            switch (random() % 3) {
            case 0:
            case 1:
                table.insert(key, i);
                oracle[key] = i;
                break;
            default:
                QCOMPARE(table.erase(key), oracle.erase(key) == 1);
            }
            if (i % 997 == 0) {
                QCOMPARE(table.size(), oracle.size());
                for (quint64 k = 1; k <= 300; ++k) {
                    const int *found = table.find(k);
                    const auto expected = oracle.find(k);
                    QCOMPARE(found != nullptr, expected != oracle.end());
                    if (found)
                        QCOMPARE(*found, expected->second);
                }
            }
        }
        table.eraseIf([](quint64 key, int) { return key % 2 == 0; });
        size_t visited = 0;
        table.forEach([&](quint64 key, int) {
            QVERIFY(key % 2 == 1);
            ++visited;
        });
        QCOMPARE(visited, table.size());
    }

    void arenaGivesBackWhatItKeptUntilOverwritten()
    {
        PayloadArena arena(1 << 20);
        std::vector<std::pair<PayloadArena::Extent, QByteArray>> kept;
        // Every frame still wanted (oldestWanted 0): the arena grows instead of overwriting.
        for (int i = 0; i < 200; ++i) {
            const Frame f = frameWith(i, 100 + i * 7);
            kept.emplace_back(arena.append(f, 0), f.bytes());
        }
        QVERIFY(arena.capacity() >= qint64(arena.end()));
        for (const auto &[extent, bytes] : kept)
            QCOMPARE(arena.read(extent), bytes);

        // Only the newest are wanted: the buffer stops growing and old frames are overwritten.
        const qint64 capacity = arena.capacity();
        for (int i = 0; i < 2000; ++i) {
            const Frame f = frameWith(i, 300);
            kept.emplace_back(arena.append(f, arena.end() > 4096 ? arena.end() - 4096 : 0), f.bytes());
        }
        QCOMPARE(arena.capacity(), capacity);
        QVERIFY(arena.read(kept.front().first).isNull());
        QVERIFY(!arena.holds(kept.front().first));
        QCOMPARE(arena.read(kept.back().first), kept.back().second);   // may straddle the buffer's end

        // Never beyond its budget; a frame larger than the budget is not kept at all.
        PayloadArena small(64 * 1024);
        for (int i = 0; i < 100; ++i)
            small.append(frameWith(i, 5000), 0);
        QCOMPARE(small.capacity(), qint64(64 * 1024));
        QCOMPARE(small.append(frameWith(1, 70 * 1024), 0).size, qint64(0));
        QVERIFY(PayloadArena(-1).append(frameWith(1, 10), 0).size == 0);
    }

    void arenaKeepsASplitFrameWhole()
    {
        const QByteArray data(Frame::SplitAt + 10, 'z');
        const Frame split = *Frame::makeSharing({7, Flag::Response, Serde::Opaque, true, false}, "w", "c", "f", data);
        QVERIFY(split.isSplit());
        PayloadArena arena(4 << 20);
        const auto extent = arena.append(split, 0);
        const Result<Frame> back = Frame::fromBytes(arena.read(extent));
        QVERIFY(back.ok());
        QCOMPARE(back->dataBytes(), data);
        QCOMPARE(back->flag(), Flag::Response);
    }

    void eventLogPagesWithoutGapsOrRepeats()
    {
        EventLog log(4);
        for (int i = 0; i < 6; ++i)
            log.append({});
        auto page = log.since(0, 100);
        QCOMPARE(page.lost, quint64(2));
        QCOMPARE(page.events.size(), size_t(4));
        QCOMPARE(page.events.front().seq, quint64(3));
        page = log.since(4, 1);
        QCOMPARE(page.events.size(), size_t(1));
        QCOMPARE(page.events.front().seq, quint64(5));
        QCOMPARE(page.lastSeq, quint64(6));
    }
};

QTEST_GUILESS_MAIN(TestMonitorParts)
#include "tst_monitorparts.moc"
