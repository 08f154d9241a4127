#include "vectors.h"

#include <core/protocol/framereader.h>

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

using namespace daffi;

class TestFrameReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allAtOnce();
    void byteByByte();
    void wholeFramesParseAsByteWise();
    void randomSplits();
    void frameSplitAcrossReads();
    void readsFromDevice();
    void largeFrameBufferAllocatedOnce();
    void largeDataReadIntoItsOwnBuffer();
    void maximumSizeFrame();
    void validationErrors_data();
    void validationErrors();
    void metadataValidatedBeforeData();
    void stopsAtFirstErrorInChunk();
    void configurableLimit();

private:
    static QByteArray stream();
    static QList<QByteArray> frames();
    static void checkFrames(FrameReader &reader);
};

QList<QByteArray> TestFrameReader::frames()
{
    return {vectors::V2, vectors::V4, vectors::V5, vectors::V6, vectors::V7, vectors::V8,
            vectors::V9, vectors::V10, vectors::V12, vectors::JSMsgpackRequest};
}

QByteArray TestFrameReader::stream()
{
    QByteArray all;
    for (const QByteArray &f : frames())
        all += f;
    return all;
}

void TestFrameReader::checkFrames(FrameReader &reader)
{
    QVERIFY2(!reader.hasError(), reader.hasError() ? qPrintable(reader.error().message) : "");
    const auto expected = frames();
    QCOMPARE(reader.pendingFrames(), expected.size());
    for (const QByteArray &e : expected)
        QCOMPARE(reader.takeFrame().bytes().toHex(' '), e.toHex(' '));
    QVERIFY(!reader.hasFrame());
    QCOMPARE(reader.partialBytes(), 0);
}

void TestFrameReader::allAtOnce()
{
    FrameReader reader;
    const QByteArray s = stream();
    QCOMPARE(reader.feed(s), s.size());
    checkFrames(reader);
}

void TestFrameReader::byteByByte()
{
    FrameReader reader;
    const QByteArray s = stream();
    for (char c : s)
        QCOMPARE(reader.feed(QByteArrayView(&c, 1)), 1);
    checkFrames(reader);
}

void TestFrameReader::wholeFramesParseAsByteWise()
{
    // Frames that arrive whole in one chunk take a shorter path than frames built up byte by
    // byte: both must yield the same fields (the separators are found on either path).
    FrameReader whole;
    FrameReader byteWise;
    const QByteArray s = stream();
    whole.feed(s);
    for (char c : s)
        byteWise.feed(QByteArrayView(&c, 1));
    QCOMPARE(whole.pendingFrames(), frames().size());
    QCOMPARE(byteWise.pendingFrames(), frames().size());
    while (whole.hasFrame()) {
        const Frame a = whole.takeFrame();
        const Frame b = byteWise.takeFrame();
        QCOMPARE(a.flag(), b.flag());
        QCOMPARE(a.uuid(), b.uuid());
        QCOMPARE(a.transmitter(), b.transmitter());
        QCOMPARE(a.receiver(), b.receiver());
        QCOMPARE(a.function(), b.function());
        QCOMPARE(a.data(), b.data());
    }
}

void TestFrameReader::randomSplits()
{
    const QByteArray s = stream();
    auto *rng = QRandomGenerator::global();
    for (int round = 0; round < 200; ++round) {
        FrameReader reader;
        qsizetype pos = 0;
        while (pos < s.size()) {
            const qsizetype n = std::min<qsizetype>(s.size() - pos, rng->bounded(1, 40));
            reader.feed(QByteArrayView(s).sliced(pos, n));
            pos += n;
        }
        checkFrames(reader);
    }
}

void TestFrameReader::frameSplitAcrossReads()
{
    FrameReader reader;
    reader.feed(vectors::V5.first(4));
    QVERIFY(!reader.hasFrame());
    QCOMPARE(reader.partialBytes(), 4);
    reader.feed(QByteArrayView(vectors::V5).sliced(4, 20));
    QVERIFY(!reader.hasFrame());
    reader.feed(QByteArrayView(vectors::V5).sliced(24));
    QVERIFY(reader.hasFrame());
    const Frame f = reader.takeFrame();
    QCOMPARE(f.function(), QByteArrayView("add"));
    QCOMPARE(f.data(), QByteArrayView(R"({"args": [3, 4], "kwargs": {}})"));
}

