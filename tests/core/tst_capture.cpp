#include <core/capture/capture.h>
#include <core/capture/captureformat.h>
#include <core/capture/capturereader.h>
#include <core/capture/capturewriter.h>

#include <QBuffer>
#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <zlib.h>
#include <zstd.h>

using namespace daffi;

namespace {

Frame frame(Flag flag, const QByteArray &from, const QByteArray &to, const QByteArray &function, const QByteArray &data,
            Serde serde = Serde::Json)
{
    return *Frame::make({9, flag, serde, false, flag == Flag::Request}, from, to, function, data);
}

Monitor::CallRecord callRecord(quint64 seq, Monitor::Status status = Monitor::Status::Pending)
{
    Monitor::CallRecord r;
    r.seq = seq;
    r.timeMs = 1'800'000'000'000 + qint64(seq);
    r.caller = "caller";
    r.receiver = "w1";
    r.function = "add";
    r.serde = Serde::Json;
    r.uuid = quint16(seq);
    r.status = status;
    r.request = frame(Flag::Request, "caller", "w1", "add", R"({"args":[3,4],"kwargs":{}})");
    r.requestSize = r.request.size();
    return r;
}

// One record framed as the decompressed stream holds it, with a checksum that fits or not.
QByteArray framed(quint8 kind, const QByteArray &body, bool goodCrc = true)
{
    char head[captureformat::RecordHeaderSize];
    head[0] = char(kind);
    qToLittleEndian<quint32>(quint32(body.size()), head + 1);
    uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(head), 1);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size()));
    qToLittleEndian<quint32>(quint32(crc) ^ (goodCrc ? 0u : 1u), head + 5);
    return QByteArray(head, sizeof head) + body;
}

// A capture file made by hand: the header and `stream` compressed as one zstd frame.
QByteArray fileOf(const QByteArray &stream, quint16 version = captureformat::Version)
{
    QByteArray out(captureformat::HeaderSize, '\0');
    std::copy(captureformat::Magic.begin(), captureformat::Magic.end(), out.data());
    qToLittleEndian<quint16>(version, out.data() + 8);
    out[10] = char(captureformat::CompressionZstd);
    QByteArray z(qsizetype(ZSTD_compressBound(size_t(stream.size()))), '\0');
    const size_t n = ZSTD_compress(z.data(), size_t(z.size()), stream.constData(), size_t(stream.size()), 3);
    return out + z.left(qsizetype(n));
}

QByteArray body(const CaptureRecord &r)
{
    return r.encode();
}

Result<Capture> readBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return Capture::read(&buffer, QStringLiteral("test.dcap"));
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QByteArray readFile(const QString &p)
    {
        QFile f(p);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }

private Q_SLOTS:
    void everyRecordKindRoundTrips()
    {
        CaptureInfo info;
        info.source = QStringLiteral("daffi-router");
        info.version = QStringLiteral("0.1.0");
        info.host = QStringLiteral("box");
        info.createdMs = 1'800'000'000'000;
        info.routerStartedMs = 1'799'999'999'000;
        info.listen = {QStringLiteral("tcp://127.0.0.1:6000")};
        info.part = 3;
        info.note = QStringLiteral("a note");

        MemberInfo member;
        member.name = QByteArray("w\xff-1", 4);   // names are bytes, not necessarily UTF-8
        member.methods = {"add", "echo"};
        member.hasMethodList = true;
        member.connectionId = 4;
        member.transport = Connection::Transport::WebSocket;
        member.address = QStringLiteral("127.0.0.1:5000");
        member.connectedAt = QDateTime::fromMSecsSinceEpoch(1'800'000'000'123);
        MemberInfo caller;
        caller.name = "caller-only";

        std::vector<EventLog::Event> events;
        for (EventLog::Kind kind : {EventLog::Kind::Joined, EventLog::Kind::Updated, EventLog::Kind::Left,
                                    EventLog::Kind::Dropped, EventLog::Kind::Refused}) {
            EventLog::Event e;
            e.seq = events.size() + 1;
            e.timeMs = 1'800'000'000'200 + qint64(e.seq);
            e.kind = kind;
            e.member = kind == EventLog::Kind::Dropped || kind == EventLog::Kind::Refused ? QByteArray() : QByteArray("w1");
            e.connection = kind == EventLog::Kind::Refused ? 0 : 5;
            e.address = QStringLiteral("10.0.0.1:4000");
            if (kind != EventLog::Kind::Refused)
                e.transport = Connection::Transport::Tls;
            if (kind == EventLog::Kind::Joined || kind == EventLog::Kind::Updated)
                e.methods = {"add"};
            if (kind == EventLog::Kind::Left || kind == EventLog::Kind::Dropped || kind == EventLog::Kind::Refused)
                e.reason = QStringLiteral("it went away");
            if (kind == EventLog::Kind::Left || kind == EventLog::Kind::Dropped)
                e.cause = Connection::CloseCause::WriteStall;
            events.push_back(e);
        }

        std::vector<Monitor::CallRecord> calls;
        for (Monitor::Status s : {Monitor::Status::Pending, Monitor::Status::Ok, Monitor::Status::Error,
                                  Monitor::Status::Refused, Monitor::Status::Sent, Monitor::Status::Lost}) {
            Monitor::CallRecord r = callRecord(calls.size() + 1, s);
            if (s == Monitor::Status::Ok) {
                r.latencyUs = 1234;
                r.reply = frame(Flag::Response, "w1", "caller", "add", R"({"args":[7],"kwargs":{}})");
                r.replySize = r.reply.size();
            }
            if (s == Monitor::Status::Error) {
                r.reply = frame(Flag::Error, "w1", "caller", "add", R"(["ValueError","builtins","boom",null])");
                r.replySize = r.reply.size();
            }
            if (s == Monitor::Status::Refused || s == Monitor::Status::Lost)
                r.detail = QStringLiteral("no member named w1");
            if (s == Monitor::Status::Sent)
                r.request = Frame();   // no payload kept
            calls.push_back(r);
        }

        CaptureAnswer answer;
        answer.answer.seq = 11;
        answer.answer.callSeq = 1;
        answer.answer.status = Monitor::Status::Ok;
        answer.answer.latencyUs = 99;
        answer.answer.replySize = 44;
        answer.reply = frame(Flag::Response, "w1", "caller", "add", "7", Serde::Opaque);
        CaptureAnswer lost;
        lost.answer.seq = 12;
        lost.answer.callSeq = 6;
        lost.answer.status = Monitor::Status::Lost;
        lost.answer.detail = QStringLiteral("the caller left");

        CaptureStats stats;
        stats.timeMs = 1'800'000'001'000;
        stats.totals = {10, 1, 1000, 6, 2, 1};
        Monitor::MemberStats ms;
        ms.callsIn = 3;
        ms.callsOut = 1;
        ms.errors = 1;
        ms.bytesIn = 100;
        ms.bytesOut = 200;
        ms.inFlight = 1;
        ms.serving = 2;
        ms.lastActivityMs = 1'800'000'000'999;
        stats.members.emplace_back("w1", ms);
        Monitor::FunctionView fv;
        fv.name = "add";
        fv.providers = 2;
        fv.stats = {5, 1, 1, 500};
        fv.inFlight = 1;
        fv.lastMinute = {5, 100, 200, 300, 400, 150.5};
        fv.lastQuarterHour = {6, 110, 210, 310, 410, 160.25};
        Monitor::ProviderView pv;
        pv.name = "w1";
        pv.connected = true;
        pv.calls = 5;
        pv.errors = 1;
        pv.timeouts = 1;
        pv.inFlight = 1;
        pv.lastMinute = fv.lastMinute;
        pv.lastQuarterHour = fv.lastQuarterHour;
        fv.perProvider.push_back(pv);
        stats.functions.push_back(fv);

        CaptureLoss loss{1'800'000'002'000, 1, 2, 3, 4};

        const QString file = path("kinds.dcap");
        CaptureWriter w;
        QVERIFY2(w.open(file), qPrintable(w.error()));
        QVERIFY(w.append(CaptureRecord{info}));
        QVERIFY(w.append(CaptureRecord{member}));
        QVERIFY(w.append(CaptureRecord{caller}));
        for (const auto &e : events)
            QVERIFY(w.append(CaptureRecord{e}));
        for (const auto &c : calls)
            QVERIFY(w.append(CaptureRecord{c}));
        QVERIFY(w.append(CaptureRecord{answer}));
        QVERIFY(w.append(CaptureRecord{lost}));
        QVERIFY(w.append(CaptureRecord{stats}));
        QVERIFY(w.append(CaptureRecord{loss}));
        CaptureEnd end;
        end.timeMs = 1'800'000'003'000;
        end.dropped = loss;
        end.reason = QStringLiteral("recording stopped");
        QVERIFY(w.close(end));

        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        CaptureReader reader(&f);
        QVERIFY2(reader.start(), qPrintable(reader.error()));
        auto next = [&reader]() {
            auto r = reader.next();
            if (!r)
                qFatal("no record: %s", qPrintable(reader.stopped()));
            return std::move(*r);
        };
        const auto gotInfo = std::get<CaptureInfo>(next().data);
        QCOMPARE(gotInfo.source, info.source);
        QCOMPARE(gotInfo.version, info.version);
        QCOMPARE(gotInfo.host, info.host);
        QCOMPARE(gotInfo.createdMs, info.createdMs);
        QCOMPARE(gotInfo.routerStartedMs, info.routerStartedMs);
        QCOMPARE(gotInfo.listen, info.listen);
        QCOMPARE(gotInfo.part, 3);
        QCOMPARE(gotInfo.note, info.note);

        const auto gotMember = std::get<MemberInfo>(next().data);
        QCOMPARE(gotMember.name, member.name);
        QCOMPARE(gotMember.methods, member.methods);
        QVERIFY(gotMember.hasMethodList);
        QCOMPARE(gotMember.connectionId, 4u);
        QCOMPARE(gotMember.transport, Connection::Transport::WebSocket);
        QCOMPARE(gotMember.address, member.address);
        QCOMPARE(gotMember.connectedAt, member.connectedAt);
        const auto gotCaller = std::get<MemberInfo>(next().data);
        QCOMPARE(gotCaller.name, QByteArray("caller-only"));
        QVERIFY(!gotCaller.hasMethodList);
        QVERIFY(!gotCaller.connectedAt.isValid());

        for (const auto &e : events) {
            const auto got = std::get<EventLog::Event>(next().data);
            QCOMPARE(got.seq, e.seq);
            QCOMPARE(got.timeMs, e.timeMs);
            QCOMPARE(got.kind, e.kind);
            QCOMPARE(got.member, e.member);
            QCOMPARE(got.connection, e.connection);
            QCOMPARE(got.address, e.address);
            QCOMPARE(got.transport, e.transport);
            QCOMPARE(got.methods, e.methods);
            QCOMPARE(got.reason, e.reason);
            QCOMPARE(got.cause, e.cause);
        }
        for (const auto &c : calls) {
            const auto got = std::get<Monitor::CallRecord>(next().data);
            QCOMPARE(got.seq, c.seq);
            QCOMPARE(got.timeMs, c.timeMs);
            QCOMPARE(got.caller, c.caller);
            QCOMPARE(got.receiver, c.receiver);
            QCOMPARE(got.function, c.function);
            QCOMPARE(got.serde, c.serde);
            QCOMPARE(got.uuid, c.uuid);
            QCOMPARE(got.status, c.status);
            QCOMPARE(got.requestSize, c.requestSize);
            QCOMPARE(got.replySize, c.replySize);
            QCOMPARE(got.latencyUs, c.latencyUs);
            QCOMPARE(got.detail, c.detail);
            QCOMPARE(got.request.isValid(), c.request.isValid());
            if (c.request.isValid())
                QCOMPARE(got.request.bytes(), c.request.bytes());
            QCOMPARE(got.reply.isValid(), c.reply.isValid());
            if (c.reply.isValid()) {
                QCOMPARE(got.reply.bytes(), c.reply.bytes());
                QCOMPARE(got.reply.flag(), c.reply.flag());
            }
        }
        const auto gotAnswer = std::get<CaptureAnswer>(next().data);
        QCOMPARE(gotAnswer.answer.seq, 11u);
        QCOMPARE(gotAnswer.answer.callSeq, 1u);
        QCOMPARE(gotAnswer.answer.status, Monitor::Status::Ok);
        QCOMPARE(gotAnswer.answer.latencyUs, 99);
        QCOMPARE(gotAnswer.answer.replySize, 44);
        QCOMPARE(gotAnswer.reply.bytes(), answer.reply.bytes());
        const auto gotLost = std::get<CaptureAnswer>(next().data);
        QCOMPARE(gotLost.answer.status, Monitor::Status::Lost);
        QCOMPARE(gotLost.answer.latencyUs, std::nullopt);
        QCOMPARE(gotLost.answer.detail, lost.answer.detail);
        QVERIFY(!gotLost.reply.isValid());

        const auto gotStats = std::get<CaptureStats>(next().data);
        QCOMPARE(gotStats.timeMs, stats.timeMs);
        QCOMPARE(gotStats.totals.framesForwarded, 10u);
        QCOMPARE(gotStats.totals.framesRefused, 1u);
        QCOMPARE(gotStats.totals.bytesForwarded, 1000u);
        QCOMPARE(gotStats.totals.calls, 6u);
        QCOMPARE(gotStats.totals.errors, 2u);
        QCOMPARE(gotStats.totals.timeouts, 1u);
        QCOMPARE(gotStats.members.size(), size_t(1));
        QCOMPARE(gotStats.members[0].first, QByteArray("w1"));
        const Monitor::MemberStats &gms = gotStats.members[0].second;
        QCOMPARE(gms.callsIn, 3u);
        QCOMPARE(gms.callsOut, 1u);
        QCOMPARE(gms.errors, 1u);
        QCOMPARE(gms.bytesIn, 100u);
        QCOMPARE(gms.bytesOut, 200u);
        QCOMPARE(gms.inFlight, 1);
        QCOMPARE(gms.serving, 2);
        QCOMPARE(gms.lastActivityMs, ms.lastActivityMs);
        QCOMPARE(gotStats.functions.size(), size_t(1));
        const Monitor::FunctionView &gfv = gotStats.functions[0];
        QCOMPARE(gfv.name, QByteArray("add"));
        QCOMPARE(gfv.providers, 2);
        QCOMPARE(gfv.stats.calls, 5u);
        QCOMPARE(gfv.stats.errors, 1u);
        QCOMPARE(gfv.stats.timeouts, 1u);
        QCOMPARE(gfv.stats.bytes, 500u);
        QCOMPARE(gfv.inFlight, 1);
        QCOMPARE(gfv.lastMinute.p99, 300);
        QCOMPARE(gfv.lastMinute.mean, 150.5);
        QCOMPARE(gfv.lastQuarterHour.count, 6u);
        QCOMPARE(gfv.lastQuarterHour.max, 410);
        QCOMPARE(gfv.perProvider.size(), size_t(1));
        QCOMPARE(gfv.perProvider[0].name, QByteArray("w1"));
        QVERIFY(gfv.perProvider[0].connected);
        QCOMPARE(gfv.perProvider[0].timeouts, 1u);
        QCOMPARE(gfv.perProvider[0].lastQuarterHour.mean, 160.25);

        const auto gotLoss = std::get<CaptureLoss>(next().data);
        QCOMPARE(gotLoss.timeMs, loss.timeMs);
        QCOMPARE(gotLoss.calls, 1u);
        QCOMPARE(gotLoss.answers, 2u);
        QCOMPARE(gotLoss.events, 3u);
        QCOMPARE(gotLoss.stats, 4u);

        const auto gotEnd = std::get<CaptureEnd>(next().data);
        QCOMPARE(gotEnd.timeMs, end.timeMs);
        QCOMPARE(gotEnd.records, w.records() - 1);
        QCOMPARE(gotEnd.dropped.total(), 10u);
        QCOMPARE(gotEnd.reason, end.reason);
        QVERIFY(!reader.next());
        QVERIFY(reader.ended());
        QVERIFY(reader.stopped().isEmpty());
    }

    void loadPairsAnswersAndFollowsMembers()
    {
        const QString file = path("paired.dcap");
        CaptureWriter w;
        QVERIFY(w.open(file));
        QVERIFY(w.append(CaptureRecord{CaptureInfo{QStringLiteral("test"), {}, {}, 1, 0, {}, 1, {}}}));
        MemberInfo w1;
        w1.name = "w1";
        w1.methods = {"add"};
        w1.hasMethodList = true;
        w1.connectionId = 1;
        QVERIFY(w.append(CaptureRecord{w1}));
        EventLog::Event joined;
        joined.kind = EventLog::Kind::Joined;
        joined.member = "w2";
        joined.connection = 2;
        joined.methods = {"echo"};
        joined.timeMs = 1'800'000'000'000;
        QVERIFY(w.append(CaptureRecord{joined}));
        EventLog::Event left;
        left.kind = EventLog::Kind::Left;
        left.member = "w1";
        left.connection = 1;
        left.timeMs = 1'800'000'000'500;
        QVERIFY(w.append(CaptureRecord{left}));
        QVERIFY(w.append(CaptureRecord{callRecord(5)}));
        QVERIFY(w.append(CaptureRecord{callRecord(6)}));
        CaptureAnswer a;
        a.answer = {1, 5, Monitor::Status::Error, 2500, 30, {}};
        a.reply = frame(Flag::Error, "w1", "caller", "add", "[]");
        QVERIFY(w.append(CaptureRecord{a}));
        CaptureAnswer stray;
        stray.answer = {2, 4, Monitor::Status::Ok, 10, 10, {}};
        QVERIFY(w.append(CaptureRecord{stray}));
        QVERIFY(w.close({}));

        auto c = Capture::load(file);
        QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
        QCOMPARE(c->calls.size(), size_t(2));
        QCOMPARE(c->calls[0].seq, 5u);
        QCOMPARE(c->calls[0].status, Monitor::Status::Error);
        QCOMPARE(c->calls[0].latencyUs, 2500);
        QCOMPARE(c->calls[0].reply.flag(), Flag::Error);
        QCOMPARE(c->calls[1].status, Monitor::Status::Pending);
        QCOMPARE(c->unpairedAnswers, 1u);
        QVERIFY(c->end);
        QVERIFY(c->stopped.isEmpty());
        QCOMPARE(c->firstMs, 1'800'000'000'000);
        const auto members = c->membersAtEnd();
        QCOMPARE(members.size(), size_t(1));
        QCOMPARE(members[0].name, QByteArray("w2"));
        QCOMPARE(members[0].methods, QByteArrayList{"echo"});
    }

    void saveWritesWhatItIsGiven()
    {
        std::vector<Monitor::CallRecord> calls{callRecord(3, Monitor::Status::Ok), callRecord(9, Monitor::Status::Sent)};
        calls[0].latencyUs = 40;
        calls[0].reply = frame(Flag::Response, "w1", "caller", "add", "7", Serde::Opaque);
        calls[0].replySize = calls[0].reply.size();
        MemberInfo m;
        m.name = "w1";
        CaptureInfo info;
        info.note = QStringLiteral("filter: function == add");
        QString error;
        QVERIFY2(Capture::save(path("saved.dcap"), info, {m}, calls, &error), qPrintable(error));
        auto c = Capture::load(path("saved.dcap"));
        QVERIFY(c);
        QCOMPARE(c->info.note, info.note);
        QCOMPARE(c->members.size(), size_t(1));
        QCOMPARE(c->calls.size(), size_t(2));
        QCOMPARE(c->calls[0].status, Monitor::Status::Ok);
        QCOMPARE(c->calls[0].reply.bytes(), calls[0].reply.bytes());
        QCOMPARE(c->calls[1].seq, 9u);

        // The payloads are the users' data: a new file is its owner's alone.
        QCOMPARE(QFile(path("saved.dcap")).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        QVERIFY(!Capture::save(m_dir.filePath(QStringLiteral("no/such/dir/x.dcap")), info, {}, calls, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot create")), qPrintable(error));
    }

    // Cut the file anywhere: it opens with the records before the cut and says where it stopped.
    void truncatedFilesOpenUpToTheLastWholeRecord()
    {
        const QString file = path("cut.dcap");
        CaptureWriter w;
        QVERIFY(w.open(file));
        QVERIFY(w.append(CaptureRecord{CaptureInfo{}}));
        std::vector<std::pair<qint64, quint64>> flushedAt;   // file size after a flush, records by then
        for (quint64 seq = 1; seq <= 60; ++seq) {
            QVERIFY(w.append(CaptureRecord{callRecord(seq)}));
            if (seq % 10 == 0) {
                QVERIFY(w.flush());
                flushedAt.emplace_back(w.bytesWritten(), w.records());
            }
        }
        QVERIFY(w.close({}));
        const QByteArray whole = readFile(file);

        auto full = readBytes(whole);
        QVERIFY(full);
        QCOMPARE(full->calls.size(), size_t(60));
        QVERIFY(full->stopped.isEmpty());

        // At a flush, every record appended before it is there, and the text says it was cut off.
        for (const auto &[size, records] : flushedAt) {
            auto c = readBytes(whole.left(size));
            QVERIFY(c);
            QCOMPARE(c->records, records);
            QVERIFY2(c->stopped.contains(QStringLiteral("no end record")), qPrintable(c->stopped));
            QVERIFY(c->stopped.contains(QStringLiteral("after record %1").arg(records)));
        }
        // Anywhere else: fewer records, never more, never a crash, always a sentence.
        quint64 previous = 0;
        for (qsizetype cut = captureformat::HeaderSize; cut < whole.size(); cut += 7) {
            auto c = readBytes(whole.left(cut));
            if (!c) {
                QVERIFY2(c.error().message.contains(QStringLiteral("no readable records")), qPrintable(c.error().message));
                continue;
            }
            QVERIFY(c->records >= previous);
            previous = c->records;
            QVERIFY(!c->stopped.isEmpty());
            QVERIFY2(c->stopped.contains(QStringLiteral("cut off")) || c->stopped.contains(QStringLiteral("damaged")),
                     qPrintable(c->stopped));
        }
        QVERIFY(previous >= 50);
    }

    void corruptionStopsAtTheLastGoodRecord()
    {
        QByteArray stream = framed(quint8(CaptureRecord::Kind::Info), body(CaptureRecord{CaptureInfo{}}));
        for (quint64 seq = 1; seq <= 3; ++seq)
            stream += framed(quint8(CaptureRecord::Kind::Call), body(CaptureRecord{callRecord(seq)}));

        // A record whose checksum does not fit.
        auto c = readBytes(fileOf(stream + framed(quint8(CaptureRecord::Kind::Call), body(CaptureRecord{callRecord(4)}), false)));
        QVERIFY(c);
        QCOMPARE(c->calls.size(), size_t(3));
        QVERIFY2(c->stopped.contains(QStringLiteral("record 5 fails its checksum")), qPrintable(c->stopped));
        QVERIFY(c->stopped.contains(QStringLiteral("after record 4")));

        // A length no record can have.
        QByteArray huge = framed(quint8(CaptureRecord::Kind::Call), "x");
        qToLittleEndian<quint32>(captureformat::MaxRecordBody + 1, huge.data() + 1);
        c = readBytes(fileOf(stream + huge));
        QVERIFY(c);
        QCOMPARE(c->calls.size(), size_t(3));
        QVERIFY2(c->stopped.contains(QStringLiteral("claims a length")), qPrintable(c->stopped));

        // A checksum that fits, around a body that is not CBOR, or lacks a field.
        c = readBytes(fileOf(stream + framed(quint8(CaptureRecord::Kind::Call), "\xff\xfe not cbor")));
        QVERIFY(c);
        QVERIFY2(c->stopped.contains(QStringLiteral("record 5 (call) is malformed")), qPrintable(c->stopped));
        QCborMap noSeq = QCborValue::fromCbor(body(CaptureRecord{callRecord(4)})).toMap();
        noSeq.remove(QStringLiteral("seq"));
        c = readBytes(fileOf(stream + framed(quint8(CaptureRecord::Kind::Call), noSeq.toCborValue().toCbor())));
        QVERIFY(c);
        QVERIFY2(c->stopped.contains(QStringLiteral("\"seq\"")), qPrintable(c->stopped));
        QCborMap badFrame = QCborValue::fromCbor(body(CaptureRecord{callRecord(4)})).toMap();
        badFrame.insert(QStringLiteral("request"), QByteArray("not a frame"));
        c = readBytes(fileOf(stream + framed(quint8(CaptureRecord::Kind::Call), badFrame.toCborValue().toCbor())));
        QVERIFY(c);
        QVERIFY2(c->stopped.contains(QStringLiteral("\"request\"")), qPrintable(c->stopped));

        // A kind added by a later version is skipped; the records after it are read.
        c = readBytes(fileOf(stream + framed(200, "whatever") + framed(quint8(CaptureRecord::Kind::Call), body(CaptureRecord{callRecord(4)}))
                             + framed(quint8(CaptureRecord::Kind::End), body(CaptureRecord{CaptureEnd{}}))));
        QVERIFY(c);
        QCOMPARE(c->calls.size(), size_t(4));
        QVERIFY2(c->stopped.isEmpty(), qPrintable(c->stopped));

        // Bytes flipped inside the compressed data of a real file.
        const QString file = path("flipped.dcap");
        CaptureWriter w;
        QVERIFY(w.open(file));
        QVERIFY(w.append(CaptureRecord{CaptureInfo{}}));
        for (quint64 seq = 1; seq <= 200; ++seq) {
            QVERIFY(w.append(CaptureRecord{callRecord(seq)}));
            if (seq % 20 == 0)
                QVERIFY(w.flush());
        }
        QVERIFY(w.close({}));
        const QByteArray whole = readFile(file);
        for (qsizetype at = captureformat::HeaderSize + 1; at < whole.size(); at += whole.size() / 37) {
            QByteArray damaged = whole;
            damaged[at] = char(damaged[at] ^ 0x5a);
            auto d = readBytes(damaged);
            if (!d)
                continue;   // damage in the first block: nothing readable, and an error that says so
            QVERIFY(d->calls.size() <= 200);
            for (size_t i = 0; i < d->calls.size(); ++i)
                QCOMPARE(d->calls[i].seq, quint64(i + 1));
            QVERIFY2(!d->stopped.isEmpty(), qPrintable(QStringLiteral("flip at %1 went unnoticed").arg(at)));
        }
    }

    void otherVersionsAndGarbageGetClearErrors()
    {
        const QByteArray stream = framed(quint8(CaptureRecord::Kind::Info), body(CaptureRecord{CaptureInfo{}}));
        auto c = readBytes(fileOf(stream, 2));
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QStringLiteral("format version 2; this program reads version 1")),
                 qPrintable(c.error().message));

        QByteArray otherCompression = fileOf(stream);
        otherCompression[10] = 7;
        c = readBytes(otherCompression);
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QStringLiteral("compression 7")));

        c = readBytes({});
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QStringLiteral("is empty")));

        c = readBytes(QByteArray("GIF89a this is a picture, not a capture"));
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QStringLiteral("not a daffi capture")));

        c = readBytes(QByteArray("DAFFICAP\x01"));
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(QStringLiteral("cut off inside its 16-byte header")));

        QByteArray garbage = fileOf({}).left(captureformat::HeaderSize);
        for (int i = 0; i < 4096; ++i)
            garbage += char(QRandomGenerator::global()->bounded(256));
        c = readBytes(garbage);
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QStringLiteral("no readable records")), qPrintable(c.error().message));

        auto missing = Capture::load(path("does-not-exist.dcap"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("Cannot open")));
    }
};

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
