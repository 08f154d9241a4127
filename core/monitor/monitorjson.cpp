#include "monitorjson.h"

#include <core/node/router.h>

#include <QDateTime>

namespace daffi {

using namespace Qt::StringLiterals;

namespace {

QJsonValue number(quint64 v)
{
    return QJsonValue(qint64(v));
}

QJsonArray names(const QByteArrayList &list)
{
    QJsonArray out;
    for (const QByteArray &n : list)
        out.append(QString::fromUtf8(n));
    return out;
}

QJsonObject latency(const Monitor::Latency &l)
{
    return QJsonObject{{QStringLiteral("count"), number(l.count)},
                       {QStringLiteral("p50_us"), l.p50},
                       {QStringLiteral("p90_us"), l.p90},
                       {QStringLiteral("p99_us"), l.p99},
                       {QStringLiteral("max_us"), l.max},
                       {QStringLiteral("mean_us"), qint64(l.mean + 0.5)}};
}

QJsonObject latencies(const Monitor::Latency &minute, const Monitor::Latency &quarter)
{
    return QJsonObject{{QStringLiteral("1m"), latency(minute)}, {QStringLiteral("15m"), latency(quarter)}};
}

void addMemberInfo(QJsonObject &o, const MemberInfo &info)
{
    o.insert(QStringLiteral("name"), QString::fromUtf8(info.name));
    o.insert(QStringLiteral("connection"), number(info.connectionId));
    o.insert(QStringLiteral("transport"), Connection::transportName(info.transport));
    o.insert(QStringLiteral("address"), info.address);
    o.insert(QStringLiteral("connected_ms"), info.connectedAt.isValid() ? QJsonValue(info.connectedAt.toMSecsSinceEpoch())
                                                                        : QJsonValue());
    // null: the member sent "methods": null (a caller); [] and a list: what it exposes.
    o.insert(QStringLiteral("functions"), info.hasMethodList || !info.methods.isEmpty() ? QJsonValue(names(info.methods))
                                                                                         : QJsonValue());
}

void addMemberStats(QJsonObject &o, const Monitor::MemberStats &s)
{
    o.insert(QStringLiteral("calls_in"), number(s.callsIn));
    o.insert(QStringLiteral("calls_out"), number(s.callsOut));
    o.insert(QStringLiteral("errors"), number(s.errors));
    o.insert(QStringLiteral("bytes_in"), number(s.bytesIn));
    o.insert(QStringLiteral("bytes_out"), number(s.bytesOut));
    o.insert(QStringLiteral("in_flight"), s.inFlight);
    o.insert(QStringLiteral("serving"), s.serving);
    o.insert(QStringLiteral("last_activity_ms"), s.lastActivityMs ? QJsonValue(s.lastActivityMs) : QJsonValue());
}

QJsonObject payloadPart(const Frame &frame, qint64 size, Serde serde)
{
    QJsonObject o{{QStringLiteral("size"), size}, {QStringLiteral("kept"), frame.isValid()}};
    if (!frame.isValid()) {
        o.insert(QStringLiteral("serde"), serdeName(serde));
        return o;
    }
    o.insert(QStringLiteral("flag"), flagName(frame.flag()));
    o.insert(QStringLiteral("serde"), serdeName(frame.serde()));
    const QByteArrayView data = frame.data();
    o.insert(QStringLiteral("data"),
             QString::fromLatin1(QByteArray::fromRawData(data.data(), data.size()).toBase64()));
    return o;
}

QJsonArray point(qint64 timeMs, double messages, double bytes)
{
    return QJsonArray{timeMs, messages, bytes};
}

QJsonObject seriesHeader(const RateHistory::Series &series)
{
    QJsonObject s{{QStringLiteral("kind"), MonitorJson::kindName(series.kind)},
                  {QStringLiteral("key"), QString::fromUtf8(series.key)}};
    if (series.kind == RateHistory::Kind::Flow) {
        s.insert(QStringLiteral("caller"), QString::fromUtf8(series.caller));
        s.insert(QStringLiteral("receiver"), QString::fromUtf8(series.receiver));
        s.insert(QStringLiteral("function"), QString::fromUtf8(series.function));
    }
    return s;
}

} // namespace

QString MonitorJson::statusName(Monitor::Status status)
{
    switch (status) {
    case Monitor::Status::Pending: return QStringLiteral("pending");
    case Monitor::Status::Ok: return QStringLiteral("ok");
    case Monitor::Status::Error: return QStringLiteral("error");
    case Monitor::Status::Refused: return QStringLiteral("refused");
    case Monitor::Status::Sent: return QStringLiteral("sent");
    case Monitor::Status::Lost: return QStringLiteral("lost");
    }
    return {};
}

QString MonitorJson::kindName(RateHistory::Kind kind)
{
    switch (kind) {
    case RateHistory::Kind::Member: return QStringLiteral("member");
    case RateHistory::Kind::Function: return QStringLiteral("function");
    case RateHistory::Kind::Flow: return QStringLiteral("flow");
    }
    return {};
}

QJsonObject MonitorJson::counters(const Monitor &monitor)
{
    const Monitor::Totals &t = monitor.totals();
    return QJsonObject{{QStringLiteral("frames_forwarded"), number(t.framesForwarded)},
                       {QStringLiteral("frames_refused"), number(t.framesRefused)},
                       {QStringLiteral("bytes_forwarded"), number(t.bytesForwarded)},
                       {QStringLiteral("calls"), number(t.calls)},
                       {QStringLiteral("errors"), number(t.errors)},
                       {QStringLiteral("timeouts"), number(t.timeouts)},
                       {QStringLiteral("connections"), monitor.router()->connectionCount()},
                       {QStringLiteral("members"), monitor.router()->memberCount()},
                       {QStringLiteral("last_call_seq"), number(monitor.lastSeq())},
                       {QStringLiteral("last_answer_seq"), number(monitor.lastAnswerSeq())},
                       {QStringLiteral("last_event_seq"), number(monitor.events().lastSeq())}};
}

QJsonObject MonitorJson::router(const Monitor &monitor, const RouterInfo &info)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return QJsonObject{{QStringLiteral("api"), QStringLiteral("daffi-monitor/1")},
                       {QStringLiteral("name"), QStringLiteral("daffi-router")},
                       {QStringLiteral("version"), QStringLiteral(DAFFI_VERSION)},
                       {QStringLiteral("instance"), info.instance},
                       {QStringLiteral("started_ms"), monitor.startedMs()},
                       {QStringLiteral("now_ms"), now},
                       {QStringLiteral("listen"), QJsonArray::fromStringList(info.listen)},
                       {QStringLiteral("monitor"), info.monitorUrl},
                       {QStringLiteral("payloads"), info.payloads},
                       {QStringLiteral("ring_capacity"), monitor.options().ringCapacity},
                       {QStringLiteral("counters"), counters(monitor)},
                       {QStringLiteral("feed"), QJsonObject{{QStringLiteral("observers"), info.observers},
                                                            {QStringLiteral("dropped"), number(info.feedDropped)}}}};
}

