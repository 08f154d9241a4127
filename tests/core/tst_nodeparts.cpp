#include <core/node/backoff.h>
#include <core/node/memberregistry.h>
#include <core/node/pendingcalls.h>
#include <core/protocol/bytekey.h>

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace daffi;

class TestNodeParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundRobinMatchesReference();
    void explicitReceiver();
    void swapRemoveOrder();
    void uuidsSkipZeroAndPending();
    void timedOutUuidIsHeldUntilAnsweredOrGone();
    void heldUuidsNeverExhaustTheNumbering();
    void answerOnlyFromItsReceiver();
    void deadlinesExpireInOrder();
    void failByReceiver();
    void lateAnswerIsDiscarded();
    void resultNames();
    void backoffFirstRetryIsFast();
    void backoffDoublesUpToItsCap();
    void byteKeysOfEveryLength();
    void backoffSpreadsAFleet();
};

static Member m(const char *name, std::optional<QByteArrayList> methods)
{
    return Member{name, methods};
}

void TestNodeParts::roundRobinMatchesReference()
{
    MemberRegistry r;
    r.reset({m("w1", QByteArrayList{"add"}), m("me", std::nullopt), m("w2", QByteArrayList{"add", "sub"})});
    QString why;
    // One cursor for every function, advanced before picking: with two candidates the first call
    // goes to the second (PROTOCOL.md §7.2).
    QCOMPARE(*r.resolve("add", {}, "me", &why), QByteArray("w2"));
    QCOMPARE(*r.resolve("add", {}, "me", &why), QByteArray("w1"));
    QCOMPARE(*r.resolve("sub", {}, "me", &why), QByteArray("w2"));   // one candidate: cursor back to 0
    QCOMPARE(*r.resolve("add", {}, "me", &why), QByteArray("w2"));   // so add goes to index 1 again
    QVERIFY(!r.resolve("mul", {}, "me", &why));
    QVERIFY(why.contains(QStringLiteral("mul")));
    QCOMPARE(r.exposing("add", "me"), QByteArrayList({"w1", "w2"}));
    QVERIFY(r.describe("me").contains(QStringLiteral("w2 (callbacks: add, sub)")));
}

void TestNodeParts::explicitReceiver()
{
    MemberRegistry r;
    r.reset({m("w1", QByteArrayList{"add"}), m("me", QByteArrayList{"add"})});
    QString why;
    QCOMPARE(*r.resolve("add", "w1", "me", &why), QByteArray("w1"));
    QVERIFY(!r.resolve("sub", "w1", "me", &why));
    QVERIFY(why.contains(QStringLiteral("does not expose")));
    QVERIFY(!r.resolve("add", "ghost", "me", &why));
    QVERIFY(!r.resolve("add", "me", "me", &why));   // never ourselves
}

void TestNodeParts::swapRemoveOrder()
{
    MemberRegistry r;
    r.reset({m("a", std::nullopt), m("b", std::nullopt), m("c", std::nullopt), m("d", std::nullopt)});
    QVERIFY(r.remove("b"));
    QStringList order;
    for (const Member &x : r.members())
        order << QString::fromUtf8(x.name);
    QCOMPARE(order, QStringList({QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("c")}));
    r.upsert(m("a", QByteArrayList{"f"}));
    QVERIFY(r.find("a")->hasMethod("f"));
    QCOMPARE(r.members().size(), size_t(3));
}

void TestNodeParts::uuidsSkipZeroAndPending()
{
    PendingCalls p;
    QCOMPARE(*p.allocate(), quint16(1));
    p.add(2, "w", std::nullopt, [](CallResult &&) {});
    QCOMPARE(*p.allocate(), quint16(3));   // 2 is still pending
    for (int i = 3; i < 65535; ++i)
        p.allocate();
    QCOMPARE(*p.allocate(), quint16(1));   // wrapped past 65535, skipped 0 and went on at 1
    QCOMPARE(*p.allocate(), quint16(3));
}

void TestNodeParts::deadlinesExpireInOrder()
{
    PendingCalls p;
    QList<quint16> expired;
    const auto now = PendingCalls::Clock::now();
    p.add(1, "w", now + std::chrono::milliseconds(120), [&](CallResult &&r) {
        QCOMPARE(r.status, CallResult::Status::Timeout);
        expired << 1;
    });
    p.add(2, "w", now + std::chrono::milliseconds(40), [&](CallResult &&) { expired << 2; });
    p.add(3, "w", std::nullopt, [&](CallResult &&) { expired << 3; });
    QTRY_COMPARE(expired, QList<quint16>({2, 1}));
    QCOMPARE(p.size(), 3);   // the timed-out two still hold their uuids (see timedOutUuidIsHeld)
}

