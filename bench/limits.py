"""The raw ceilings of this machine for the benchmarks (issue 17), measured with daffi-rawlimit.

Each figure is the same topology and pinning as the benchmark it bounds, with bytes moved and no
parsing at all (bench/rawlimit.c: C over sockets), so a figure of ours can be read as a share of
what this machine allows. The router's place is CPU 0 (`taskset -c 0`), the caller's, worker's and
load's CPU 1, as in bench/run.py and bench/pybench.py.

    measure(rawlimit_exe, run, quick, rounds=2) -> dict[str, list[float]]

`run(cmd, env=None, timeout=...)` runs one command and returns its "RESULT k=v ..." lines as dicts
(bench/run.py's Runner.run); measure() starts the relay and echo processes itself and always stops
them. Every figure is measured once per round (rounds=2 by default); the result maps a key to the
list of that figure's values, one per round in round order, so a caller can show min / median /
max. A run that failed is reported on stderr and leaves its figure one value short (an empty list
when every round failed); when nothing at all could be measured, measure() raises RuntimeError.

    key                  unit      what (2,100 B = the P1/P2 record; 62 B = a 16 B OPAQUE rpc frame)
    "P1"                 calls/s   pingpong (CPU 1) -> echo --listen (CPU 0, as the Service), 2,100 B
    "P1 cpu_s"           CPU s     pingpong + echo, user + system, over the timed calls
    "P1 calls_per_cpu_s" calls/CPU s
    "P2"                 calls/s   pingpong (CPU 1) -> relay (CPU 0) -> echo --connect (CPU 1), 2,100 B
    "P2 cpu_s"           CPU s     pingpong + relay + echo over the timed calls
    "P2 calls_per_cpu_s" calls/CPU s
    "P6 p50", "P6 p99"   us        P2's topology, 62 B: round-trip percentiles
    "P5"                 frames/s  blast --pairs 2 --size 46 (CPU 1) through the relay (CPU 0)
    "P5 cpu_s"           CPU s     the relay's, over the timed window (6 s; quick 3 s)
    "P4 1", "P4 8", "P4 28"                  GiB/s  P2's topology, 1 / 8 / 28 MiB, over TCP (as P4)
    "P4 unix 1", "P4 unix 8", "P4 unix 28"   GiB/s  the same over Unix sockets

A key without a carrier is over TCP, the carrier of the benchmark it bounds (so "P4 28" is the
ceiling of the P4 28 MiB row); the Unix-socket figures show what a local carrier would allow.

The raw processes sleep in the kernel (epoll_wait, recv) whenever they wait, like a stack with
busy polling off; on this VM each such wake-up costs about 25 us, and P1, P2 and P6 are mostly
wake-ups. A stack that busy-polls skips some of them and can beat these three: for them the
figure is the limit of a stack that sleeps, not of the machine. P4 and P5 are throughput, which
busy polling does not raise.

UNITS holds the unit of each key. The CPU seconds of the relay and echo are read by pingpong (or
blast) from /proc/PID/stat at the bounds of its own timed window, so they cover the same calls as
its own; /proc counts in clock ticks (10 ms), which a quick run's 0.1 s window feels.

By hand: python3 bench/limits.py --rawlimit build-bench/bench/daffi-rawlimit [--quick] [--rounds N]
"""

import argparse
import os
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MIB = 1 << 20
P4_SIZES = (1, 8, 28)   # MiB, as pybench.py p4

UNITS = {"P1": "calls/s", "P1 cpu_s": "CPU s", "P1 calls_per_cpu_s": "calls/CPU s",
         "P2": "calls/s", "P2 cpu_s": "CPU s", "P2 calls_per_cpu_s": "calls/CPU s",
         "P6 p50": "us", "P6 p99": "us", "P5": "frames/s", "P5 cpu_s": "CPU s"}
UNITS.update({f"P4 {mib}": "GiB/s" for mib in P4_SIZES})
UNITS.update({f"P4 unix {mib}": "GiB/s" for mib in P4_SIZES})

ROUTER_CPU, LOAD_CPU = "0", "1"   # bench/run.py: the router on CPU 0, everything else on CPU 1


def _pinned(cpu, cmd):
    """cmd under `taskset -c cpu`, as the real benchmarks run (unpinned where that CPU is absent)."""
    if shutil.which("taskset") and int(cpu) in os.sched_getaffinity(0):
        return ["taskset", "-c", cpu] + cmd
    return cmd


