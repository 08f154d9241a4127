"""daffi.aio: AsyncRouter, AsyncService, AsyncClient on the native core, in one asyncio loop."""

import asyncio
import contextvars
import time

import pytest

from daffi import SerdeFormat, callback
from daffi.aio import AsyncClient, AsyncRouter, AsyncService
from daffi.exceptions import CallTimeout, RemoteCallError, TransmissionFailure

HOST = "127.0.0.1"
SERDES = [SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK]
_seen = []


@callback
async def aio_add(a, b):
    await asyncio.sleep(0.01)
    return a + b


@callback
async def aio_nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


@callback
def aio_blocking(seconds):
    time.sleep(seconds)   # a plain function: must run off the loop, in the thread pool
    return seconds


@callback
async def aio_fail():
    raise KeyError("missing")


@callback
async def aio_collect(chunk):
    _seen.append(chunk)
    return None


_running = {"now": 0, "peak": 0}
_request_var = contextvars.ContextVar("request_var", default=None)


@callback
async def aio_instant(x):
    return x * 2   # never awaits: answered from the eager first step, no Task


@callback
async def aio_tracked(seconds):
    _running["now"] += 1
    _running["peak"] = max(_running["peak"], _running["now"])
    try:
        await asyncio.sleep(seconds)
    finally:
        _running["now"] -= 1
    return seconds


@callback
async def aio_fail_later():
    await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    raise ValueError("after awaiting")


@callback
async def aio_context(tag):
    seen = _request_var.get()
    _request_var.set(tag)   # must not leak into the next request
    await asyncio.sleep(0)
    return [seen, _request_var.get()]


def run(coro, timeout=30):
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def _service(workers=10):
    svc = AsyncService(app_name=f"aio-svc-{time.monotonic_ns()}", host=HOST, workers=workers)
    await svc.start()
    return svc


async def _client(port, name=None):
    client = AsyncClient(app_name=name or f"aio-caller-{time.monotonic_ns()}", host=HOST, port=port)
    return client, await client.connect()


@pytest.mark.parametrize("serde", SERDES)
def test_every_style_against_a_service(serde):
    async def scenario():
        svc = await _service()
        client, conn = await _client(svc.port)
        try:
            assert await conn.rpc(serde=serde, timeout=5).aio_add(3, 4) == 7
            assert await conn.cast(serde=serde, timeout=5).aio_add(1, 1) == {svc.app_name: 2}
            assert await conn.rpc_nowait(serde=serde).aio_add(1, 1) is None
            assert await conn.cast_nowait(serde=serde).aio_add(1, 1) is None
            _seen.clear()
            await conn.stream(serde=serde, timeout=5).aio_collect(iter(range(20)))
            assert _seen == list(range(20))   # acknowledged chunk by chunk, in order
            await conn.stream_nowait(serde=serde).aio_collect([100, 101])
            await conn.rpc(serde=serde, timeout=5).aio_add(0, 0)   # FIFO: after the chunks
            assert _seen[-2:] == [100, 101]
        finally:
            await client.stop()
            await svc.stop()

    run(scenario())


def test_rpc_nowait_batch_sends_one_call_per_element():
    # As daffi 3.0's asyncio client (and our sync one): each element is one call's arguments.
    async def scenario():
        svc = await _service(workers=1)
        client, conn = await _client(svc.port)
        try:
            _seen.clear()
            assert await conn.rpc_nowait().aio_collect([(1,), (2,), [3]]) is None
            await conn.rpc(timeout=5).aio_add(0, 0)   # FIFO with workers=1: after the batch
            assert _seen == [1, 2, 3]
        finally:
            await client.stop()
            await svc.stop()

    run(scenario())


def test_async_callbacks_overlap_and_sync_ones_leave_the_loop_free():
    async def scenario():
        svc = await _service(workers=20)
        client, conn = await _client(svc.port)
        try:
            started = time.monotonic()
            naps = await asyncio.gather(*[conn.rpc(timeout=5).aio_nap(0.3) for _ in range(20)])
            assert naps == [0.3] * 20
            assert time.monotonic() - started < 1.5   # 20 x 0.3 s in parallel, not 6 s
            started = time.monotonic()
            blocking = await asyncio.gather(*[conn.rpc(timeout=5).aio_blocking(0.3) for _ in range(4)])
            assert blocking == [0.3] * 4
            assert time.monotonic() - started < 1.1   # in the pool, not one after another on the loop
        finally:
            await client.stop()
            await svc.stop()

    run(scenario())


