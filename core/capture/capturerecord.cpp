#include "capturerecord.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QtEndian>

namespace daffi {

namespace {

QCborValue number(quint64 v)
{
    return QCborValue(qint64(v));
}

QCborValue bytes(const QByteArray &b)
{
    return QCborValue(b);
}

QCborArray nameList(const QByteArrayList &names)
{
    QCborArray out;
    for (const QByteArray &n : names)
        out.append(bytes(n));
    return out;
}

const Connection::Transport transports[] = {Connection::Transport::Tcp, Connection::Transport::Tls,
                                            Connection::Transport::Unix, Connection::Transport::WebSocket,
                                            Connection::Transport::SecureWebSocket};
const EventLog::Kind eventKinds[] = {EventLog::Kind::Joined, EventLog::Kind::Updated, EventLog::Kind::Left,
                                     EventLog::Kind::Dropped, EventLog::Kind::Refused};
const Connection::CloseCause causes[] = {
    Connection::CloseCause::PeerClosed, Connection::CloseCause::WriteStall, Connection::CloseCause::PeerTimeout,
    Connection::CloseCause::ProtocolError, Connection::CloseCause::Evicted, Connection::CloseCause::HandshakeTimeout,
    Connection::CloseCause::Other};
const Monitor::Status statuses[] = {Monitor::Status::Pending, Monitor::Status::Ok, Monitor::Status::Error,
                                    Monitor::Status::Refused, Monitor::Status::Sent, Monitor::Status::Lost};

QString asText(const char *name)
{
    return QString::fromLatin1(name);
}

const QString &asText(const QString &name)
{
    return name;
}

template <typename Enum, size_t N, typename Namer>
std::optional<Enum> fromName(const Enum (&all)[N], Namer name, QStringView text)
{
    for (Enum e : all) {
        if (text == asText(name(e)))
            return e;
    }
    return std::nullopt;
}

QCborMap latency(const Monitor::Latency &l)
{
    QCborMap m;
    m.insert(QStringLiteral("count"), number(l.count));
    m.insert(QStringLiteral("p50_us"), l.p50);
    m.insert(QStringLiteral("p90_us"), l.p90);
    m.insert(QStringLiteral("p99_us"), l.p99);
    m.insert(QStringLiteral("max_us"), l.max);
    m.insert(QStringLiteral("mean_us"), l.mean);
    return m;
}

QCborMap latencies(const Monitor::Latency &minute, const Monitor::Latency &quarter)
{
    QCborMap m;
    m.insert(QStringLiteral("1m"), latency(minute));
    m.insert(QStringLiteral("15m"), latency(quarter));
    return m;
}

QCborMap lossMap(const CaptureLoss &l)
{
    QCborMap m;
    m.insert(QStringLiteral("time_ms"), l.timeMs);
    m.insert(QStringLiteral("calls"), number(l.calls));
    m.insert(QStringLiteral("answers"), number(l.answers));
    m.insert(QStringLiteral("events"), number(l.events));
    m.insert(QStringLiteral("stats"), number(l.stats));
    return m;
}

QCborMap encodeInfo(const CaptureInfo &i)
{
    QCborMap m;
    m.insert(QStringLiteral("source"), i.source);
    m.insert(QStringLiteral("version"), i.version);
    m.insert(QStringLiteral("host"), i.host);
    m.insert(QStringLiteral("created_ms"), i.createdMs);
    if (i.routerStartedMs)
        m.insert(QStringLiteral("router_started_ms"), i.routerStartedMs);
    m.insert(QStringLiteral("listen"), QCborArray::fromStringList(i.listen));
    m.insert(QStringLiteral("part"), i.part);
    if (!i.note.isEmpty())
        m.insert(QStringLiteral("note"), i.note);
    return m;
}

QCborMap encodeMember(const MemberInfo &info)
{
    QCborMap m;
    m.insert(QStringLiteral("name"), bytes(info.name));
    m.insert(QStringLiteral("connection"), number(info.connectionId));
    m.insert(QStringLiteral("transport"), Connection::transportName(info.transport));
    m.insert(QStringLiteral("address"), info.address);
    if (info.connectedAt.isValid())
        m.insert(QStringLiteral("connected_ms"), info.connectedAt.toMSecsSinceEpoch());
    // null: the member sent "methods": null (a caller), as in the monitor API.
    m.insert(QStringLiteral("functions"), info.hasMethodList || !info.methods.isEmpty() ? QCborValue(nameList(info.methods))
                                                                                       : QCborValue(nullptr));
    return m;
}

QCborMap encodeEvent(const EventLog::Event &e)
{
    QCborMap m;
    m.insert(QStringLiteral("seq"), number(e.seq));
    m.insert(QStringLiteral("time_ms"), e.timeMs);
    m.insert(QStringLiteral("kind"), QString::fromLatin1(EventLog::kindName(e.kind)));
    if (!e.member.isEmpty())
        m.insert(QStringLiteral("member"), bytes(e.member));
    if (e.connection)
        m.insert(QStringLiteral("connection"), number(e.connection));
    if (!e.address.isEmpty())
        m.insert(QStringLiteral("address"), e.address);
    if (e.transport)
        m.insert(QStringLiteral("transport"), Connection::transportName(*e.transport));
    if (e.kind == EventLog::Kind::Joined || e.kind == EventLog::Kind::Updated)
        m.insert(QStringLiteral("functions"), nameList(e.methods));
    if (!e.reason.isEmpty())
        m.insert(QStringLiteral("reason"), e.reason);
    if (e.cause)
        m.insert(QStringLiteral("cause"), QString::fromLatin1(EventLog::causeName(*e.cause)));
    return m;
}

// Calls and answers are most of a capture: written straight as CBOR (RFC 8949 §3: a head of
// major type and length, then the content) with no QCborMap or QCborStreamWriter between, which
// cost the recorder's thread several times the rest of its work per record (measured: 3.0 and
// 0.8 us per call record against 0.2). The reader parses them with Qt's CBOR parser like the rest.
const char *statusText(Monitor::Status status)
{
    switch (status) {
    case Monitor::Status::Pending: return "pending";
    case Monitor::Status::Ok: return "ok";
    case Monitor::Status::Error: return "error";
    case Monitor::Status::Refused: return "refused";
    case Monitor::Status::Sent: return "sent";
    case Monitor::Status::Lost: return "lost";
    }
    return "pending";
}

// serdeName(), without making a QString per record.
const char *serdeText(Serde serde)
{
    switch (serde) {
    case Serde::Opaque: return "OPAQUE";
    case Serde::Json: return "JSON";
    case Serde::Pickle: return "PICKLE";
    case Serde::Msgpack: return "MSGPACK";
    }
    return "OPAQUE";
}

class MapWriter
{
public:
    MapWriter(QByteArray *out, qsizetype fields) : m_out(*out) { head(5, quint64(fields)); }

