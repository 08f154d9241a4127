"""Load: threads sharing one connection, 10,000 calls in flight, workers=N, 28 MiB payloads."""

import threading
import time
import uuid

import pytest
from conftest import build_topology, call_within, uid, wait_until

from daffi import SerdeFormat

MiB = 1024 * 1024


@pytest.fixture(scope="module", params=["service", "router-procs"])
def loaded(request, module_nodes, module_spawn):
    return build_topology(request.param, module_nodes, module_spawn, workers=4)


def run_threads(n, target, limit):
    errors = []

    def body(i):
        try:
            target(i)
        except BaseException as e:  # noqa: B902
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + limit
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    alive = sum(t.is_alive() for t in threads)
    assert not alive, f"{alive} of {n} threads still running after {limit}s"
    assert not errors, errors[:5]


def test_50_threads_share_one_connection(loaded):
    proxy = loaded.conn.rpc(timeout=20)

    def body(i):
        for j in range(40):
            assert proxy.add(i, j) == i + j
            assert loaded.conn.rpc(timeout=20, serde=SerdeFormat.OPAQUE).echo(f"{i}-{j}") == f"{i}-{j}"

    run_threads(50, body, 45)


def test_50_threads_mixed_styles(loaded):
    token = uuid.uuid4().hex

    def body(i):
        for j in range(10):
            assert loaded.conn.rpc(timeout=20).echo((i, j)) == (i, j)
            loaded.conn.rpc_nowait(receiver=loaded.pin).bump(token)
            assert set(loaded.conn.cast(timeout=20).add(i, j).values()) == {i + j}

    run_threads(50, body, 45)
    wait_until(lambda: loaded.conn.rpc(timeout=10, receiver=loaded.pin).bumped(token) == 500, 15, "500 bumps")


def test_10000_rpc_nowait_in_flight(loaded):
    token = uuid.uuid4().hex
    nowait = loaded.conn.rpc_nowait(receiver=loaded.pin).bump
    started = time.monotonic()
    for _ in range(10_000):
        nowait(token)
    sent = time.monotonic() - started
    count = wait_until(
        lambda: (lambda c: c if c == 10_000 else None)(loaded.conn.rpc(timeout=20, receiver=loaded.pin).bumped(token)),
        30, "10,000 fire-and-forget calls to be counted")
    assert count == 10_000, (count, sent)


def test_many_threads_many_rpc(loaded):
    # 20 threads x 500 rpc = 10,000 answered calls, with up to 20 in flight at any moment.
    answered = []
    lock = threading.Lock()

    def body(i):
        proxy = loaded.conn.rpc(timeout=30)
        got = 0
        for j in range(500):
            assert proxy.add(i, j) == i + j
            got += 1
        with lock:
            answered.append(got)

    run_threads(20, body, 50)
    assert sum(answered) == 10_000


def test_workers_n_run_n_callbacks_at_once(nodes):
    svc = nodes.service(workers=4)
    caller, conn = nodes.connect(svc.port)
    conn.rpc(timeout=5).reset_overlap()
    peaks = []

    def body(i):
        peaks.append(conn.rpc(timeout=10).overlap(0.6))

    started = time.monotonic()
    run_threads(4, body, 10)
    elapsed = time.monotonic() - started
    assert max(peaks) == 4
    assert elapsed < 1.5, f"4 x 0.6 s callbacks with workers=4 took {elapsed:.2f}s"


def test_workers_one_runs_callbacks_one_at_a_time(nodes):
    svc = nodes.service(workers=1)
    caller, conn = nodes.connect(svc.port)
    conn.rpc(timeout=5).reset_overlap()
    peaks = []
    run_threads(3, lambda i: peaks.append(conn.rpc(timeout=10).overlap(0.2)), 10)
    assert max(peaks) == 1


def test_worker_client_workers_n(nodes, spawn):
    router = nodes.router()
    name = uid("wn")
    spawn.worker("client", name, port=router.port, workers=3)
    caller, conn = nodes.connect(router.port)
    conn.wait_for_members(name, timeout=10)
    started = time.monotonic()
    peaks = []
    run_threads(3, lambda i: peaks.append(conn.rpc(timeout=10, receiver=name).overlap(0.6)), 10)
    assert max(peaks) == 3
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("serde", [SerdeFormat.OPAQUE, SerdeFormat.PICKLE, SerdeFormat.MSGPACK],
                         ids=["opaque", "pickle", "msgpack"])
def test_28_mib_round_trip(loaded, serde):
    blob = bytes(range(256)) * (28 * MiB // 256)
    (got, elapsed) = call_within(50, loaded.conn.rpc(timeout=40, receiver=loaded.pin, serde=serde).echo, blob)
    assert type(got) is bytes and len(got) == len(blob) and got == blob


def test_28_mib_cast_and_stream(loaded):
    blob = b"\x5a" * (28 * MiB)
    result = loaded.conn.cast(timeout=40, serde=SerdeFormat.OPAQUE).size_of(blob)
    assert result == {name: str(len(blob)) for name in loaded.cast_keys}
    loaded.conn.stream(receiver=loaded.pin, timeout=40).size_of([blob, blob])


def test_28_mib_string(loaded):
    text = "ü" * (14 * MiB)  # 28 MiB of UTF-8
    got = loaded.conn.rpc(timeout=40, receiver=loaded.pin, serde=SerdeFormat.OPAQUE).echo(text)
    assert got == text


def test_200_threads_each_waiting(loaded):
    # 200 blocking calls in flight at once: each callback sleeps 0.05 s on a workers=4 peer, so
    # most of them wait in the peer's queue; every one is answered, none is lost or mixed up.
    results = []

    def body(i):
        assert loaded.conn.rpc(timeout=40).slow(0.05 + i / 1e6) == 0.05 + i / 1e6
        results.append(i)

    run_threads(200, body, 50)
    assert sorted(results) == list(range(200))
