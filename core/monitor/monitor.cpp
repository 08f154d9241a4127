#include "monitor.h"

#include <core/node/router.h>

#include <QDateTime>
#include <QTimer>

namespace daffi {

Monitor::Monitor(Router *router, QObject *parent) : Monitor(router, Options{}, parent) {}

Monitor::Monitor(Router *router, const Options &options, QObject *parent)
    : QObject(parent), m_router(router), m_options(options)
{
    m_clock.start();
    m_ring.resize(size_t(std::max(1, m_options.ringCapacity)));
    connect(router, &Router::frameForwarded, this, &Monitor::forwarded, Qt::DirectConnection);
    connect(router, &Router::frameRefused, this, &Monitor::refused, Qt::DirectConnection);
    connect(router, &Router::memberLeft, this, [this](const QByteArray &name) { memberLeft(name); });
    m_timer = new QTimer(this);
    m_timer->setInterval(m_options.sampleIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Monitor::sample);
    m_timer->start();
}

Monitor::CallRecord &Monitor::append(const Frame &request)
{
    CallRecord &r = m_ring[size_t(m_nextSeq % m_ring.size())];
    r = CallRecord{};
    r.seq = m_nextSeq++;
    r.timeMs = QDateTime::currentMSecsSinceEpoch();
    r.caller = request.transmitter().toByteArray();
    r.receiver = request.receiver().toByteArray();
    r.function = request.function().toByteArray();
    r.serde = request.serde();
    r.uuid = request.uuid();
    r.requestSize = request.size();
    if (request.size() <= m_options.payloadRetention)
        r.request = request;
    return r;
}

Monitor::CallRecord *Monitor::find(quint64 seq)
{
    if (seq == 0 || seq >= m_nextSeq || m_nextSeq - seq > m_ring.size())
        return nullptr;
    CallRecord &r = m_ring[size_t(seq % m_ring.size())];
    return r.seq == seq ? &r : nullptr;
}

void Monitor::forwarded(const Frame &frame, quint64 from, quint64 to)
{
    const qsizetype size = frame.size();
    ++m_totals.framesForwarded;
    m_totals.bytesForwarded += quint64(size);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();

    MemberStats &sender = m_members[frame.transmitter().toByteArray()];
    sender.bytesIn += quint64(size);
    sender.lastActivityMs = nowMs;
    MemberStats &receiver = m_members[frame.receiver().toByteArray()];
    receiver.bytesOut += quint64(size);

    if (frame.flag() == Flag::Request) {
        ++m_totals.calls;
        ++sender.callsOut;
        ++receiver.callsIn;
        FunctionStats &fn = m_functions[frame.function().toByteArray()];
        ++fn.calls;
        fn.bytes += quint64(size);
        CallRecord &r = append(frame);
        if (frame.header().returnResult) {
            r.status = Status::Pending;
            ++sender.inFlight;
            m_pending.insert(pendingKey(from, frame.uuid()), Pending{r.seq, nowUs()});
        } else {
            r.status = Status::Sent;
        }
        return;
    }

    // RESPONSE or ERROR travelling back to the caller (connection `to`).
    const auto it = m_pending.find(pendingKey(to, frame.uuid()));
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    --receiver.inFlight;
    const bool isError = frame.flag() == Flag::Error;
    if (isError) {
        ++m_totals.errors;
        ++sender.errors;
        ++m_functions[frame.function().toByteArray()].errors;
    }
    if (CallRecord *r = find(pending.seq)) {
        r->status = isError ? Status::Error : Status::Ok;
        r->latencyUs = nowUs() - pending.startUs;
        r->replySize = size;
        if (size <= m_options.payloadRetention)
            r->reply = frame;
    }
}

void Monitor::refused(const Frame &frame, quint64, const QString &reason)
{
    ++m_totals.framesRefused;
    MemberStats &sender = m_members[frame.transmitter().toByteArray()];
    ++sender.errors;
    if (frame.flag() != Flag::Request)
        return;
    ++m_totals.errors;
    ++m_functions[frame.function().toByteArray()].errors;
    CallRecord &r = append(frame);
    r.status = Status::Refused;
    r.detail = reason;
}

void Monitor::memberLeft(const QByteArray &name)
{
    // Stats live as long as the member: a router that sees thousands of short-lived callers with
    // random names must not grow without bound. Observers keep what they want to show.
    m_members.remove(name);
}

void Monitor::sample()
{
    const qint64 now = nowUs();
    const double seconds = m_lastSampleUs ? double(now - m_lastSampleUs) / 1e6 : 0.0;
    Sample s;
    s.timeMs = QDateTime::currentMSecsSinceEpoch();
    if (seconds > 0) {
        s.framesPerSecond = double(m_totals.framesForwarded - m_lastSampleTotals.framesForwarded) / seconds;
        s.bytesPerSecond = double(m_totals.bytesForwarded - m_lastSampleTotals.bytesForwarded) / seconds;
    }
    m_lastSampleTotals = m_totals;
    m_lastSampleUs = now;
    m_history.push_back(s);
    if (m_history.size() > size_t(m_options.historySamples))
        m_history.erase(m_history.begin());
    // Pending entries whose record left the ring can never be shown; keep the map bounded.
    if (m_pending.size() > qsizetype(m_ring.size())) {
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (!find(it->seq))
                it = m_pending.erase(it);
            else
                ++it;
        }
    }
    Q_EMIT sampled();
}

