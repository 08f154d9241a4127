#include "vectors.h"

#include <core/protocol/frame.h>
#include <core/protocol/handshake.h>

#include <QTest>

using namespace daffi;

class TestFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsSpecVectors_data();
    void buildsSpecVectors();
    void parsesSpecVectors_data() { buildsSpecVectors_data(); }
    void parsesSpecVectors();
    void helloReplyReusesReceivedHeader();
    void parseErrorReplyMatchesV12();
    void refusesSeparatorInNames();
    void refusesOversizedMessages();
    void fromBytesValidates_data();
    void fromBytesValidates();
    void sharesBufferWithoutCopy();
    void largeDataIsSharedNotCopied();
};

struct Spec
{
    Frame::Fields fields;
    QByteArray transmitter, receiver, function, data;
};
Q_DECLARE_METATYPE(Spec)

static Spec spec(uint16_t uuid, Flag flag, Serde serde, bool isBytes, bool rr, const char *t,
                 const char *r, const char *f, QByteArray data)
{
    return Spec{{uuid, flag, serde, isBytes, rr}, t, r, f, data};
}

void TestFrame::buildsSpecVectors_data()
{
    QTest::addColumn<Spec>("in");
    QTest::addColumn<QByteArray>("wire");
    const auto json = Serde::Json;
    QTest::newRow("V2") << spec(1, Flag::Handshake, json, false, true, "caller", "", "",
                                R"({"meta":{"type":"client","error":null},"members":[{"name":"caller","methods":null}]})")
                        << vectors::V2;
    QTest::newRow("V3") << spec(1, Flag::Handshake, json, false, true, "worker", "", "",
                                R"({"meta":{"type":"client","error":null},"members":[{"name":"worker","methods":["add"]}]})")
                        << vectors::V3;
    QTest::newRow("V5") << spec(2, Flag::Request, json, false, true, "caller", "worker", "add",
                                R"({"args": [3, 4], "kwargs": {}})") << vectors::V5;
    QTest::newRow("V5 js") << spec(2, Flag::Request, json, false, true, "caller", "worker", "add",
                                   R"({"args":[3,4],"kwargs":{}})") << vectors::V5js;
    QTest::newRow("V6") << spec(2, Flag::Response, json, false, false, "worker", "caller", "add",
                                R"({"args": [7], "kwargs": {}})") << vectors::V6;
    QTest::newRow("V7") << spec(2, Flag::Error, json, false, false, "worker", "caller", "add",
                                R"({"args": [["TypeError", "builtins", "boom", null]], "kwargs": {}})")
                        << vectors::V7;
    QTest::newRow("V8") << spec(0, Flag::Events, json, false, false, "", "", "",
                                R"({"type":"connected","member":"caller"})") << vectors::V8;
    QTest::newRow("V9") << spec(0, Flag::Events, json, false, false, "", "", "",
                                R"({"type":"disconnected","member":"worker"})") << vectors::V9;
    QTest::newRow("V10") << spec(0, Flag::Handshake, json, false, false, "", "", "",
                                 R"({"meta":{"type":"router","error":null},"members":[{"name":"w2","methods":["add"]}]})")
                         << vectors::V10;
    QTest::newRow("V11 request") << spec(2, Flag::Request, json, false, true, "caller", "calc", "add",
                                         R"({"args": [3, 4], "kwargs": {}})") << vectors::V11request;
    QTest::newRow("V11 response") << spec(2, Flag::Response, json, false, false, "calc", "caller", "add",
                                          R"({"args": [7], "kwargs": {}})") << vectors::V11response;
    QTest::newRow("JS hello") << spec(1, Flag::Handshake, json, false, true, "probe-client", "", "",
                                      R"({"meta":{"type":"client","error":null},"members":[{"name":"probe-client","methods":null}]})")
                              << vectors::JSHello;
    QTest::newRow("JS rpc") << spec(2, Flag::Request, json, false, true, "probe-client", "worker-1", "add",
                                    R"({"args":[3,4],"kwargs":{}})") << vectors::JSRpc;
    QTest::newRow("JS rpc reply") << spec(2, Flag::Response, json, false, false, "worker-1", "probe-client", "add",
                                          R"({"args":[7],"kwargs":{}})") << vectors::JSRpcReply;
    QTest::newRow("JS msgpack request") << spec(3, Flag::Request, Serde::Msgpack, true, true, "probe-client", "worker-1", "add",
                                                vectors::V13request) << vectors::JSMsgpackRequest;
    QTest::newRow("JS msgpack reply") << spec(3, Flag::Response, Serde::Msgpack, true, false, "worker-1", "probe-client", "add",
                                              vectors::V13response) << vectors::JSMsgpackReply;
    QTest::newRow("JS nowait") << spec(4, Flag::Request, json, false, false, "probe-client", "worker-1", "ping",
                                       R"({"args":[],"kwargs":{}})") << vectors::JSNowait;
    QTest::newRow("JS mini handshake") << spec(0, Flag::Handshake, json, false, false, "", "", "",
                                               R"({"meta":{"type":"router","error":null},"members":[{"name":"worker-2","methods":["add","ping"]}]})")
                                       << vectors::JSMiniHandshake;
    QTest::newRow("JS connected") << spec(0, Flag::Events, json, false, false, "", "", "",
                                          R"({"type":"connected","member":"worker-2"})") << vectors::JSConnected;
    QTest::newRow("JS disconnected") << spec(0, Flag::Events, json, false, false, "", "", "",
                                             R"({"type":"disconnected","member":"worker-2"})") << vectors::JSDisconnected;
    QTest::newRow("JS error") << spec(5, Flag::Error, json, false, false, "worker-1", "probe-client", "fail",
                                      R"({"args":[["ValueError","builtins","boom",null]],"kwargs":{}})") << vectors::JSError;
}

