#include "envelope.h"

#include "json.h"
#include "msgpackcodec.h"

namespace daffi::envelope {

namespace {

Error unsupported(Serde serde)
{
    return Error{QStringLiteral("UnsupportedSerde"),
                 QStringLiteral("%1 payloads can only be encoded and decoded by Python peers")
                     .arg(serdeName(serde))};
}

Error malformed(Serde serde, const QString &what)
{
    return Error{QStringLiteral("MalformedPayload"),
                 QStringLiteral("malformed %1 payload: %2").arg(serdeName(serde), what)};
}

// Python's str() of a value, for OPAQUE results that are neither text nor bytes.
QByteArray pythonText(const QCborValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QByteArrayLiteral("None");
    if (v.isBool())
        return v.toBool() ? QByteArrayLiteral("True") : QByteArrayLiteral("False");
    return json::write(v, json::Style::Python);
}

QCborValue firstArg(const CallArgs &call)
{
    return call.args.isEmpty() ? QCborValue(nullptr) : call.args.first();
}

} // namespace

Result<Payload> encodeCall(Serde serde, const CallArgs &call)
{
    switch (serde) {
    case Serde::Json: {
        QByteArray out;
        out.reserve(32);
        out += R"({"args":)";
        json::writeTo(out, call.args);
        out += R"(,"kwargs":)";
        json::writeTo(out, call.kwargs);
        out += '}';
        return Payload{serde, false, out};
    }
    case Serde::Msgpack: {
        QCborArray envelope{call.args, call.kwargs};
        return Payload{serde, true, msgpack::encode(envelope)};
    }
    case Serde::Opaque: {
        if (call.args.size() > 1 || !call.kwargs.isEmpty()) {
            return Error{QStringLiteral("TypeError"),
                         QStringLiteral("OPAQUE calls take exactly one positional argument, got %1")
                             .arg(call.args.size() + call.kwargs.size())};
        }
        if (call.args.isEmpty())
            return Payload{serde, true, {}};
        return encodeResult(Serde::Opaque, call.args.first());
    }
    case Serde::Pickle: return unsupported(serde);
    }
    return unsupported(serde);
}

Result<CallArgs> decodeCall(Serde serde, QByteArrayView data)
{
    switch (serde) {
    case Serde::Json: {
        auto doc = json::parse(data);
        if (!doc)
            return malformed(serde, doc.error().message);
        const QCborMap m = doc->toMap();
        const QCborValue args = m.value(QLatin1StringView("args"));
        const QCborValue kwargs = m.value(QLatin1StringView("kwargs"));
        if (!doc->isMap() || !args.isArray() || !kwargs.isMap())
            return malformed(serde, QStringLiteral(R"(expected {"args": [...], "kwargs": {...}})"));
        return CallArgs{args.toArray(), kwargs.toMap()};
    }
    case Serde::Msgpack: {
        auto v = msgpack::decode(data);
        if (!v)
            return malformed(serde, v.error().message);
        const QCborArray a = v->toArray();
        if (!v->isArray() || a.size() != 2 || !a.at(0).isArray() || !a.at(1).isMap())
            return malformed(serde, QStringLiteral("expected [args, kwargs]"));
        return CallArgs{a.at(0).toArray(), a.at(1).toMap()};
    }
    case Serde::Opaque:
        // The header's is_bytes decides str vs bytes for Python; the value itself is the data.
        return CallArgs{QCborArray{QCborValue(data.toByteArray())}, {}};
    case Serde::Pickle: return unsupported(serde);
    }
    return unsupported(serde);
}

Result<Payload> encodeResult(Serde serde, const QCborValue &result)
{
    if (serde == Serde::Opaque) {
        if (result.isByteArray())
            return Payload{serde, true, result.toByteArray()};
        if (result.isString())
            return Payload{serde, false, result.toString().toUtf8()};
        return Payload{serde, false, pythonText(result)};
    }
    return encodeCall(serde, CallArgs{QCborArray{result}, {}});
}

Result<QCborValue> decodeResult(Serde serde, bool isBytes, QByteArrayView data)
{
    if (serde == Serde::Opaque) {
        if (isBytes)
            return QCborValue(data.toByteArray());
        return QCborValue(QString::fromUtf8(data));
    }
    auto call = decodeCall(serde, data);
    if (!call)
        return call.error();
    return firstArg(*call);
}

Result<Payload> encodeError(Serde requestSerde, const RemoteError &error)
{
    // OPAQUE has no envelope and PICKLE is Python's alone: both answer in JSON, which every
    // caller decodes (they read the answer's serde from its header).
    const Serde serde = (requestSerde == Serde::Opaque || requestSerde == Serde::Pickle) ? Serde::Json : requestSerde;
    const QCborArray tuple{error.type, error.module, error.message,
                           error.traceback.isUndefined() ? QCborValue(nullptr) : error.traceback};
    return encodeCall(serde, CallArgs{QCborArray{tuple}, {}});
}

Result<RemoteError> decodeError(Serde serde, QByteArrayView data)
{
    if (serde == Serde::Opaque) {
        // Server-side protocol errors (e.g. "failed to parse handshake message: X") are text.
        return RemoteError{QStringLiteral("ProtocolError"), QStringLiteral("daffi"),
                           QString::fromUtf8(data), QCborValue(nullptr)};
    }
    auto value = decodeResult(serde, true, data);
    if (!value)
        return value.error();
    const QCborArray t = value->toArray();
    if (!value->isArray() || t.size() != 4 || !t.at(0).isString() || !t.at(1).isString())
        return malformed(serde, QStringLiteral("expected the error tuple (type, module, message, traceback)"));
    return RemoteError{t.at(0).toString(), t.at(1).toString(),
                       t.at(2).isString() ? t.at(2).toString() : QString::fromUtf8(json::write(t.at(2))),
                       t.at(3)};
}

} // namespace daffi::envelope
