"""What a finished native call means to its caller: the value, or the exception it ends in.

Decided from the result's status and reason alone (daffi._native.Status and Reason, the core's
CallResult). The message is text for people: it goes into the exception as it is, and rewording
it in C++ never changes which exception a user gets.
"""

import time
from typing import NamedTuple, Optional

from daffi._native import Reason, Status
from daffi._serialization import SerdeFormat, Serializer
from daffi.exceptions import (
    CallTimeout,
    Disconnected,
    Evicted,
    InitializationError,
    TransmissionFailure,
    remote_error,
)


class Call(NamedTuple):
    """The call a result belongs to, as the exceptions describe it."""

    what: str                          # "rpc call", "cast", "stream", ...
    fn: str
    timeout: Optional[float] = None
    receivers: Optional[set] = None    # the receivers it was pinned to
    started: float = 0.0               # time.monotonic() when it was sent


def _value(result, call):
    if not result.data and result.serde == SerdeFormat.OPAQUE and not result.is_bytes:
        return ""
    args, _ = Serializer.deserialize(result.serde, result.data, result.is_bytes)
    return args[0]


def _remote(result, call):
    # The callee's 4-tuple (type, module, message, traceback) in the answer's serde when it is one
    # Python can decode; otherwise what the core decoded (or could not) from it.
    data = result.data
    if result.serde in (SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK) and data:
        try:
            args, _ = Serializer.deserialize(result.serde, data, result.is_bytes)
            info = args[0]
            return remote_error(info[0], info[1], info[2], info[3] if len(info) > 3 else None)
        except Exception:
            pass
    return remote_error(result.remote_type or "RemoteCallError", result.remote_module,
                        result.remote_message or result.message)


def _timeout(result, call):
    # As daffi 3.0: the receivers the call went to (an unpinned rpc still has exactly one).
    receivers = call.receivers or ({result.receiver} if result.receiver else None)
    pinned = call.receivers and len(call.receivers) == 1 and call.what != "cast"
    to = f" to {next(iter(call.receivers))}" if pinned else ""
    return CallTimeout(call=f"{call.what}{to}(fn: {call.fn!r})", timeout=call.timeout,
                       elapsed=time.monotonic() - call.started, receivers=receivers)


def _no_receiver(result, call):
    return TransmissionFailure(f"Unable to proceed with {call.what}(fn: {call.fn!r}): ReceiverNotFound\n\n"
                               f"  {result.message}")


def _evicted(result, call):
    return Evicted(result.message)


def _not_sent(result, call):
    return TransmissionFailure(f"Unable to proceed with {call.what}(fn: {call.fn!r}): {result.message}")


def _not_connected(result, call):
    return TransmissionFailure(f"Client was disconnected and the reconnect attempt failed. ({result.message})")


def _client_stopped(result, call):
    return TransmissionFailure(f"Client was stopped while {call.what}(fn: {call.fn!r}) was under way; "
                               f"connect() again to make calls. ({result.message})")


def _receiver_left(result, call):
    receivers = call.receivers or {result.receiver}
    return TransmissionFailure(
        f"The anticipated receivers(s) {receivers} unexpectedly disconnected, "
        f"causing an interruption in the awaiting result of {call.fn}(). ({result.message})")


def _server_gone(result, call):
    return Disconnected("Server disconnected unexpectedly.\n\n  The router or service this client was connected "
                        f"to has stopped. ({result.message})")


_DISCONNECTED = {
    Reason.NotConnected: _not_connected,
    Reason.ClientStopped: _client_stopped,
    Reason.ReceiverLeft: _receiver_left,
}


def _disconnected(result, call):
    # Any other reason: the server closed our connection, or it broke.
    return _DISCONNECTED.get(result.reason, _server_gone)(result, call)

_BY_STATUS = {
    Status.RemoteError: _remote,
    Status.Timeout: _timeout,
    Status.NoReceiver: _no_receiver,
    Status.Evicted: _evicted,
    Status.Disconnected: _disconnected,
    Status.InvalidArgument: _not_sent,
}


def outcome(result, call):
    """The value of a finished call (a native CallResult), or the exception it ends in."""
    if result.ok:
        return _value(result, call)
    return _BY_STATUS.get(result.status, _not_sent)(result, call)


def cast_outcome(result, call, return_result):
    """``{peer: value or exception}`` of a finished cast (a native CastResult); raises when
    there was nobody to cast to or the cast could not be sent."""
    if result.status == Status.NoReceiver:
        raise TransmissionFailure(f"No receivers found for call_all(fn={call.fn!r}).\n{result.message}")
    if result.status != Status.Ok:
        raise TransmissionFailure(f"Unable to proceed with {call.what}(fn: {call.fn!r}): {result.message}")
    if not return_result:
        return None
    return {name: outcome(r, call._replace(receivers={name})) for name, r in result.results.items()}


def start_failure(result, info):
    """The InitializationError of a failed native start() (connect)."""
    if result.reason in (Reason.HelloRejected, Reason.HelloUnparsable):
        return InitializationError(result.message)
    return InitializationError(f"Failed to connect to the server. connection info: {info}\n  {result.message}")
