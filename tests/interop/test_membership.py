"""Membership through the router under test: join/leave events, wait_for_members, duplicate
app_name eviction (last connection wins)."""

import signal
import threading
import time

import pytest
from daffi.exceptions import RemoteCallError, TransmissionFailure

from conftest import wait_until

T = 10


def test_member_events_for_join_and_leave(workers, make_caller):
    caller = make_caller()

    joiner = workers.start("joiner")
    wait_until(lambda: "joiner" in caller.added, 10, "on_member_added('joiner')")
    assert caller.conn.rpc(timeout=T, receiver="joiner").whoami() == "joiner"

    joiner.signal(signal.SIGTERM)
    wait_until(lambda: "joiner" in caller.removed, 10, "on_member_removed('joiner')")
    assert "joiner" not in caller.members()
    assert caller.added.count("joiner") == 1 and caller.removed.count("joiner") == 1
    assert "caller" not in caller.added  # never an event about oneself


def test_member_events_between_two_callers(make_caller):
    first = make_caller("first")
    second = make_caller("second")
    # A method-less peer still produces a join event (but no registry entry: PROTOCOL.md §7.6).
    wait_until(lambda: "second" in first.added, 10, "first to see second join")

    second.stop()
    wait_until(lambda: "second" in first.removed, 10, "first to see second leave")


def test_leave_event_after_sigkill(workers, make_caller):
    caller = make_caller()
    w = workers.start("doomed")
    wait_until(lambda: "doomed" in caller.added, 10, "on_member_added('doomed')")

    w.signal(signal.SIGKILL)
    wait_until(lambda: "doomed" in caller.removed, 10, "on_member_removed('doomed') after SIGKILL")


def test_wait_for_members_sees_a_worker_that_starts_later(workers, make_caller):
    caller = make_caller()
    assert "late" not in caller.members()
    starter = threading.Timer(1.0, lambda: workers.start("late", wait=False))
    starter.start()
    try:
        started = time.monotonic()
        caller.conn.wait_for_members("late", timeout=15, interval=0.1)
        assert time.monotonic() - started >= 0.9
    finally:
        starter.join()
    assert caller.conn.rpc(timeout=T, receiver="late").whoami() == "late"


def test_wait_for_members_times_out_for_an_absent_member(make_caller):
    caller = make_caller()
    with pytest.raises(TimeoutError):
        caller.conn.wait_for_members("never-there", timeout=1, interval=0.1)


def test_duplicate_app_name_evicts_the_first_worker(workers, make_caller):
    first = workers.start("dup", tag="first")
    caller = make_caller()
    assert caller.conn.rpc(timeout=T, receiver="dup").tag() == "first"
    first_pid = caller.conn.rpc(timeout=T, receiver="dup").pid()

    second = workers.start("dup", tag="second")

    # The router sends the stale connection EVENTS {"type":"evicted","member":"dup"} and closes
    # it (PROTOCOL.md §5.2). The reference 3.0.1 client then reports Disconnected, not Evicted
    # (seen every time against the reference Router), so either name is accepted here.
    error = first.wait_line(lambda line: line.startswith("CONNECTION-ERROR ") and line.split()[1],
                            10, "the first 'dup' to lose its connection")
    assert error in ("Evicted", "Disconnected"), first.describe()
    assert first.wait_exit(5) == 3

    def answer():
        try:
            return caller.conn.rpc(timeout=T, receiver="dup").tag()
        except (TransmissionFailure, RemoteCallError):
            return None  # between the eviction and the newcomer's announcement

    wait_until(lambda: answer() == "second", 10, "rpc to 'dup' to reach the second worker")
    assert caller.conn.rpc(timeout=T, receiver="dup").pid() not in (first_pid, None)
    assert second.popen.poll() is None, second.describe()