    void integer(const char *key, qint64 v)
    {
        name(key);
        if (v >= 0)
            head(0, quint64(v));
        else
            head(1, ~quint64(v));   // -1 - v
    }
    void ascii(const char *key, const char *v)
    {
        name(key);
        const auto length = qsizetype(qstrlen(v));
        head(3, quint64(length));
        m_out.append(v, length);
    }
    void text(const char *key, const QString &v)
    {
        name(key);
        const QByteArray utf8 = v.toUtf8();
        head(3, quint64(utf8.size()));
        m_out.append(utf8);
    }
    void bytes(const char *key, QByteArrayView v)
    {
        name(key);
        head(2, quint64(v.size()));
        m_out.append(v);
    }
    void frame(const char *key, const Frame &f)
    {
        if (!f.isValid())
            return null(key);
        name(key);
        head(2, quint64(f.size()));
        m_out.append(f.head()).append(f.body());
    }
    void null(const char *key)
    {
        name(key);
        m_out.append(char(0xf6));
    }

private:
    void name(const char *key)
    {
        const auto length = qsizetype(qstrlen(key));
        head(3, quint64(length));
        m_out.append(key, length);
    }
    void head(quint8 major, quint64 v)
    {
        const auto type = char(major << 5);
        char be[8];
        if (v < 24) {
            m_out.append(char(type | char(v)));
        } else if (v <= 0xff) {
            m_out.append(char(type | 24)).append(char(v));
        } else if (v <= 0xffff) {
            qToBigEndian<quint16>(quint16(v), be);
            m_out.append(char(type | 25)).append(be, 2);
        } else if (v <= 0xffffffff) {
            qToBigEndian<quint32>(quint32(v), be);
            m_out.append(char(type | 26)).append(be, 4);
        } else {
            qToBigEndian<quint64>(v, be);
            m_out.append(char(type | 27)).append(be, 8);
        }
    }

