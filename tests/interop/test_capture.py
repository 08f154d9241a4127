"""Capture files (docs/capture-format.md) made by our daffi-router from reference daffi 3.0.1
traffic: the console opens one with every pane filled (the offscreen widget test
tests/ui/tst_captureconsole, pointed at the file), `daffi-call replay` sends the calls again to a
real router with reference workers and reports, call by call, equal and different answers, and
the router's --capture options behave as documented (a ring of files, a disk that is full)."""

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest
from daffi import SerdeFormat

from conftest import DEFAULT_ROUTER, ROUTER_START_DEADLINE, TCP_LINE, Network, Workers, wait_until

pytestmark = pytest.mark.ours_only(reason="the reference Router does not record captures")

T = 10
ROUTER = Path(os.environ.get("DAFFI_ROUTER") or DEFAULT_ROUTER)
BUILD = ROUTER.parents[2]   # <build>/app/router/daffi-router
DAFFI_CALL = Path(os.environ.get("DAFFI_CALL") or BUILD / "app" / "call" / "daffi-call")
CONSOLE_TEST = BUILD / "tests" / "ui" / "tst_captureconsole"


def executable(path, what):
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"{what} is missing: {path} is not an executable file; build it first.", pytrace=False)
    return path


def start_router(procs, *extra):
    argv = [executable(ROUTER, "the router under test"), "--host", "127.0.0.1", "--port", "0",
            "--log-level", "info", *extra]
    proc = procs.start(argv, "daffi-router", keep_stdin_open=False)
    tcp = proc.wait_line(TCP_LINE.match, ROUTER_START_DEADLINE, "'listening on tcp://' line")
    return Network("ours", proc, tcp.group(1), int(tcp.group(2)), None)


def stop(network):
    network.proc.signal(signal.SIGTERM)
    assert network.proc.wait_exit(20) == 0, network.proc.describe()


def reference_traffic(net, procs, make_caller, tag="A"):
    """Two reference workers and a reference caller, every serde and style: what a day sees."""
    Workers(net, procs).start("w1", "w2", tag=tag)
    caller = make_caller("caller", net=net)
    caller.conn.wait_for_members("w1", "w2", timeout=T, interval=0.05)
    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).add(3, 4) == 7
    assert caller.conn.rpc(timeout=T, receiver="w2", serde=SerdeFormat.PICKLE).echo({"k": [1, 2]}) == {"k": [1, 2]}
    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.MSGPACK).echo([1, "two"]) == [1, "two"]
    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).tag() == tag
    with pytest.raises(Exception, match="boom"):
        caller.conn.rpc(timeout=T, receiver="w2", serde=SerdeFormat.JSON).boom()
    assert caller.conn.cast(timeout=T, serde=SerdeFormat.JSON).whoami() == {"w1": "w1", "w2": "w2"}
    caller.conn.rpc_nowait(receiver="w1", serde=SerdeFormat.JSON).record("x")
    for i in range(20):
        assert caller.conn.rpc(timeout=T, receiver="w1" if i % 2 else "w2", serde=SerdeFormat.JSON).add(i, 1) == i + 1
    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).recorded() == ["x"]
    return caller


def capture(tmp_path, procs, make_caller, tag="A", name="day.dcap"):
    """A capture our router made of reference traffic, closed properly."""
    path = tmp_path / name
    net = start_router(procs, "--capture", str(path))
    net.proc.wait_line(lambda line: line == f"daffi-router recording to {path}", ROUTER_START_DEADLINE,
                       "'recording to' line")
    caller = reference_traffic(net, procs, make_caller, tag)
    caller.stop()
    stop(net)
    net.proc.wait_line(lambda line: "records were written" in line, 10, "the recording's summary")
    return path


def replay(path, *extra):
    argv = [executable(DAFFI_CALL, "daffi-call"), "replay", str(path), "--timeout", str(T), *extra]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return run, lines[:-1], lines[-1] if lines else None