void TestFrame::buildsSpecVectors()
{
    QFETCH(Spec, in);
    QFETCH(QByteArray, wire);
    auto f = Frame::make(in.fields, in.transmitter, in.receiver, in.function, in.data);
    QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
    QCOMPARE(f->bytes().toHex(' '), wire.toHex(' '));
}

void TestFrame::parsesSpecVectors()
{
    QFETCH(Spec, in);
    QFETCH(QByteArray, wire);
    auto f = Frame::fromBytes(wire);
    QVERIFY(f.ok());
    QCOMPARE(f->uuid(), in.fields.uuid);
    QCOMPARE(f->flag(), in.fields.flag);
    QCOMPARE(f->serde(), in.fields.serde);
    QCOMPARE(f->header().isBytes, in.fields.isBytes);
    QCOMPARE(f->header().returnResult, in.fields.returnResult);
    QCOMPARE(f->transmitter(), QByteArrayView(in.transmitter));
    QCOMPARE(f->receiver(), QByteArrayView(in.receiver));
    QCOMPARE(f->function(), QByteArrayView(in.function));
    QCOMPARE(f->data(), QByteArrayView(in.data));
}

void TestFrame::helloReplyReusesReceivedHeader()
{
    // V4: the router answers V2 with V2's header and metadata and the full member list.
    auto hello = Frame::fromBytes(vectors::V2);
    QVERIFY(hello.ok());
    Handshake reply{"router", std::nullopt,
                    {Member{"worker", QByteArrayList{"add"}}, Member{"caller", std::nullopt}}};
    QCOMPARE(hello->withData(reply.toJson()).bytes().toHex(' '), vectors::V4.toHex(' '));

    auto svcHello = Frame::fromBytes(vectors::V2);
    Handshake svc{"service", std::nullopt, {Member{"calc", QByteArrayList{"add"}}}};
    QCOMPARE(svcHello->withData(svc.toJson()).bytes().toHex(' '), vectors::V11reply.toHex(' '));

    auto js = Frame::fromBytes(vectors::JSHello);
    Handshake jsReply{"router", std::nullopt,
                      {Member{"probe-client", std::nullopt}, Member{"worker-1", QByteArrayList{"add", "ping"}}}};
    QCOMPARE(js->withData(jsReply.toJson()).bytes().toHex(' '), vectors::JSRouterReply.toHex(' '));
}

void TestFrame::parseErrorReplyMatchesV12()
{
    auto hello = Frame::fromBytes(vectors::V2);
    const Frame reply = hello->withData("failed to parse handshake message: UnknownField",
                                        Flag::Error, Serde::Opaque);
    QCOMPARE(reply.bytes().toHex(' '), vectors::V12.toHex(' '));
}

