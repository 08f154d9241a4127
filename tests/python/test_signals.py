"""Ctrl+C and SIGTERM: worker processes stop cleanly, blocking calls are interruptible."""

import os
import signal
import sys
import time

import pytest
from conftest import uid, worker_behind_router


def stop_within(proc, sig, limit):
    started = time.monotonic()
    proc.signal(sig)
    code = proc.wait(limit + 5)
    return code, time.monotonic() - started


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("mode", ["service", "router"])
def test_server_in_join_stops_cleanly(spawn, sig, mode):
    proc = spawn.worker(mode, uid(mode))
    time.sleep(0.2)
    code, elapsed = stop_within(proc, sig, 3)
    assert code == 0, proc.stderr()[-2000:]
    assert elapsed < 3
    assert "STOPPED" in proc.output()  # join() returned: the program's own code ran to its end
    assert "Traceback" not in proc.stderr()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_worker_client_in_join_stops_cleanly(nodes, spawn, sig):
    name, proc, caller, conn = worker_behind_router(nodes, spawn, "w")
    code, elapsed = stop_within(proc, sig, 3)
    assert code == 0, proc.stderr()[-2000:]
    assert elapsed < 3
    assert "STOPPED" in proc.output()
    assert "Traceback" not in proc.stderr()


def test_sigterm_to_busy_worker(nodes, spawn):
    # a worker in the middle of a callback still stops promptly and cleanly
    name, proc, caller, conn = worker_behind_router(nodes, spawn, "busy")
    conn.rpc_nowait(receiver=name).slow(30)
    time.sleep(0.3)
    code, elapsed = stop_within(proc, signal.SIGTERM, 3)
    assert code == 0, proc.stderr()[-2000:]
    assert elapsed < 3


@pytest.mark.parametrize("style", ["rpc", "cast", "stream", "wait"])
def test_ctrl_c_interrupts_a_blocking_call(nodes, spawn, style):
    svc = nodes.service(workers=2)
    proc = spawn.worker("call", uid("caller"), port=svc.port, seconds=30, style=style)
    proc.wait_line("^CALLING$")
    time.sleep(0.5)  # it is now blocked in the call
    code, elapsed = stop_within(proc, signal.SIGINT, 3)
    assert elapsed < 3, "the blocking rpc was not interrupted"
    assert "INTERRUPTED" in proc.output(), (proc.output(), proc.stderr()[-2000:])
    assert code == 0


def test_sigterm_ends_a_worker_that_loops_instead_of_joining(tmp_path):
    # A worker whose main loop is its own sleep (not join()) must still end on SIGTERM, as it
    # does with the reference; daffi's handler used to stop the nodes and leave it running.
    script = tmp_path / "sleeper.py"
    script.write_text(
        "import sys, time\n"
        "from daffi import Router, Client, callback\n"
        "@callback\n"
        "def sigterm_sleeper_ping():\n"
        "    return 'pong'\n"
        "r = Router(host='127.0.0.1'); r.start()\n"
        "c = Client(app_name='sleeper', host='127.0.0.1', port=r.port); c.connect()\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    time.sleep(0.2)\n")
    import subprocess as sp
    proc = sp.Popen([sys.executable, str(script)], stdout=sp.PIPE, text=True, env=dict(os.environ))
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
