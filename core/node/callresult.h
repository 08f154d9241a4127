#pragma once

#include <core/protocol/envelope.h>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>

namespace daffi {

// The outcome of one call. Errors that crossed the wire arrive as RemoteError (the reference's
// 4-tuple); the others are local and typed, so a caller can tell "the worker raised" from "no
// such worker", "too slow", "the link went away" and "someone took our name".
//
// Status is what happened; Reason says why where one status has causes a caller treats apart
// (the Python package picks its exception from the two, never from the message, which is only
// for people and may be reworded).
struct CallResult
{
    Q_GADGET

public:
    enum class Status {
        Ok,
        RemoteError,       // the callee raised; see `remote`
        Timeout,           // no answer before the deadline
        NoReceiver,        // nobody (or not the named member) exposes the function
        Disconnected,      // our connection or the receiver's went away mid-call
        Evicted,           // another connection took our name
        InvalidArgument,   // the call could not be encoded (payload too large, bad name...)
    };
    Q_ENUM(Status)

    enum class Reason {
        Unspecified,       // the status says it all (Ok, RemoteError, Timeout, NoReceiver)
        NotConnected,      // Disconnected: the call was made while we had no connection
        ClientStopped,     // Disconnected: stop() or the client's end, not the server's
        ConnectFailed,     // Disconnected: start() could not reach the server
        ConnectionLost,    // Disconnected: the server closed our connection, or it broke
        ReceiverLeft,      // Disconnected: the receiver disconnected or was evicted before answering
        NameTaken,         // Evicted: another connection took our name
        HelloRejected,     // InvalidArgument: the server answered our hello with an error (meta.error)
        HelloUnparsable,   // InvalidArgument: the server could not parse our hello (an ERROR frame)
        AlreadyStarted,    // InvalidArgument: start() while connecting or connected
        Unencodable,       // InvalidArgument: the request frame could not be built
    };
    Q_ENUM(Reason)

    Status status = Status::Ok;
    Reason reason = Reason::Unspecified;
    QByteArray receiver;       // who answered (or was expected to)
    Payload payload;           // Ok: the result as sent (decode with envelope::decodeResult)
    RemoteError remote;        // RemoteError: what the callee raised
    QString message;           // a sentence for every non-Ok status

    bool ok() const { return status == Status::Ok; }
    static CallResult failure(Status status, Reason reason, QString message, QByteArray receiver = {})
    {
        CallResult r;
        r.status = status;
        r.reason = reason;
        r.message = std::move(message);
        r.receiver = std::move(receiver);
        return r;
    }
    static QString statusName(Status status);
    static QString reasonName(Reason reason);
};

// What is called with a call's outcome, once: on the client's network thread.
using CallCompletion = std::function<void(CallResult &&)>;

// cast: one entry per target, in the order the requests were sent.
struct CastResult
{
    QList<QPair<QByteArray, CallResult>> results;
    CallResult::Status status = CallResult::Status::Ok;   // NoReceiver when there were no targets
    CallResult::Reason reason = CallResult::Reason::Unspecified;
    QString message;
};

} // namespace daffi

Q_DECLARE_METATYPE(daffi::CallResult)
Q_DECLARE_METATYPE(daffi::CastResult)
