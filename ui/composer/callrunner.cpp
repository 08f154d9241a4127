#include "callrunner.h"

#include <ui/session/session.h>
#include <ui/traffic/payloaddecoder.h>

#include <core/node/client.h>
#include <core/protocol/envelope.h>
#include <core/protocol/json.h>

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>

namespace daffi::ui {

namespace {

QString describe(const CallResult &r, QString *text)
{
    switch (r.status) {
    case CallResult::Status::Ok: {
        auto v = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
        *text = v ? PayloadDecoder::pretty(*v) : PayloadDecoder::hexDump(r.payload.data);
        return CallRunner::tr("ok from %1").arg(QString::fromUtf8(r.receiver));
    }
    case CallResult::Status::RemoteError:
        *text = r.remote.traceback.isString() ? r.remote.traceback.toString() : r.remote.message;
        return CallRunner::tr("%1 raised %2: %3").arg(QString::fromUtf8(r.receiver), r.remote.type, r.remote.message);
    default:
        *text = r.message;
        return CallResult::statusName(r.status) + QStringLiteral(": ") + r.message;
    }
}

} // namespace

CallRunner::CallRunner(Session *session, QObject *parent) : QObject(parent), m_session(session) {}

Result<Payload> CallRunner::encode(const CallSpec &spec)
{
    auto args = json::parse(spec.args.trimmed().isEmpty() ? QByteArray("[]") : spec.args.toUtf8());
    if (!args || !args->isArray())
        return Error{{}, tr("The arguments must be a JSON array, e.g. [1, 2] or [\"text\"]%1")
                             .arg(args ? QString() : QStringLiteral(" (") + args.error().message + u')')};
    QCborMap kwargs;
    if (!spec.kwargs.trimmed().isEmpty()) {
        auto k = json::parse(spec.kwargs.toUtf8());
        if (!k || !k->isMap())
            return Error{{}, tr("The keyword arguments must be a JSON object, e.g. {\"name\": \"value\"}, or empty.")};
        kwargs = k->toMap();
    }
    auto payload = envelope::encodeCall(spec.serde, {args->toArray(), kwargs});
    if (!payload)
        return Error{{}, tr("Cannot encode the call as %1: %2").arg(serdeName(spec.serde), payload.error().message)};
    return payload;
}

void CallRunner::fail(const CallSpec &spec, const QString &summary, const QString &text)
{
    CallOutcome o;
    o.spec = spec;
    o.status = CallOutcome::Status::Failed;
    o.summary = summary;
    o.text = text.isEmpty() ? summary : text;
    o.timeMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT finished(o);
}

void CallRunner::run(const CallSpec &spec)
{
    Client *client = m_session ? m_session->client() : nullptr;
    if (m_session && m_session->mode() == Session::Mode::Capture)
        return fail(spec, tr("A capture file is open: there is no router to send to. Host the embedded router or join "
                             "one (Router menu); the composed call stays here."));
    if (!client || client->state() != Client::State::Ready)
        return fail(spec, tr("Not connected yet: the console's client has not joined the router. Check the status "
                             "bar, fix the listen address if it shows a problem, and try again."));
    if (spec.function.trimmed().isEmpty())
        return fail(spec, tr("Choose a function to call."));
    auto payload = spec.recordedData ? Result<Payload>(Payload{spec.serde, spec.recordedIsBytes, *spec.recordedData})
                                     : encode(spec);
    if (!payload)
        return fail(spec, payload.error().message);

    const QByteArray function = spec.function.trimmed().toUtf8();
    const QStringList receivers = spec.receiverList();
    const std::optional<double> timeout = spec.timeout > 0 ? std::optional<double>(spec.timeout) : std::nullopt;
    const bool isCast = spec.style == CallSpec::Style::Cast || spec.style == CallSpec::Style::CastNowait;
    if (!isCast && receivers.size() > 1)
        return fail(spec, tr("%1 goes to one receiver; use cast to reach several.").arg(CallSpec::styleName(spec.style)));

    // A remote session cannot see traffic, so it keeps the console's own calls as its traffic.
    Monitor::CallRecord record;
    record.timeMs = QDateTime::currentMSecsSinceEpoch();
    record.caller = client->name();
    record.receiver = receivers.isEmpty() ? QByteArrayLiteral("*") : receivers.join(u',').toUtf8();
    record.function = function;
    record.serde = spec.serde;
    record.requestSize = Header::Size + payload->data.size() + record.caller.size() + record.receiver.size() + function.size() + 2;
    const bool waits = spec.style == CallSpec::Style::Rpc || spec.style == CallSpec::Style::Cast;
    record.status = waits ? Monitor::Status::Pending : Monitor::Status::Sent;
    if (auto f = Frame::make({0, Flag::Request, spec.serde, payload->isBytes, waits}, record.caller, record.receiver,
                             function, payload->data))
        record.request = *f;
    record.seq = m_session->recordOwnCall(record);

    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ++m_inFlight;
    QPointer<Session> session = m_session;
    auto finish = [this, spec, timer, record, session](CallOutcome::Status status, const QString &summary,
                                                      const QString &text, const CallResult *single) mutable {
        --m_inFlight;
        CallOutcome o;
        o.spec = spec;
        o.status = status;
        o.summary = summary;
        o.text = text;
        o.latencyUs = timer->nsecsElapsed() / 1000;
        o.timeMs = QDateTime::currentMSecsSinceEpoch();
        if (session && record.seq) {
            record.latencyUs = o.latencyUs;
            record.status = status == CallOutcome::Status::Failed ? Monitor::Status::Error
                : status == CallOutcome::Status::Sent ? Monitor::Status::Sent : Monitor::Status::Ok;
            if (single && !single->receiver.isEmpty())
                record.receiver = single->receiver;
            if (single && single->ok()) {
                record.replySize = Header::Size + single->payload.data.size();
                if (auto f = Frame::make({0, Flag::Response, single->payload.serde, single->payload.isBytes, false},
                                         record.receiver, record.caller, record.function, single->payload.data))
                    record.reply = *f;
            }
            record.detail = status == CallOutcome::Status::Failed ? summary : QString();
            session->recordOwnCall(record);
        }
        Q_EMIT finished(o);
    };

    const QByteArray receiver = receivers.isEmpty() ? QByteArray() : receivers.first().toUtf8();
    switch (spec.style) {
    case CallSpec::Style::Rpc:
    case CallSpec::Style::RpcNowait: {
        const bool nowait = spec.style == CallSpec::Style::RpcNowait;
        auto future = nowait ? client->rpcNowait(function, *payload, {receiver, timeout})
                             : client->rpc(function, *payload, {receiver, timeout});
        future.then(this, [finish, nowait](const CallResult &r) mutable {
            QString text;
            const QString summary = nowait && r.ok() ? tr("sent to %1").arg(QString::fromUtf8(r.receiver)) : describe(r, &text);
            finish(!r.ok() ? CallOutcome::Status::Failed : nowait ? CallOutcome::Status::Sent : CallOutcome::Status::Ok,
                   summary, nowait && r.ok() ? tr("(rpc_nowait: no answer expected)") : text, &r);
        });
        break;
    }
    case CallSpec::Style::Cast:
    case CallSpec::Style::CastNowait: {
        const bool nowait = spec.style == CallSpec::Style::CastNowait;
        Client::CastOptions options;
        for (const QString &r : receivers)
            options.receivers << r.toUtf8();
        options.timeout = timeout;
        auto future = nowait ? client->castNowait(function, *payload, options) : client->cast(function, *payload, options);
        future.then(this, [finish, nowait](const CastResult &cast) mutable {
            if (cast.results.isEmpty()) {
                finish(CallOutcome::Status::Failed, cast.message.isEmpty() ? tr("no member exposes this function") : cast.message,
                       {}, nullptr);
                return;
            }
            QString text;
            int failures = 0;
            for (const auto &[name, r] : cast.results) {
                QString detail;
                const QString line = nowait && r.ok() ? tr("sent") : describe(r, &detail);
                failures += r.ok() ? 0 : 1;
                text += QStringLiteral("%1: %2\n").arg(QString::fromUtf8(name), line);
                if (!nowait && !detail.isEmpty())
                    text += QStringLiteral("    ") + QString(detail).replace(u'\n', QStringLiteral("\n    ")) + u'\n';
            }
            const QString summary = tr("%1 of %n target(s) answered", nullptr, int(cast.results.size()))
                                        .arg(cast.results.size() - failures);
            finish(failures ? CallOutcome::Status::Failed : nowait ? CallOutcome::Status::Sent : CallOutcome::Status::Ok,
                   nowait && !failures ? tr("sent to %n target(s)", nullptr, int(cast.results.size())) : summary, text,
                   nullptr);
        });
        break;
    }
    }
}

} // namespace daffi::ui
