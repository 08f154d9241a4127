"""The six call styles (daffi 3.0's ClientConnection) on top of the native client."""

import time
from collections.abc import Iterable

from daffi._serialization import Serializer, SerdeFormat, check_serde
from daffi.exceptions import (
    CallTimeout,
    Disconnected,
    Evicted,
    TransmissionFailure,
    remote_error,
)

# Status codes of daffi::CallResult.
OK, REMOTE_ERROR, TIMEOUT, NO_RECEIVER, DISCONNECTED, EVICTED, INVALID = range(7)
_SLICE = 0.1  # blocking waits release the GIL in slices so Ctrl+C is noticed


def wait(completion):
    while not completion.wait(_SLICE):
        pass
    return completion.result()


def _is_batch(value):
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, memoryview, dict))


def _decode_remote(result):
    status, receiver, serde, is_bytes, data, rtype, rmodule, rmessage, message = result
    if serde in (SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK) and data:
        try:
            args, _ = Serializer.deserialize(serde, data, is_bytes)
            info = args[0]
            return remote_error(info[0], info[1], info[2], info[3] if len(info) > 3 else None)
        except Exception:
            pass
    return remote_error(rtype or "RemoteCallError", rmodule, rmessage or message)


def outcome(result, *, what, fn, timeout, receivers, started):
    """The value of a finished call, or the exception it ends in."""
    status, receiver, serde, is_bytes, data, rtype, rmodule, rmessage, message = result
    if status == OK:
        if not data and serde == SerdeFormat.OPAQUE and not is_bytes:
            return ""
        args, _ = Serializer.deserialize(serde, data, is_bytes)
        return args[0]
    if status == REMOTE_ERROR:
        return _decode_remote(result)
    if status == TIMEOUT:
        # As daffi 3.0: the receivers the call went to (an unpinned rpc still has exactly one).
        went_to = receivers or ({receiver} if receiver else None)
        pinned = f" to {next(iter(receivers))}" if receivers and len(receivers) == 1 and what != "cast" else ""
        return CallTimeout(call=f"{what}{pinned}(fn: {fn!r})", timeout=timeout,
                           elapsed=time.monotonic() - started, receivers=went_to)
    if status == NO_RECEIVER:
        return TransmissionFailure(f"Unable to proceed with {what}(fn: {fn!r}): ReceiverNotFound\n\n  {message}")
    if status == EVICTED:
        return Evicted(message)
    if status == DISCONNECTED:
        if message.startswith("not connected"):
            return TransmissionFailure(f"Client was disconnected and the reconnect attempt failed. ({message})")
        if "before answering" in message:
            return TransmissionFailure(
                f"The anticipated receivers(s) {receivers or {receiver}} unexpectedly disconnected, "
                f"causing an interruption in the awaiting result of {fn}(). ({message})"
            )
        return Disconnected(
            "Server disconnected unexpectedly.\n\n  The router or service this client was connected to has stopped. "
            f"({message})"
        )
    return TransmissionFailure(f"Unable to proceed with {what}(fn: {fn!r}): {message}")


def cast_outcome(result, *, fn, timeout, started, return_result):
    """``{peer: value or exception}`` of a finished cast; raises when there was nobody to cast to."""
    status, message, entries = result
    if status == NO_RECEIVER:
        raise TransmissionFailure(f"No receivers found for call_all(fn={fn!r}).\n{message}")
    if status != OK:
        raise TransmissionFailure(message)
    if not return_result:
        return None
    return {name: outcome(r, what="cast", fn=fn, timeout=timeout, receivers={name}, started=started)
            for name, r in entries}


def _timeout(value):
    if value is None:
        return None
    value = float(value)
    return value if value > 0 else None


class _Proxy:
    """``conn.rpc(...).fn(*args)``: attribute access gives a callable for the remote function."""

    __slots__ = ("_conn", "_style", "_timeout", "_receiver", "_serde")

    def __init__(self, conn, style, timeout, receiver, serde):
        self._conn = conn
        self._style = style
        self._timeout = timeout
        self._receiver = receiver
        self._serde = check_serde(serde)

    def __getattr__(self, fn):
        if fn.startswith("__"):
            raise AttributeError(fn)
        style = getattr(self._conn, "_call_" + self._style)

        def call(*args, **kwargs):
            return style(fn, args, kwargs, self._timeout, self._receiver, self._serde)

        call.__name__ = fn
        return call


