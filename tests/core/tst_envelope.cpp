#include "vectors.h"

#include <core/protocol/envelope.h>
#include <core/protocol/frame.h>
#include <core/protocol/msgpackcodec.h>

#include <QTest>

using namespace daffi;

class TestEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonCall();
    void jsonCallReadsPythonSpacing();
    void jsonResultAndError();
    void msgpackVectors();
    void msgpackRoundTripsTypes();
    void msgpackErrors_data();
    void msgpackErrors();
    void opaque();
    void errorNeverOpaque();
    void malformedEnvelopes_data();
    void malformedEnvelopes();
    void pickleIsPythonOnly();
};

void TestEnvelope::jsonCall()
{
    auto p = envelope::encodeCall(Serde::Json, {QCborArray{3, 4}, {}});
    QVERIFY(p.ok());
    QCOMPARE(p->data, QByteArray(R"({"args":[3,4],"kwargs":{}})"));
    QCOMPARE(p->isBytes, false);
    // Byte for byte the JS client's request body (JS_CLIENT.md §5).
    QCOMPARE(p->data, Frame::fromBytes(vectors::JSRpc)->data().toByteArray());
}

void TestEnvelope::jsonCallReadsPythonSpacing()
{
    auto c = envelope::decodeCall(Serde::Json, Frame::fromBytes(vectors::V5)->data());
    QVERIFY(c.ok());
    QCOMPARE(c->args, (QCborArray{3, 4}));
    QVERIFY(c->kwargs.isEmpty());
    QCborMap kw;
    kw.insert(QStringLiteral("b"), 2);
    auto p = envelope::encodeCall(Serde::Json, {QCborArray{1}, kw});
    auto back = envelope::decodeCall(Serde::Json, p->data);
    QCOMPARE(back->kwargs.value(QStringLiteral("b")).toInteger(), 2);
}

void TestEnvelope::jsonResultAndError()
{
    auto r = envelope::decodeResult(Serde::Json, false, Frame::fromBytes(vectors::V6)->data());
    QVERIFY(r.ok());
    QCOMPARE(r->toInteger(), 7);
    auto js = envelope::encodeResult(Serde::Json, 7);
    QCOMPARE(js->data, Frame::fromBytes(vectors::JSRpcReply)->data().toByteArray());

    auto e = envelope::decodeError(Serde::Json, Frame::fromBytes(vectors::V7)->data());
    QVERIFY(e.ok());
    QCOMPARE(e->type, QStringLiteral("TypeError"));
    QCOMPARE(e->module, QStringLiteral("builtins"));
    QCOMPARE(e->message, QStringLiteral("boom"));
    QVERIFY(e->traceback.isNull());

    auto enc = envelope::encodeError(Serde::Json, {QStringLiteral("ValueError"), QStringLiteral("builtins"),
                                                   QStringLiteral("boom"), QCborValue(nullptr)});
    QCOMPARE(enc->data, Frame::fromBytes(vectors::JSError)->data().toByteArray());
}

void TestEnvelope::msgpackVectors()
{
    auto req = envelope::encodeCall(Serde::Msgpack, {QCborArray{3, 4}, {}});
    QCOMPARE(req->data.toHex(' '), vectors::V13request.toHex(' '));
    QVERIFY(req->isBytes);
    auto res = envelope::encodeResult(Serde::Msgpack, 7);
    QCOMPARE(res->data.toHex(' '), vectors::V13response.toHex(' '));
    auto call = envelope::decodeCall(Serde::Msgpack, vectors::V13request);
    QCOMPARE(call->args, (QCborArray{3, 4}));
    auto value = envelope::decodeResult(Serde::Msgpack, true, vectors::V13response);
    QCOMPARE(value->toInteger(), 7);
    auto err = envelope::encodeError(Serde::Msgpack, {QStringLiteral("E"), QStringLiteral("m"), QStringLiteral("x"), QCborValue(nullptr)});
    QCOMPARE(envelope::decodeError(Serde::Msgpack, err->data)->type, QStringLiteral("E"));
}

void TestEnvelope::msgpackRoundTripsTypes()
{
    QCborMap m;
    m.insert(1, QStringLiteral("int key"));
    m.insert(QStringLiteral("k"), QByteArray("\x00\x01\xff", 3));
    const QCborArray value{QCborValue(nullptr), true, false, -1, qint64(1) << 40, -(qint64(1) << 40),
                           1.5, QStringLiteral("ünï"), m, QCborArray{}};
    auto back = msgpack::decode(msgpack::encode(value));
    QVERIFY(back.ok());
    QCOMPARE(back->toArray(), value);
    // Python's msgpack packs 2**64-1 as uint64: outside qint64, kept as a double.
    auto big = msgpack::decode(QByteArray::fromHex("cfffffffffffffffff"));
    QVERIFY(big->isDouble());
}

