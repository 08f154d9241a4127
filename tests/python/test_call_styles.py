"""Every call style x every payload kind, in the three topologies of conftest.TOPOLOGIES."""

import uuid

import pytest
from conftest import build_topology, wait_until

from daffi import SerdeFormat

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
