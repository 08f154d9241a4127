"""Each line marked `# error` must be reported by mypy (test_typing.py checks that exactly these
lines are, and no others). Never run; only checked."""

from daffi import Client, Router, SerdeFormat, callback
from daffi.aio import AsyncClient


@callback
def add(a: int, b: int) -> int:
    return a + b


async def misuse_async(client: AsyncClient) -> None:
    conn = await client.connect()
    conn.rpc(timeout=1).add(1, 2)  # error: a coroutine that is never awaited
    value: int = conn.rpc().add(1, 2)  # error: the call is a coroutine, not its result
    print(value)


def misuse() -> None:
    conn = Client(host="127.0.0.1", port="6000").connect()  # error: port is an int
    conn.rpc(timeout="5").add(3, 4)  # error: timeout is seconds as a number
    conn.rpc(receiver=["w1", "w2"]).add(3, 4)  # error: rpc goes to one receiver; cast takes several
    conn.cast(serde="json").add(3, 4)  # error: serde is a SerdeFormat constant
    conn.wait_for_members(["w1"])  # error: member names are separate arguments
    nothing: int = conn.rpc_nowait().add(1, 2)  # error: rpc_nowait returns None
    print(nothing, SerdeFormat.JSON)
    Router(workers="2").start()  # error: workers is an int
    add("1", 2)  # error: the callback keeps its signature
    conn.connect()  # error: a connection has no connect()