QJsonObject MonitorJson::member(const Monitor::MemberView &m)
{
    QJsonObject o;
    addMemberInfo(o, m.info);
    addMemberStats(o, m.stats);
    o.insert(QStringLiteral("queued_bytes"), m.queuedBytes);
    return o;
}

QJsonObject MonitorJson::departed(const Monitor::DepartedMember &m)
{
    QJsonObject o;
    addMemberInfo(o, m.info);
    addMemberStats(o, m.stats);
    o.insert(QStringLiteral("left_ms"), m.leftMs);
    o.insert(QStringLiteral("reason"), m.reason);
    o.insert(QStringLiteral("cause"), QString::fromLatin1(EventLog::causeName(m.cause)));
    return o;
}

QJsonArray MonitorJson::members(const Monitor &monitor)
{
    QJsonArray out;
    for (const Monitor::MemberView &m : monitor.members())
        out.append(member(m));
    return out;
}

QJsonObject MonitorJson::membersDocument(const Monitor &monitor)
{
    QJsonArray gone;
    for (const Monitor::DepartedMember &m : monitor.departed())
        gone.append(departed(m));
    return QJsonObject{{QStringLiteral("members"), members(monitor)}, {QStringLiteral("departed"), gone}};
}

QJsonObject MonitorJson::function(const Monitor::FunctionView &f)
{
    QJsonArray providers;
    for (const Monitor::ProviderView &p : f.perProvider) {
        providers.append(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(p.name)},
                                     {QStringLiteral("connected"), p.connected},
                                     {QStringLiteral("calls"), number(p.calls)},
                                     {QStringLiteral("errors"), number(p.errors)},
                                     {QStringLiteral("timeouts"), number(p.timeouts)},
                                     {QStringLiteral("in_flight"), p.inFlight},
                                     {QStringLiteral("latency"), latencies(p.lastMinute, p.lastQuarterHour)}});
    }
    return QJsonObject{{QStringLiteral("name"), QString::fromUtf8(f.name)},
                       {QStringLiteral("providers"), f.providers},
                       {QStringLiteral("calls"), number(f.stats.calls)},
                       {QStringLiteral("errors"), number(f.stats.errors)},
                       {QStringLiteral("timeouts"), number(f.stats.timeouts)},
                       {QStringLiteral("bytes"), number(f.stats.bytes)},
                       {QStringLiteral("in_flight"), f.inFlight},
                       {QStringLiteral("latency"), latencies(f.lastMinute, f.lastQuarterHour)},
                       {QStringLiteral("per_provider"), providers}};
}