void TestEnvelope::msgpackErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::newRow("truncated") << QByteArray::fromHex("9292") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("trailing") << QByteArray::fromHex("9000") << QStringLiteral("TrailingBytes");
    QTest::newRow("ext") << QByteArray::fromHex("d40102") << QStringLiteral("UnsupportedType");
    QTest::newRow("invalid utf8 str") << QByteArray::fromHex("a1ff") << QStringLiteral("InvalidUtf8");
    QTest::newRow("huge array header") << QByteArray::fromHex("ddffffffff") << QStringLiteral("UnexpectedEndOfInput");
    QTest::newRow("deep") << QByteArray(200, char(0x91)) + QByteArray(1, char(0xc0)) << QStringLiteral("NestingTooDeep");
    QTest::newRow("reserved byte") << QByteArray::fromHex("c1") << QStringLiteral("InvalidMsgpack");
}

void TestEnvelope::msgpackErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    auto v = msgpack::decode(bytes);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, code);
}

void TestEnvelope::opaque()
{
    auto bytes = envelope::encodeCall(Serde::Opaque, {QCborArray{QByteArray("\x00\x01", 2)}, {}});
    QCOMPARE(bytes->data, QByteArray("\x00\x01", 2));
    QVERIFY(bytes->isBytes);
    auto text = envelope::encodeCall(Serde::Opaque, {QCborArray{QStringLiteral("hé")}, {}});
    QCOMPARE(text->data, QByteArray("h\xc3\xa9"));
    QVERIFY(!text->isBytes);
    auto none = envelope::encodeResult(Serde::Opaque, QCborValue(nullptr));
    QCOMPARE(none->data, QByteArray("None"));    // what a Python worker returning None sends
    QCOMPARE(envelope::encodeResult(Serde::Opaque, 42)->data, QByteArray("42"));
    QCOMPARE(envelope::encodeResult(Serde::Opaque, true)->data, QByteArray("True"));
    auto empty = envelope::encodeCall(Serde::Opaque, {});
    QVERIFY(empty->data.isEmpty());
    QVERIFY(empty->isBytes);
    auto two = envelope::encodeCall(Serde::Opaque, {QCborArray{1, 2}, {}});
    QCOMPARE(two.error().code, QStringLiteral("TypeError"));
    QCOMPARE(envelope::decodeResult(Serde::Opaque, true, "ab")->toByteArray(), QByteArray("ab"));
    QCOMPARE(envelope::decodeResult(Serde::Opaque, false, "ab")->toString(), QStringLiteral("ab"));
}

void TestEnvelope::errorNeverOpaque()
{
    auto e = envelope::encodeError(Serde::Opaque, {QStringLiteral("KeyError"), QStringLiteral("builtins"),
                                                   QStringLiteral("k"), QCborValue(nullptr)});
    QCOMPARE(e->serde, Serde::Json);
    auto back = envelope::decodeError(e->serde, e->data);
    QCOMPARE(back->type, QStringLiteral("KeyError"));
    // A PICKLE request's error cannot be pickled here: it must still be encodable (as JSON).
    auto pickled = envelope::encodeError(Serde::Pickle, {QStringLiteral("E"), QStringLiteral("m"), QStringLiteral("x"), QCborValue(nullptr)});
    QVERIFY(pickled.ok());
    QCOMPARE(pickled->serde, Serde::Json);
    auto protocolError = envelope::decodeError(Serde::Opaque, "failed to parse handshake message: UnknownField");
    QVERIFY(protocolError->message.endsWith(QStringLiteral("UnknownField")));
}

void TestEnvelope::malformedEnvelopes_data()
{
    QTest::addColumn<int>("serde");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("json no kwargs") << int(Serde::Json) << QByteArray(R"({"args":[]})");
    QTest::newRow("json args not list") << int(Serde::Json) << QByteArray(R"({"args":1,"kwargs":{}})");
    QTest::newRow("json array") << int(Serde::Json) << QByteArray("[[],{}]");
    QTest::newRow("json garbage") << int(Serde::Json) << QByteArray("{");
    QTest::newRow("msgpack map") << int(Serde::Msgpack) << QByteArray::fromHex("80");
    QTest::newRow("msgpack 3 elements") << int(Serde::Msgpack) << QByteArray::fromHex("939080c0");
}

void TestEnvelope::malformedEnvelopes()
{
    QFETCH(int, serde);
    QFETCH(QByteArray, data);
    auto c = envelope::decodeCall(Serde(serde), data);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, QStringLiteral("MalformedPayload"));
    auto e = envelope::decodeError(Serde(serde), data);
    QVERIFY(!e.ok());
}

void TestEnvelope::pickleIsPythonOnly()
{
    QCOMPARE(envelope::encodeCall(Serde::Pickle, {}).error().code, QStringLiteral("UnsupportedSerde"));
    QCOMPARE(envelope::decodeCall(Serde::Pickle, "x").error().code, QStringLiteral("UnsupportedSerde"));
}

QTEST_APPLESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
