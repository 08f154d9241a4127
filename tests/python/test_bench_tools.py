"""The benchmark suite's own measuring parts (bench/): what they count must be what happened.

- pybench.Cost: CPU seconds and wake-ups (voluntary context switches) of a window.
- run.py's cells: median, lowest and highest of the rounds; ratios; rows picked by their fields.
- pybench p4 over a Unix socket: every process reaches the router there, the socket is removed.
- daffi-rawlimit (the raw C relay/echo that gives the machine's limits): a bad argument is a
  sentence and exit 2; relay + echo + pingpong measure a real round trip over loopback.

The figures themselves are never judged here (this machine is noisy): only that they are counted.
"""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, ROUTER_BIN

sys.path.insert(0, str(ROOT / "bench"))
import pybench  # noqa: E402
import run as bench_run  # noqa: E402

RAWLIMIT = ROUTER_BIN.parents[2] / "bench" / "daffi-rawlimit"


def fields(text):
    return dict(kv.split("=", 1) for kv in text.split())


def test_cost_counts_each_sleep_as_a_wake_up_and_the_cpu_of_a_busy_loop():
    cost = pybench.Cost([])
    release, done = threading.Event(), threading.Event()

    def sleeper():   # counted while it lives: Cost reads the threads there are when it samples
        for _ in range(40):
            time.sleep(0.001)   # each sleep is one voluntary context switch of this thread
        done.set()
        release.wait()

    t = threading.Thread(target=sleeper)
    t.start()
    try:
        assert done.wait(10)
        until = time.process_time() + 0.15
        while time.process_time() < until:
            pass
        got = fields(cost.fields(40))
    finally:
        release.set()
        t.join()
    assert float(got["wakeups_per_call"]) >= 1.0, got
    assert float(got["cpu_s"]) >= 0.1, got
    assert float(got["calls_per_cpu_s"]) > 0, got


def test_cost_includes_the_processes_it_is_given():
    spin = ("import sys, time\nsys.stdin.readline()\nt = time.process_time() + 0.2\n"
            "while time.process_time() < t: pass\nprint('DONE', flush=True)\nsys.stdin.read()")
    busy = subprocess.Popen([sys.executable, "-c", spin], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        alone, both = pybench.Cost([]), pybench.Cost([busy.pid])
        busy.stdin.write("go\n")
        busy.stdin.flush()
        assert busy.stdout.readline().strip() == "DONE"   # it spun 0.2 CPU s inside the window
        spun = float(fields(both.fields(1))["cpu_s"]) - float(fields(alone.fields(1))["cpu_s"])
        assert spun >= 0.18, spun   # /proc counts in ticks of 10 ms
    finally:
        busy.kill()
        busy.wait()


def test_cells_show_the_median_and_the_lowest_and_highest_round():
    assert bench_run.median([3.0, 1.0, 2.0]) == 2.0
    assert bench_run.median([1.0, 2.0, 3.0, 4.0]) == 2.5
    assert bench_run.median([]) is None
    assert bench_run.cell([2000.0, 1000.0, 3000.0], "calls/s") == "2,000 calls/s (1,000-3,000)"
    assert bench_run.cell([52.1], "us") == "52.10 us"
    assert bench_run.cell([], "us") == "n/a"
    assert bench_run.ratio(2.0, 1.0, True) == "2.00x"    # rates: ours / reference
    assert bench_run.ratio(1.0, 2.0, False) == "2.00x"   # times: reference / ours
    assert bench_run.ratio(None, 2.0, True) == "n/a"


def test_rows_take_every_round_of_their_side_and_fields():
    measured = {("P1", "ours"): [[{"serde": "PICKLE", "calls_per_s": "10"}, {"serde": "OPAQUE", "calls_per_s": "99"}],
                                 [{"serde": "PICKLE", "calls_per_s": "30"}], []],   # a failed round gives none
                ("P1", "ref"): [[{"serde": "PICKLE", "calls_per_s": "5"}]]}
    assert bench_run.values(measured, "P1", "ours", "calls_per_s", serde="PICKLE") == [10.0, 30.0]
    assert bench_run.values(measured, "P1", "ours0", "calls_per_s", serde="PICKLE") == []
    table = bench_run.make_table(measured, {"P1": [100.0], "P1 calls_per_cpu_s": [50.0]}, None)
    pickle_row = next(line for line in table.splitlines() if "PICKLE" in line)
    assert "20 calls/s (10-30)" in pickle_row and "4.00x" in pickle_row and "ours 20% of it" in pickle_row


@pytest.mark.parametrize("argv, said", [
    (["pingpong", "--port", "1", "--size", "-5", "--calls", "10"], "--size"),
    (["blast", "--port", "1", "--size", "46", "--pairs", "0", "--seconds", "1"], "--pairs"),
    (["relay", "--port", "70000"], "--port"),
    (["sideways"], "sideways"),
    ([], "no mode"),
])
def test_rawlimit_refuses_a_bad_argument_in_words(argv, said):
    p = subprocess.run([str(RAWLIMIT), *argv], capture_output=True, text=True, timeout=10)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert said in p.stderr and "usage:" in p.stderr


def test_rawlimit_measures_a_round_trip_through_its_relay():
    relay = subprocess.Popen([str(RAWLIMIT), "relay", "--port", "0"], stdout=subprocess.PIPE, text=True)
    echo = None
    try:
        line = relay.stdout.readline().split()
        assert line[0] == "PORT", line
        port = line[1]
        echo = subprocess.Popen([str(RAWLIMIT), "echo", "--connect", port], stdout=subprocess.PIPE, text=True)
        assert echo.stdout.readline().strip() == "READY"   # paired first: the relay pairs in accept order
        p = subprocess.run([str(RAWLIMIT), "pingpong", "--port", port, "--size", "2100", "--calls", "300",
                            "--pid", str(relay.pid), "--pid", str(echo.pid)],
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        got = bench_run.results(p.stdout)
        assert len(got) == 1 and got[0]["bench"] == "rawpingpong", p.stdout
        assert float(got[0]["calls_per_s"]) > 0 and float(got[0]["p50_us"]) > 0
        assert got[0]["calls"] == "300" and got[0]["size"] == "2100"
    finally:
        for proc in (echo, relay):
            if proc is not None:
                proc.kill()
                proc.wait()


def test_p4_runs_over_a_unix_socket_and_removes_it():
    # Every process of the row reaches the router over the socket (ours by unix_sock_path).
    assert pybench.address(6000) == {"host": "127.0.0.1", "port": 6000}
    assert pybench.address(6000, "/tmp/r.s") == {"unix_sock_path": "/tmp/r.s"}
    before = set(Path("/tmp").glob("dqp4-*.s"))
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "pybench.py"), "p4", "--unix", "--rounds", "1"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    results = [fields(line[len("RESULT "):]) for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert [(r["bench"], r["mib"]) for r in results] == [("P4U", "1"), ("P4U", "8"), ("P4U", "28")]
    assert all(float(r["gib_per_s"]) > 0 for r in results)
    assert set(Path("/tmp").glob("dqp4-*.s")) <= before, "the socket file was left behind"