void TestFrameReader::readsFromDevice()
{
    QByteArray s = stream();
    QBuffer buffer(&s);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    FrameReader reader;
    reader.readFrom(&buffer);
    checkFrames(reader);
}

void TestFrameReader::largeFrameBufferAllocatedOnce()
{
    const QByteArray payload(8 * 1024 * 1024, 'z');
    auto built = Frame::make({7, Flag::Request, Serde::Opaque, true, true}, "a", "b", "f", payload);
    QVERIFY(built.ok());
    FrameReader reader;
    const QByteArray &wire = built->bytes();
    // Feed in socket-sized pieces; the frame's buffer must be the one allocated at header time.
    reader.feed(QByteArrayView(wire).first(Header::Size + 5));
    qsizetype pos = Header::Size + 5;
    while (pos < wire.size()) {
        const qsizetype n = std::min<qsizetype>(65536, wire.size() - pos);
        reader.feed(QByteArrayView(wire).sliced(pos, n));
        pos += n;
    }
    QVERIFY(reader.hasFrame());
    const Frame f = reader.takeFrame();
    QCOMPARE(f.size(), wire.size());
    QCOMPARE(f.data().size(), payload.size());
    QVERIFY(f.data() == QByteArrayView(payload));
    // Allocated once, exactly sized: header and metadata, and the data in a buffer of its own
    // that becomes the payload without a copy.
    QVERIFY(f.isSplit());
    QCOMPARE(f.head().capacity(), f.head().size());
    QCOMPARE(f.body().capacity(), f.body().size());
    QCOMPARE(f.dataBytes().constData(), f.body().constData());
    QVERIFY(f.bytes() == wire);
}

