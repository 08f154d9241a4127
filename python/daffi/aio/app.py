"""The asyncio flavour of Router, Service and Client.

The network still runs on the C++ network thread; this module bridges its eventfds into the
running loop: call completions resolve futures, requests become tasks (``workers`` at a time),
membership events call the handlers (coroutines are awaited). ``async def`` callbacks are awaited
on the loop; plain functions run in the loop's default thread pool so they never block it (what
daffi's documentation promises).
"""

import asyncio
import collections
import contextvars
import inspect
import itertools
import signal
import threading

from daffi import _native
from daffi._dispatch import answer, fail
from daffi._rpc_proxy import ClientConnection
from daffi._serialization import Serializer
from daffi._styles import run_async
from daffi.app import Client, Router, Service
from daffi.exceptions import InitializationError
from daffi.registry import EXECUTOR_REGISTRY


class _Bridge:
    """Completions, requests and events of one native node, delivered on one asyncio loop."""

    def __init__(self, loop, native, workers, on_event):
        if int(workers) < 1:
            raise ValueError(f"workers must be >= 1 (got {workers}).")
        self.loop = loop
        self.native = native
        self.notifier = _native.Notifier()
        self.waiting = {}
        self.tokens = itertools.count(1)
        self.free = int(workers)          # callback slots: `workers` callbacks run at once
        self.backlog = collections.deque()  # requests waiting for a slot
        self.pumping = False
        self.on_event = on_event
        self.tasks = set()
        loop.add_reader(self.notifier.fd(), self._completions)
        loop.add_reader(native.requests_fd(), self._requests)
        loop.add_reader(native.events_fd(), self._events)

    async def wait(self, completion):
        token = next(self.tokens)
        future = self.loop.create_future()
        self.waiting[token] = future
        completion.notify_via(self.notifier, token)
        await future
        return completion.result()

    def _completions(self):
        for token in self.notifier.drain():
            future = self.waiting.pop(token, None)
            if future is not None and not future.done():
                future.set_result(None)

    def _spawn(self, coro):
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _requests(self):
        self.backlog.extend(self.native.drain_requests())
        self._pump()

    def _pump(self):
        # Starts waiting requests while slots are free. Not re-entered: a callback that finishes
        # at once frees its slot inside _start(), and this loop picks the next request up.
        if self.pumping:
            return
        self.pumping = True
        try:
            while self.free > 0 and self.backlog:
                self.free -= 1
                self._start(self.backlog.popleft())
        finally:
            self.pumping = False

    def _release(self):
        self.free += 1
        if self.backlog:
            self._pump()

    def _start(self, req):
        """Runs an ``async def`` callback eagerly, as far as it goes without waiting: most finish
        there and are answered without a Task. One that awaits something continues in a Task.
        Each request runs in its own copy of the context, as a Task would."""
        executor = EXECUTOR_REGISTRY.get(req.function)
        try:
            if executor is None:
                raise TypeError(f"no callback named {req.function!r} is registered")
            args, kwargs = Serializer.deserialize(req.serde, req.data, req.is_bytes)
        except Exception as exc:
            fail(req, exc)
            self._release()
            return
        context = contextvars.copy_context()
        if not executor.is_async:
            context.run(self._spawn, self._run_sync(req, executor, args, kwargs))
            return
        try:
            coro = context.run(executor, *args, **kwargs)
            yielded = context.run(coro.send, None)
        except StopIteration as stop:
            answer(req, stop.value)
            self._release()
            return
        except Exception as exc:
            fail(req, exc)
            self._release()
            return
        except BaseException:
            self._release()
            raise
        context.run(self._spawn, self._resume(req, coro, yielded))

    async def _resume(self, req, coro, yielded):
        # Drives the rest of an eagerly started coroutine the way a Task would: wait for what it
        # yielded (a future, or None for a bare yield), then step it again.
        try:
            while True:
                if yielded is None:
                    await asyncio.sleep(0)
                elif asyncio.isfuture(yielded):
                    yielded._asyncio_future_blocking = False
                    await asyncio.wait({yielded})   # done either way; the coroutine reads the outcome
                else:
                    yielded = coro.throw(RuntimeError(f"callback {req.function!r} yielded {yielded!r}, not a future"))
                    continue
                try:
                    yielded = coro.send(None)
                except StopIteration as stop:
                    answer(req, stop.value)
                    return
        except asyncio.CancelledError:
            coro.close()
            raise
        except Exception as exc:
            fail(req, exc)
        finally:
            self._release()

    async def _run_sync(self, req, executor, args, kwargs):
        # Plain functions run in the loop's default thread pool so they never block it.
        try:
            result = await self.loop.run_in_executor(None, lambda: executor(*args, **kwargs))
        except Exception as exc:
            fail(req, exc)
        else:
            answer(req, result)
        finally:
            self._release()

    def _events(self):
        for kind, member in self.native.drain_events():
            self._spawn(self.on_event(kind, member))

    def close(self):
        for fd in (self.notifier.fd(), self.native.requests_fd(), self.native.events_fd()):
            try:
                self.loop.remove_reader(fd)
            except Exception:
                pass
        for future in self.waiting.values():
            if not future.done():
                future.cancel()
        self.waiting.clear()


