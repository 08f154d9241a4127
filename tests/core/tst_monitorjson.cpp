// The monitor API's directly written JSON: byte for byte what QJsonDocument::Compact writes for
// the documented objects, whatever the names and sentences hold.
#include <core/monitor/monitorjson.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace daffi;
using namespace Qt::StringLiterals;

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Names a member may choose: quotes, backslashes, control bytes, non-ASCII, invalid UTF-8.
const QByteArrayList Awkward{"plain", "", "with \"quotes\"", "back\\slash", "tab\there\nline", "\x01\x1f\x7f",
                             "caf\xc3\xa9", "\xe2\x80\xa8 separator", "\xf0\x9f\x98\x80", "bad \xff\xfe utf-8",
                             "/slash/ & <html>"};

// The call record as the API documents it (docs/monitor-api.md, "call record").
QJsonObject expectedCall(const Monitor::CallView &r, bool payloads)
{
    QJsonObject o{{"seq"_L1, qint64(r.seq)},
                  {"time_ms"_L1, r.timeMs},
                  {"caller"_L1, QString::fromUtf8(r.caller)},
                  {"receiver"_L1, QString::fromUtf8(r.receiver)},
                  {"function"_L1, QString::fromUtf8(r.function)},
                  {"serde"_L1, serdeName(r.serde)},
                  {"uuid"_L1, int(r.uuid)},
                  {"status"_L1, MonitorJson::statusName(r.status)},
                  {"request_size"_L1, r.requestSize},
                  {"reply_size"_L1, r.replySize},
                  {"latency_us"_L1, r.latencyUs ? QJsonValue(*r.latencyUs) : QJsonValue()},
                  {"payload"_L1, payloads && r.payloadKept}};
    if (!r.detail.isEmpty())
        o.insert("detail"_L1, r.detail.toString());
    return o;
}

} // namespace

class TestMonitorJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsAreEscapedAsQtEscapesThem()
    {
        for (const QByteArray &name : Awkward) {
            JsonWriter w;
            w.beginArray().string(name).string(QString::fromUtf8(name)).endArray();
            const QString text = QString::fromUtf8(name);
            QCOMPARE(w.bytes(), QJsonDocument(QJsonArray{text, text}).toJson(QJsonDocument::Compact));
        }
    }

    void numbersAndNesting()
    {
        JsonWriter w;
        w.beginObject().key("a"_L1).value(qint64(0)).key("b"_L1).value(qint64(-9'007'199'254'740'993));
        w.key("c"_L1).value(std::numeric_limits<qint64>::max()).key("d"_L1).beginArray().value(true).value(false).null();
        w.beginObject().endObject().beginArray().endArray().endArray().key("e"_L1).raw("{\"x\":1}").endObject();
        QCOMPARE(w.bytes(), QByteArray("{\"a\":0,\"b\":-9007199254740993,\"c\":9223372036854775807,"
                                       "\"d\":[true,false,null,{},[]],\"e\":{\"x\":1}}"));
    }

    void callRecordsAreTheDocumentedObject()
    {
        int variant = 0;
        for (const QByteArray &name : Awkward) {
            for (const Monitor::Status status : {Monitor::Status::Pending, Monitor::Status::Ok, Monitor::Status::Error,
                                                 Monitor::Status::Refused, Monitor::Status::Sent, Monitor::Status::Lost}) {
                ++variant;
                const QString detail = variant % 3 ? QString() : QString::fromUtf8("why: " + name);
                Monitor::CallView r;
                r.seq = quint64(variant) * 1'000'003;
                r.timeMs = 1'796'164'963'078 + variant;
                r.caller = name;
                r.receiver = Awkward[size_t(variant) % Awkward.size()];
                const QByteArray function = "fn-" + name;
                r.function = function;
                r.serde = Serde(variant % 4);
                r.uuid = quint16(65535 - variant);
                r.requestSize = 46 + variant;
                r.replySize = variant % 2 ? 0 : 1 << 20;
                if (variant % 2)
                    r.latencyUs = variant * 37;
                r.status = status;
                r.detail = detail;
                r.payloadKept = variant % 5 != 0;
                for (bool payloads : {true, false}) {
                    JsonWriter w;
                    MonitorJson::writeCall(w, r, payloads);
                    QCOMPARE(w.bytes(), compact(expectedCall(r, payloads)));
                }
            }
        }
    }

    void answersAndEventsAreTheDocumentedObjects()
    {
        Monitor::Answer a{42, 41, Monitor::Status::Lost, std::nullopt, 0, QStringLiteral("the caller left \"early\"")};
        QJsonObject expected{{"answer_seq"_L1, 42}, {"seq"_L1, 41}, {"status"_L1, "lost"_L1}, {"reply_size"_L1, 0},
                             {"latency_us"_L1, QJsonValue()}, {"detail"_L1, a.detail}};
        JsonWriter w;
        MonitorJson::writeAnswer(w, a);
        QCOMPARE(w.bytes(), compact(expected));
        a = Monitor::Answer{7, 6, Monitor::Status::Ok, 1234, 99, {}};
        expected = {{"answer_seq"_L1, 7}, {"seq"_L1, 6}, {"status"_L1, "ok"_L1}, {"reply_size"_L1, 99}, {"latency_us"_L1, 1234}};
        w = {};
        MonitorJson::writeAnswer(w, a);
        QCOMPARE(w.bytes(), compact(expected));

        EventLog::Event joined;
        joined.seq = 3;
        joined.timeMs = 1'796'164'963'078;
        joined.kind = EventLog::Kind::Joined;
        joined.member = "w\xc3\xa9";
        joined.connection = 12;
        joined.address = QStringLiteral("127.0.0.1:55800");
        joined.transport = Connection::Transport::Tcp;
        joined.methods = {"add", "tag\"x"};
        expected = {{"seq"_L1, 3}, {"time_ms"_L1, joined.timeMs}, {"kind"_L1, "joined"_L1}, {"member"_L1, QString::fromUtf8(joined.member)},
                    {"connection"_L1, 12}, {"address"_L1, joined.address}, {"transport"_L1, Connection::transportName(*joined.transport)},
                    {"functions"_L1, QJsonArray{"add"_L1, "tag\"x"_L1}}};
        w = {};
        MonitorJson::writeEvent(w, joined);
        QCOMPARE(w.bytes(), compact(expected));

        EventLog::Event left;
        left.seq = 4;
        left.timeMs = 5;
        left.kind = EventLog::Kind::Left;
        left.member = "w";
        left.connection = 12;
        left.reason = QStringLiteral("peer closed");
        left.cause = Connection::CloseCause::WriteStall;
        expected = {{"seq"_L1, 4}, {"time_ms"_L1, 5}, {"kind"_L1, "left"_L1}, {"member"_L1, "w"_L1}, {"connection"_L1, 12},
                    {"reason"_L1, left.reason}, {"cause"_L1, "write_stall"_L1}};
        w = {};
        MonitorJson::writeEvent(w, left);
        QCOMPARE(w.bytes(), compact(expected));
    }
};

QTEST_GUILESS_MAIN(TestMonitorJson)
#include "tst_monitorjson.moc"