QJsonObject MonitorJson::functionsDocument(const Monitor &monitor)
{
    QJsonArray out;
    for (const Monitor::FunctionView &f : monitor.functions())
        out.append(function(f));
    return QJsonObject{{QStringLiteral("functions"), out}};
}

void MonitorJson::writeCall(JsonWriter &w, const Monitor::CallView &r, bool payloads)
{
    w.beginObject();
    w.key("caller"_L1).string(r.caller);
    if (!r.detail.isEmpty())
        w.key("detail"_L1).string(r.detail);
    w.key("function"_L1).string(r.function);
    w.key("latency_us"_L1);
    r.latencyUs ? w.value(*r.latencyUs) : w.null();
    w.key("payload"_L1).value(payloads && r.payloadKept);
    w.key("receiver"_L1).string(r.receiver);
    w.key("reply_size"_L1).value(r.replySize);
    w.key("request_size"_L1).value(r.requestSize);
    w.key("seq"_L1).value(r.seq);
    w.key("serde"_L1).string(serdeName(r.serde));
    w.key("status"_L1).string(statusName(r.status));
    w.key("time_ms"_L1).value(r.timeMs);
    w.key("uuid"_L1).value(int(r.uuid));
    w.endObject();
}

void MonitorJson::writeAnswer(JsonWriter &w, const Monitor::Answer &a)
{
    w.beginObject();
    w.key("answer_seq"_L1).value(a.seq);
    if (!a.detail.isEmpty())
        w.key("detail"_L1).string(a.detail);
    w.key("latency_us"_L1);
    a.latencyUs ? w.value(*a.latencyUs) : w.null();
    w.key("reply_size"_L1).value(a.replySize);
    w.key("seq"_L1).value(a.callSeq);
    w.key("status"_L1).string(statusName(a.status));
    w.endObject();
}

void MonitorJson::writeEvent(JsonWriter &w, const EventLog::Event &e)
{
    w.beginObject();
    if (!e.address.isEmpty())
        w.key("address"_L1).string(e.address);
    if (e.cause)
        w.key("cause"_L1).string(QLatin1StringView(EventLog::causeName(*e.cause)));
    if (e.connection)
        w.key("connection"_L1).value(e.connection);
    if (e.kind == EventLog::Kind::Joined || e.kind == EventLog::Kind::Updated) {
        w.key("functions"_L1).beginArray();
        for (const QByteArray &name : e.methods)
            w.string(name);
        w.endArray();
    }
    w.key("kind"_L1).string(QLatin1StringView(EventLog::kindName(e.kind)));
    if (!e.member.isEmpty())
        w.key("member"_L1).string(e.member);
    if (!e.reason.isEmpty())
        w.key("reason"_L1).string(e.reason);
    w.key("seq"_L1).value(e.seq);
    w.key("time_ms"_L1).value(e.timeMs);
    if (e.transport)
        w.key("transport"_L1).string(Connection::transportName(*e.transport));
    w.endObject();
}

namespace {

// The cursor fields every page ends with: where the reader goes on from.
void writePageTail(JsonWriter &w, quint64 lastSeq, quint64 lost, quint64 next, quint64 since, bool withMore)
{
    w.key("last_seq"_L1).value(lastSeq);
    w.key("lost"_L1).value(lost);
    if (withMore)
        w.key("more"_L1).value(next < lastSeq);
    w.key("next_since"_L1).value(next);
    w.key("since"_L1).value(since);
}

} // namespace