void TestFrameReader::largeDataReadIntoItsOwnBuffer()
{
    // Small frames around large ones (one just at the split size), in any chunking and through
    // both ways of reading from a device: the same messages come out.
    QList<QByteArray> wires = frames();
    for (qsizetype size : {Frame::SplitAt - 1, Frame::SplitAt, qsizetype(300'000)}) {
        QByteArray payload(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < size; ++i)
            payload[i] = char(i * 7);
        wires.insert(2, Frame::make({3, Flag::Response, Serde::Opaque, true, false}, "w", "c", "f", payload)->bytes());
    }
    QByteArray all;
    for (const QByteArray &w : wires)
        all += w;
    auto check = [&](FrameReader &reader) {
        QVERIFY2(!reader.hasError(), reader.hasError() ? qPrintable(reader.error().message) : "");
        QCOMPARE(reader.pendingFrames(), wires.size());
        for (const QByteArray &w : wires) {
            const Frame f = reader.takeFrame();
            QCOMPARE(f.isSplit(), f.data().size() >= Frame::SplitAt);
            QVERIFY(f.bytes() == w);
        }
        QCOMPARE(reader.partialBytes(), 0);
    };
    auto *rng = QRandomGenerator::global();
    for (int round = 0; round < 20; ++round) {
        FrameReader reader;
        for (qsizetype pos = 0; pos < all.size();) {
            const qsizetype n = std::min<qsizetype>(all.size() - pos, rng->bounded(1, 100'000));
            QCOMPARE(reader.feed(QByteArrayView(all).sliced(pos, n)), n);
            pos += n;
        }
        check(reader);
    }
    {
        QBuffer buffer(&all);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        FrameReader reader;
        reader.readFrom(&buffer);
        check(reader);
    }
    {
        QBuffer buffer(&all);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        FrameReader reader;
        char scratch[4096];
        bool drained = false;
        while (!drained)
            reader.readOnceFrom(&buffer, scratch, sizeof scratch, &drained);
        check(reader);
    }
}

void TestFrameReader::maximumSizeFrame()
{
    const QByteArray payload(int(Header::MaxMsgLen) - 5, '\x01');
    auto built = Frame::make({1, Flag::Request, Serde::Opaque, true, false}, "a", "b", "f", payload);
    QVERIFY(built.ok());
    FrameReader reader;
    reader.feed(built->bytes());
    QVERIFY(reader.hasFrame());
    QCOMPARE(reader.takeFrame().header().msgLen, Header::MaxMsgLen);
}

void TestFrameReader::validationErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");

    QByteArray flag5 = vectors::V5;
    flag5[2] = char((flag5[2] & 0xF0) | 5);
    QByteArray flag15 = vectors::V5;
    flag15[2] = char(flag15[2] | 0x0F);
    QByteArray metaTooLong = vectors::V5;
    metaTooLong[6] = char(0x7F << 1);
    QByteArray zeroBars = vectors::V5;
    zeroBars[9 + 6] = 'X';
    zeroBars[9 + 13] = 'X';
    QByteArray oneBar = vectors::V5;
    oneBar[9 + 6] = 'X';
    Header threeBarsHeader = Header::decode(vectors::V5.constData());
    const QByteArray threeBarsMeta = "a|b|c|d";
    threeBarsHeader.metadataLen = uint16_t(threeBarsMeta.size());
    threeBarsHeader.msgLen = uint32_t(threeBarsMeta.size() + 2);
    QByteArray threeBars(Header::Size, Qt::Uninitialized);
    threeBarsHeader.encode(threeBars.data());
    threeBars += threeBarsMeta + "{}";
    Header emptyMetaHeader;
    emptyMetaHeader.flag = Flag::Request;
    emptyMetaHeader.msgLen = 4;
    QByteArray emptyMeta(Header::Size, Qt::Uninitialized);
    emptyMetaHeader.encode(emptyMeta.data());
    emptyMeta += "data";
    QByteArray huge = vectors::V5;
    huge[3] = huge[4] = huge[5] = char(0xFF);
    huge[6] = char(huge[6] | 1);   // msg_len 2^25-1 passes the wire limit but not a 1 MiB limit

    QTest::newRow("flag 5") << flag5 << QStringLiteral("InvalidFlag");
    QTest::newRow("flag 15") << flag15 << QStringLiteral("InvalidFlag");
    QTest::newRow("metadata_len > msg_len") << metaTooLong << QStringLiteral("BadMetadataLength");
    QTest::newRow("0 separators") << zeroBars << QStringLiteral("BadMetadata");
    QTest::newRow("1 separator") << oneBar << QStringLiteral("BadMetadata");
    QTest::newRow("3 separators") << threeBars << QStringLiteral("BadMetadata");
    QTest::newRow("empty metadata") << emptyMeta << QStringLiteral("BadMetadata");
    QTest::newRow("over the configured limit") << huge << QStringLiteral("FrameTooLarge");
}

void TestFrameReader::validationErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    for (bool byteWise : {false, true}) {
        FrameReader reader(1024 * 1024);
        if (byteWise) {
            for (char c : bytes)
                reader.feed(QByteArrayView(&c, 1));
        } else {
            reader.feed(bytes);
        }
        QVERIFY(reader.hasError());
        QCOMPARE(reader.error().code, code);
        QVERIFY(!reader.error().message.isEmpty());
        QVERIFY(!reader.hasFrame());
    }
}

void TestFrameReader::metadataValidatedBeforeData()
{
    // A bad metadata string is refused as soon as it is complete, not after 30 MiB of data.
    Header h;
    h.flag = Flag::Request;
    h.metadataLen = 3;
    h.msgLen = 30 * 1024 * 1024;
    QByteArray bytes(Header::Size, Qt::Uninitialized);
    h.encode(bytes.data());
    bytes += "abc";
    FrameReader reader;
    reader.feed(bytes);
    QVERIFY(reader.hasError());
    QCOMPARE(reader.error().code, QStringLiteral("BadMetadata"));
}

void TestFrameReader::stopsAtFirstErrorInChunk()
{
    QByteArray bad = vectors::V6;
    bad[2] = char(bad[2] | 0x0F);
    const QByteArray chunk = vectors::V5 + bad + vectors::V7;
    FrameReader reader;
    const qsizetype consumed = reader.feed(chunk);
    QCOMPARE(consumed, vectors::V5.size() + Header::Size);
    QVERIFY(reader.hasError());
    QCOMPARE(reader.pendingFrames(), 1);   // the good frame before the error is still delivered
    // Further input is ignored once the stream is known to be broken.
    QCOMPARE(reader.feed(vectors::V5), 0);
}

void TestFrameReader::configurableLimit()
{
    FrameReader reader(Header::MaxMsgLen + 100);
    QCOMPARE(reader.maxMsgLen(), Header::MaxMsgLen);
    reader.setMaxMsgLen(46);
    reader.feed(vectors::V5);   // msg_len 47
    QVERIFY(reader.hasError());
    QCOMPARE(reader.error().code, QStringLiteral("FrameTooLarge"));
}

QTEST_APPLESS_MAIN(TestFrameReader)
#include "tst_framereader.moc"