    QByteArray &m_out;
};

QByteArray encodeCall(const Monitor::CallRecord &r)
{
    QByteArray out;
    out.reserve(160 + r.request.size() + r.reply.size());
    {
        MapWriter m(&out, 10 + (r.replySize ? 1 : 0) + (r.latencyUs ? 1 : 0) + (r.detail.isEmpty() ? 0 : 1)
                              + (r.reply.isValid() ? 1 : 0));
        m.integer("seq", qint64(r.seq));
        m.integer("time_ms", r.timeMs);
        m.bytes("caller", r.caller);
        m.bytes("receiver", r.receiver);
        m.bytes("function", r.function);
        m.ascii("serde", serdeText(r.serde));
        m.integer("uuid", r.uuid);
        m.ascii("status", statusText(r.status));
        m.integer("request_size", r.requestSize);
        if (r.replySize)
            m.integer("reply_size", r.replySize);
        if (r.latencyUs)
            m.integer("latency_us", *r.latencyUs);
        if (!r.detail.isEmpty())
            m.text("detail", r.detail);
        m.frame("request", r.request);
        if (r.reply.isValid())
            m.frame("reply", r.reply);
    }
    return out;
}

QByteArray encodeAnswer(const CaptureAnswer &c)
{
    const Monitor::Answer &a = c.answer;
    QByteArray out;
    out.reserve(96 + c.reply.size());
    {
        MapWriter m(&out, 6 + (a.detail.isEmpty() ? 0 : 1));
        m.integer("answer_seq", qint64(a.seq));
        m.integer("seq", qint64(a.callSeq));
        m.ascii("status", statusText(a.status));
        m.integer("reply_size", a.replySize);
        if (a.latencyUs)
            m.integer("latency_us", *a.latencyUs);
        else
            m.null("latency_us");
        if (!a.detail.isEmpty())
            m.text("detail", a.detail);
        m.frame("reply", c.reply);
    }
    return out;
}

QCborMap encodeStats(const CaptureStats &s)
{
    QCborMap counters;
    counters.insert(QStringLiteral("frames_forwarded"), number(s.totals.framesForwarded));
    counters.insert(QStringLiteral("frames_refused"), number(s.totals.framesRefused));
    counters.insert(QStringLiteral("bytes_forwarded"), number(s.totals.bytesForwarded));
    counters.insert(QStringLiteral("calls"), number(s.totals.calls));
    counters.insert(QStringLiteral("errors"), number(s.totals.errors));
    counters.insert(QStringLiteral("timeouts"), number(s.totals.timeouts));
    QCborArray members;
    for (const auto &[name, st] : s.members) {
        QCborMap m;
        m.insert(QStringLiteral("name"), bytes(name));
        m.insert(QStringLiteral("calls_in"), number(st.callsIn));
        m.insert(QStringLiteral("calls_out"), number(st.callsOut));
        m.insert(QStringLiteral("errors"), number(st.errors));
        m.insert(QStringLiteral("bytes_in"), number(st.bytesIn));
        m.insert(QStringLiteral("bytes_out"), number(st.bytesOut));
        m.insert(QStringLiteral("in_flight"), st.inFlight);
        m.insert(QStringLiteral("serving"), st.serving);
        m.insert(QStringLiteral("last_activity_ms"), st.lastActivityMs);
        members.append(m);
    }
    QCborArray functions;
    for (const Monitor::FunctionView &f : s.functions) {
        QCborMap m;
        m.insert(QStringLiteral("name"), bytes(f.name));
        m.insert(QStringLiteral("providers"), f.providers);
        m.insert(QStringLiteral("calls"), number(f.stats.calls));
        m.insert(QStringLiteral("errors"), number(f.stats.errors));
        m.insert(QStringLiteral("timeouts"), number(f.stats.timeouts));
        m.insert(QStringLiteral("bytes"), number(f.stats.bytes));
        m.insert(QStringLiteral("in_flight"), f.inFlight);
        m.insert(QStringLiteral("latency"), latencies(f.lastMinute, f.lastQuarterHour));
        QCborArray providers;
        for (const Monitor::ProviderView &p : f.perProvider) {
            QCborMap pm;
            pm.insert(QStringLiteral("name"), bytes(p.name));
            pm.insert(QStringLiteral("connected"), p.connected);
            pm.insert(QStringLiteral("calls"), number(p.calls));
            pm.insert(QStringLiteral("errors"), number(p.errors));
            pm.insert(QStringLiteral("timeouts"), number(p.timeouts));
            pm.insert(QStringLiteral("in_flight"), p.inFlight);
            pm.insert(QStringLiteral("latency"), latencies(p.lastMinute, p.lastQuarterHour));
            providers.append(pm);
        }
        m.insert(QStringLiteral("per_provider"), providers);
        functions.append(m);
    }
    QCborMap m;
    m.insert(QStringLiteral("time_ms"), s.timeMs);
    m.insert(QStringLiteral("counters"), counters);
    m.insert(QStringLiteral("members"), members);
    m.insert(QStringLiteral("functions"), functions);
    return m;
}

QCborMap encodeEnd(const CaptureEnd &e)
{
    QCborMap m;
    m.insert(QStringLiteral("time_ms"), e.timeMs);
    m.insert(QStringLiteral("records"), number(e.records));
    m.insert(QStringLiteral("dropped"), lossMap(e.dropped));
    m.insert(QStringLiteral("reason"), e.reason);
    return m;
}

// Reads the fields of one record's map; the first missing or mistyped field it is asked for
// becomes the record's error. Optional fields have defaults; null counts as absent.
class Fields
{
public:
    Fields(const QCborMap &map, const char *record) : m_map(map), m_record(record) {}