QByteArray MonitorJson::callsPage(const Monitor &monitor, const QString &instance, quint64 since, size_t limit,
                                  std::optional<quint64> answersSince, bool payloads)
{
    JsonWriter w;
    w.beginObject();
    if (answersSince) {
        const Monitor::AnswerPage answers = monitor.answers(*answersSince, limit);
        w.key("answers"_L1).beginObject();
        w.key("answers"_L1).beginArray();
        for (const Monitor::Answer &a : answers.answers)
            writeAnswer(w, a);
        w.endArray();
        const quint64 next = answers.answers.empty() ? std::max(*answersSince, answers.lastSeq) : answers.answers.back().seq;
        writePageTail(w, answers.lastSeq, answers.lost, next, *answersSince, false);
        w.endObject();
    }
    const quint64 lastSeq = monitor.lastSeq();
    quint64 next = std::max(since, lastSeq);
    bool any = false;
    w.key("calls"_L1).beginArray();
    const quint64 lost = monitor.visitCalls(since, limit, [&](const Monitor::CallView &r) {
        writeCall(w, r, payloads);
        next = r.seq;
        any = true;
    });
    w.endArray();
    if (!any)
        next = std::max(since, lastSeq);
    w.key("instance"_L1).string(instance);
    writePageTail(w, lastSeq, lost, next, since, true);
    w.endObject();
    return w.take();
}

QByteArray MonitorJson::eventsPage(const Monitor &monitor, const QString &instance, quint64 since, size_t limit)
{
    const EventLog::Page page = monitor.events().since(since, limit);
    JsonWriter w;
    w.beginObject();
    w.key("events"_L1).beginArray();
    for (const EventLog::Event &e : page.events)
        writeEvent(w, e);
    w.endArray();
    const quint64 next = page.events.empty() ? std::max(since, page.lastSeq) : page.events.back().seq;
    w.key("instance"_L1).string(instance);
    writePageTail(w, page.lastSeq, page.lost, next, since, true);
    w.endObject();
    return w.take();
}

QJsonObject MonitorJson::payload(const Monitor::CallRecord &r)
{
    const bool answered = r.status == Monitor::Status::Ok || r.status == Monitor::Status::Error;
    return QJsonObject{{QStringLiteral("seq"), number(r.seq)},
                       {QStringLiteral("function"), QString::fromUtf8(r.function)},
                       {QStringLiteral("status"), statusName(r.status)},
                       {QStringLiteral("request"), payloadPart(r.request, r.requestSize, r.serde)},
                       {QStringLiteral("answer"), answered ? QJsonValue(payloadPart(r.reply, r.replySize, r.serde))
                                                           : QJsonValue()}};
}

QJsonArray MonitorJson::totalsSamples(const Monitor &monitor, qint64 sinceMs)
{
    QJsonArray out;
    for (const Monitor::Sample &s : monitor.history()) {
        if (s.timeMs > sinceMs)
            out.append(point(s.timeMs, s.framesPerSecond, s.bytesPerSecond));
    }
    return out;
}

QJsonArray MonitorJson::rateSeries(const RateHistory &rates, qint64 sinceMs)
{
    QJsonArray out;
    for (int kind = 0; kind < 3; ++kind) {
        const auto &all = rates.series(RateHistory::Kind(kind));
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            QJsonArray points;
            for (const RateHistory::Point &p : it->points) {
                if (p.timeMs > sinceMs)
                    points.append(point(p.timeMs, p.messagesPerSecond, p.bytesPerSecond));
            }
            if (points.isEmpty())
                continue;
            QJsonObject s = seriesHeader(*it);
            s.insert(QStringLiteral("points"), points);
            out.append(s);
        }
    }
    return out;
}

QJsonObject MonitorJson::latestRates(const Monitor &monitor, const RateHistory &rates)
{
    QJsonArray series;
    qint64 timeMs = 0;
    for (int kind = 0; kind < 3; ++kind) {
        const auto &all = rates.series(RateHistory::Kind(kind));
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (it->points.empty())
                continue;
            const RateHistory::Point &p = it->points.back();
            timeMs = std::max(timeMs, p.timeMs);
            QJsonObject s = seriesHeader(*it);
            s.insert(QStringLiteral("messages_per_s"), p.messagesPerSecond);
            s.insert(QStringLiteral("bytes_per_s"), p.bytesPerSecond);
            series.append(s);
        }
    }
    QJsonObject o{{QStringLiteral("time_ms"), timeMs}, {QStringLiteral("series"), series}};
    if (!monitor.history().empty()) {
        const Monitor::Sample &s = monitor.history().back();
        o.insert(QStringLiteral("totals"), point(s.timeMs, s.framesPerSecond, s.bytesPerSecond));
    }
    return o;
}

} // namespace daffi
