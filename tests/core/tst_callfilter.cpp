#include <core/capture/callfilter.h>
#include <core/capture/quantity.h>

#include <QTest>

using namespace daffi;

namespace {

Monitor::CallRecord call(const QByteArray &caller, const QByteArray &receiver, const QByteArray &function,
                         Monitor::Status status, std::optional<qint64> latencyUs = std::nullopt, qint64 requestSize = 40,
                         qint64 replySize = 0)
{
    Monitor::CallRecord r;
    r.seq = 7;
    r.uuid = 3;
    r.caller = caller;
    r.receiver = receiver;
    r.function = function;
    r.status = status;
    r.serde = Serde::Json;
    r.latencyUs = latencyUs;
    r.requestSize = requestSize;
    r.replySize = replySize;
    auto f = Frame::make({3, Flag::Request, Serde::Json, false, true}, caller, receiver, function,
                         R"({"args":["needle"],"kwargs":{}})");
    r.request = *f;
    return r;
}

bool matches(const QString &filter, const Monitor::CallRecord &r)
{
    auto f = CallFilter::parse(filter);
    if (!f)
        qWarning("%s: %s", qPrintable(filter), qPrintable(f.error().message));
    return f && f->matches(r);
}

QString errorOf(const QString &filter)
{
    auto f = CallFilter::parse(filter);
    return f ? QString() : f.error().message;
}

} // namespace

class TestCallFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantities()
    {
        QCOMPARE(quantity::bytes(u"512"), 512);
        QCOMPARE(quantity::bytes(u"64kB"), 64000);
        QCOMPARE(quantity::bytes(u"64KiB"), 65536);
        QCOMPARE(quantity::bytes(u"1.5MB"), 1500000);
        QCOMPARE(quantity::bytes(u"2gib"), 2LL * 1024 * 1024 * 1024);
        QCOMPARE(quantity::bytes(u"12 parsecs"), std::nullopt);
        QCOMPARE(quantity::bytes(u"kB"), std::nullopt);
        QCOMPARE(quantity::microseconds(u"5ms"), 5000);
        QCOMPARE(quantity::microseconds(u"250us"), 250);
        QCOMPARE(quantity::microseconds(u"250µs"), 250);
        QCOMPARE(quantity::microseconds(u"1.5s"), 1500000);
        QCOMPARE(quantity::microseconds(u"2min"), 120000000);
        QCOMPARE(quantity::microseconds(u"5"), std::nullopt);   // a duration needs its unit
        QCOMPARE(quantity::bytes(u"99999999999999999999999GB"), std::nullopt);
    }

    void comparisons()
    {
        const auto r = call("web-1", "w2", "add", Monitor::Status::Ok, 7500, 40, 30);
        QVERIFY(matches(QStringLiteral("function == \"add\""), r));
        QVERIFY(matches(QStringLiteral("function == add"), r));
        QVERIFY(matches(QStringLiteral("function = add"), r));
        QVERIFY(!matches(QStringLiteral("function == \"Add\""), r));   // names are exact
        QVERIFY(matches(QStringLiteral("function != echo"), r));
        QVERIFY(matches(QStringLiteral("latency > 5ms"), r));
        QVERIFY(!matches(QStringLiteral("latency > 7.5ms"), r));
        QVERIFY(matches(QStringLiteral("latency >= 7500us"), r));
        QVERIFY(matches(QStringLiteral("latency < 1s"), r));
        QVERIFY(matches(QStringLiteral("status == ok"), r));
        QVERIFY(matches(QStringLiteral("status != error"), r));
        QVERIFY(matches(QStringLiteral("caller ~ \"web-\""), r));
        QVERIFY(matches(QStringLiteral("caller ~ \"^WEB\""), r));   // without regard to case
        QVERIFY(!matches(QStringLiteral("caller ~ \"^w2\""), r));
        QVERIFY(matches(QStringLiteral("caller contains \"eb-\""), r));
        QVERIFY(matches(QStringLiteral("caller matches \"[0-9]$\""), r));
        QVERIFY(matches(QStringLiteral("size == 70"), r));
        QVERIFY(matches(QStringLiteral("size < 64kB"), r));
        QVERIFY(!matches(QStringLiteral("size > 64kB"), r));
        QVERIFY(matches(QStringLiteral("request_size == 40 and reply_size == 30"), r));
        QVERIFY(matches(QStringLiteral("serde == json"), r));
        QVERIFY(matches(QStringLiteral("serde == JSON"), r));
        QVERIFY(matches(QStringLiteral("style == rpc"), r));
        QVERIFY(matches(QStringLiteral("seq == 7 and uuid == 3"), r));
        QVERIFY(matches(QStringLiteral("member == w2"), r));
        QVERIFY(matches(QStringLiteral("member == web-1"), r));
        QVERIFY(!matches(QStringLiteral("member != w2"), r));
        QVERIFY(matches(QStringLiteral("member != w3"), r));
        QVERIFY(matches(QStringLiteral("payload contains needle"), r));
        QVERIFY(matches(QStringLiteral("payload ~ \"NEEDLE\""), r));
        QVERIFY(!matches(QStringLiteral("payload contains haystack"), r));
    }

    void missingValuesCompareFalse()
    {
        const auto pending = call("c", "w1", "hang", Monitor::Status::Pending);
        QVERIFY(!matches(QStringLiteral("latency > 1ms"), pending));
        QVERIFY(!matches(QStringLiteral("latency < 1ms"), pending));
        QVERIFY(!matches(QStringLiteral("latency != 1ms"), pending));
        QVERIFY(matches(QStringLiteral("not latency > 1ms"), pending));
        QVERIFY(!matches(QStringLiteral("reply_size < 1kB"), pending));
    }

    void logicAndPrecedence()
    {
        const auto ok = call("web-1", "w1", "add", Monitor::Status::Ok, 100);
        const auto err = call("cli", "w2", "boom", Monitor::Status::Error, 9000);
        const QString f = QStringLiteral("function == add or status == error and latency > 5ms");
        QVERIFY(matches(f, ok));
        QVERIFY(matches(f, err));
        // and binds tighter than or
        QVERIFY(!matches(QStringLiteral("function == add or status == error and latency > 10ms"), err));
        QVERIFY(matches(QStringLiteral("(function == add or status == error) and latency > 5ms"), err));
        QVERIFY(!matches(QStringLiteral("(function == add or status == error) and latency > 5ms"), ok));
        QVERIFY(matches(QStringLiteral("not status == ok"), err));
        QVERIFY(matches(QStringLiteral("!(status == ok) && caller == cli || function == nothing"), err));
        QVERIFY(matches(QStringLiteral("not not status == error"), err));
        QVERIFY(matches(QStringLiteral("  "), err));   // empty: everything
        QVERIFY(CallFilter::parse(u"").value().isEmpty());
    }

    void errorsSayWhatAndWhere()
    {
        QVERIFY(errorOf(QStringLiteral("latency > 5")).contains(QStringLiteral("duration")));
        QVERIFY(errorOf(QStringLiteral("latency > 5")).contains(QStringLiteral("column 11")));
        QVERIFY(errorOf(QStringLiteral("status == okk")).contains(QStringLiteral("pending, ok, error")));
        QVERIFY(errorOf(QStringLiteral("caller > 5")).contains(QStringLiteral("compare it with")));
        QVERIFY(errorOf(QStringLiteral("colour == red")).contains(QStringLiteral("expected a field")));
        QVERIFY(errorOf(QStringLiteral("function ==")).contains(QStringLiteral("needs a value")));
        QVERIFY(errorOf(QStringLiteral("function")).contains(QStringLiteral("needs a comparison")));
        QVERIFY(errorOf(QStringLiteral("(status == ok")).contains(QStringLiteral("not closed")));
        QVERIFY(errorOf(QStringLiteral("status == ok)")).contains(QStringLiteral("closes nothing")));
        QVERIFY(errorOf(QStringLiteral("status == ok and")).contains(QStringLiteral("missing at the end")));
        QVERIFY(errorOf(QStringLiteral("caller == \"web")).contains(QStringLiteral("closing quote")));
        QVERIFY(errorOf(QStringLiteral("caller ~ \"(\"")).contains(QStringLiteral("regular expression")));
        QVERIFY(errorOf(QStringLiteral("caller ~ ^web")).contains(QStringLiteral("quotes")));
        QVERIFY(errorOf(QStringLiteral("size > 64 parsecs")).contains(QStringLiteral("and, or")));
        QVERIFY(errorOf(QStringLiteral("size > 64parsecs")).contains(QStringLiteral("size")));
        QVERIFY(errorOf(QStringLiteral("seq == \"7\"")).contains(QStringLiteral("whole number")));
        QVERIFY(errorOf(QStringLiteral("status == ok status == error")).contains(QStringLiteral("and, or")));
    }

    void plainWordsAreNotExpressions()
    {
        QVERIFY(!CallFilter::looksLikeExpression(u"add"));
        QVERIFY(!CallFilter::looksLikeExpression(u"web-1 errors"));
        QVERIFY(!CallFilter::looksLikeExpression(u"function"));
        QVERIFY(CallFilter::looksLikeExpression(u"function == add"));
        QVERIFY(CallFilter::looksLikeExpression(u"latency>5ms"));
        QVERIFY(CallFilter::looksLikeExpression(u"(status"));
        QVERIFY(CallFilter::looksLikeExpression(u"caller contains x"));
        QVERIFY(CallFilter::looksLikeExpression(u"\"web"));
    }

    void completion()
    {
        auto c = CallFilter::complete(u"", 0);
        QVERIFY(c.words.contains(QStringLiteral("function")));
        QVERIFY(c.words.contains(QStringLiteral("not")));
        QCOMPARE(c.start, 0);

        c = CallFilter::complete(u"lat", 3);
        QCOMPARE(c.words, QStringList{QStringLiteral("latency")});
        QCOMPARE(c.start, 0);

        c = CallFilter::complete(u"status ", 7);
        QCOMPARE(c.words, (QStringList{QStringLiteral("=="), QStringLiteral("!=")}));

        c = CallFilter::complete(u"status == o", 11);
        QCOMPARE(c.words, QStringList{QStringLiteral("ok")});
        QCOMPARE(c.start, 10);

        c = CallFilter::complete(u"status == ok ", 13);
        QCOMPARE(c.words, (QStringList{QStringLiteral("and"), QStringLiteral("or")}));

        c = CallFilter::complete(u"status == ok and re", 19);
        QVERIFY(c.words.contains(QStringLiteral("receiver")));
        QVERIFY(c.words.contains(QStringLiteral("request_size")));
        QCOMPARE(c.start, 17);

        c = CallFilter::complete(u"function == ", 12, [](const QString &field) {
            return field == u"function" ? QStringList{QStringLiteral("add"), QStringLiteral("two words")} : QStringList{};
        });
        QCOMPARE(c.words, (QStringList{QStringLiteral("add"), QStringLiteral("\"two words\"")}));

        // the cursor in the middle: only what is before it counts
        c = CallFilter::complete(u"ser == json", 3);
        QCOMPARE(c.words, QStringList{QStringLiteral("serde")});
    }

    void copiesShareAndOutliveTheirText()
    {
        CallFilter copy;
        {
            QString text = QStringLiteral("function == add");
            copy = *CallFilter::parse(text);
            text.fill(u'x');
        }
        QVERIFY(copy.matches(call("a", "b", "add", Monitor::Status::Ok)));
        QVERIFY(!copy.matches(call("a", "b", "sub", Monitor::Status::Ok)));
    }
};

QTEST_GUILESS_MAIN(TestCallFilter)
#include "tst_callfilter.moc"
