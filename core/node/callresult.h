#pragma once

#include <core/protocol/envelope.h>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>

namespace daffi {

// The outcome of one call. Errors that crossed the wire arrive as RemoteError (the reference's
// 4-tuple); the others are local and typed, so a caller can tell "the worker raised" from "no
// such worker", "too slow", "the link went away" and "someone took our name".
struct CallResult
{
    enum class Status {
        Ok,
        RemoteError,       // the callee raised; see `remote`
        Timeout,           // no answer before the deadline
        NoReceiver,        // nobody (or not the named member) exposes the function
        Disconnected,      // our connection or the receiver's went away mid-call
        Evicted,           // another connection took our name
        InvalidArgument,   // the call could not be encoded (payload too large, bad name...)
    };

    Status status = Status::Ok;
    QByteArray receiver;       // who answered (or was expected to)
    Payload payload;           // Ok: the result as sent (decode with envelope::decodeResult)
    RemoteError remote;        // RemoteError: what the callee raised
    QString message;           // a sentence for every non-Ok status

    bool ok() const { return status == Status::Ok; }
    static CallResult failure(Status status, QString message, QByteArray receiver = {})
    {
        CallResult r;
        r.status = status;
        r.message = std::move(message);
        r.receiver = std::move(receiver);
        return r;
    }
    static QString statusName(Status status);
};

// What is called with a call's outcome, once: on the client's network thread.
using CallCompletion = std::function<void(CallResult &&)>;

// cast: one entry per target, in the order the requests were sent.
struct CastResult
{
    QList<QPair<QByteArray, CallResult>> results;
    CallResult::Status status = CallResult::Status::Ok;   // NoReceiver when there were no targets
    QString message;
};

} // namespace daffi

Q_DECLARE_METATYPE(daffi::CallResult)
Q_DECLARE_METATYPE(daffi::CastResult)
