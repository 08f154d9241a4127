"""Faults: duplicate names, workers killed mid-call, router restart, server gone."""

import signal
import threading
import time

import pytest
from conftest import call_within, uid, wait_until, worker_behind_router

from daffi import Client
from daffi.exceptions import BaseException as DaffiError, Disconnected, Evicted, TransmissionFailure


@pytest.mark.parametrize("server", ["router", "service"])
def test_duplicate_name_evicts_the_older_client(nodes, server):
    node = nodes.router() if server == "router" else nodes.service()
    name = uid("dup")
    old, old_conn = nodes.connect(node.port, name)
    new, new_conn = nodes.connect(node.port, name)
    with pytest.raises(Evicted) as info:
        call_within(10, old.join)
    assert name in str(info.value)
    # the newer connection holds the name and works
    if server == "router":
        helper, helper_conn = nodes.connect(node.port)
        assert helper_conn.rpc(timeout=5, receiver=name).add(1, 2) == 3
    else:
        assert new_conn.rpc(timeout=5).add(1, 2) == 3


def test_evicted_client_calls_fail(nodes):
    router = nodes.router()
    name = uid("dup")
    old, old_conn = nodes.connect(router.port, name)
    nodes.connect(router.port, name)
    wait_until(lambda: old._stop_event.is_set(), 10, "the old client to notice its eviction")
    with pytest.raises(DaffiError):
        old_conn.rpc(timeout=3).add(1, 2)


@pytest.mark.parametrize("server", ["router", "service"])
def test_worker_killed_mid_call_fails_promptly(nodes, spawn, server):
    if server == "router":
        name, proc, caller, conn = worker_behind_router(nodes, spawn, "victim")
        receiver = name
    else:
        name = uid("victim-svc")
        proc = spawn.worker("service", name)
        caller, conn = nodes.connect(proc.port, reconnect_attempts=0)
        receiver = None
    assert conn.rpc(timeout=5, receiver=receiver).whoami() == name
    threading.Timer(0.5, proc.popen.kill).start()
    started = time.monotonic()
    with pytest.raises((TransmissionFailure, Disconnected)):
        call_within(20, conn.rpc(timeout=30, receiver=receiver).slow, 20)
    assert time.monotonic() - started < 3.0, "the caller waited for the timeout instead of failing"


def test_worker_killed_during_cast(nodes, spawn):
    router = nodes.router()
    steady, victim = uid("steady"), uid("victim")
    spawn.worker("client", steady, port=router.port)
    proc = spawn.worker("client", victim, port=router.port)
    caller, conn = nodes.connect(router.port)
    conn.wait_for_members(steady, victim, timeout=10)
    threading.Timer(0.4, proc.popen.kill).start()
    result, elapsed = call_within(20, conn.cast(timeout=30).slow, 1.0)
    assert result[steady] == 1.0
    assert isinstance(result[victim], (TransmissionFailure, Disconnected))
    assert elapsed < 3.0


def test_other_workers_keep_serving_after_a_kill(nodes, spawn):
    router = nodes.router()
    a, b = uid("a"), uid("b")
    pa = spawn.worker("client", a, port=router.port)
    spawn.worker("client", b, port=router.port)
    caller, conn = nodes.connect(router.port)
    conn.wait_for_members(a, b, timeout=10)
    pa.popen.kill()
    pa.popen.wait(5)
    # round robin skips the dead worker once the router notices
    wait_until(lambda: a not in {m for m, _ in caller._native.members()}, 10, "the router to drop the dead worker")
    assert {conn.rpc(timeout=5).whoami() for _ in range(6)} <= {b, "test-process"}


def _retry(fn, limit, what):
    """Calls fn until it stops raising daffi errors (a reconnect in progress), within limit s."""
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        try:
            return fn()
        except DaffiError as e:
            last = e
            time.sleep(0.1)
    pytest.fail(f"{what} still failing after {limit}s: {last!r}")


def test_router_restart_clients_reconnect(spawn):
    router = spawn.router()
    port = router.port
    worker_name = uid("rw")
    worker_proc = spawn.worker("client", worker_name, port=port)
    thread_worker = Client(app_name=uid("tw"), host="127.0.0.1", port=port)
    caller = Client(app_name=uid("caller"), host="127.0.0.1", port=port)
    try:
        thread_worker.connect()
        conn = caller.connect()
        conn.wait_for_members(worker_name, thread_worker.app_name, timeout=10)
        assert conn.rpc(timeout=5, receiver=worker_name).whoami() == worker_name

        router.popen.kill()  # crash, no goodbyes
        router.popen.wait(5)
        time.sleep(0.3)
        spawn.router(port=port)

        _retry(lambda: conn.wait_for_members(worker_name, thread_worker.app_name, timeout=1), 15,
               "members after the router restart")
        assert _retry(lambda: conn.rpc(timeout=5, receiver=worker_name).whoami(), 10, "rpc") == worker_name
        assert _retry(lambda: conn.rpc(timeout=5, receiver=thread_worker.app_name).add(2, 3), 10, "rpc") == 5
        assert worker_proc.popen.poll() is None  # the worker process rode it out
    finally:
        caller.stop()
        thread_worker.stop()


def test_in_process_router_restart(nodes):
    router = nodes.router()
    port = router.port
    worker_name = uid("w")
    nodes.connect(port, worker_name)
    caller, conn = nodes.connect(port)
    conn.wait_for_members(worker_name, timeout=10)
    router.stop()
    time.sleep(0.3)
    nodes.router(port=port)
    _retry(lambda: conn.wait_for_members(worker_name, timeout=1), 15, "members after restart")
    assert _retry(lambda: conn.rpc(timeout=5, receiver=worker_name).add(1, 1), 10, "rpc") == 2


def test_client_gives_up_when_the_server_stays_away(nodes):
    svc = nodes.service()
    client = Client(app_name=uid("gives-up"), host="127.0.0.1", port=svc.port, reconnect_attempts=1)
    nodes.nodes.append(client)
    client.connect()
    svc.stop()
    with pytest.raises(Disconnected) as info:
        call_within(15, client.join)
    assert "Server disconnected unexpectedly" in str(info.value)


def test_join_returns_after_stop_from_another_thread(nodes):
    svc = nodes.service()
    client, _ = nodes.connect(svc.port)
    threading.Timer(0.3, client.stop).start()
    _, elapsed = call_within(5, client.join)
    assert elapsed < 2
    threading.Timer(0.3, svc.stop).start()
    call_within(5, svc.join)
