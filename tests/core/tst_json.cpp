#include <core/protocol/json.h>

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace daffi;

class TestJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValues();
    void keepsKeyOrder();
    void errors_data();
    void errors();
    void depthLimit();
    void writesCompactAndPythonStyles();
    void escapesStrings();
    void roundTripsUnicode();
    void bigIntegersBecomeDoubles();
};

void TestJson::parsesValues()
{
    auto v = json::parse(R"( {"a": [1, -2, 3.5, 1e3, true, false, null, "x\n\u00e9\ud83d\ude00"]} )");
    QVERIFY(v.ok());
    const QCborArray a = v->toMap().value(QLatin1StringView("a")).toArray();
    QCOMPARE(a.size(), 8);
    QCOMPARE(a.at(0).toInteger(), 1);
    QCOMPARE(a.at(1).toInteger(), -2);
    QCOMPARE(a.at(2).toDouble(), 3.5);
    QCOMPARE(a.at(3).toDouble(), 1000.0);
    QVERIFY(a.at(4).isTrue());
    QVERIFY(a.at(5).isFalse());
    QVERIFY(a.at(6).isNull());
    QCOMPARE(a.at(7).toString(), QString::fromUtf8("x\n\u00e9\U0001F600"));
}

void TestJson::keepsKeyOrder()
{
    const QByteArray text = R"({"meta":{"type":"router","error":null},"members":[]})";
    auto v = json::parse(text);
    QVERIFY(v.ok());
    QCOMPARE(json::write(*v), text);
}

void TestJson::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("open object") << QByteArray(R"({"a":1)") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("open string") << QByteArray(R"(["abc)") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("partial literal") << QByteArray("tru") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("duplicate key") << QByteArray(R"({"a":1,"a":2})") << QStringLiteral("DuplicateField");
    QTest::newRow("trailing comma") << QByteArray("[1,]") << QStringLiteral("SyntaxError");
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("SyntaxError");
    QTest::newRow("trailing garbage") << QByteArray("{} x") << QStringLiteral("SyntaxError");
    QTest::newRow("leading zero") << QByteArray("[01]") << QStringLiteral("SyntaxError");
    QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << QStringLiteral("SyntaxError");
    QTest::newRow("lone surrogate") << QByteArray(R"(["\ud800"])") << QStringLiteral("SyntaxError");
    QTest::newRow("control char") << QByteArray("[\"a\x01\"]") << QStringLiteral("SyntaxError");
    QTest::newRow("invalid utf8") << QByteArray("[\"\xff\"]") << QStringLiteral("SyntaxError");
    QTest::newRow("NaN") << QByteArray("[NaN]") << QStringLiteral("SyntaxError");
    QTest::newRow("bad literal") << QByteArray("nul!") << QStringLiteral("SyntaxError");
}

void TestJson::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    auto v = json::parse(text);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, code);
    QVERIFY(v.error().message.contains(QStringLiteral("offset")));
}

void TestJson::depthLimit()
{
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    auto v = json::parse(deep);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, QStringLiteral("NestingTooDeep"));
    auto ok = json::parse(QByteArray(QByteArray(64, '[') + QByteArray(64, ']')));
    QVERIFY(ok.ok());
}

void TestJson::writesCompactAndPythonStyles()
{
    QCborMap m;
    m.insert(QStringLiteral("args"), QCborArray{3, 4});
    m.insert(QStringLiteral("kwargs"), QCborMap{});
    QCOMPARE(json::write(m), QByteArray(R"({"args":[3,4],"kwargs":{}})"));
    QCOMPARE(json::write(m, json::Style::Python), QByteArray(R"({"args": [3, 4], "kwargs": {}})"));
    QCOMPARE(json::write(QCborValue(2.0)), QByteArray("2.0"));
    QCOMPARE(json::write(QCborValue(0.1)), QByteArray("0.1"));
    QCOMPARE(json::write(QCborValue(1e300)), QByteArray("1e+300"));
    QCOMPARE(json::write(QCborValue(qQNaN())), QByteArray("null"));
}

void TestJson::escapesStrings()
{
    QCOMPARE(json::write(QCborValue(QStringLiteral("a\"b\\c\n\x01"))), QByteArray("\"a\\\"b\\\\c\\n\\u0001\""));
}

void TestJson::roundTripsUnicode()
{
    const QString s = QString::fromUtf8("wörker-\U0001F600");
    auto v = json::parse(json::write(QCborValue(s)));
    QVERIFY(v.ok());
    QCOMPARE(v->toString(), s);
}

void TestJson::bigIntegersBecomeDoubles()
{
    auto v = json::parse("[9223372036854775807, 18446744073709551616]");
    QVERIFY(v.ok());
    QCOMPARE(v->toArray().at(0).toInteger(), std::numeric_limits<qint64>::max());
    QVERIFY(v->toArray().at(1).isDouble());
}

QTEST_APPLESS_MAIN(TestJson)
#include "tst_json.moc"