def test_errors_and_timeouts():
    async def scenario():
        svc = await _service()
        client, conn = await _client(svc.port)
        try:
            with pytest.raises(RemoteCallError) as info:
                await conn.rpc(serde=SerdeFormat.JSON).aio_fail()
            assert type(info.value).__name__ == "KeyError"
            assert "missing" in str(info.value)
            started = time.monotonic()
            with pytest.raises(CallTimeout):
                await conn.rpc(timeout=0.2).aio_nap(2)
            assert 0.15 < time.monotonic() - started < 1.0   # fractional, not whole seconds
            with pytest.raises(TransmissionFailure):
                await conn.rpc().no_such_function()
        finally:
            await client.stop()
            await svc.stop()

    run(scenario())


def test_router_topology_events_and_wait_for_members():
    async def scenario():
        router = AsyncRouter(host=HOST)
        await router.start()
        caller, conn = await _client(router.port, "aio-caller")
        joined, left = [], []
        conn.on_member_added(lambda name: joined.append(name))

        @caller.on_member_removed
        async def gone(name):
            left.append(name)

        waiting = asyncio.create_task(conn.wait_for_members("aio-worker", timeout=10))
        await asyncio.sleep(0.1)
        assert not waiting.done()
        worker, _ = await _client(router.port, "aio-worker")
        await waiting
        assert await conn.rpc(timeout=5, receiver="aio-worker").aio_add(20, 22) == 42
        await worker.stop()
        for _ in range(100):
            if left:
                break
            await asyncio.sleep(0.02)
        assert "aio-worker" in joined
        assert left == ["aio-worker"]
        with pytest.raises(TimeoutError):
            await conn.wait_for_members("nobody", timeout=0.2)
        await caller.stop()
        await router.stop()

    run(scenario())


def test_many_concurrent_callers_in_one_loop():
    async def scenario():
        router = AsyncRouter(host=HOST)
        await router.start()
        worker, _ = await _client(router.port, "aio-load-worker")
        callers = [await _client(router.port) for _ in range(20)]
        try:
            async def hammer(conn, base):
                return [await conn.rpc(timeout=10, serde=SerdeFormat.MSGPACK).aio_add(base, i) for i in range(50)]

            results = await asyncio.gather(*[hammer(conn, k) for k, (_, conn) in enumerate(callers)])
            assert results == [[k + i for i in range(50)] for k in range(20)]
        finally:
            for client, _ in callers:
                await client.stop()
            await worker.stop()
            await router.stop()

    run(scenario(), timeout=60)


def test_eager_callbacks_keep_the_worker_limit_errors_and_context_apart():
    async def scenario():
        svc = await _service(workers=3)
        client, conn = await _client(svc.port)
        try:
            proxy = conn.rpc(timeout=10)
            assert await asyncio.gather(*[proxy.aio_instant(i) for i in range(50)]) == [2 * i for i in range(50)]
            # workers=3: never more than 3 callbacks at once, the rest wait for a slot
            _running["peak"] = 0
            assert await asyncio.gather(*[proxy.aio_tracked(0.05) for _ in range(12)]) == [0.05] * 12
            assert _running["peak"] == 3
            # an exception after the first await still reaches the caller
            with pytest.raises(RemoteCallError) as info:
                await proxy.aio_fail_later()
            assert type(info.value).__name__ == "ValueError"
            assert "after awaiting" in str(info.value)
            # each request sees a fresh context, before and after its first await
            assert await proxy.aio_context("a") == [None, "a"]
            assert await proxy.aio_context("b") == [None, "b"]
            assert await proxy.aio_instant(21) == 42   # slots all given back
        finally:
            await client.stop()
            await svc.stop()

    run(scenario())
