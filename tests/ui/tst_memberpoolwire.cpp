// The lines between daffi-console-bench and its member pool process: what each side writes the
// other reads back, and what neither writes is refused with a sentence.
#include <ui/bench/memberpoolwire.h>

#include <QTest>

using namespace daffi::ui::bench;

class TestMemberPoolWire : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsReadBackAsWritten()
    {
        QString why;
        const QByteArray member = poolwire::line(MemberPool::Spec{"payments-7", {"charge", "refund"}});
        QCOMPARE(member, QByteArray("member payments-7 charge refund\n"));
        const auto m = poolwire::parseCommand(QByteArrayView(member).chopped(1), &why);
        QVERIFY2(m, qPrintable(why));
        const auto &spec = std::get<MemberPool::Spec>(*m);
        QCOMPARE(spec.name, QByteArray("payments-7"));
        QCOMPARE(spec.methods, (QByteArrayList{"charge", "refund"}));

        const auto caller = poolwire::parseCommand("member web-1", &why);
        QVERIFY2(caller, qPrintable(why));
        QVERIFY(std::get<MemberPool::Spec>(*caller).methods.isEmpty());

        const QByteArray churn = poolwire::line(poolwire::Churn{1000, 1500, "session-", {}});
        const auto c = poolwire::parseCommand(QByteArrayView(churn).chopped(1), &why);
        QVERIFY2(c, qPrintable(why));
        QCOMPARE(std::get<poolwire::Churn>(*c).perSecond, 1000.0);
        QCOMPARE(std::get<poolwire::Churn>(*c).lifetimeMs, 1500);
        QCOMPARE(std::get<poolwire::Churn>(*c).prefix, QByteArray("session-"));

        QVERIFY(poolwire::parseCommand("churn 0.5 1 s- echo", &why));
        QVERIFY(std::holds_alternative<poolwire::CountsRequest>(*poolwire::parseCommand("counts", &why)));
    }

    void countsReadBackAsWritten()
    {
        const MemberPool::Counts sent{10000, 12345678901234ULL, 7, 1, 2, 64};
        const QByteArray line = poolwire::line(sent);
        QVERIFY(line.endsWith('\n'));
        QString why;
        const auto got = poolwire::parseCounts(QByteArrayView(line).chopped(1), &why);
        QVERIFY2(got, qPrintable(why));
        QCOMPARE(got->joined, sent.joined);
        QCOMPARE(got->joins, sent.joins);
        QCOMPARE(got->leaves, sent.leaves);
        QCOMPARE(got->dropped, sent.dropped);
        QCOMPARE(got->failed, sent.failed);
        QCOMPARE(got->waiting, sent.waiting);
    }

    void badCommandsAreRefusedInWords_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("unknown verb") << QByteArray("join a");
        QTest::newRow("member without name") << QByteArray("member");
        QTest::newRow("two spaces") << QByteArray("member  a");
        QTest::newRow("trailing space") << QByteArray("member a ");
        QTest::newRow("control byte") << QByteArray("member a\tb");
        QTest::newRow("not ASCII") << QByteArray("member caf\xc3\xa9");
        QTest::newRow("long name") << QByteArray("member " + QByteArray(poolwire::MaxName + 1, 'x'));
        QTest::newRow("long line") << QByteArray("member a " + QByteArray(poolwire::MaxLine, 'x'));
        QTest::newRow("churn short") << QByteArray("churn 10 100");
        QTest::newRow("churn negative") << QByteArray("churn -1 100 s-");
        QTest::newRow("churn exponent") << QByteArray("churn 1e3 100 s-");
        QTest::newRow("churn too many") << QByteArray("churn 100001 100 s-");
        QTest::newRow("churn dot only") << QByteArray("churn . 100 s-");
        QTest::newRow("lifetime zero") << QByteArray("churn 10 0 s-");
        QTest::newRow("lifetime fraction") << QByteArray("churn 10 1.5 s-");
        QTest::newRow("lifetime huge") << QByteArray("churn 10 99999999999999999999 s-");
        QTest::newRow("counts with more") << QByteArray("counts now");
    }
    void badCommandsAreRefusedInWords()
    {
        QFETCH(QByteArray, line);
        QString why;
        QVERIFY(!poolwire::parseCommand(line, &why));
        QVERIFY(!why.isEmpty());
    }

    void badCountsAreRefusedInWords_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("other verb") << QByteArray("count joined=1 joins=1 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("missing field") << QByteArray("counts joined=1 joins=1 leaves=0 dropped=0 failed=0");
        QTest::newRow("extra field") << QByteArray("counts joined=1 joins=1 leaves=0 dropped=0 failed=0 waiting=0 x=1");
        QTest::newRow("fields swapped") << QByteArray("counts joins=1 joined=1 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("negative") << QByteArray("counts joined=-1 joins=1 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("empty value") << QByteArray("counts joined= joins=1 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("joined beyond int") << QByteArray("counts joined=2147483648 joins=1 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("20 digits") << QByteArray("counts joined=1 joins=18446744073709551616 leaves=0 dropped=0 failed=0 waiting=0");
        QTest::newRow("space inside") << QByteArray("counts joined=1  joins=1 leaves=0 dropped=0 failed=0 waiting=0");
    }
    void badCountsAreRefusedInWords()
    {
        QFETCH(QByteArray, line);
        QString why;
        QVERIFY(!poolwire::parseCounts(line, &why));
        QVERIFY(!why.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestMemberPoolWire)
#include "tst_memberpoolwire.moc"
