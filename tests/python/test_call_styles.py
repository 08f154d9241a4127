"""Every call style x every payload kind, in the three topologies of conftest.TOPOLOGIES."""

import asyncio
import uuid

import pytest
from conftest import HOST, build_topology, uid, wait_until

from daffi import SerdeFormat
from daffi.exceptions import TransmissionFailure

# name -> (serde, factory of a value carrying a unique token, expected value after a round trip)
PAYLOADS = {
    "pickle": SerdeFormat.PICKLE,
    "json": SerdeFormat.JSON,
    "msgpack": SerdeFormat.MSGPACK,
    "opaque-bytes": SerdeFormat.OPAQUE,
    "opaque-str": SerdeFormat.OPAQUE,
}


def make(kind, token):
    """A value for this payload kind, and the value the callee hands back (its type rules)."""
    if kind == "pickle":  # full fidelity: tuples, sets, bytes, floats, non-str keys
        v = {"token": token, "t": (1, 2), "s": {3, 4}, "b": b"\x00\xff", 7: 1.5, "none": None}
        return v, v
    if kind == "json":  # tuples become lists
        return {"token": token, "t": (1, 2), "x": [None, True, 2.5, "é"]}, \
               {"token": token, "t": [1, 2], "x": [None, True, 2.5, "é"]}
    if kind == "msgpack":  # bytes preserved, int keys allowed, tuples become lists
        return {"token": token, "b": b"\x00\xff", 5: "five", "t": (1, 2)}, \
               {"token": token, "b": b"\x00\xff", 5: "five", "t": [1, 2]}
    if kind == "opaque-bytes":
        v = b"\x00\xff" + token.encode()
        return v, v
    if kind == "opaque-str":
        v = "é-" + token
        return v, v
    raise ValueError(kind)


@pytest.fixture(params=list(PAYLOADS))
def payload(request):
    kind = request.param
    token = uuid.uuid4().hex
    value, expected = make(kind, token)
    return kind, PAYLOADS[kind], token, value, expected


def seen_on(topo, receiver, token):
    return topo.conn.rpc(timeout=10, receiver=receiver).seen(token)


def test_rpc(topo, payload):
    kind, serde, token, value, expected = payload
    got = topo.conn.rpc(timeout=10, serde=serde).echo(value)
    assert got == expected
    assert type(got) is type(expected)


def test_rpc_pinned(topo, payload):
    kind, serde, token, value, expected = payload
    assert topo.conn.rpc(timeout=10, receiver=topo.pin, serde=serde).echo(value) == expected


def test_rpc_nowait(topo, payload):
    kind, serde, token, value, expected = payload
    assert topo.conn.rpc_nowait(receiver=topo.pin, serde=serde).record(value) is None
    wait_until(lambda: seen_on(topo, topo.pin, token), 10, f"{kind} rpc_nowait to arrive")


def test_cast(topo, payload):
    kind, serde, token, value, expected = payload
    result = topo.conn.cast(timeout=10, serde=serde).echo(value)
    assert result == {name: expected for name in topo.cast_keys}


def test_cast_nowait(topo, payload):
    kind, serde, token, value, expected = payload
    assert topo.conn.cast_nowait(serde=serde).record(value) is None
    for name in topo.cast_keys:
        wait_until(lambda: seen_on(topo, name, token), 10, f"{kind} cast_nowait to reach {name}")


def chunks(kind, token, n=5):
    return [make(kind, f"{token}-{i}")[0] for i in range(n)]


def test_stream(topo, payload):
    kind, serde, token, value, expected = payload
    assert topo.conn.stream(receiver=topo.pin, serde=serde, timeout=10).record(chunks(kind, token)) is None
    # stream waits for each chunk's acknowledgement: all five are there when it returns.
    assert seen_on(topo, topo.pin, token) == 5


def test_stream_nowait(topo, payload):
    kind, serde, token, value, expected = payload
    assert topo.conn.stream_nowait(receiver=topo.pin, serde=serde).record(chunks(kind, token)) is None
    wait_until(lambda: seen_on(topo, topo.pin, token) == 5, 10, f"five {kind} stream_nowait chunks")


def test_stream_generator_and_single_chunk(topo):
    token = uuid.uuid4().hex
    topo.conn.stream(receiver=topo.pin).record(f"{token}-{i}".encode() for i in range(3))  # default OPAQUE
    topo.conn.stream(receiver=topo.pin).record(f"{token}-single")  # a str is one chunk
    assert seen_on(topo, topo.pin, token) == 4


def test_defaults_are_pickle_and_opaque(topo):
    # rpc/cast default to PICKLE (a tuple survives); stream defaults to OPAQUE (bytes arrive).
    assert topo.conn.rpc(timeout=10).echo((1, {2})) == (1, {2})
    assert set(topo.conn.cast(timeout=10).echo((1,)).values()) == {(1,)}
    token = uuid.uuid4().hex
    topo.conn.stream(receiver=topo.pin).record([token.encode()])
    assert seen_on(topo, topo.pin, f"b'{token}'") == 1


def test_kwargs_and_several_args(topo):
    for serde in (SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK):
        assert topo.conn.rpc(timeout=10, serde=serde).pack(1, "a", k=2) == [[1, "a"], {"k": 2}]
        assert topo.conn.rpc(timeout=10, serde=serde).add(2, b=3) == 5
    assert topo.conn.rpc(timeout=10, serde=SerdeFormat.OPAQUE).echo(value=b"kw") == b"kw"