class ClientConnection:
    """What ``Client.connect()`` returns: the six call styles and ``wait_for_members``."""

    def __init__(self, client):
        self.client = client

    # -- the public styles ------------------------------------------------------------------
    def rpc(self, timeout=None, receiver=None, serde=SerdeFormat.PICKLE):
        if receiver is not None and not isinstance(receiver, str):
            raise TypeError("rpc takes one receiver name (a str); use cast() to call several receivers")
        return _Proxy(self, "rpc", timeout, receiver, serde)

    def rpc_nowait(self, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, "rpc_nowait", None, receiver, serde)

    def cast(self, timeout=None, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, "cast", timeout, receiver, serde)

    def cast_nowait(self, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, "cast_nowait", None, receiver, serde)

    def stream(self, receiver=None, serde=SerdeFormat.OPAQUE, timeout=None):
        return _Proxy(self, "stream", timeout, receiver, serde)

    def stream_nowait(self, receiver=None, serde=SerdeFormat.OPAQUE):
        return _Proxy(self, "stream_nowait", None, receiver, serde)

    def wait_for_members(self, *members, timeout=None, interval=1.0):
        """Returns once every named member is connected (woken by membership events; ``interval``
        is accepted for compatibility). ``TimeoutError`` after ``timeout`` seconds."""
        if not members:
            return
        done = wait(self.client._native_client().wait_for_members([str(m) for m in members], _timeout(timeout)))
        if not done:
            present = {name for name, _ in self.client._native_client().members()}
            missing = sorted(set(map(str, members)) - present)
            raise TimeoutError(f"Timed out after {timeout}s waiting for members: {missing}")

    # -- implementation ----------------------------------------------------------------------
    def _send(self, fn, data, is_bytes, serde, receiver, timeout, return_result):
        native = self.client._native_client()
        return native.rpc(fn, serde, is_bytes, data, receiver or "", _timeout(timeout), return_result)

    def _call_rpc(self, fn, args, kwargs, timeout, receiver, serde):
        data, is_bytes = Serializer.serialize(serde, *args, **kwargs)
        started = time.monotonic()
        result = wait(self._send(fn, data, is_bytes, serde, receiver, timeout, True))
        value = outcome(result, what="rpc call", fn=fn, timeout=timeout,
                        receivers={receiver} if receiver else None, started=started)
        if isinstance(value, Exception):
            raise value
        return value

    def _call_rpc_nowait(self, fn, args, kwargs, timeout, receiver, serde):
        # As daffi 3.0: an iterable first argument is a batch, one call per element.
        first = args[0] if args else (next(iter(kwargs.values())) if kwargs else None)
        batch = None
        if (args or kwargs) and _is_batch(first):
            batch = [item if isinstance(item, tuple) else (item,) for item in first]
        for call_args in batch if batch is not None else [args]:
            data, is_bytes = Serializer.serialize(serde, *call_args, **({} if batch is not None else kwargs))
            result = wait(self._send(fn, data, is_bytes, serde, receiver, None, False))
            value = outcome(result, what="rpc_nowait call", fn=fn, timeout=None, receivers=None, started=0)
            if isinstance(value, Exception):
                raise value

    def _cast(self, fn, args, kwargs, timeout, receiver, serde, return_result):
        data, is_bytes = Serializer.serialize(serde, *args, **kwargs)
        receivers = [receiver] if isinstance(receiver, str) else list(receiver or [])
        started = time.monotonic()
        native = self.client._native_client()
        result = wait(native.cast(fn, serde, is_bytes, data, receivers, _timeout(timeout), return_result))
        return cast_outcome(result, fn=fn, timeout=timeout, started=started, return_result=return_result)

    def _call_cast(self, fn, args, kwargs, timeout, receiver, serde):
        return self._cast(fn, args, kwargs, timeout, receiver, serde, True)

    def _call_cast_nowait(self, fn, args, kwargs, timeout, receiver, serde):
        self._cast(fn, args, kwargs, timeout, receiver, serde, False)

    def _chunks(self, args, kwargs):
        if len(args) + len(kwargs) != 1:
            raise TypeError("stream takes exactly one argument: an iterable of chunks (or one chunk)")
        value = args[0] if args else next(iter(kwargs.values()))
        return value if _is_batch(value) else [value]

    def _call_stream(self, fn, args, kwargs, timeout, receiver, serde):
        # One acknowledged call per chunk: the next chunk leaves only when the previous one was
        # handled (backpressure).
        for chunk in self._chunks(args, kwargs):
            self._call_rpc(fn, (chunk,), {}, timeout, receiver, serde)

    def _call_stream_nowait(self, fn, args, kwargs, timeout, receiver, serde):
        for chunk in self._chunks(args, kwargs):
            data, is_bytes = Serializer.serialize(serde, chunk)
            value = outcome(wait(self._send(fn, data, is_bytes, serde, receiver, None, False)),
                            what="stream", fn=fn, timeout=None, receivers=None, started=0)
            if isinstance(value, Exception):
                raise value
