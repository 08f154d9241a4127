#include "vectors.h"

#include <core/protocol/header.h>

#include <QTest>

using namespace daffi;

class TestHeader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesSpecHeaders_data();
    void decodesSpecHeaders();
    void roundTripsEveryField();
    void encodesMaximumLengths();
    void ignoresTrailerByteOnDecode();
    void reportsRawInvalidFlag();
    void serdeNames();
};

void TestHeader::decodesSpecHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("uuid");
    QTest::addColumn<int>("flag");
    QTest::addColumn<int>("serde");
    QTest::addColumn<bool>("isBytes");
    QTest::addColumn<bool>("returnResult");
    QTest::addColumn<int>("msgLen");
    QTest::addColumn<int>("metadataLen");

    QTest::newRow("V2 hello") << vectors::V2 << 1 << 0 << 1 << false << true << 92 << 8;
    QTest::newRow("V4 reply") << vectors::V4 << 1 << 0 << 1 << false << true << 128 << 8;
    QTest::newRow("V5 request") << vectors::V5 << 2 << 1 << 1 << false << true << 47 << 17;
    QTest::newRow("V6 response") << vectors::V6 << 2 << 2 << 1 << false << false << 44 << 17;
    QTest::newRow("V7 error") << vectors::V7 << 2 << 3 << 1 << false << false << 82 << 17;
    QTest::newRow("V8 event") << vectors::V8 << 0 << 4 << 1 << false << false << 40 << 2;
    QTest::newRow("V12 parse error") << vectors::V12 << 1 << 3 << 0 << false << true << 55 << 8;
    QTest::newRow("JS msgpack") << vectors::JSMsgpackRequest << 3 << 1 << 3 << true << true << 30 << 25;
    // message.zig's unit test value 0x8000320003e8901e61, little-endian on the wire.
    QTest::newRow("zig unit test") << QByteArray::fromHex("611e90e80300320080")
                                   << 0x1e61 << 0 << 1 << false << true << 1000 << 25;
}

void TestHeader::decodesSpecHeaders()
{
    QFETCH(QByteArray, bytes);
    const Header h = Header::decode(bytes.constData());
    QFETCH(int, uuid);
    QFETCH(int, flag);
    QFETCH(int, serde);
    QFETCH(bool, isBytes);
    QFETCH(bool, returnResult);
    QFETCH(int, msgLen);
    QFETCH(int, metadataLen);
    QCOMPARE(int(h.uuid), uuid);
    QCOMPARE(int(h.flag), flag);
    QCOMPARE(int(h.serde), serde);
    QCOMPARE(h.isBytes, isBytes);
    QCOMPARE(h.returnResult, returnResult);
    QCOMPARE(int(h.msgLen), msgLen);
    QCOMPARE(int(h.metadataLen), metadataLen);

    char out[Header::Size];
    h.encode(out);
    QCOMPARE(QByteArray(out, 8), bytes.first(8));
    QCOMPARE(uint8_t(out[8]), Header::TrailerByte);
}

void TestHeader::roundTripsEveryField()
{
    for (int flag = 0; flag <= 4; ++flag) {
        for (int serde = 0; serde <= 3; ++serde) {
            for (int bits = 0; bits < 4; ++bits) {
                Header h;
                h.uuid = uint16_t(0xBEEF + flag * 7 + serde);
                h.flag = Flag(flag);
                h.serde = Serde(serde);
                h.isBytes = bits & 1;
                h.returnResult = bits & 2;
                h.msgLen = 0x1ABCDEF - uint32_t(flag * 1000 + serde);
                h.metadataLen = uint16_t(0x5A5A + bits);
                char buf[Header::Size];
                h.encode(buf);
                QCOMPARE(Header::decode(buf), h);
            }
        }
    }
}

void TestHeader::encodesMaximumLengths()
{
    Header h;
    h.msgLen = Header::MaxMsgLen;
    h.metadataLen = Header::MaxMetadataLen;
    char buf[Header::Size];
    h.encode(buf);
    QCOMPARE(QByteArray(buf, Header::Size).toHex(), QByteArray("000000ffffffffff81"));
    const Header d = Header::decode(buf);
    QCOMPARE(d.msgLen, Header::MaxMsgLen);
    QCOMPARE(d.metadataLen, uint16_t(Header::MaxMetadataLen));
}

void TestHeader::ignoresTrailerByteOnDecode()
{
    QByteArray b = vectors::V5.first(9);
    b[8] = char(0x00);  // big-endian flag, msg_parts 0: never read by the reference
    const Header h = Header::decode(b.constData());
    QCOMPARE(h, Header::decode(vectors::V5.constData()));
}

void TestHeader::reportsRawInvalidFlag()
{
    QByteArray b = vectors::V5.first(9);
    b[2] = char((b[2] & 0xF0) | 0x0F);
    uint8_t raw = 0;
    Header::decode(b.constData(), &raw);
    QCOMPARE(raw, uint8_t(15));
}

void TestHeader::serdeNames()
{
    QCOMPARE(serdeFromName(u"raw"), Serde::Opaque);
    QCOMPARE(serdeFromName(u"JSON"), Serde::Json);
    QCOMPARE(serdeFromName(u" msgpack "), Serde::Msgpack);
    QCOMPARE(serdeFromName(u"2"), Serde::Pickle);
    QVERIFY(!serdeFromName(u"yaml"));
    QCOMPARE(serdeName(Serde::Msgpack), QStringLiteral("MSGPACK"));
    QCOMPARE(flagName(Flag::Events), QStringLiteral("EVENTS"));
}

QTEST_APPLESS_MAIN(TestHeader)
#include "tst_header.moc"
