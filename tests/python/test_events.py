"""Membership events (on_member_added / on_member_removed with the member's name) and
wait_for_members."""

import threading
import time

import pytest
from conftest import call_within, uid, wait_until


class Recorder:
    def __init__(self):
        self.added = []
        self.removed = []
        self.lock = threading.Lock()

    def on_added(self, name):
        with self.lock:
            self.added.append(name)

    def on_removed(self, name):
        with self.lock:
            self.removed.append(name)

    def attach(self, node):
        node.on_member_added(self.on_added)
        node.on_member_removed(self.on_removed)


def test_router_events_for_thread_worker(nodes):
    router = nodes.router()
    watcher = nodes.client(router.port, uid("watcher"))
    rec = Recorder()
    rec.attach(watcher)  # registered before connect
    watcher.connect()
    worker_name = uid("worker")
    worker, _ = nodes.connect(router.port, worker_name)
    wait_until(lambda: worker_name in rec.added, 10, "member added event")
    assert watcher.app_name not in rec.added  # never an event for itself
    worker.stop()
    wait_until(lambda: worker_name in rec.removed, 10, "member removed event")


def test_router_events_for_process_worker_and_kill(nodes, spawn):
    router = nodes.router()
    watcher, _ = nodes.connect(router.port, uid("watcher"))
    rec = Recorder()
    rec.attach(watcher)  # registered after connect
    name = uid("pw")
    proc = spawn.worker("client", name, port=router.port)
    wait_until(lambda: name in rec.added, 10, "member added event")
    proc.popen.kill()  # kill -9: detected as a disconnect
    wait_until(lambda: name in rec.removed, 10, "member removed event after SIGKILL")


def test_handlers_as_decorators_in_order(nodes):
    router = nodes.router()
    watcher, _ = nodes.connect(router.port, uid("watcher"))
    calls = []

    @watcher.on_member_added
    def first(name):
        calls.append(("first", name))

    @watcher.on_member_added
    def second(name):
        calls.append(("second", name))

    assert callable(first) and first.__name__ == "first"  # the decorator returns the handler
    name = uid("w")
    nodes.connect(router.port, name)
    wait_until(lambda: len(calls) >= 2, 10, "both handlers")
    assert calls[:2] == [("first", name), ("second", name)]


def test_failing_handler_does_not_stop_the_others(nodes):
    router = nodes.router()
    watcher, _ = nodes.connect(router.port, uid("watcher"))
    got = []
    watcher.on_member_added(lambda name: 1 / 0)
    watcher.on_member_added(got.append)
    name = uid("w")
    nodes.connect(router.port, name)
    wait_until(lambda: name in got, 10, "second handler after a failing one")


def test_service_events(nodes):
    svc = nodes.service()
    rec = Recorder()
    rec.attach(svc)
    name = uid("svc-client")
    client, conn = nodes.connect(svc.port, name)
    wait_until(lambda: name in rec.added, 10, "service member added event")
    client.stop()
    wait_until(lambda: name in rec.removed, 10, "service member removed event")


def test_service_events_on_process_client_kill(nodes, spawn):
    svc = nodes.service()
    rec = Recorder()
    rec.attach(svc)
    name = uid("proc-client")
    proc = spawn.worker("client", name, port=svc.port)
    wait_until(lambda: name in rec.added, 10, "service member added event")
    proc.popen.kill()
    wait_until(lambda: name in rec.removed, 10, "service member removed event after SIGKILL")


def test_wait_for_members_late_worker(nodes):
    router = nodes.router()
    caller, conn = nodes.connect(router.port, uid("caller"))
    late = uid("late")
    timer = threading.Timer(0.5, lambda: nodes.connect(router.port, late))
    timer.start()
    try:
        _, elapsed = call_within(10, conn.wait_for_members, late, timeout=8)
    finally:
        timer.cancel()
    assert 0.3 < elapsed < 5
    assert conn.rpc(timeout=5, receiver=late).add(1, 2) == 3


def test_wait_for_members_late_process_worker(nodes, spawn):
    router = nodes.router()
    caller, conn = nodes.connect(router.port, uid("caller"))
    late = uid("late-proc")
    spawn.worker("client", late, port=router.port, wait_ready=False)
    call_within(20, conn.wait_for_members, late, timeout=15)
    assert conn.rpc(timeout=5, receiver=late).whoami() == late


def test_wait_for_members_present_and_empty(nodes):
    router = nodes.router()
    name = uid("w")
    nodes.connect(router.port, name)
    caller, conn = nodes.connect(router.port, uid("caller"))
    call_within(5, conn.wait_for_members)  # no names: returns at once
    call_within(5, conn.wait_for_members, name, caller.app_name, timeout=3)


@pytest.mark.parametrize("timeout", [0.5, 1.2])
def test_wait_for_members_timeout(nodes, timeout):
    router = nodes.router()
    caller, conn = nodes.connect(router.port, uid("caller"))
    started = time.monotonic()
    with pytest.raises(TimeoutError) as info:
        call_within(10, conn.wait_for_members, "ghost-a", "ghost-b", timeout=timeout)
    elapsed = time.monotonic() - started
    assert timeout * 0.9 <= elapsed < timeout + 1.0
    assert "ghost-a" in str(info.value) and "ghost-b" in str(info.value)
    assert f"{timeout}s" in str(info.value)


def test_wait_for_members_on_service(nodes):
    svc = nodes.service()
    caller, conn = nodes.connect(svc.port, uid("caller"))
    call_within(5, conn.wait_for_members, svc.app_name, timeout=3)


@pytest.mark.parametrize("server", ["router", "service"])
def test_documented_add_event_handler_gets_a_dict(nodes, server):
    # README/events.md: handler({"type": "connected"|"disconnected", "member": name})
    if server == "router":
        router = nodes.router()
        watcher, _ = nodes.connect(router.port, uid("watcher"))
        port = router.port
    else:
        watcher = nodes.service()
        port = watcher.port
    events = []
    assert watcher.add_event_handler(events.append) is not None
    name = uid("m")
    member, _ = nodes.connect(port, name)
    wait_until(lambda: {"type": "connected", "member": name} in events, 10, "connected event dict")
    member.stop()
    wait_until(lambda: {"type": "disconnected", "member": name} in events, 10, "disconnected event dict")


def test_wait_for_members_accepts_interval(nodes):
    svc = nodes.service()
    caller, conn = nodes.connect(svc.port)
    call_within(5, conn.wait_for_members, svc.app_name, timeout=2, interval=0.1)