async def _call_handlers(handlers, member, logger):
    for handler in list(handlers):
        try:
            result = handler(member)
            if inspect.isawaitable(result):
                await result
        except Exception:
            logger.exception("member handler %r failed", handler)


def _install_loop_signals(node):
    if threading.current_thread() is not threading.main_thread():
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, lambda: loop.create_task(node.stop()))
        except (NotImplementedError, RuntimeError):
            pass


class _AsyncJoin:
    async def join(self):
        while not self._stop_event.is_set():
            await asyncio.sleep(0.05)
        if self._error is not None:
            raise self._error


class _AsyncWorker(_AsyncJoin):
    """What AsyncService and AsyncClient share."""

    async def stop(self, *_):
        with self._lock:
            native, self._native = self._native, None
        if native is not None:
            self._bridge.close()
            native.stop()
            native.close_queues()
        self._stop_event.set()


class AsyncRouter(_AsyncJoin, Router):
    async def start(self):
        Router.start(self)
        _install_loop_signals(self)

    async def stop(self, *_):
        Router.stop(self)


class AsyncService(_AsyncWorker, Service):
    async def start(self):
        with self._lock:
            native = self._listen()
            self._bridge = _Bridge(asyncio.get_running_loop(), native, self.workers, self._on_async_event)
            self._started(native)
        _install_loop_signals(self)

    async def _on_async_event(self, kind, member):
        if kind == "connected":
            await _call_handlers(self._added, member, self.logger)
        elif kind == "disconnected":
            await _call_handlers(self._removed, member, self.logger)


class AsyncClientConnection(ClientConnection):
    """The six call styles and wait_for_members as coroutines (``rpc_nowait`` and friends must be
    awaited too): the same styles as the sync client, run on the loop."""

    def on_member_added(self, handler):
        return self.client.on_member_added(handler)

    def on_member_removed(self, handler):
        return self.client.on_member_removed(handler)

    def _run(self, style):
        return run_async(style, self.client._bridge)


class AsyncClient(_AsyncWorker, Client):
    async def connect(self):
        with self._lock:
            native = self._new_native()
            bridge = _Bridge(asyncio.get_running_loop(), native, self.workers, self._on_async_event)
        result = await bridge.wait(native.start())
        with self._lock:
            try:
                self._connected(native, result)
            except InitializationError:
                bridge.close()
                raise
            self._bridge = bridge
        _install_loop_signals(self)
        return AsyncClientConnection(self)

    async def _on_async_event(self, kind, member):
        if kind == "state":
            self._on_event(kind, member)   # the sync bookkeeping (errors, stop event)
        elif kind == "connected":
            await _call_handlers(self._added, member, self.logger)
        else:
            await _call_handlers(self._removed, member, self.logger)
