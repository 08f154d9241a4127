#include "vectors.h"

#include <core/protocol/frame.h>
#include <core/protocol/handshake.h>

#include <QTest>

using namespace daffi;

class TestHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emitsReferenceJson();
    void parsesSpecBodies();
    void acceptsFreeOrderAndWhitespace();
    void errorField();
    void strictness_data();
    void strictness();
    void events();
    void eventErrors_data();
    void eventErrors();
};

void TestHandshake::emitsReferenceJson()
{
    Handshake caller{"client", std::nullopt, {Member{"caller", std::nullopt}}};
    QCOMPARE(caller.toJson(),
             QByteArray(R"({"meta":{"type":"client","error":null},"members":[{"name":"caller","methods":null}]})"));
    Handshake empty{"router", std::nullopt, {Member{"x", QByteArrayList{}}}};
    QCOMPARE(empty.toJson(),
             QByteArray(R"({"meta":{"type":"router","error":null},"members":[{"name":"x","methods":[]}]})"));
    Handshake rejected{"router", QStringLiteral("go \"away\""), {}};
    QCOMPARE(rejected.toJson(), QByteArray("{\"meta\":{\"type\":\"router\",\"error\":\"go \\\"away\\\"\"},\"members\":[]}"));
}

void TestHandshake::parsesSpecBodies()
{
    for (const QByteArray &wire : {vectors::V2, vectors::V3, vectors::V4, vectors::V10,
                                   vectors::V11reply, vectors::JSHello, vectors::JSRouterReply,
                                   vectors::JSMiniHandshake}) {
        auto frame = Frame::fromBytes(wire);
        QVERIFY(frame.ok());
        auto h = Handshake::parse(frame->data());
        QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().message));
        QCOMPARE(h->toJson(), frame->data().toByteArray());   // re-emits byte for byte
    }
    auto v4 = Handshake::parse(Frame::fromBytes(vectors::V4)->data());
    QCOMPARE(v4->type, QByteArray("router"));
    QCOMPARE(v4->members.size(), 2);
    QVERIFY(v4->members[0].hasMethod("add"));
    QVERIFY(!v4->members[1].methods.has_value());
}

void TestHandshake::acceptsFreeOrderAndWhitespace()
{
    auto h = Handshake::parse(R"( { "members" : [ { "methods" : ["a", "b"], "name" : "w" } ],
                                    "meta" : { "error" : null, "type" : "client" } } )");
    QVERIFY(h.ok());
    QCOMPARE(h->members[0].methods, QByteArrayList({"a", "b"}));
    // meta.error may be omitted.
    auto noError = Handshake::parse(R"({"meta":{"type":"client"},"members":[]})");
    QVERIFY(noError.ok());
    QVERIFY(!noError->error);
}

void TestHandshake::errorField()
{
    auto h = Handshake::parse(R"({"meta":{"type":"router","error":"denied"},"members":[]})");
    QVERIFY(h.ok());
    QCOMPARE(h->error, QStringLiteral("denied"));
}

void TestHandshake::strictness_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown top-level") << QByteArray(R"({"meta":{"type":"client"},"members":[],"version":1})") << QStringLiteral("UnknownField");
    QTest::newRow("2.x password") << QByteArray(R"({"meta":{"password":"","type":"client"},"members":[]})") << QStringLiteral("UnknownField");
    QTest::newRow("unknown member key") << QByteArray(R"({"meta":{"type":"client"},"members":[{"name":"a","methods":null,"x":1}]})") << QStringLiteral("UnknownField");
    QTest::newRow("missing meta") << QByteArray(R"({"members":[]})") << QStringLiteral("MissingField");
    QTest::newRow("missing type") << QByteArray(R"({"meta":{},"members":[]})") << QStringLiteral("MissingField");
    QTest::newRow("missing methods") << QByteArray(R"({"meta":{"type":"c"},"members":[{"name":"a"}]})") << QStringLiteral("MissingField");
    QTest::newRow("duplicate") << QByteArray(R"({"meta":{"type":"c"},"meta":{"type":"c"},"members":[]})") << QStringLiteral("DuplicateField");
    QTest::newRow("name not string") << QByteArray(R"({"meta":{"type":"c"},"members":[{"name":1,"methods":null}]})") << QStringLiteral("UnexpectedToken");
    QTest::newRow("methods not list") << QByteArray(R"({"meta":{"type":"c"},"members":[{"name":"a","methods":"add"}]})") << QStringLiteral("UnexpectedToken");
    QTest::newRow("members not list") << QByteArray(R"({"meta":{"type":"c"},"members":{}})") << QStringLiteral("UnexpectedToken");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("UnexpectedToken");
    QTest::newRow("pipe in name") << QByteArray(R"({"meta":{"type":"c"},"members":[{"name":"a|b","methods":null}]})") << QStringLiteral("InvalidName");
    QTest::newRow("comma in method") << QByteArray(R"({"meta":{"type":"c"},"members":[{"name":"a","methods":["x,y"]}]})") << QStringLiteral("InvalidName");
    QTest::newRow("truncated") << QByteArray(R"({"meta":{"type":"c"},"members":[)") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("garbage") << QByteArray("hello") << QStringLiteral("SyntaxError");
}

void TestHandshake::strictness()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    auto h = Handshake::parse(json);
    QVERIFY(!h.ok());
    QCOMPARE(h.error().code, code);
}

void TestHandshake::events()
{
    for (const QByteArray &wire : {vectors::V8, vectors::V9, vectors::JSConnected, vectors::JSDisconnected}) {
        auto frame = Frame::fromBytes(wire);
        auto e = Event::parse(frame->data());
        QVERIFY(e.ok());
        QCOMPARE(e->toJson(), frame->data().toByteArray());
    }
    QCOMPARE((Event{Event::Type::Evicted, "w"}.toJson()), QByteArray(R"({"type":"evicted","member":"w"})"));
}

void TestHandshake::eventErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::newRow("extra key") << QByteArray(R"({"type":"connected","member":"a","at":1})") << QStringLiteral("UnknownField");
    QTest::newRow("missing member") << QByteArray(R"({"type":"connected"})") << QStringLiteral("MissingField");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"joined","member":"a"})") << QStringLiteral("InvalidEnumTag");
    QTest::newRow("member not string") << QByteArray(R"({"type":"connected","member":null})") << QStringLiteral("UnexpectedToken");
}

void TestHandshake::eventErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    auto e = Event::parse(json);
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, code);
}

QTEST_APPLESS_MAIN(TestHandshake)
#include "tst_handshake.moc"