void TestNodeParts::failByReceiver()
{
    PendingCalls p;
    QList<QByteArray> failed;
    for (quint16 u = 1; u <= 4; ++u) {
        p.add(u, u % 2 ? "odd" : "even", std::nullopt, [&, u](CallResult &&r) {
            QCOMPARE(r.status, CallResult::Status::Disconnected);
            QCOMPARE(r.reason, u % 2 ? CallResult::Reason::ReceiverLeft : CallResult::Reason::ConnectionLost);
            failed << QByteArray::number(u);
        });
    }
    p.failAll(CallResult::Status::Disconnected, CallResult::Reason::ReceiverLeft, QStringLiteral("gone"), "odd");
    std::sort(failed.begin(), failed.end());
    QCOMPARE(failed, QList<QByteArray>({"1", "3"}));
    p.failAll(CallResult::Status::Disconnected, CallResult::Reason::ConnectionLost, QStringLiteral("all gone"));
    QCOMPARE(p.size(), 0);
}

void TestNodeParts::lateAnswerIsDiscarded()
{
    PendingCalls p;
    int calls = 0;
    p.add(5, "w", PendingCalls::Clock::now(), [&](CallResult &&) { ++calls; });
    QTRY_COMPARE(calls, 1);   // timed out
    QVERIFY(!p.complete(5, CallResult{}));
    QCOMPARE(calls, 1);
}

void TestNodeParts::timedOutUuidIsHeldUntilAnsweredOrGone()
{
    PendingCalls p;
    QCOMPARE(*p.allocate(), quint16(1));
    int calls = 0;
    p.add(1, "w", PendingCalls::Clock::now(), [&](CallResult &&r) {
        QCOMPARE(r.status, CallResult::Status::Timeout);
        QCOMPARE(r.receiver, QByteArray("w"));
        ++calls;
    });
    QTRY_COMPARE(calls, 1);
    for (int i = 2; i <= 65535; ++i)
        QCOMPARE(*p.allocate(), quint16(i));
    QCOMPARE(*p.allocate(), quint16(2));   // wrapped past 1: w may still answer it
    CallResult late;
    late.receiver = "w";
    QVERIFY(!p.answer(1, std::move(late)));   // discarded, and 1 is free again
    QCOMPARE(calls, 1);
    QCOMPARE(p.size(), 0);
    for (int i = 3; i <= 65535; ++i)
        p.allocate();
    QCOMPARE(*p.allocate(), quint16(1));
    p.add(1, "w", PendingCalls::Clock::now(), [&](CallResult &&) { ++calls; });
    QTRY_COMPARE(calls, 2);
    p.failAll(CallResult::Status::Disconnected, CallResult::Reason::ReceiverLeft, QStringLiteral("gone"), "w");
    QCOMPARE(calls, 2);   // it ended once, at its deadline; leaving only frees the uuid
    QCOMPARE(p.size(), 0);
}

// A member that never answers nor leaves: its timed-out calls hold their uuids, but once every
// uuid is taken one of those is given back, so the connection can always call again.
void TestNodeParts::heldUuidsNeverExhaustTheNumbering()
{
    PendingCalls p;
    int timedOut = 0;
    for (int i = 1; i <= 65535; ++i) {
        const quint16 uuid = *p.allocate();
        p.add(uuid, "silent", PendingCalls::Clock::now(), [&](CallResult &&) { ++timedOut; });
    }
    QTRY_COMPARE(timedOut, 65535);
    QCOMPARE(p.size(), 65535);
    const std::optional<quint16> next = p.allocate();
    QVERIFY(next.has_value());
    QCOMPARE(p.size(), 65534);
    // Only waiting calls left: then the numbering is full indeed.
    PendingCalls q;
    for (int i = 1; i <= 65535; ++i)
        q.add(*q.allocate(), "w", std::nullopt, [](CallResult &&) {});
    QVERIFY(!q.allocate().has_value());
}

void TestNodeParts::answerOnlyFromItsReceiver()
{
    PendingCalls p;
    QByteArray by;
    p.add(7, "w", std::nullopt, [&](CallResult &&r) { by = r.receiver; });
    CallResult other;
    other.receiver = "x";
    QVERIFY(!p.answer(7, std::move(other)));
    QVERIFY(p.isPending(7));
    CallResult mine;
    mine.receiver = "w";
    QVERIFY(p.answer(7, std::move(mine)));
    QCOMPARE(by, QByteArray("w"));
}

