// The monitor's value classes: latency histogram, its time windows, ring cursors, event log.
#include <core/monitor/eventlog.h>
#include <core/monitor/latencywindow.h>
#include <core/monitor/ringspan.h>

#include <QTest>

#include <algorithm>
#include <random>

using namespace daffi;

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
