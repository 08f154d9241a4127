"""Where callbacks and membership handlers run: Python threads fed by the native queues.

``workers`` threads take requests (N callbacks at once, as daffi's documentation promises); one
more thread delivers membership events in order. Threads block inside the native queue with the
GIL released, so an idle node costs nothing.
"""

import logging
import threading
import time

from daffi._serialization import Serializer
from daffi.registry import EXECUTOR_REGISTRY

log = logging.getLogger("daffi")
_POLL = 0.25  # seconds a thread waits in the queue before looking at its stop flag
# How long stop() lets running callbacks finish, in all (their answers can no longer be sent).
# One deadline for every thread: a stop must not take N x 5 s when N callbacks are busy.
_STOP_GRACE = 1.0


def run_request(req, executor=None):
    """Runs one request's callback and answers it. Never raises."""
    serde = req.serde
    executor = executor or EXECUTOR_REGISTRY.get(req.function)
    try:
        if executor is None:
            raise TypeError(f"no callback named {req.function!r} is registered")
        if executor.is_async:
            raise TypeError(
                f"async callback {req.function!r} cannot be used with the synchronous dispatcher. "
                f"Use daffi.aio (AsyncService / AsyncClient)."
            )
        args, kwargs = Serializer.deserialize(serde, req.data, req.is_bytes)
        result = executor(*args, **kwargs)
    except Exception as exc:  # the caller gets it as a RemoteCallError
        fail(req, exc)
        return
    answer(req, result)


def answer(req, result):
    if not req.wants_answer:
        return
    serde = req.serde
    try:
        data, is_bytes = Serializer.serialize_result(serde, result)
    except Exception as exc:
        fail(req, TypeError(f"the result of {req.function!r} cannot be serialized with serde {serde}: {exc}"))
        return
    req.reply(serde, is_bytes, data)


def fail(req, exc):
    if not req.wants_answer:
        log.warning("callback %r raised %s: %s (fire-and-forget call, nobody to tell)",
                    req.function, type(exc).__name__, exc)
        return
    serde, data, is_bytes = Serializer.serialize_error(req.serde, exc)
    req.fail_encoded(serde, is_bytes, data)


class Dispatcher:
    def __init__(self, native, workers, on_event, name):
        if int(workers) < 1:
            raise ValueError(
                f"workers must be >= 1 (got {workers}). Use workers=1 for inline (single-threaded) execution."
            )
        self._native = native
        self._stop = threading.Event()
        self._threads = []
        for i in range(int(workers)):
            t = threading.Thread(target=self._serve, name=f"daffi-worker-{i}", daemon=True)
            self._threads.append(t)
        self._events = threading.Thread(target=self._deliver, args=(on_event,), name=f"daffi-events-{name}",
                                        daemon=True)
        self._threads.append(self._events)
        for t in self._threads:
            t.start()

    def _serve(self):
        while not self._stop.is_set():
            req = self._native.next_request(_POLL)
            if req is not None:
                run_request(req)

    def _deliver(self, on_event):
        while not self._stop.is_set():
            event = self._native.next_event(_POLL)
            if event is None:
                continue
            try:
                on_event(*event)
            except Exception:
                log.exception("membership handler failed")

    def stop(self):
        self._stop.set()
        current = threading.current_thread()
        deadline = time.monotonic() + _STOP_GRACE
        for t in self._threads:
            if t is not current:
                t.join(timeout=max(0.0, deadline - time.monotonic()))