class _Servers:
    """The relay and echo processes of one run: started in order, all stopped on leaving."""

    def __init__(self):
        self.procs = []

    def __enter__(self):
        return self

    def start(self, cmd, expect, timeout=10):
        """Starts cmd and waits for its first stdout line, which must begin with `expect`;
        returns (pid, the words of that line). taskset execs the program, so the pid is its."""
        err = tempfile.TemporaryFile()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, bufsize=0)
        self.procs.append((p, err))
        line = b""
        deadline = time.monotonic() + timeout
        # A raw read with a deadline: a server that hangs before its line must not hang us.
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
                raise RuntimeError(f"{shlex.join(cmd)}: no '{expect}' line within {timeout} s")
            chunk = os.read(p.stdout.fileno(), 256)
            if not chunk:
                break
            line += chunk
        words = line.decode(errors="replace").split()
        if not words or words[0] != expect:
            try:   # let a failing server finish its message (stopped on leaving either way)
                p.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            err.seek(0)
            raise RuntimeError(f"{shlex.join(cmd)} did not start (rc {p.returncode}): "
                               f"{(err.read().decode(errors='replace').strip() or repr(line)).splitlines()[0]}")
        return p.pid, words

    def __exit__(self, *exc):
        for p, err in reversed(self.procs):
            rc = p.poll()
            if rc is None:
                p.terminate()
            elif rc != 0:   # it ended by itself, badly: what it said explains the failed run
                err.seek(0)
                print(f"limits: {shlex.join(p.args)} exited with {rc}: "
                      f"{err.read().decode(errors='replace').strip()[-500:]}", file=sys.stderr, flush=True)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            if p.stdout:
                p.stdout.close()
            err.close()
        return False


def _one(found, bench):
    """The one RESULT dict of `bench` among found, its values as floats where they are numbers."""
    for d in found:
        if d.get("bench") == bench:
            out = {}
            for k, v in d.items():
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = v
            return out
    raise RuntimeError(f"no RESULT bench={bench} in {found!r}")


def _relayed_pingpong(exe, run, size, calls, sock_dir=None):
    """pingpong (CPU 1) -> relay (CPU 0) -> echo --connect (CPU 1): pingpong's RESULT, with
    peer_cpu_s the relay's and echo's CPU over the timed calls. The echo connects first and has
    its connect() returned before pingpong connects, so the relay pairs the two (accept order)."""
    with _Servers() as s:
        if sock_dir:
            addr = ["--unix", os.path.join(sock_dir, "relay.sock")]
            relay_pid, _ = s.start(_pinned(ROUTER_CPU, [exe, "relay"] + addr), "UNIX")
            echo = ["--connect"] + addr
        else:
            relay_pid, words = s.start(_pinned(ROUTER_CPU, [exe, "relay", "--port", "0"]), "PORT")
            addr, echo = ["--port", words[1]], ["--connect", words[1]]
        echo_pid, _ = s.start(_pinned(LOAD_CPU, [exe, "echo"] + echo), "READY")
        found = run(_pinned(LOAD_CPU, [exe, "pingpong"] + addr + [
            "--size", str(size), "--calls", str(calls), "--pid", str(relay_pid), "--pid", str(echo_pid)]),
            timeout=300)
    return _one(found, "rawpingpong")


def _p1(exe, run, calls):
    with _Servers() as s:
        echo_pid, words = s.start(_pinned(ROUTER_CPU, [exe, "echo", "--listen", "0"]), "PORT")
        found = run(_pinned(LOAD_CPU, [exe, "pingpong", "--port", words[1], "--size", "2100",
                                       "--calls", str(calls), "--pid", str(echo_pid)]), timeout=300)
    r = _one(found, "rawpingpong")
    cpu = r["cpu_s"] + r["peer_cpu_s"]
    return {"P1": r["calls_per_s"], "P1 cpu_s": cpu, "P1 calls_per_cpu_s": calls / cpu if cpu > 0 else None}


def _p2(exe, run, calls):
    r = _relayed_pingpong(exe, run, 2100, calls)
    cpu = r["cpu_s"] + r["peer_cpu_s"]
    return {"P2": r["calls_per_s"], "P2 cpu_s": cpu, "P2 calls_per_cpu_s": calls / cpu if cpu > 0 else None}


def _p6(exe, run, calls):
    r = _relayed_pingpong(exe, run, 62, calls)
    return {"P6 p50": r["p50_us"], "P6 p99": r["p99_us"]}


