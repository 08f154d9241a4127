"""The six call styles of daffi 3.0 (and wait_for_members), written once for both clients.

A style is a generator: it sends requests through the native client, yields the Completion of
each, is sent that request's result (a native CallResult or CastResult) back, and returns the
style's value or raises its exception. ``run`` drives one by waiting for each completion (the
sync client); ``run_async`` by awaiting it on the loop (the asyncio client). So both clients
behave the same by construction.

Every style takes ``(client, fn, args, kwargs, timeout, receiver, serde)``; the nowait styles
are given ``timeout=None``.
"""

import time
from collections.abc import Iterable

from daffi._outcome import Call, cast_outcome, outcome
from daffi._serialization import Serializer

_SLICE = 0.1  # blocking waits release the GIL in slices so Ctrl+C is noticed


def wait(completion):
    """The result of a native Completion, waited for in this thread."""
    while not completion.wait(_SLICE):
        pass
    return completion.result()


def run(style):
    """Runs a style in this thread; returns its value."""
    try:
        completion = next(style)
        while True:
            completion = style.send(wait(completion))
    except StopIteration as done:
        return done.value


async def run_async(style, bridge):
    """Runs a style on the bridge's loop; returns its value."""
    try:
        completion = next(style)
        while True:
            completion = style.send(await bridge.wait(completion))
    except StopIteration as done:
        return done.value


def _timeout(value):
    if value is None:
        return None
    value = float(value)
    return value if value > 0 else None


def _is_batch(value):
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, memoryview, dict))


def _settle(value):
    if isinstance(value, Exception):
        raise value
    return value


def _request(native, fn, serde, args, kwargs, receiver, timeout, return_result):
    data, is_bytes = Serializer.serialize(serde, *args, **kwargs)
    return native.rpc(fn, serde, is_bytes, data, receiver or "", _timeout(timeout), return_result)


def rpc(client, fn, args, kwargs, timeout, receiver, serde):
    native = client._native_client()
    call = Call("rpc call", fn, timeout, {receiver} if receiver else None, time.monotonic())
    result = yield _request(native, fn, serde, args, kwargs, receiver, timeout, True)
    return _settle(outcome(result, call))


def _batch(args, kwargs):
    # As daffi 3.0: an iterable first argument (not str/bytes/dict) is a batch, one call per
    # element, each element the call's positional arguments (the other arguments are dropped).
    # An element that is not a tuple or list is one argument (daffi 3.0 unpacks that too: a str
    # into one argument per character, a number into a TypeError).
    first = args[0] if args else next(iter(kwargs.values()), None)
    if not _is_batch(first):
        return ((args, kwargs),)
    return (((tuple(item) if isinstance(item, (tuple, list)) else (item,)), {}) for item in first)


def rpc_nowait(client, fn, args, kwargs, timeout, receiver, serde):
    native = client._native_client()
    for call_args, call_kwargs in _batch(args, kwargs):
        result = yield _request(native, fn, serde, call_args, call_kwargs, receiver, None, False)
        if not result.ok:
            raise outcome(result, Call("rpc_nowait call", fn))


def _cast(client, fn, args, kwargs, timeout, receiver, serde, return_result):
    native = client._native_client()
    data, is_bytes = Serializer.serialize(serde, *args, **kwargs)
    receivers = [receiver] if isinstance(receiver, str) else list(receiver or [])
    call = Call("cast", fn, timeout, started=time.monotonic())
    result = yield native.cast(fn, serde, is_bytes, data, receivers, _timeout(timeout), return_result)
    return cast_outcome(result, call, return_result)


def cast(client, fn, args, kwargs, timeout, receiver, serde):
    return (yield from _cast(client, fn, args, kwargs, timeout, receiver, serde, True))


def cast_nowait(client, fn, args, kwargs, timeout, receiver, serde):
    yield from _cast(client, fn, args, kwargs, timeout, receiver, serde, False)


def _chunks(args, kwargs):
    if len(args) + len(kwargs) != 1:
        raise TypeError("stream takes exactly one argument: an iterable of chunks (or one chunk)")
    value = args[0] if args else next(iter(kwargs.values()))
    return value if _is_batch(value) else [value]


def _stream(client, fn, args, kwargs, timeout, receiver, serde, acked):
    # One call per chunk; `acked`: each waits for the callback's answer before the next chunk is
    # taken (backpressure). One worker gets the whole stream: the first chunk goes round-robin
    # (unless pinned) and the rest are pinned to the worker it reached, so a worker that leaves
    # mid-stream fails the stream instead of the stream going on elsewhere.
    native = client._native_client()
    for chunk in _chunks(args, kwargs):
        started = time.monotonic()
        result = yield _request(native, fn, serde, (chunk,), {}, receiver, timeout, acked)
        if not result.ok:
            raise outcome(result, Call("stream", fn, timeout, {receiver} if receiver else None, started))
        receiver = receiver or result.receiver


def stream(client, fn, args, kwargs, timeout, receiver, serde):
    yield from _stream(client, fn, args, kwargs, timeout, receiver, serde, True)


def stream_nowait(client, fn, args, kwargs, timeout, receiver, serde):
    yield from _stream(client, fn, args, kwargs, None, receiver, serde, False)


def wait_for_members(client, members, timeout):
    """Returns once every named member is connected (woken by membership events); the builtin
    TimeoutError after ``timeout`` seconds."""
    if not members:
        return
    native = client._native_client()
    names = [str(m) for m in members]
    if not (yield native.wait_for_members(names, _timeout(timeout))):
        present = {name for name, _ in native.members()}
        raise TimeoutError(f"Timed out after {timeout}s waiting for members: {sorted(set(names) - present)}")
