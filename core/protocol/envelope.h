#pragma once

#include "header.h"
#include "result.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>

// Payload conventions at the ends of a call, PROTOCOL.md §4. Routers never use these.
namespace daffi {

struct CallArgs
{
    QCborArray args;
    QCborMap kwargs;
    friend bool operator==(const CallArgs &, const CallArgs &) = default;
};

// A payload as it sits in a frame: the bytes plus the header bits that describe them.
struct Payload
{
    Serde serde = Serde::Opaque;
    bool isBytes = true;
    QByteArray data;
};

// The 4-tuple a failing callback sends back: (type name, module, message, traceback|None).
struct RemoteError
{
    QString type;
    QString module;
    QString message;
    QCborValue traceback;   // null unless the worker sent one
    friend bool operator==(const RemoteError &, const RemoteError &) = default;
};

namespace envelope {

// Requests: JSON {"args":[...],"kwargs":{...}} (compact, as the JS client sends; Python's
// spaced form is read as well), MSGPACK [args, kwargs]. PICKLE is Python's business.
Result<Payload> encodeCall(Serde serde, const CallArgs &call);
Result<CallArgs> decodeCall(Serde serde, QByteArrayView data);

// Responses carry the result as if it were the single positional argument (§4).
// OPAQUE: byte strings go verbatim with is_bytes=1; strings as UTF-8 text; other values as text.
Result<Payload> encodeResult(Serde serde, const QCborValue &result);
Result<QCborValue> decodeResult(Serde serde, bool isBytes, QByteArrayView data);

// Errors: never OPAQUE on the wire (a Python caller could not unpack it), and PICKLE cannot be
// written here: both become JSON. (The reference promotes OPAQUE to PICKLE, which only Python can
// write; JSON is readable by all.)
Result<Payload> encodeError(Serde requestSerde, const RemoteError &error);
Result<RemoteError> decodeError(Serde serde, QByteArrayView data);

} // namespace envelope
} // namespace daffi