def _p5(exe, run, seconds):
    # A fresh relay: blast's pairing (receiver i, then sender i) assumes no connection is waiting.
    with _Servers() as s:
        relay_pid, words = s.start(_pinned(ROUTER_CPU, [exe, "relay", "--port", "0"]), "PORT")
        found = run(_pinned(LOAD_CPU, [exe, "blast", "--port", words[1], "--size", "46", "--pairs", "2",
                                       "--seconds", str(seconds), "--pid", str(relay_pid)]),
                    timeout=seconds + 60)
    r = _one(found, "rawblast")
    return {"P5": r["frames_per_s"], "P5 cpu_s": r["peer_cpu_s"]}


def _p4(exe, run, calls, mib, carrier):
    if carrier == "tcp":
        return {f"P4 {mib}": _relayed_pingpong(exe, run, mib * MIB, calls)["gib_per_s"]}
    sock_dir = tempfile.mkdtemp(prefix="daffi-rawlimit-")
    try:
        return {f"P4 unix {mib}": _relayed_pingpong(exe, run, mib * MIB, calls, sock_dir)["gib_per_s"]}
    finally:
        shutil.rmtree(sock_dir, ignore_errors=True)


def measure(rawlimit_exe, run, quick, rounds=2):
    """Measures every figure `rounds` times; returns {key: [value per round]} (module docstring)."""
    exe = os.path.abspath(rawlimit_exe)
    if not os.access(exe, os.X_OK):
        raise RuntimeError(f"{exe}: not an executable (build the daffi-rawlimit target)")
    seq_calls = 3000 if quick else 10000      # P1 and P2, as bench/run.py
    p6_calls = 5000 if quick else 20000       # as bench/run.py's P6
    p4_calls = 3 if quick else 8              # as pybench.py p4 --rounds
    p5_seconds = 3 if quick else 6
    figures = [("P1", lambda: _p1(exe, run, seq_calls)),
               ("P2", lambda: _p2(exe, run, seq_calls)),
               ("P6", lambda: _p6(exe, run, p6_calls)),
               ("P5", lambda: _p5(exe, run, p5_seconds))]
    for carrier in ("tcp", "unix"):
        for mib in P4_SIZES:
            figures.append((f"P4 {carrier} {mib} MiB",
                            lambda mib=mib, carrier=carrier: _p4(exe, run, p4_calls, mib, carrier)))
    out = {key: [] for key in UNITS}
    failures = 0
    for rnd in range(rounds):
        for name, fn in figures:
            try:
                got = fn()
            except Exception as exc:  # one figure failing leaves it short; the others still count
                failures += 1
                print(f"limits: {name} round {rnd + 1} failed: {exc}", file=sys.stderr, flush=True)
                continue
            for key, value in got.items():
                if value is not None:
                    out[key].append(value)
    if failures == rounds * len(figures):
        raise RuntimeError("daffi-rawlimit: every run failed (see the messages above)")
    return out


def _run(cmd, env=None, timeout=300):
    """Runs cmd and returns its RESULT lines as dicts (as bench/run.py's Runner.run does)."""
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
    found = [dict(kv.split("=", 1) for kv in ln.split()[1:]) for ln in p.stdout.splitlines()
             if ln.startswith("RESULT ")]
    if p.returncode != 0 or not found:
        raise RuntimeError(f"{shlex.join(cmd)} failed (rc {p.returncode}): {p.stdout.strip()[-500:]}")
    return found


def main():
    ap = argparse.ArgumentParser(description="The raw limits of this machine for the benchmarks (issue 17).")
    ap.add_argument("--rawlimit", required=True, help="the daffi-rawlimit program (build-bench/bench/)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    t0 = time.monotonic()
    got = measure(args.rawlimit, _run, args.quick, args.rounds)
    print(f"{'figure':<20} {'median':>14} {'min':>14} {'max':>14}  unit")
    for key, vals in got.items():
        if not vals:
            print(f"{key:<20} {'n/a':>14}")
            continue
        cells = (statistics.median(vals), min(vals), max(vals))
        print(f"{key:<20} " + " ".join(f"{v:>14,.2f}" if v < 100 else f"{v:>14,.0f}" for v in cells)
              + f"  {UNITS[key]}")
    print(f"({args.rounds} round(s), {time.monotonic() - t0:.0f} s)")


if __name__ == "__main__":
    main()
