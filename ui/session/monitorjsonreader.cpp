#include "monitorjsonreader.h"

#include <core/monitor/monitorjson.h>

namespace daffi::ui {

namespace {

quint64 count(const QJsonValue &v)
{
    const qint64 n = v.toInteger(0);
    return n > 0 ? quint64(n) : 0;
}

QByteArray name(const QJsonValue &v)
{
    return v.toString().toUtf8();
}

QByteArrayList names(const QJsonValue &v)
{
    QByteArrayList out;
    for (const QJsonValue &n : v.toArray()) {
        if (n.isString())
            out << name(n);
    }
    return out;
}

template <typename Enum, size_t N, typename NameOf>
std::optional<Enum> byName(const QString &text, const Enum (&values)[N], NameOf nameOf)
{
    for (Enum e : values) {
        if (text == nameOf(e))
            return e;
    }
    return std::nullopt;
}

std::optional<Connection::Transport> transport(const QJsonValue &v)
{
    using T = Connection::Transport;
    static const T all[] = {T::Tcp, T::Tls, T::Unix, T::WebSocket, T::SecureWebSocket};
    return byName(v.toString(), all, [](T t) { return Connection::transportName(t); });
}

std::optional<Connection::CloseCause> cause(const QJsonValue &v)
{
    using C = Connection::CloseCause;
    static const C all[] = {C::PeerClosed, C::WriteStall,       C::PeerTimeout, C::ProtocolError,
                            C::Evicted,    C::HandshakeTimeout, C::Other};
    return byName(v.toString(), all, [](C c) { return QString::fromLatin1(EventLog::causeName(c)); });
}

std::optional<EventLog::Kind> eventKind(const QJsonValue &v)
{
    using K = EventLog::Kind;
    static const K all[] = {K::Joined, K::Updated, K::Left, K::Dropped, K::Refused};
    return byName(v.toString(), all, [](K k) { return QString::fromLatin1(EventLog::kindName(k)); });
}

std::optional<RateHistory::Kind> rateKind(const QJsonValue &v)
{
    using K = RateHistory::Kind;
    static const K all[] = {K::Member, K::Function, K::Flow};
    return byName(v.toString(), all, [](K k) { return MonitorJson::kindName(k); });
}

std::optional<Flag> flag(const QJsonValue &v)
{
    static const Flag all[] = {Flag::Request, Flag::Response, Flag::Error};
    return byName(v.toString(), all, [](Flag f) { return flagName(f); });
}

Monitor::Latency latency(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    Monitor::Latency l;
    l.count = count(o.value(u"count"));
    l.p50 = o.value(u"p50_us").toInteger();
    l.p90 = o.value(u"p90_us").toInteger();
    l.p99 = o.value(u"p99_us").toInteger();
    l.max = o.value(u"max_us").toInteger();
    l.mean = o.value(u"mean_us").toDouble();
    return l;
}

Frame frame(const QJsonValue &part, Serde fallback)
{
    const QJsonObject o = part.toObject();
    if (!o.value(u"kept").toBool())
        return {};
    const auto f = flag(o.value(u"flag"));
    auto data = QByteArray::fromBase64Encoding(o.value(u"data").toString().toLatin1(),
                                               QByteArray::AbortOnBase64DecodingErrors);
    if (!f || !data)
        return {};
    const Serde serde = serdeFromName(o.value(u"serde").toString()).value_or(fallback);
    auto made = Frame::make({0, *f, serde, false, *f == Flag::Request}, {}, {}, {}, *data);
    return made ? *made : Frame{};
}

} // namespace

std::optional<Monitor::Status> MonitorJsonReader::status(const QString &text)
{
    using S = Monitor::Status;
    static const S all[] = {S::Pending, S::Ok, S::Error, S::Refused, S::Sent, S::Lost};
    return byName(text, all, [](S s) { return MonitorJson::statusName(s); });
}

std::optional<MonitorJsonReader::Call> MonitorJsonReader::call(const QJsonObject &o)
{
    const quint64 seq = count(o.value(u"seq"));
    const auto s = status(o.value(u"status").toString());
    if (seq == 0 || !s)
        return std::nullopt;
    Call c;
    Monitor::CallRecord &r = c.record;
    r.seq = seq;
    r.timeMs = o.value(u"time_ms").toInteger();
    r.caller = name(o.value(u"caller"));
    r.receiver = name(o.value(u"receiver"));
    r.function = name(o.value(u"function"));
    r.serde = serdeFromName(o.value(u"serde").toString()).value_or(Serde::Opaque);
    r.uuid = quint16(count(o.value(u"uuid")));
    r.status = *s;
    r.requestSize = qint64(count(o.value(u"request_size")));
    r.replySize = qint64(count(o.value(u"reply_size")));
    if (o.value(u"latency_us").isDouble())
        r.latencyUs = o.value(u"latency_us").toInteger();
    r.detail = o.value(u"detail").toString();
    c.payloadKept = o.value(u"payload").toBool();
    return c;
}

std::optional<Monitor::Answer> MonitorJsonReader::answer(const QJsonObject &o)
{
    Monitor::Answer a;
    a.seq = count(o.value(u"answer_seq"));
    a.callSeq = count(o.value(u"seq"));
    const auto s = status(o.value(u"status").toString());
    if (a.seq == 0 || a.callSeq == 0 || !s)
        return std::nullopt;
    a.status = *s;
    a.replySize = qint64(count(o.value(u"reply_size")));
    if (o.value(u"latency_us").isDouble())
        a.latencyUs = o.value(u"latency_us").toInteger();
    a.detail = o.value(u"detail").toString();
    return a;
}

std::optional<EventLog::Event> MonitorJsonReader::event(const QJsonObject &o)
{
    EventLog::Event e;
    e.seq = count(o.value(u"seq"));
    const auto kind = eventKind(o.value(u"kind"));
    if (e.seq == 0 || !kind)
        return std::nullopt;
    e.kind = *kind;
    e.timeMs = o.value(u"time_ms").toInteger();
    e.member = name(o.value(u"member"));
    e.connection = count(o.value(u"connection"));
    e.address = o.value(u"address").toString();
    e.transport = transport(o.value(u"transport"));
    e.methods = names(o.value(u"functions"));
    e.reason = o.value(u"reason").toString();
    e.cause = cause(o.value(u"cause"));
    return e;
}

std::optional<MemberSnapshot> MonitorJsonReader::member(const QJsonObject &o)
{
    MemberSnapshot m;
    m.name = name(o.value(u"name"));
    if (m.name.isEmpty())
        return std::nullopt;
    const QJsonValue functions = o.value(u"functions");
    m.hasMethodList = functions.isArray();
    m.methods = names(functions);
    m.transport = o.value(u"transport").toString();
    m.address = o.value(u"address").toString();
    if (o.value(u"connected_ms").isDouble())
        m.connectedAt = QDateTime::fromMSecsSinceEpoch(o.value(u"connected_ms").toInteger(), Qt::UTC);
    Monitor::MemberStats s;
    s.callsIn = count(o.value(u"calls_in"));
    s.callsOut = count(o.value(u"calls_out"));
    s.errors = count(o.value(u"errors"));
    s.bytesIn = count(o.value(u"bytes_in"));
    s.bytesOut = count(o.value(u"bytes_out"));
    s.inFlight = o.value(u"in_flight").toInteger();
    s.serving = o.value(u"serving").toInteger();
    s.lastActivityMs = o.value(u"last_activity_ms").toInteger();
    m.stats = s;
    return m;
}

QList<MemberSnapshot> MonitorJsonReader::members(const QJsonArray &list)
{
    QList<MemberSnapshot> out;
    out.reserve(list.size());
    for (const QJsonValue &v : list) {
        if (auto m = member(v.toObject()))
            out.push_back(std::move(*m));
    }
    return out;
}

std::vector<Monitor::FunctionView> MonitorJsonReader::functions(const QJsonObject &document)
{
    std::vector<Monitor::FunctionView> out;
    for (const QJsonValue &v : document.value(u"functions").toArray()) {
        const QJsonObject o = v.toObject();
        Monitor::FunctionView f;
        f.name = name(o.value(u"name"));
        if (f.name.isEmpty())
            continue;
        f.providers = int(o.value(u"providers").toInteger());
        f.stats.calls = count(o.value(u"calls"));
        f.stats.errors = count(o.value(u"errors"));
        f.stats.timeouts = count(o.value(u"timeouts"));
        f.stats.bytes = count(o.value(u"bytes"));
        f.inFlight = o.value(u"in_flight").toInteger();
        f.lastMinute = latency(o.value(u"latency")[u"1m"]);
        f.lastQuarterHour = latency(o.value(u"latency")[u"15m"]);
        for (const QJsonValue &pv : o.value(u"per_provider").toArray()) {
            const QJsonObject po = pv.toObject();
            Monitor::ProviderView p;
            p.name = name(po.value(u"name"));
            if (p.name.isEmpty())
                continue;
            p.connected = po.value(u"connected").toBool();
            p.calls = count(po.value(u"calls"));
            p.errors = count(po.value(u"errors"));
            p.timeouts = count(po.value(u"timeouts"));
            p.inFlight = po.value(u"in_flight").toInteger();
            p.lastMinute = latency(po.value(u"latency")[u"1m"]);
            p.lastQuarterHour = latency(po.value(u"latency")[u"15m"]);
            f.perProvider.push_back(std::move(p));
        }
        out.push_back(std::move(f));
    }
    return out;
}

Monitor::Totals MonitorJsonReader::totals(const QJsonObject &c)
{
    Monitor::Totals t;
    t.framesForwarded = count(c.value(u"frames_forwarded"));
    t.framesRefused = count(c.value(u"frames_refused"));
    t.bytesForwarded = count(c.value(u"bytes_forwarded"));
    t.calls = count(c.value(u"calls"));
    t.errors = count(c.value(u"errors"));
    t.timeouts = count(c.value(u"timeouts"));
    return t;
}

std::optional<Monitor::Sample> MonitorJsonReader::sample(const QJsonValue &point)
{
    const QJsonArray p = point.toArray();
    if (p.size() < 3 || !p[0].isDouble())
        return std::nullopt;
    return Monitor::Sample{p[0].toInteger(), p[1].toDouble(), p[2].toDouble()};
}

std::vector<RatePoint> MonitorJsonReader::ratePoints(const QJsonArray &series)
{
    std::vector<RatePoint> out;
    out.reserve(size_t(series.size()));
    for (const QJsonValue &v : series) {
        const QJsonObject o = v.toObject();
        const auto kind = rateKind(o.value(u"kind"));
        if (!kind)
            continue;
        RatePoint p;
        p.kind = *kind;
        p.key = name(o.value(u"key"));
        p.caller = name(o.value(u"caller"));
        p.receiver = name(o.value(u"receiver"));
        p.function = name(o.value(u"function"));
        p.messagesPerSecond = float(o.value(u"messages_per_s").toDouble());
        p.bytesPerSecond = float(o.value(u"bytes_per_s").toDouble());
        out.push_back(std::move(p));
    }
    return out;
}

PayloadFetch MonitorJsonReader::payload(const QJsonObject &document)
{
    const Serde serde = serdeFromName(document.value(u"request")[u"serde"].toString()).value_or(Serde::Opaque);
    return {frame(document.value(u"request"), serde), frame(document.value(u"answer"), serde), {}};
}

} // namespace daffi::ui