std::vector<Monitor::CallRecord> Monitor::callsSince(quint64 afterSeq) const
{
    std::vector<CallRecord> out;
    const quint64 oldest = m_nextSeq > m_ring.size() ? m_nextSeq - m_ring.size() : 1;
    for (quint64 seq = std::max(afterSeq + 1, oldest); seq < m_nextSeq; ++seq)
        out.push_back(m_ring[size_t(seq % m_ring.size())]);
    return out;
}

std::vector<Monitor::CallRecord> Monitor::callsSince(quint64 afterSeq, size_t maxCount) const
{
    const quint64 available = m_nextSeq - 1;
    if (available > afterSeq && available - afterSeq > maxCount)
        afterSeq = available - maxCount;
    return callsSince(afterSeq);
}

std::optional<Monitor::CallRecord> Monitor::call(quint64 seq) const
{
    if (auto *r = const_cast<Monitor *>(this)->find(seq))
        return *r;
    return std::nullopt;
}

QByteArray Monitor::metricsText() const
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help) {
        out += "# HELP "; out += name; out += ' '; out += help; out += '\n';
        out += "# TYPE "; out += name; out += ' '; out += type; out += '\n';
    };
    auto label = [](const QByteArray &value) {
        QByteArray v = value;
        v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        return v;
    };
    metric("daffi_members", "gauge", "Members registered with the router.");
    out += "daffi_members " + QByteArray::number(m_router->memberCount()) + '\n';
    metric("daffi_connections", "gauge", "Open connections, members or not.");
    out += "daffi_connections " + QByteArray::number(m_router->connectionCount()) + '\n';
    metric("daffi_frames_forwarded_total", "counter", "Frames passed on unchanged.");
    out += "daffi_frames_forwarded_total " + QByteArray::number(m_totals.framesForwarded) + '\n';
    metric("daffi_frames_refused_total", "counter", "Frames the router could not or would not pass on.");
    out += "daffi_frames_refused_total " + QByteArray::number(m_totals.framesRefused) + '\n';
    metric("daffi_bytes_forwarded_total", "counter", "Bytes of forwarded frames.");
    out += "daffi_bytes_forwarded_total " + QByteArray::number(m_totals.bytesForwarded) + '\n';
    metric("daffi_calls_total", "counter", "Requests forwarded, by function.");
    for (auto it = m_functions.cbegin(); it != m_functions.cend(); ++it)
        out += "daffi_calls_total{function=\"" + label(it.key()) + "\"} " + QByteArray::number(it->calls) + '\n';
    metric("daffi_call_errors_total", "counter", "ERROR answers and refused requests, by function.");
    for (auto it = m_functions.cbegin(); it != m_functions.cend(); ++it)
        out += "daffi_call_errors_total{function=\"" + label(it.key()) + "\"} " + QByteArray::number(it->errors) + '\n';
    metric("daffi_member_bytes_sent_total", "counter", "Routed bytes sent by each member.");
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it)
        out += "daffi_member_bytes_sent_total{member=\"" + label(it.key()) + "\"} " + QByteArray::number(it->bytesIn) + '\n';
    return out;
}

} // namespace daffi
