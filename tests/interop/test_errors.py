"""Errors the reference client must see through the router under test: a remote exception, a
receiver that does not exist, a worker killed in the middle of a call."""

import signal
import threading
import time

import pytest
from daffi import SerdeFormat
from daffi.exceptions import CallTimeout, RemoteCallError, TransmissionFailure

from conftest import call_within

T = 10


@pytest.mark.parametrize(
    "serde", [SerdeFormat.PICKLE, SerdeFormat.JSON, SerdeFormat.MSGPACK, SerdeFormat.OPAQUE],
    ids=["PICKLE", "JSON", "MSGPACK", "OPAQUE"])
def test_remote_exception_becomes_remote_call_error(workers, make_caller, serde):
    workers.start("w1")
    caller = make_caller()

    with pytest.raises(RemoteCallError) as info:
        caller.conn.rpc(timeout=T, receiver="w1", serde=serde).boom()

    err = info.value
    assert type(err).__name__ == "ValueError"
    assert type(err).__module__ == "builtins"
    assert not isinstance(err, ValueError)  # a RemoteCallError subclass named ValueError
    assert str(err) == "boom"
    # The connection is still usable afterwards.
    assert caller.conn.rpc(timeout=T, receiver="w1").add(1, 1) == 2


def test_cast_stores_remote_exceptions_per_worker(workers, make_caller):
    workers.start("w1", "w2")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)

    result = caller.conn.cast(timeout=T).boom()

    assert set(result) == {"w1", "w2"}
    for name, err in result.items():
        assert isinstance(err, RemoteCallError), (name, err)
        assert type(err).__name__ == "ValueError" and str(err) == "boom"


def test_unknown_receiver_is_a_prompt_client_side_error(workers, make_caller):
    workers.start("w1")
    caller = make_caller()

    started = time.monotonic()
    with pytest.raises(TransmissionFailure, match="ReceiverNotFound"):
        caller.conn.rpc(timeout=T, receiver="nobody").whoami()
    with pytest.raises(TransmissionFailure):
        caller.conn.rpc(timeout=T).no_such_function()
    with pytest.raises(TransmissionFailure):
        caller.conn.rpc_nowait(receiver="nobody").record("x")
    assert time.monotonic() - started < 3


def test_worker_killed_mid_call_fails_the_call(workers, make_caller):
    victim = workers.start("victim")
    caller = make_caller()
    outcome = {}

    def call():
        try:
            outcome["value"] = caller.conn.rpc(timeout=30, receiver="victim").hang()
        except BaseException as e:  # noqa: B902 - handed to the test thread
            outcome["error"] = e
        outcome["at"] = time.monotonic()

    t = threading.Thread(target=call, daemon=True)
    t.start()
    victim.wait_line(lambda line: line == "HANGING", 10, "HANGING (the call reached the worker)")
    killed_at = time.monotonic()
    victim.signal(signal.SIGKILL)
    t.join(15)

    assert not t.is_alive(), "the call to a SIGKILLed worker was still waiting 15 s later"
    assert "error" in outcome, f"the call returned {outcome.get('value')!r} instead of failing"
    assert not isinstance(outcome["error"], CallTimeout), \
        f"only the call timeout ended it: {outcome['error']!r}"
    assert outcome["at"] - killed_at < 10, f"the error came {outcome['at'] - killed_at:.1f}s after the kill"
    # The caller carries on, without the dead worker.
    assert "victim" not in caller.members()


def test_caller_survives_a_killed_worker_and_uses_the_other(workers, make_caller):
    w1, _ = workers.start("w1", "w2")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)

    w1.signal(signal.SIGKILL)
    w1.wait_exit(5)
    deadline = time.monotonic() + 10
    while "w1" in caller.members():
        assert time.monotonic() < deadline, "the router never told the caller that w1 left"
        time.sleep(0.05)

    answers, _ = call_within(20, lambda: [caller.conn.rpc(timeout=T).whoami() for _ in range(4)])
    assert answers == ["w2"] * 4