    bool has(const char *key) const
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        return !v.isUndefined() && !v.isNull();
    }

    qint64 integer(const char *key, std::optional<qint64> fallback = 0)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isInteger())
            return v.toInteger();
        return missing(key, "an integer", v, fallback.has_value()) ? 0 : *fallback;
    }

    quint64 count(const char *key)
    {
        const qint64 v = integer(key);
        if (v < 0)
            fail(key, "a non-negative integer");
        return quint64(std::max<qint64>(0, v));
    }

    double real(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isDouble() || v.isInteger())
            return v.toDouble();
        missing(key, "a number", v, true);
        return 0;
    }

    bool boolean(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isBool())
            return v.toBool();
        missing(key, "true or false", v, true);
        return false;
    }

    QString text(const char *key, bool required = false)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isString())
            return v.toString();
        missing(key, "text", v, !required);
        return {};
    }

    // Names are byte strings; text is read as its UTF-8.
    QByteArray name(const char *key, bool required = false)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isByteArray())
            return v.toByteArray();
        if (v.isString())
            return v.toString().toUtf8();
        missing(key, "a name", v, !required);
        return {};
    }

    QByteArrayList names(const char *key, bool *present = nullptr)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (present)
            *present = v.isArray();
        QByteArrayList out;
        if (!v.isArray()) {
            missing(key, "a list of names", v, true);
            return out;
        }
        for (const QCborValue &e : v.toArray()) {
            if (e.isByteArray())
                out << e.toByteArray();
            else if (e.isString())
                out << e.toString().toUtf8();
            else
                fail(key, "a list of names");
        }
        return out;
    }

    Frame frame(const char *key, Flag expected)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isNull() || v.isUndefined())
            return {};
        if (!v.isByteArray()) {
            fail(key, "the bytes of a frame");
            return {};
        }
        auto frame = Frame::fromBytes(v.toByteArray());
        if (!frame) {
            fail(key, "a frame", frame.error().message);
            return {};
        }
        if (expected == Flag::Request ? frame->flag() != Flag::Request
                                      : frame->flag() != Flag::Response && frame->flag() != Flag::Error) {
            fail(key, expected == Flag::Request ? "a REQUEST frame" : "a RESPONSE or ERROR frame");
            return {};
        }
        return *frame;
    }

    template <typename Enum, size_t N, typename Namer>
    std::optional<Enum> choice(const char *key, const Enum (&all)[N], Namer namer, bool required)
    {
        if (!required && !has(key))
            return std::nullopt;
        const QString t = text(key, true);
        auto e = fromName(all, namer, t);
        if (!e && m_error.isEmpty())
            fail(key, "one of the known names", QStringLiteral("\"%1\" is not").arg(t));
        return e;
    }

    QCborMap map(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isMap())
            return v.toMap();
        missing(key, "a map", v, true);
        return {};
    }

    QCborArray array(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1StringView(key));
        if (v.isArray())
            return v.toArray();
        missing(key, "a list", v, true);
        return {};
    }

    void fail(const char *key, const char *wanted, const QString &why = {})
    {
        if (!m_error.isEmpty())
            return;
        m_error = QStringLiteral("its %1 field \"%2\" is not %3").arg(QLatin1StringView(m_record), QLatin1StringView(key),
                                                                      QLatin1StringView(wanted));
        if (!why.isEmpty())
            m_error += QStringLiteral(" (%1)").arg(why);
    }
    void adopt(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }
    const QString &error() const { return m_error; }

