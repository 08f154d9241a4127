#include "replayer.h"

#include <core/node/client.h>
#include <core/protocol/json.h>

#include <QTimer>

namespace daffi {

namespace {

constexpr qsizetype ShownBytes = 200;

Payload payloadOf(const Frame &frame)
{
    return Payload{frame.serde(), frame.header().isBytes, frame.dataBytes()};
}

// A value as a person reads it in a one-line verdict.
QString shown(const Payload &p, bool isError)
{
    if (isError) {
        if (auto e = envelope::decodeError(p.serde, p.data))
            return QStringLiteral("%1(%2)").arg(e->type, e->message);
    } else if (p.serde == Serde::Json || p.serde == Serde::Msgpack) {
        if (auto v = envelope::decodeResult(p.serde, p.isBytes, p.data))
            return QString::fromUtf8(json::write(*v)).left(ShownBytes);
    }
    return QStringLiteral("%1 bytes of %2 (%3)").arg(p.data.size()).arg(serdeName(p.serde), QString::fromLatin1(p.data.left(32).toHex()));
}

bool sameResult(const Payload &a, const Payload &b)
{
    if (a.serde != b.serde)
        return false;
    if (a.serde == Serde::Json || a.serde == Serde::Msgpack) {
        auto va = envelope::decodeResult(a.serde, a.isBytes, a.data);
        auto vb = envelope::decodeResult(b.serde, b.isBytes, b.data);
        if (va && vb)
            return *va == *vb;
    }
    return a.isBytes == b.isBytes && a.data == b.data;
}

bool sameError(const Payload &a, const Payload &b)
{
    auto ea = envelope::decodeError(a.serde, a.data);
    auto eb = envelope::decodeError(b.serde, b.data);
    if (ea && eb)
        return ea->type == eb->type && ea->module == eb->module && ea->message == eb->message;
    return a.serde == b.serde && a.data == b.data;
}

bool isRefusal(const CallResult &r)
{
    return r.status == CallResult::Status::NoReceiver
        || (r.status == CallResult::Status::RemoteError && r.remote.type == u"ReceiverNotFound");
}

} // namespace

Replayer::Replayer(Client *client, std::vector<Monitor::CallRecord> calls, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options))
{
    for (Monitor::CallRecord &r : calls) {
        if (m_options.filter.matches(r))
            m_calls.push_back(std::move(r));
    }
}

Monitor::Status Replayer::statusOf(const CallResult &r)
{
    if (r.ok())
        return Monitor::Status::Ok;
    if (isRefusal(r))
        return Monitor::Status::Refused;
    if (r.status == CallResult::Status::RemoteError)
        return Monitor::Status::Error;
    return Monitor::Status::Lost;
}

Replayer::Verdict Replayer::compare(const Monitor::CallRecord &recorded, const CallResult &replayed, QString *why)
{
    const Monitor::Status now = statusOf(replayed);
    auto differs = [&](const QString &text) {
        *why = text;
        return Verdict::Different;
    };
    const QString recordedName = CaptureRecord::statusName(recorded.status);
    switch (recorded.status) {
    case Monitor::Status::Pending:
    case Monitor::Status::Lost:
        *why = QStringLiteral("the capture holds no answer to compare with (the call was %1 there)").arg(recordedName);
        return Verdict::NotCompared;
    case Monitor::Status::Sent:
        *why = QStringLiteral("fire and forget: there is no answer to compare");
        return Verdict::NotCompared;
    case Monitor::Status::Refused:
        if (now == Monitor::Status::Refused)
            return Verdict::Equal;
        return differs(QStringLiteral("it was refused in the capture (%1) and is %2 now").arg(recorded.detail,
                                                                                               CaptureRecord::statusName(now)));
    case Monitor::Status::Ok:
    case Monitor::Status::Error:
        break;
    }
    if (now != recorded.status) {
        const QString detail = replayed.status == CallResult::Status::RemoteError
            ? QStringLiteral("%1(%2)").arg(replayed.remote.type, replayed.remote.message) : replayed.message;
        return differs(QStringLiteral("it was %1 in the capture and is %2 now: %3").arg(recordedName, CaptureRecord::statusName(now), detail));
    }
    if (!recorded.reply.isValid()) {
        *why = QStringLiteral("only the status is compared: the capture kept no answer bytes");
        return Verdict::Equal;
    }
    const Payload before = payloadOf(recorded.reply);
    const bool isError = recorded.status == Monitor::Status::Error;
    if (isError ? sameError(before, replayed.payload) : sameResult(before, replayed.payload))
        return Verdict::Equal;
    return differs(QStringLiteral("the %1 differs: %2 in the capture, %3 now")
                       .arg(isError ? QStringLiteral("error") : QStringLiteral("answer"), shown(before, isError),
                            shown(replayed.payload, isError)));
}

