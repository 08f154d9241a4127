"""Churn, with nothing lost (issue 16): while daffi-soak's clients make calls of every style, a
churn thread SIGKILLs a random worker and restarts it, again and again, and restarts the router
twice on the same port (once with SIGTERM, once with SIGKILL).

Every call must end, once, within its deadline: none hangs, none is answered twice, none is
answered by another worker than the one addressed, no fire-and-forget token is collected twice.
Calls may fail only while the router or the worker they address is down; every failure is
matched against those outages. After each router restart every client and worker must be back
within BACK_WITHIN seconds. The figures are printed (pytest -s).

Short form (CI): DAFFI_CHURN_SECONDS=20. Long form: DAFFI_CHURN_SECONDS=600 (and, if wanted,
DAFFI_CHURN_CLIENTS=20); the router restarts stay two, at 30% and 65% of the run.
"""
import json
import os
import random
import re
import signal
import subprocess
import threading
import time

from conftest import SOAK, start_router, start_worker

SECONDS = float(os.environ.get("DAFFI_CHURN_SECONDS", "20"))
CLIENTS = int(os.environ.get("DAFFI_CHURN_CLIENTS", "8"))
WORKERS = ("w0", "w1", "w2")
DEADLINE = 3.0                 # per call (per chunk of a stream: three chunks)
STREAM_CHUNKS = 3
BACK_WITHIN = 10.0             # seconds from the new router listening to every member joined
QUIET_TAIL = 4.0               # the last seconds run without churn, so the run ends settled
MARGIN = 1.5                   # an outage's effects (member events, backoff) outlast it this long


def restart_router(procs, old, port, sig):
    """Stops the router with `sig` and starts a new one on the same port (retrying EADDRINUSE)."""
    down = time.monotonic()
    old.signal(sig)
    old.p.wait(10)
    while True:
        try:
            r = start_router(procs, port=port, timeout=3)
            break
        except AssertionError:
            if time.monotonic() - down > 15:
                raise
            time.sleep(0.2)
    assert r.port == port
    return r, down, time.monotonic()


def wait_all_joined(router, names, timeout):
    """Seconds until the router has logged every name joining, or None."""
    t0 = time.monotonic()
    for name in names:
        left = timeout - (time.monotonic() - t0)
        if left <= 0 or not router.wait_line(rf"member {re.escape(name)} joined", left):
            return None
    return time.monotonic() - t0


class Churn(threading.Thread):
    def __init__(self, procs, router, workers, members, seed, logs):
        super().__init__(daemon=True)
        self.logs = logs
        self.procs, self.router, self.workers, self.members = procs, router, workers, members
        self.rng = random.Random(seed)
        self.outages = []          # (what, down, up): "router" or a worker's name, monotonic s
        self.restarts = []         # per router restart: (signal, outage s, back s)
        self.kills = 0
        self.error = None

    def run(self):
        try:
            self._run()
        except BaseException as e:   # reported by the test, not lost in a thread
            self.error = e

    def _run(self):
        t0 = time.monotonic()
        port = self.router.port
        router_at = [0.30 * SECONDS, 0.65 * SECONDS]
        signals = [signal.SIGTERM, signal.SIGKILL]
        while time.monotonic() - t0 < SECONDS - QUIET_TAIL:
            if router_at and time.monotonic() - t0 >= router_at[0]:
                router_at.pop(0)
                sig = signals.pop(0)
                self.router, down, ready = restart_router(self.procs, self.router, port, sig)
                back = wait_all_joined(self.router, self.members, BACK_WITHIN)
                up = ready + (back if back is not None else BACK_WITHIN)
                self.outages.append(("router", down, up))
                self.restarts.append((sig.name, ready - down, back))
                continue
            time.sleep(self.rng.uniform(0.3, 1.5))
            if self.router.p.poll() is not None:
                tail = "\n".join(self.router.output().splitlines()[-30:])
                raise AssertionError(f"the router exited by itself (status {self.router.p.returncode}):\n{tail}")
            name = self.rng.choice(WORKERS)
            down = time.monotonic()
            self.workers[name].signal(signal.SIGKILL)
            self.workers[name].p.wait(5)
            self.kills += 1
            time.sleep(self.rng.uniform(0.1, 1.0))
            self.workers[name] = start_worker(self.procs, port, name, "--collect-log", self.logs[name])
            self.outages.append((name, down, time.monotonic()))