private:
    // True when the field was required (and so is now the error).
    bool missing(const char *key, const char *wanted, const QCborValue &v, bool optional)
    {
        if (optional && (v.isUndefined() || v.isNull()))
            return false;
        fail(key, wanted);
        return true;
    }

    QCborMap m_map;
    const char *m_record;
    QString m_error;
};

Monitor::Latency decodeLatency(const QCborMap &m)
{
    Fields f(m, "latency");
    return Monitor::Latency{f.count("count"), f.integer("p50_us"), f.integer("p90_us"), f.integer("p99_us"),
                            f.integer("max_us"), f.real("mean_us")};
}

void decodeLatencies(Fields &f, Monitor::Latency *minute, Monitor::Latency *quarter)
{
    const QCborMap l = f.map("latency");
    *minute = decodeLatency(l.value(QStringLiteral("1m")).toMap());
    *quarter = decodeLatency(l.value(QStringLiteral("15m")).toMap());
}

CaptureLoss decodeLoss(Fields &f)
{
    CaptureLoss l;
    l.timeMs = f.integer("time_ms");
    l.calls = f.count("calls");
    l.answers = f.count("answers");
    l.events = f.count("events");
    l.stats = f.count("stats");
    return l;
}

CaptureInfo decodeInfo(Fields &f)
{
    CaptureInfo i;
    i.source = f.text("source");
    i.version = f.text("version");
    i.host = f.text("host");
    i.createdMs = f.integer("created_ms");
    i.routerStartedMs = f.integer("router_started_ms");
    for (const QByteArray &url : f.names("listen"))
        i.listen << QString::fromUtf8(url);
    i.part = int(std::clamp<qint64>(f.integer("part", 1), 0, INT_MAX));
    i.note = f.text("note");
    return i;
}

MemberInfo decodeMember(Fields &f)
{
    MemberInfo m;
    m.name = f.name("name", true);
    m.connectionId = f.count("connection");
    m.transport = f.choice("transport", transports, Connection::transportName, false).value_or(Connection::Transport::Tcp);
    m.address = f.text("address");
    if (f.has("connected_ms"))
        m.connectedAt = QDateTime::fromMSecsSinceEpoch(f.integer("connected_ms"));
    if (f.has("functions"))
        m.methods = f.names("functions", &m.hasMethodList);
    return m;
}

EventLog::Event decodeEvent(Fields &f)
{
    EventLog::Event e;
    e.seq = f.count("seq");
    e.timeMs = f.integer("time_ms", std::nullopt);
    e.kind = f.choice("kind", eventKinds, EventLog::kindName, true).value_or(EventLog::Kind::Joined);
    e.member = f.name("member");
    e.connection = f.count("connection");
    e.address = f.text("address");
    e.transport = f.choice("transport", transports, Connection::transportName, false);
    if (f.has("functions"))
        e.methods = f.names("functions");
    e.reason = f.text("reason");
    e.cause = f.choice("cause", causes, EventLog::causeName, false);
    return e;
}

