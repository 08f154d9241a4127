"""Type-checked by test_typing.py with mypy --strict: every public name of daffi and daffi.aio,
used as the documentation shows. Never run; only checked."""

import asyncio
from collections.abc import Iterator

from daffi import Client, Router, SerdeFormat, Service, alias, callback, local
from daffi.aio import AsyncClient, AsyncRouter, AsyncService
from daffi.exceptions import (
    CallTimeout,
    Disconnected,
    Evicted,
    InitializationError,
    RemoteCallError,
    TransmissionFailure,
)


@callback
def add(a: int, b: int) -> int:
    return a + b


@callback
class TextProcessor:
    def upper(self, text: str) -> str:
        return text.upper()

    @local
    def reset(self) -> None:
        pass

    @alias("rev")
    def reverse(self, text: str) -> str:
        return text[::-1]


@callback
async def slow_add(a: int, b: int) -> int:
    await asyncio.sleep(0.01)
    return a + b


def chunks() -> Iterator[bytes]:
    yield b"one"
    yield b"two"


def on_added(member: str) -> None:
    print("joined", member)


def sync_calls() -> None:
    total: int = add(1, 2)   # a @callback function is still callable locally, typed as before
    print(total, TextProcessor().upper("x"))
    router = Router(host="127.0.0.1", port=0)
    router.start()
    assert router.port is not None
    service = Service(app_name="svc", host="127.0.0.1", port=0, workers=4)
    service.on_member_added(on_added)

    @service.on_member_removed
    def gone(member: str) -> None:
        print("left", member)

    client = Client(app_name="caller", host="127.0.0.1", port=router.port, reconnect_attempts=0)
    conn = client.connect()
    conn.wait_for_members("worker", timeout=5.0)
    conn.wait_for_members()
    value = conn.rpc(timeout=2.5, receiver="worker", serde=SerdeFormat.JSON).add(3, 4)
    print(value)
    conn.rpc_nowait(serde=SerdeFormat.MSGPACK).add(1, 2)
    results: dict[str, object] = conn.cast(timeout=5, receiver=["w1", "w2"]).add(3, 4)
    for name, result in results.items():
        if isinstance(result, Exception):
            print(name, "failed", result)
    conn.cast_nowait(receiver="w1", serde=2).add(1, 1)
    conn.stream(receiver="worker", serde=SerdeFormat.OPAQUE, timeout=10).receive_chunk(chunks())
    conn.stream_nowait().receive_chunk([b"a", b"b"])
    try:
        conn.rpc(timeout=1).fail()
    except CallTimeout as exc:
        print(exc.call, exc.timeout, exc.elapsed, exc.receivers)
    except RemoteCallError as exc:
        print(exc.message, exc.remote_traceback)
    except (TransmissionFailure, Disconnected, Evicted) as exc:
        exc.fire()
    print(conn.client.info, client.app_name, client.logger.name)
    client.stop()
    client.join()
    service.stop()
    router.stop()
    router.join()
    try:
        Service(host="h", unix_sock_path="/tmp/x.sock").start()
    except InitializationError as exc:
        print(exc.message)


async def async_calls() -> None:
    router = AsyncRouter(host="127.0.0.1", port=0)
    await router.start()
    service = AsyncService(app_name="svc", host="127.0.0.1", port=0, workers=200)

    @service.on_member_added
    async def joined(member: str) -> None:
        await asyncio.sleep(0)

    await service.start()
    client = AsyncClient(app_name="caller", host="127.0.0.1", port=router.port)
    conn = await client.connect()
    conn.on_member_removed(on_added)
    await conn.wait_for_members("worker", timeout=5.0, interval=0.5)
    value = await conn.rpc(timeout=2.5).slow_add(3, 4)
    print(value)
    many = await asyncio.gather(*(conn.rpc(receiver="worker").slow_add(i, i) for i in range(10)))
    print(len(many))
    await conn.rpc_nowait().slow_add(1, 2)
    results: dict[str, object] = await conn.cast(timeout=5.0).slow_add(1, 2)
    print(results)
    await conn.cast_nowait(receiver=["w1"]).slow_add(1, 2)
    await conn.stream(serde=SerdeFormat.OPAQUE).receive_chunk(chunks())
    await conn.stream_nowait(receiver="worker").receive_chunk(chunks())
    await client.stop()
    await client.join()
    await service.stop()
    await router.stop()


if __name__ == "__main__":
    sync_calls()
    asyncio.run(async_calls())
