#include "vectors.h"

#include <core/protocol/websocketframe.h>

#include <QTest>

using namespace daffi;

class TestWebSocketFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptKeyFromRfc6455();
    void browserFrameV14();
    void serverFrameV14();
    void lengthEncodings();
    void incompleteAndInvalid();
};

void TestWebSocketFrame::acceptKeyFromRfc6455()
{
    QCOMPARE(websocket::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketFrame::browserFrameV14()
{
    const char mask[4] = {'\x37', '\xfa', '\x21', '\x3d'};
    QCOMPARE(websocket::encodeBinaryFrame(vectors::V5, mask).toHex(' '), vectors::V14browser.toHex(' '));
    auto f = websocket::decodeFrame(vectors::V14browser);
    QVERIFY(f.ok());
    QVERIFY(f->fin);
    QVERIFY(f->masked);
    QCOMPARE(f->opcode, 2);
    QCOMPARE(f->payload, vectors::V5);
    QCOMPARE(f->frameSize, vectors::V14browser.size());
}

void TestWebSocketFrame::serverFrameV14()
{
    QCOMPARE(websocket::encodeBinaryFrame(vectors::V6).toHex(' '), vectors::V14server.toHex(' '));
}

void TestWebSocketFrame::lengthEncodings()
{
    for (int n : {0, 125, 126, 65535, 65536, 200000}) {
        const QByteArray payload(n, 'p');
        const QByteArray frame = websocket::encodeBinaryFrame(payload);
        const int headerLen = n <= 125 ? 2 : n < 65536 ? 4 : 10;
        QCOMPARE(frame.size(), n + headerLen);
        auto f = websocket::decodeFrame(frame);
        QVERIFY(f.ok());
        QCOMPARE(f->payload.size(), n);
    }
}

void TestWebSocketFrame::incompleteAndInvalid()
{
    QCOMPARE(websocket::decodeFrame(vectors::V14browser.first(10)).error().code, QStringLiteral("Incomplete"));
    QByteArray rsv = vectors::V14browser;
    rsv[0] = char(rsv[0] | 0x40);
    QCOMPARE(websocket::decodeFrame(rsv).error().code, QStringLiteral("ProtocolError"));
    QCOMPARE(websocket::decodeFrame(QByteArray::fromHex("827fffffffffffffffff")).error().code, QStringLiteral("TooLarge"));
}

QTEST_APPLESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