def test_opaque_result_that_is_not_bytes_comes_back_as_text(topo):
    # OPAQUE answers: bytes stay bytes, anything else is sent as str(value).
    assert topo.conn.rpc(timeout=10, serde=SerdeFormat.OPAQUE).size_of(b"12345") == "5"


def test_rpc_nowait_batch(topo):
    # As daffi 3.0: an iterable first argument (not str/bytes/dict) sends one call per element.
    token = uuid.uuid4().hex
    topo.conn.rpc_nowait(receiver=topo.pin).bump([(token,), (token,), (token,)])
    wait_until(lambda: topo.conn.rpc(timeout=10, receiver=topo.pin).bumped(token) == 3, 10, "three batch calls")


def test_cast_with_explicit_receivers(topo):
    pinned = topo.conn.cast(timeout=10, receiver=topo.pin).echo(1)
    assert pinned == {topo.pin: 1}
    both = topo.conn.cast(timeout=10, receiver=list(topo.cast_keys)).echo(2)
    assert both == {name: 2 for name in topo.cast_keys}


def test_round_robin_reaches_every_worker(nodes, spawn):
    # workers in separate processes, so whoami() tells them apart
    topo = build_topology("router-procs", nodes, spawn)
    answered = {topo.conn.rpc(timeout=10).whoami() for _ in range(12)}
    assert set(topo.workers) <= answered


def test_unknown_serde_is_a_value_error(topo):
    with pytest.raises(ValueError, match="Unknown serde format"):
        topo.conn.rpc(serde=7).echo(1)


def test_proxy_is_shareable(topo):
    proxy = topo.conn.rpc(timeout=10)
    echo = proxy.echo
    assert [echo(i) for i in range(3)] == [0, 1, 2]
    assert proxy.add(1, 2) == 3


# -- a stream goes to one worker ----------------------------------------------------------------

def _two_workers(spawn):
    """daffi-router and two worker processes; no other member in this process exposes callbacks."""
    router = spawn.router()
    names = [uid("sw1"), uid("sw2")]
    procs = {name: spawn.worker("client", name, port=router.port) for name in names}
    return router.port, procs


def _where_each_stream_went(ask, names, tokens):
    """{token: {worker: chunks of that stream it got}}, asked with ask(worker, token)."""
    return {token: {name: ask(name, token) for name in names} for token in tokens}


def _check_one_worker_per_stream(spread, chunks):
    first, second = (max(counts, key=counts.get) for counts in spread.values())
    for counts in spread.values():
        assert sorted(counts.values()) == [0, chunks], spread   # all chunks at one worker
    assert first != second, spread                               # the next stream: the other one


@pytest.mark.parametrize("style", ["stream", "stream_nowait"])
def test_stream_goes_to_one_worker_and_the_next_to_the_other(nodes, spawn, style):
    port, procs = _two_workers(spawn)
    caller, conn = nodes.connect(port, uid("caller"))
    conn.wait_for_members(*procs, timeout=10)
    tokens = [uuid.uuid4().hex for _ in range(2)]
    for token in tokens:
        getattr(conn, style)(serde=SerdeFormat.PICKLE).record([f"{token}-{i}" for i in range(10)])

    def ask(name, token):
        return conn.rpc(timeout=10, receiver=name).seen(token)

    wait_until(lambda: sum(ask(n, t) for n in procs for t in tokens) == 20, 10, "twenty chunks")
    _check_one_worker_per_stream(_where_each_stream_went(ask, procs, tokens), 10)


@pytest.mark.parametrize("style", ["stream", "stream_nowait"])
def test_aio_stream_goes_to_one_worker_and_the_next_to_the_other(spawn, style):
    from daffi.aio import AsyncClient

    port, procs = _two_workers(spawn)

    async def scenario():
        client = AsyncClient(app_name=uid("aio-caller"), host=HOST, port=port)
        conn = await client.connect()
        try:
            await conn.wait_for_members(*procs, timeout=10)
            tokens = [uuid.uuid4().hex for _ in range(2)]
            for token in tokens:
                await getattr(conn, style)(serde=SerdeFormat.PICKLE).record([f"{token}-{i}" for i in range(10)])
            for _ in range(200):
                spread = {t: {n: await conn.rpc(timeout=10, receiver=n).seen(t) for n in procs} for t in tokens}
                if sum(sum(c.values()) for c in spread.values()) == 20:
                    return spread
                await asyncio.sleep(0.05)
            return spread
        finally:
            await client.stop()

    _check_one_worker_per_stream(asyncio.run(asyncio.wait_for(scenario(), 30)), 10)


@pytest.mark.parametrize("style", ["stream", "stream_nowait"])
def test_worker_leaving_mid_stream_fails_the_stream(nodes, spawn, style):
    port, procs = _two_workers(spawn)
    caller, conn = nodes.connect(port, uid("caller"))
    conn.wait_for_members(*procs, timeout=10)
    token = uuid.uuid4().hex
    got_first = {}

    def ask(name):
        return conn.rpc(timeout=10, receiver=name).seen(token)

    def chunks():
        yield f"{token}-0"
        # the first chunk reached one worker: it goes away before the second chunk is taken
        name = wait_until(lambda: next((n for n in procs if ask(n)), None), 10, "the first chunk")
        got_first["name"] = name
        procs[name].kill()
        wait_until(lambda: name not in {m for m, _ in caller._native.members()}, 10, f"{name} to leave")
        for i in range(1, 5):
            yield f"{token}-{i}"

    with pytest.raises(TransmissionFailure):
        getattr(conn, style)(serde=SerdeFormat.PICKLE).record(chunks())
    other = next(n for n in procs if n != got_first["name"])
    assert ask(other) == 0   # the stream did not go on at the other worker