std::optional<Serde> decodeSerde(Fields &f)
{
    const QString name = f.text("serde", true);
    for (Serde s : {Serde::Opaque, Serde::Json, Serde::Pickle, Serde::Msgpack}) {
        if (name == serdeName(s))
            return s;
    }
    f.fail("serde", "OPAQUE, JSON, PICKLE or MSGPACK");
    return std::nullopt;
}

Monitor::CallRecord decodeCall(Fields &f)
{
    Monitor::CallRecord r;
    r.seq = f.count("seq");
    if (!r.seq)
        f.fail("seq", "a positive integer");
    r.timeMs = f.integer("time_ms", std::nullopt);
    r.caller = f.name("caller", true);
    r.receiver = f.name("receiver", true);
    r.function = f.name("function", true);
    r.serde = decodeSerde(f).value_or(Serde::Opaque);
    r.uuid = quint16(std::clamp<qint64>(f.integer("uuid"), 0, 0xffff));
    r.status = f.choice("status", statuses, CaptureRecord::statusName, true).value_or(Monitor::Status::Pending);
    r.requestSize = f.integer("request_size");
    r.replySize = f.integer("reply_size");
    if (f.has("latency_us"))
        r.latencyUs = f.integer("latency_us");
    r.detail = f.text("detail");
    r.request = f.frame("request", Flag::Request);
    r.reply = f.frame("reply", Flag::Response);
    return r;
}

CaptureAnswer decodeAnswer(Fields &f)
{
    CaptureAnswer c;
    Monitor::Answer &a = c.answer;
    a.seq = f.count("answer_seq");
    a.callSeq = f.count("seq");
    if (!a.callSeq)
        f.fail("seq", "a positive integer");
    a.status = f.choice("status", statuses, CaptureRecord::statusName, true).value_or(Monitor::Status::Lost);
    a.replySize = f.integer("reply_size");
    if (f.has("latency_us"))
        a.latencyUs = f.integer("latency_us");
    a.detail = f.text("detail");
    c.reply = f.frame("reply", Flag::Response);
    return c;
}

CaptureStats decodeStats(Fields &f)
{
    CaptureStats s;
    s.timeMs = f.integer("time_ms", std::nullopt);
    Fields c(f.map("counters"), "counters");
    s.totals.framesForwarded = c.count("frames_forwarded");
    s.totals.framesRefused = c.count("frames_refused");
    s.totals.bytesForwarded = c.count("bytes_forwarded");
    s.totals.calls = c.count("calls");
    s.totals.errors = c.count("errors");
    s.totals.timeouts = c.count("timeouts");
    f.adopt(c.error());
    for (const QCborValue &v : f.array("members")) {
        Fields m(v.toMap(), "member statistics");
        Monitor::MemberStats st;
        const QByteArray name = m.name("name", true);
        st.callsIn = m.count("calls_in");
        st.callsOut = m.count("calls_out");
        st.errors = m.count("errors");
        st.bytesIn = m.count("bytes_in");
        st.bytesOut = m.count("bytes_out");
        st.inFlight = m.integer("in_flight");
        st.serving = m.integer("serving");
        st.lastActivityMs = m.integer("last_activity_ms");
        f.adopt(m.error());
        s.members.emplace_back(name, st);
    }
    for (const QCborValue &v : f.array("functions")) {
        Fields m(v.toMap(), "function statistics");
        Monitor::FunctionView fv;
        fv.name = m.name("name", true);
        fv.providers = int(std::clamp<qint64>(m.integer("providers"), 0, INT_MAX));
        fv.stats.calls = m.count("calls");
        fv.stats.errors = m.count("errors");
        fv.stats.timeouts = m.count("timeouts");
        fv.stats.bytes = m.count("bytes");
        fv.inFlight = m.integer("in_flight");
        decodeLatencies(m, &fv.lastMinute, &fv.lastQuarterHour);
        for (const QCborValue &pv : m.array("per_provider")) {
            Fields p(pv.toMap(), "provider statistics");
            Monitor::ProviderView pview;
            pview.name = p.name("name", true);
            pview.connected = p.boolean("connected");
            pview.calls = p.count("calls");
            pview.errors = p.count("errors");
            pview.timeouts = p.count("timeouts");
            pview.inFlight = p.integer("in_flight");
            decodeLatencies(p, &pview.lastMinute, &pview.lastQuarterHour);
            m.adopt(p.error());
            fv.perProvider.push_back(std::move(pview));
        }
        f.adopt(m.error());
        s.functions.push_back(std::move(fv));
    }
    return s;
}