void TestNodeParts::resultNames()
{
    // daffi-call prints these and the Python enums take their names from the same Q_ENUMs.
    QCOMPARE(CallResult::statusName(CallResult::Status::NoReceiver), QStringLiteral("NoReceiver"));
    QCOMPARE(CallResult::statusName(CallResult::Status::InvalidArgument), QStringLiteral("InvalidArgument"));
    QCOMPARE(CallResult::reasonName(CallResult::Reason::ReceiverLeft), QStringLiteral("ReceiverLeft"));
    QCOMPARE(CallResult::reasonName(CallResult::Reason::Unspecified), QStringLiteral("Unspecified"));
    QCOMPARE(CallResult::failure(CallResult::Status::Evicted, CallResult::Reason::NameTaken, {}).reason,
             CallResult::Reason::NameTaken);
}

using std::chrono::milliseconds;

void TestNodeParts::backoffFirstRetryIsFast()
{
    // The single-client case: the first retry waits between half the first delay and all of it.
    QCOMPARE(backoffDelay(1, milliseconds(200), milliseconds(30000), 0.0), milliseconds(100));
    QCOMPARE(backoffDelay(1, milliseconds(200), milliseconds(30000), 0.5), milliseconds(150));
    QCOMPARE(backoffDelay(1, milliseconds(200), milliseconds(30000), 0.999999), milliseconds(200));
    // Degenerate options still give a wait, never zero or negative.
    QVERIFY(backoffDelay(1, milliseconds(0), milliseconds(0), 0.0) >= milliseconds(0));
    QVERIFY(backoffDelay(1, milliseconds(-5), milliseconds(-5), 1.0) <= milliseconds(1));
}

void TestNodeParts::backoffDoublesUpToItsCap()
{
    const milliseconds first(200), cap(30000);
    for (int attempt = 1; attempt <= 40; ++attempt) {
        const milliseconds ceiling = std::min<milliseconds>(first * (1L << std::min(attempt - 1, 20)), cap);
        const milliseconds low = backoffDelay(attempt, first, cap, 0.0);
        const milliseconds high = backoffDelay(attempt, first, cap, 0.999999);
        QCOMPARE(low, ceiling / 2);
        QCOMPARE(high, ceiling);
        QVERIFY(high <= cap);
    }
    QCOMPARE(backoffDelay(1000000, first, cap, 1.0), cap);   // no overflow however long it fails
}

void TestNodeParts::backoffSpreadsAFleet()
{
    // 10,000 clients that lost one router at once: their first retries spread over the window
    // instead of landing in the same millisecond.
    QRandomGenerator random(42);
    std::map<qint64, int> perMillisecond;
    for (int i = 0; i < 10000; ++i)
        ++perMillisecond[backoffDelay(1, milliseconds(200), milliseconds(30000), random.generateDouble()).count()];
    QVERIFY(perMillisecond.begin()->first >= 100);
    QVERIFY(perMillisecond.rbegin()->first <= 200);
    QVERIFY2(perMillisecond.size() >= 95, "the retries cover the window");
    int busiest = 0;
    for (const auto &[ms, n] : perMillisecond)
        busiest = std::max(busiest, n);
    QVERIFY2(busiest < 250, qPrintable(QStringLiteral("%1 clients retried in one millisecond").arg(busiest)));
}

void TestNodeParts::byteKeysOfEveryLength()
{
    // Keys under 16 bytes are hashed padded with zeros, their length last: keys that differ only
    // by trailing zero bytes must still hash apart, and every length must be found again.
    const size_t seed = 0x5eed;
    QCOMPARE_NE(hashBytes("a", seed), hashBytes(QByteArrayView("a\0", 2), seed));
    QCOMPARE_NE(hashBytes("", seed), hashBytes(QByteArrayView("\0", 1), seed));
    QCOMPARE_NE(hashBytes(QByteArray(15, '\0'), seed), hashBytes(QByteArray(14, '\0'), seed));
    QCOMPARE_NE(hashBytes("worker", seed), hashBytes("worker", seed + 1));   // the seed counts
    QSet<ByteKey> keys;
    QSet<size_t> hashes;
    for (int n = 0; n <= 40; ++n) {
        const QByteArray key(n, 'k');
        keys.insert(ByteKey{key});
        hashes.insert(hashBytes(key, seed));
        QCOMPARE(hashBytes(key, seed), hashBytes(ByteKey::borrowed(key).bytes, seed));
    }
    QCOMPARE(hashes.size(), 41);
    for (int n = 0; n <= 40; ++n) {
        const QByteArray key(n, 'k');
        QVERIFY(keys.contains(ByteKey::borrowed(key)));
        QVERIFY(!keys.contains(ByteKey{key + 'x'}));
    }
}

QTEST_GUILESS_MAIN(TestNodeParts)
#include "tst_nodeparts.moc"