def test_the_console_opens_a_router_capture_of_reference_traffic_with_every_pane_filled(tmp_path, procs, make_caller):
    path = capture(tmp_path, procs, make_caller)
    shot = tmp_path / "capture.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DAFFI_CAPTURE_FILE=str(path), DAFFI_CAPTURE_MEMBER="w1",
               DAFFI_CAPTURE_FUNCTION="add", DAFFI_CAPTURE_SCREENSHOT=str(shot), QT_LOGGING_RULES="daffi.*.info=false")
    run = subprocess.run([str(executable(CONSOLE_TEST, "the console's capture test")), "openingARouterCapture"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "PASS   : TestCaptureConsole::openingARouterCapture()" in run.stdout, run.stdout
    assert shot.stat().st_size > 10000


def test_replay_reports_equal_and_different_answers(tmp_path, procs, make_caller):
    path = capture(tmp_path, procs, make_caller, tag="A")
    # The same workers, except that tag() now answers "B": a regression in one function.
    net = start_router(procs)
    Workers(net, procs).start("w1", "w2", tag="B")
    run, calls, summary = replay(path, "--to", f"tcp://{net.host}:{net.port}", "--speed", "max")
    assert summary is not None, run.stderr
    by_function = {}
    for c in calls:
        by_function.setdefault(c["function"], []).append(c)
    # add in JSON, echo in PICKLE (same bytes back) and MSGPACK, the remote error, the cast
    # (one request per worker), all equal; tag differs and says how.
    assert all(c["equal"] is True for c in by_function["add"]), by_function["add"]
    assert len(by_function["add"]) == 21
    assert [c["equal"] for c in by_function["echo"]] == [True, True], by_function["echo"]
    assert by_function["boom"][0]["recorded"] == "error" and by_function["boom"][0]["equal"] is True, by_function["boom"]
    assert [c["equal"] for c in by_function["whoami"]] == [True, True]
    assert by_function["tag"][0]["equal"] is False
    assert '"A"' in by_function["tag"][0]["why"] and '"B"' in by_function["tag"][0]["why"], by_function["tag"]
    assert by_function["record"][0]["verdict"] == "not compared"
    # recorded() returned ["x"] then; the replayed record("x") went first, so it does again.
    assert by_function["recorded"][0]["equal"] is True, by_function["recorded"]
    assert summary == {"replayed": len(calls), "equal": len(calls) - 2, "different": 1, "not_compared": 1,
                       "skipped": 0, "ok": False}
    assert run.returncode == 1

    # A filter picks the calls; at the recorded pace the answers are the same.
    run, calls, summary = replay(path, "--to", f"tcp://{net.host}:{net.port}", "--filter",
                                 'function == "add" and receiver == w1', "--speed", "1x")
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(calls) == 11 and all(c["equal"] for c in calls) and summary["ok"] is True


def test_replay_without_to_goes_to_the_recorded_router(tmp_path, procs, make_caller):
    path = tmp_path / "here.dcap"
    net = start_router(procs, "--capture", str(path))
    Workers(net, procs).start("w1")
    caller = make_caller("caller", net=net)
    caller.conn.wait_for_members("w1", timeout=T, interval=0.05)
    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).add(1, 2) == 3
    # The file is readable while it is being written, up to its last flush (every 20 ms). Each
    # try is recorded too: only the first call is replayed.
    def answered():
        run, calls, summary = replay(path, "--speed", "max", "--filter", "seq == 1")
        return (run, calls, summary) if calls and calls[0]["recorded"] == "ok" else None

    run, calls, summary = wait_until(answered, 10, "the answer to reach the capture file")
    assert run.returncode == 0, run.stdout + run.stderr
    assert [c["function"] for c in calls] == ["add"] and calls[0]["equal"] is True
    assert "no end record" in run.stderr


def test_a_ring_of_capture_files_and_a_full_disk(tmp_path, procs, make_caller):
    target = start_router(procs)   # for replays that only check that a file reads to its end
    base = tmp_path / "ring.dcap"
    net = start_router(procs, "--capture", str(base), "--capture-max-bytes", "8KiB", "--capture-rotate", "2")
    Workers(net, procs).start("w1")
    caller = make_caller("caller", net=net)
    caller.conn.wait_for_members("w1", timeout=T, interval=0.05)
    for i in range(150):
        assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.PICKLE).echo(os.urandom(200)) is not None
    caller.stop()
    stop(net)
    files = sorted(p.name for p in tmp_path.glob("ring-*.dcap"))
    assert len(files) == 2, files
    assert int(files[0][5:10]) > 1   # the oldest were deleted
    for f in files:
        assert (tmp_path / f).read_bytes()[:8] == b"DAFFICAP"
        run, calls, summary = replay(tmp_path / f, "--to", f"tcp://{target.host}:{target.port}", "--filter", "seq == 0")
        assert summary == {"replayed": 0, "equal": 0, "different": 0, "not_compared": 0, "skipped": 0, "ok": True}, run.stderr
        assert "stops" not in run.stderr, run.stderr   # each file is whole

    full = subprocess.run([str(ROUTER), "--port", "0", "--capture", "/dev/full"], capture_output=True, text=True, timeout=20)
    assert full.returncode == 2
    assert "No space left on device" in full.stderr, full.stderr

    bad = subprocess.run([str(ROUTER), "--port", "0", "--capture", str(base), "--capture-rotate", "3"],
                         capture_output=True, text=True, timeout=20)
    assert bad.returncode == 2 and "--capture-max-bytes" in bad.stderr
