"""Every serde through the router under test: the router forwards payloads unchanged, so what
the reference worker receives and returns must be exactly what the reference client sent."""

import pytest
from daffi import SerdeFormat

T = 10


@pytest.fixture
def w1_caller(workers, make_caller):
    workers.start("w1")
    return make_caller()


@pytest.mark.parametrize("serde", [SerdeFormat.PICKLE, SerdeFormat.MSGPACK], ids=["PICKLE", "MSGPACK"])
def test_binary_serdes_carry_args_kwargs_and_bytes(w1_caller, serde):
    got = w1_caller.conn.rpc(timeout=T, receiver="w1", serde=serde).describe(
        1, "two", [3.5, None, True], b"\x00\xff raw", mapping={"k": [1, 2]}, flag=False)

    assert got == {
        "args": [1, "two", [3.5, None, True], b"\x00\xff raw"],
        "kwargs": {"mapping": {"k": [1, 2]}, "flag": False},
        "types": ["int", "str", "list", "bytes"],
    }


def test_pickle_keeps_python_types(w1_caller):
    value = {"tuple": (1, 2), "set": {3}, "complex": 1 + 2j, "nested": [(b"x", None)]}
    assert w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.PICKLE).echo(value) == value


def test_json_carries_args_and_kwargs(w1_caller):
    got = w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).describe(
        1, "two", [3.5, None, True], unicode="żółw ✓", obj={"a": {"b": []}})

    assert got == {
        "args": [1, "two", [3.5, None, True]],
        "kwargs": {"unicode": "żółw ✓", "obj": {"a": {"b": []}}},
        "types": ["int", "str", "list"],
    }


def test_msgpack_adds(w1_caller):
    assert w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.MSGPACK).add(3, 4) == 7


def test_opaque_bytes_stay_bytes(w1_caller):
    payload = bytes(range(256)) * 4
    got = w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.OPAQUE).echo(payload)
    assert type(got) is bytes and got == payload


def test_opaque_str_stays_str(w1_caller):
    text = "plain text, ünïcödé ✓ | with a pipe"
    got = w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.OPAQUE).echo(text)
    assert type(got) is str and got == text


def test_opaque_non_bytes_result_arrives_as_text(w1_caller):
    # The worker's return value 5 goes back as str(5) under OPAQUE (PROTOCOL.md §4).
    assert w1_caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.OPAQUE).size(b"12345") == "5"


@pytest.mark.parametrize(
    "serde", [SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK, SerdeFormat.OPAQUE],
    ids=["PICKLE", "JSON", "MSGPACK", "OPAQUE"])
def test_cast_in_every_serde(workers, make_caller, serde):
    workers.start("w1", "w2")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)
    arg = "ping" if serde != SerdeFormat.MSGPACK else b"ping"
    assert caller.conn.cast(timeout=T, serde=serde).echo(arg) == {"w1": arg, "w2": arg}