CaptureEnd decodeEnd(Fields &f)
{
    CaptureEnd e;
    e.timeMs = f.integer("time_ms");
    e.records = f.count("records");
    Fields d(f.map("dropped"), "dropped");
    e.dropped = decodeLoss(d);
    f.adopt(d.error());
    e.reason = f.text("reason");
    return e;
}

} // namespace

CaptureLoss &CaptureLoss::operator+=(const CaptureLoss &other)
{
    timeMs = std::max(timeMs, other.timeMs);
    calls += other.calls;
    answers += other.answers;
    events += other.events;
    stats += other.stats;
    return *this;
}

QString CaptureRecord::statusName(Monitor::Status status)
{
    return QString::fromLatin1(statusText(status));
}

std::optional<Monitor::Status> CaptureRecord::statusFromName(QStringView name)
{
    return fromName(statuses, statusName, name);
}

QString CaptureRecord::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Info: return QStringLiteral("info");
    case Kind::Member: return QStringLiteral("member");
    case Kind::Event: return QStringLiteral("event");
    case Kind::Call: return QStringLiteral("call");
    case Kind::Answer: return QStringLiteral("answer");
    case Kind::Stats: return QStringLiteral("stats");
    case Kind::Loss: return QStringLiteral("loss");
    case Kind::End: return QStringLiteral("end");
    }
    return QStringLiteral("kind %1").arg(int(kind));
}

QByteArray CaptureRecord::encode() const
{
    if (const auto *call = std::get_if<Monitor::CallRecord>(&data))
        return encodeCall(*call);
    if (const auto *answer = std::get_if<CaptureAnswer>(&data))
        return encodeAnswer(*answer);
    const QCborMap map = std::visit(
        [](const auto &d) -> QCborMap {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, CaptureInfo>)
                return encodeInfo(d);
            else if constexpr (std::is_same_v<T, MemberInfo>)
                return encodeMember(d);
            else if constexpr (std::is_same_v<T, EventLog::Event>)
                return encodeEvent(d);
            else if constexpr (std::is_same_v<T, Monitor::CallRecord> || std::is_same_v<T, CaptureAnswer>)
                return {};   // written above
            else if constexpr (std::is_same_v<T, CaptureStats>)
                return encodeStats(d);
            else if constexpr (std::is_same_v<T, CaptureLoss>)
                return lossMap(d);
            else
                return encodeEnd(d);
        },
        data);
    return map.toCborValue().toCbor();
}

Result<CaptureRecord> CaptureRecord::decode(Kind kind, QByteArrayView body)
{
    QCborParserError parse;
    const QCborValue value = QCborValue::fromCbor(QByteArray::fromRawData(body.data(), body.size()), &parse);
    const QString what = kindName(kind);
    if (parse.error != QCborError::NoError)
        return Error{QStringLiteral("MalformedRecord"),
                     QStringLiteral("its body is not CBOR (%1 at byte %2)").arg(parse.errorString()).arg(parse.offset)};
    if (!value.isMap())
        return Error{QStringLiteral("MalformedRecord"), QStringLiteral("its body is not a CBOR map")};
    const QByteArray name = what.toLatin1();
    Fields f(value.toMap(), name.constData());
    CaptureRecord r;
    switch (kind) {
    case Kind::Info: r.data = decodeInfo(f); break;
    case Kind::Member: r.data = decodeMember(f); break;
    case Kind::Event: r.data = decodeEvent(f); break;
    case Kind::Call: r.data = decodeCall(f); break;
    case Kind::Answer: r.data = decodeAnswer(f); break;
    case Kind::Stats: r.data = decodeStats(f); break;
    case Kind::Loss: r.data = decodeLoss(f); break;
    case Kind::End: r.data = decodeEnd(f); break;
    default:
        return Error{QStringLiteral("UnknownRecord"), QStringLiteral("its kind %1 is not known").arg(int(kind))};
    }
    if (!f.error().isEmpty())
        return Error{QStringLiteral("MalformedRecord"), f.error()};
    return r;
}

} // namespace daffi