void Replayer::start()
{
    m_clock.start();
    if (m_calls.empty()) {
        QMetaObject::invokeMethod(this, [this] { Q_EMIT finished(m_summary); }, Qt::QueuedConnection);
        return;
    }
    send(0);
}

// Sends call `index`, then, at a speed, arranges for the next one at its recorded time.
void Replayer::send(size_t index)
{
    m_next = index + 1;
    const Monitor::CallRecord &r = m_calls[index];
    if (m_options.speed > 0 && m_next < m_calls.size()) {
        const double dueMs = double(m_calls[m_next].timeMs - m_calls.front().timeMs) / m_options.speed;
        QTimer::singleShot(std::max<qint64>(0, qint64(dueMs) - m_clock.elapsed()), Qt::PreciseTimer, this,
                           [this, next = m_next] { send(next); });
    }
    if (!r.request.isValid() || r.request.flag() != Flag::Request) {
        Outcome o;
        o.recorded = r;
        o.verdict = Verdict::Skipped;
        o.why = QStringLiteral("the capture kept no request bytes for it");
        QMetaObject::invokeMethod(this, [this, o = std::move(o)]() mutable { done(std::move(o)); }, Qt::QueuedConnection);
        return;
    }
    ++m_outstanding;
    const bool wantsAnswer = r.request.header().returnResult;
    const Client::CallOptions options{m_options.receiver.isEmpty() ? r.receiver : m_options.receiver, m_options.timeout};
    auto future = wantsAnswer ? m_client->rpc(r.function, payloadOf(r.request), options)
                              : m_client->rpcNowait(r.function, payloadOf(r.request), options);
    const qint64 sentUs = m_clock.nsecsElapsed() / 1000;
    future.then(this, [this, index, wantsAnswer, sentUs](const CallResult &result) {
        --m_outstanding;
        Outcome o;
        o.recorded = m_calls[index];
        o.result = result;
        if (wantsAnswer) {
            o.latencyUs = m_clock.nsecsElapsed() / 1000 - sentUs;
            o.replayedStatus = statusOf(result);
            o.verdict = compare(o.recorded, result, &o.why);
        } else {
            o.replayedStatus = result.ok() ? Monitor::Status::Sent : statusOf(result);
            o.verdict = result.ok() ? Verdict::NotCompared : Verdict::Different;
            o.why = result.ok() ? QStringLiteral("fire and forget: there is no answer to compare")
                                : QStringLiteral("it could not be sent: %1").arg(result.message);
        }
        done(std::move(o));
    });
}

void Replayer::done(Outcome &&o)
{
    switch (o.verdict) {
    case Verdict::Equal: ++m_summary.equal; break;
    case Verdict::Different: ++m_summary.different; break;
    case Verdict::NotCompared: ++m_summary.notCompared; break;
    case Verdict::Skipped: ++m_summary.skipped; break;
    }
    if (o.verdict != Verdict::Skipped)
        ++m_summary.replayed;
    Q_EMIT replayed(o);
    if (m_options.speed <= 0 && m_next < m_calls.size())
        send(m_next);
    else if (m_next >= m_calls.size() && m_outstanding == 0)
        Q_EMIT finished(m_summary);
}

} // namespace daffi