void TestFrame::refusesSeparatorInNames()
{
    for (auto [t, r, f] : {std::tuple{"a|b", "c", "f"}, {"a", "c|", "f"}, {"a", "c", "|f"}}) {
        auto frame = Frame::make({}, t, r, f, "x");
        QVERIFY(!frame.ok());
        QCOMPARE(frame.error().code, QStringLiteral("BadMetadata"));
    }
}

void TestFrame::refusesOversizedMessages()
{
    const QByteArray longName(int(Header::MaxMetadataLen), 'n');
    auto f = Frame::make({}, longName, "", "", "");
    QCOMPARE(f.error().code, QStringLiteral("MetadataTooLong"));

    const QByteArray big(int(Header::MaxMsgLen) - 2 + 1, 'x');
    auto g = Frame::make({}, "", "", "", big);
    QCOMPARE(g.error().code, QStringLiteral("ExceedsMaxMessageSize"));
    auto h = Frame::make({}, "", "", "", QByteArrayView(big).chopped(1));
    QVERIFY(h.ok());
    QCOMPARE(h->header().msgLen, Header::MaxMsgLen);
}

void TestFrame::fromBytesValidates_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QByteArray badFlag = vectors::V5;
    badFlag[2] = char((badFlag[2] & 0xF0) | 5);
    QByteArray badMetaLen = vectors::V5;
    badMetaLen[6] = char(0x7F << 1);  // metadata_len 127 > msg_len 47
    QByteArray oneBar = vectors::V5;
    oneBar[9 + 6] = 'X';                // "callerXworker|add"
    QTest::newRow("short") << vectors::V5.first(8) << QStringLiteral("Truncated");
    QTest::newRow("truncated body") << vectors::V5.chopped(1) << QStringLiteral("LengthMismatch");
    QTest::newRow("two messages") << vectors::V5 + vectors::V6 << QStringLiteral("LengthMismatch");
    QTest::newRow("flag 5") << badFlag << QStringLiteral("InvalidFlag");
    QTest::newRow("metadata_len > msg_len") << badMetaLen << QStringLiteral("BadMetadataLength");
    QTest::newRow("one separator") << oneBar << QStringLiteral("BadMetadata");
}

void TestFrame::fromBytesValidates()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    auto f = Frame::fromBytes(bytes);
    QVERIFY(!f.ok());
    QCOMPARE(f.error().code, code);
    QVERIFY(!f.error().message.isEmpty());
}

void TestFrame::sharesBufferWithoutCopy()
{
    QByteArray wire = vectors::V5;
    const char *p = wire.constData();
    auto f = Frame::fromBytes(wire);
    QCOMPARE(f->bytes().constData(), p);
    QCOMPARE(f->data().data(), p + 9 + 17);
}

void TestFrame::largeDataIsSharedNotCopied()
{
    const Frame::Fields fields{9, Flag::Request, Serde::Opaque, true, true};
    for (qsizetype size : {qsizetype(0), qsizetype(100), Frame::SplitAt - 1, Frame::SplitAt, qsizetype(3 << 20)}) {
        const QByteArray payload(size, 'p');
        auto shared = Frame::makeSharing(fields, "caller", "worker", "fn", payload);
        auto copied = Frame::make(fields, "caller", "worker", "fn", payload);
        QVERIFY(shared.ok() && copied.ok());
        QVERIFY(!copied->isSplit());
        QCOMPARE(shared->isSplit(), size >= Frame::SplitAt);
        // Either way the same message, byte for byte.
        QCOMPARE(shared->size(), copied->size());
        QVERIFY(shared->bytes() == copied->bytes());
        QCOMPARE(shared->header().msgLen, copied->header().msgLen);
        QCOMPARE(shared->function(), QByteArrayView("fn"));
        QCOMPARE(shared->receiver(), QByteArrayView("worker"));
        QVERIFY(shared->data() == QByteArrayView(payload));
        if (shared->isSplit()) {
            QCOMPARE(shared->head().size(), 9 + qsizetype(shared->header().metadataLen));
            QCOMPARE(shared->body().constData(), payload.constData());       // not copied in
            QCOMPARE(shared->dataBytes().constData(), payload.constData());  // nor out
        }
    }
}

QTEST_APPLESS_MAIN(TestFrame)
#include "tst_frame.moc"