def excused(error, outages):
    """True when a failed call overlaps an outage of the router or of the worker it addressed."""
    start, end = error["start_ms"] / 1000.0, error["end_ms"] / 1000.0
    receiver = error["receiver"]
    for what, down, up in outages:
        if what != "router" and receiver in WORKERS and what != receiver:
            continue
        if start <= up + MARGIN and end >= down - 0.1:
            return True
    return False


def test_churn(procs, tmp_path):
    r = start_router(procs)
    port = r.port
    logs = {name: str(tmp_path / f"{name}.collected") for name in WORKERS}
    workers = {name: start_worker(procs, port, name, "--collect-log", logs[name]) for name in WORKERS}
    members = [f"soak-{i}" for i in range(CLIENTS)] + list(WORKERS)
    errors_file = tmp_path / "errors.jsonl"
    driver = subprocess.Popen([SOAK, "--connect", f"tcp://127.0.0.1:{port}", "--clients", str(CLIENTS),
                               "--duration", str(SECONDS), "--deadline", str(DEADLINE), "--churn",
                               "--error-log", str(errors_file), "--workers", ",".join(WORKERS),
                               "--collect-logs", ",".join(logs[name] for name in WORKERS)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_all_joined(r, members, 15) is not None, r.output()
        churn = Churn(procs, r, workers, members, seed=int(os.environ.get("DAFFI_CHURN_SEED", "16")), logs=logs)
        churn.start()
        out, err = driver.communicate(timeout=SECONDS + 3 * STREAM_CHUNKS * DEADLINE + 120)
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait(5)
    churn.join(30)
    assert churn.error is None, repr(churn.error)
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
    assert result is not None, err
    errors = [json.loads(line) for line in errors_file.read_text().splitlines()]
    unexcused = [e for e in errors if not excused(e, churn.outages)]
    print(f"churn: {SECONDS:.0f} s, {CLIENTS} clients, {len(WORKERS)} workers; {churn.kills} worker SIGKILLs; "
          f"router restarts (signal, outage s, all back s): {churn.restarts}")
    print(f"churn: {result['calls']} calls, {result['completed']} ok, {result['failed']} errors "
          f"({len(unexcused)} outside any outage); of {result['collected_expected']} tokens sent to collect, "
          f"{result['lost']} fire-and-forget ones lost by design, {result['not_delivered_failed']} of failed calls "
          f"not delivered, {result['lost_acknowledged']} acknowledged but lost; wrong {result['wrong']}, answered twice {result['answered_twice']}, "
          f"duplicated {result['duplicated']}, late {result['late']}, still open {result['open']}; "
          f"longest call {result['max_call_seconds']:.2f} s (deadline {DEADLINE} s, stream {STREAM_CHUNKS} x); "
          f"client reconnects {result['reconnects']}")
    print(f"churn: errors by kind: {json.dumps(result['errors'], sort_keys=True)}")
    if unexcused:
        print(f"churn: unexcused errors (first 5): {unexcused[:5]}; outages: {churn.outages}")
    assert driver.returncode == 0, result
    assert result["wrong"] == 0 and result["answered_twice"] == 0, result
    assert result["duplicated"] == 0 and result["unexpected"] == 0, result
    assert result["lost_acknowledged"] == 0, result
    assert result["open"] == 0 and result["late"] == 0, result
    assert result["max_call_seconds"] <= STREAM_CHUNKS * DEADLINE + MARGIN, result
    assert result["unstarted"] == 0, result
    assert not unexcused, unexcused[:5]
    assert len(churn.restarts) == 2, churn.restarts
    for sig, outage, back in churn.restarts:
        assert back is not None and back <= BACK_WITHIN, churn.restarts
    assert result["reconnects"] >= 2 * CLIENTS, result
    assert result["completed"] > result["failed"], result
