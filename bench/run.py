"""Runs P1-P11 against daffi-qt and the reference daffi 3.0.1, alternating, and prints/writes the table.

Called by bench/run.sh (which builds first); needs no daffi import itself. Each benchmark is run
ours/reference in one round (the order flips every round, so drift on this shared machine hits both
sides alike) and the best of the rounds is kept per side. Ratio = ours / reference for rates and
reference / ours for times, so > 1 always means ours is better.
"""

import argparse
import datetime
import os
import platform
import re
import shlex
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SMALL_FLEET = "1000"   # P10 and P11 at a size the reference finishes in the time budget


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def results(text):
    out = []
    for line in text.splitlines():
        if line.startswith("RESULT "):
            out.append(dict(kv.split("=", 1) for kv in line.split()[1:]))
    return out


class Runner:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.native = os.path.join(self.build, "bench", "daffi-bench-native")
        self.router_bin = os.path.join(self.build, "app", "router", "daffi-router")
        ours = {k: v for k, v in os.environ.items() if k != "DAFFI_BUSY_POLL_US"}
        ours["PYTHONPATH"] = os.path.join(self.build, "python")
        self.envs = {
            "ours": ours,                                    # busy polling at its default
            "ours0": dict(ours, DAFFI_BUSY_POLL_US="0"),     # every process of ours without it
            "ref": {k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        }
        self.pythons = {"ours": args.our_python, "ours0": args.our_python, "ref": args.ref_python}
        self.log = open(os.path.join(self.build, "bench.log"), "w")

    def run(self, cmd, env, timeout=300):
        self.log.write(f"$ {shlex.join(cmd)}\n")
        self.log.flush()
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        self.log.write(p.stdout)
        self.log.flush()
        found = results(p.stdout)
        if p.returncode != 0 or not found:
            tail = "\n".join(p.stdout.splitlines()[-8:])
            raise RuntimeError(f"{shlex.join(cmd)} failed (rc {p.returncode}):\n{tail}")
        return found

    def pybench(self, side, *argv, timeout=300, pin=None):
        env = dict(self.envs[side], BENCH_ROUTER_CPU="0")
        cmd = [self.pythons[side], os.path.join(HERE, "pybench.py"), *argv]
        if pin is not None:
            cmd = ["taskset", "-c", pin] + cmd   # the caller and the workers it starts
        return self.run(cmd, env, timeout)

    def with_router(self, side, fn, pin="0"):
        """Starts our daffi-router or the reference daffi.Router pinned to `pin`, runs fn(port, pid)."""
        port = free_port()
        if side != "ref":
            cmd = [self.router_bin, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
            ready = "listening"
        else:
            cmd = [self.pythons["ref"], os.path.join(HERE, "pybench.py"), "serve", "router", "--port", str(port)]
            ready = "READY"
        if pin is not None:
            cmd = ["taskset", "-c", pin] + cmd
        p = subprocess.Popen(cmd, env=self.envs[side], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=self.log, text=True)
        try:
            line = p.stdout.readline()
            if ready not in line:
                raise RuntimeError(f"router did not start: {line!r}")
            return fn(port, p.pid)
        finally:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def raw_spread(self, count, seconds):
        """P11's limit: one write() per frame to `count` loopback connections, no router (writer
        on CPU 0 like the router, reader on CPU 1 like the load)."""
        sink = subprocess.Popen(["taskset", "-c", "1", self.native, "rawsink", "--count", str(count)],
                                stdout=subprocess.PIPE, text=True)
        try:
            port = sink.stdout.readline().split()[1]
            found = self.run(["taskset", "-c", "0", self.native, "rawspread", "--port", port, "--count", str(count),
                              "--seconds", seconds], self.envs["ours"])
            return found
        finally:
            sink.kill()   # it reads until killed
            sink.wait()

    def native_bench(self, side, mode, *argv, pin="1", router_pin="0"):
        def go(port, pid):
            cmd = [self.native, mode, "--port", str(port), "--pid", str(pid), *argv]
            if pin is not None:
                cmd = ["taskset", "-c", pin] + cmd
            # The load is ours in every case (raw sockets, or daffi::Client for P6): with the
            # busy-poll setting of the side it measures.
            return self.run(cmd, self.envs["ours" if side == "ref" else side])
        return self.with_router(side, go, pin=router_pin)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=0, help="rounds per benchmark (default 3, --quick 1)")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--our-python", default=sys.executable)
    ap.add_argument("--ref-python", default=os.path.join(ROOT, "build", "venv-ref", "bin", "python"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    ap.add_argument("--only", default="", help="comma-separated subset, e.g. P1,P5")
    args = ap.parse_args()
    r = Runner(args)
    q = args.quick
    rounds = args.rounds or (1 if q else 3)
    only = {s.strip().upper() for s in args.only.split(",") if s.strip()}

    # name -> function(side) -> list of RESULT dicts; side is "ours", "ours0" (busy polling off)
    # or "ref".
    seq_calls = "3000" if q else "10000"
    benches = {
        "P1": lambda s: r.pybench(s, "p1", "--calls", seq_calls),
        "P2": lambda s: r.pybench(s, "p2", "--calls", seq_calls),
        "P3": lambda s: r.pybench(s, "p3", "--callers", "200", "--calls", "100" if q else "1000", timeout=600),
        "P4": lambda s: r.pybench(s, "p4", "--rounds", "3" if q else "8"),
        "P4U": lambda s: r.pybench(s, "p4", "--unix", "--rounds", "3" if q else "8"),
        "P5": lambda s: r.native_bench(s, "forward", "--pairs", "2", "--seconds", "3" if q else "6"),
        # Router on CPU 0, caller and worker on CPU 1, for both sides.
        "P6": lambda s: (r.native_bench(s, "latency", "--calls", "5000" if q else "20000")
                         if s != "ref" else r.pybench("ref", "p6", "--calls", "3000" if q else "10000", pin="1")),
        "P7": lambda s: r.pybench(s, "p7", "--workers", "16", "--calls", "200" if q else "1000"),
        "P8": lambda s: r.native_bench(s, "idle", "--count", "1000" if q else "2000", pin=None, router_pin=None),
        # Ten thousand members (issue 16). Every join is announced to every member (N x N / 2
        # event frames), which the reference pays one frame at a time: it runs the small size only.
        "P8X": lambda s: r.native_bench(s, "idle", "--count", "10000", pin=None, router_pin=None),
        "P10": lambda s: [res for n in ((SMALL_FLEET, "10000") if s == "ours" else (SMALL_FLEET,))
                          for res in r.native_bench(s, "storm", "--count", n, "--methods", "5", pin=None,
                                                    router_pin=None)],
        "P11": lambda s: [res for n in ((SMALL_FLEET, "10000") if s != "ref" else (SMALL_FLEET,))
                          for res in r.native_bench(s, "spread", "--count", n, "--pairs", "2",
                                                    "--seconds", "3" if q else "5")],
    }
    benches["P11L"] = lambda s: r.raw_spread(10000, "3" if q else "5")
    ours_only = {"P8X", "P11L"}
    # The call and forwarding paths run a third time with busy polling off in every process of ours.
    polled = {"P1", "P2", "P3", "P4", "P4U", "P5", "P6", "P7", "P11"}
    measured = {}
    t_start = time.monotonic()
    for name, fn in benches.items():
        if only and name not in only:
            continue
        sides = ["ours"] + (["ours0"] if name in polled else []) + ([] if name in ours_only else ["ref"])
        for rnd in range(1 if name in ("P8", "P8X", "P10") else rounds):   # memory, or one long storm
            for side in sides[rnd % len(sides):] + sides[:rnd % len(sides)]:   # each side first in turn
                t0 = time.monotonic()
                try:
                    res = fn(side)
                except Exception as exc:  # a failing side is reported in the table, not fatal
                    print(f"  {name} {side}: FAILED: {exc}", flush=True)
                    res = []
                measured.setdefault((name, side), []).append(res)
                print(f"  {name} {side} round {rnd + 1}: {time.monotonic() - t0:.1f} s "
                      + " | ".join(" ".join(f"{k}={v}" for k, v in d.items() if k != "bench") for d in res),
                      flush=True)
    limits = None
    if not only or "LIMITS" in only:
        limits = run_limits(r, q, rounds)
    p9 = None
    if not only or "P9" in only:
        p9 = run_p9(r, q)
    total = time.monotonic() - t_start
    if ("P11L", "ours") in measured:
        limits = dict(limits or {}, P11=values(measured, "P11L", "ours", "writes_per_s"))
    table = make_table(measured, limits, p9)
    print()
    print(table)
    if only:
        print("(--only: docs/benchmarks.md not rewritten)")
    else:
        write_doc(args, table, total, q, rounds)


P9_FLEET = 10000   # members joined to the console's router, plus 1,000 joining and leaving per second
# (joined from a second process of the bench, so the console's process holds one descriptor each)


def run_p9(r, quick):
    """P9 twice: under 50,000 calls/s, and with a fleet of members and churn (issue 16)."""
    exe = os.path.join(r.build, "ui", "bench", "daffi-console-bench")
    if not os.path.exists(exe):
        return None
    env = dict(r.envs["ours"], QT_QPA_PLATFORM="offscreen")
    scenarios = {"rate": ["--rate", "50000", "--seconds", "6" if quick else "15"],
                 "fleet": ["--members", str(P9_FLEET), "--churn", "1000", "--rate", "1000",
                           "--seconds", "6" if quick else "10"]}
    out = {}
    for name, argv in scenarios.items():
        cmd = [exe, *argv]
        r.log.write(f"$ {shlex.join(cmd)}\n")
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        r.log.write(p.stdout)
        got = {}
        for line in p.stdout.splitlines():
            m = re.match(r"\s+(event-loop latency|full-window repaint|snapshot apply \(models\))\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", line)
            if m:
                got[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)))
            m = re.match(r"\s+(issued calls/s|routed frames/s \(monitor\)|churn joins/s \(achieved\)|join storm s)\s+([\d.]+)", line)
            if m:
                got[m.group(1)] = float(m.group(2))
        print(f"  P9 {name} ours: " + "; ".join(f"{k} {v}" for k, v in got.items()), flush=True)
        out[name] = got
    return out


def run_limits(r, quick, rounds):
    """The raw ceilings of this machine (bench/limits.py over daffi-rawlimit): key -> figures."""
    exe = os.path.join(r.build, "bench", "daffi-rawlimit")
    if not os.path.exists(exe):
        return None
    sys.path.insert(0, HERE)
    import limits
    try:
        got = limits.measure(exe, lambda cmd, env=None, timeout=300: r.run(cmd, env or r.envs["ours"], timeout),
                             quick, rounds)
    except Exception as exc:  # reported, not fatal: the table says n/a
        print(f"  limits: FAILED: {exc}", flush=True)
        return None
    print("  limits: " + "; ".join(f"{k} {v}" for k, v in got.items()), flush=True)
    return got


def values(measured, name, side, key, **match):
    """Every round's figure for one row and side (rounds that failed give none)."""
    out = []
    for res in measured.get((name, side), []):
        for d in res:
            if all(d.get(k) == v for k, v in match.items()) and key in d:
                try:
                    out.append(float(d[key]))
                except ValueError:
                    pass
    return out


def median(vals):
    if not vals:
        return None
    v = sorted(vals)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def fmt(v, unit):
    if v is None:
        return "n/a"
    if unit in ("calls/s", "frames/s", "calls/CPU s", "frames/CPU s", "writes/s"):
        return f"{v:,.0f}"
    if unit == "KiB":
        return f"{v:.1f}"
    if unit == "wake-ups":
        return f"{v:.3f}" if v < 1 else f"{v:.1f}"
    return f"{v:.2f}" if v < 100 else f"{v:,.0f}"


def cell(vals, unit):
    """median, and min-max when there were several rounds."""
    if not vals:
        return "n/a"
    sep = "" if unit == "x" else " "   # 7.62x, 52.10 us
    text = f"{fmt(median(vals), unit)}{sep}{unit}"
    if len(vals) > 1:
        text += f" ({fmt(min(vals), unit)}-{fmt(max(vals), unit)})"
    return text


def ratio(ours, ref, higher):
    if not ours or not ref:
        return "n/a"
    return f"{(ours / ref if higher else ref / ours):.2f}x"


# (label, bench, key, unit, higher is better, goal, RESULT fields to match, limit key, cost)
ROWS = [
    ("P1 Client->Service sync rpc, PICKLE 2.1 KB", "P1", "calls_per_s", "calls/s", True, ">= 3x ref (poll off)",
     {"serde": "PICKLE"}, "P1", True),
    ("P1 Client->Service sync rpc, OPAQUE 2.1 KB", "P1", "calls_per_s", "calls/s", True, ">= 3x ref (poll off)",
     {"serde": "OPAQUE"}, "P1", True),
    ("P2 via Router sync rpc, PICKLE 2.1 KB", "P2", "calls_per_s", "calls/s", True, ">= 3x ref (poll off)",
     {"serde": "PICKLE"}, "P2", True),
    ("P2 via Router sync rpc, OPAQUE 2.1 KB", "P2", "calls_per_s", "calls/s", True, ">= 3x ref (poll off)",
     {"serde": "OPAQUE"}, "P2", True),
    ("P3 200 concurrent callers via Router (*)", "P3", "calls_per_s", "calls/s", True, ">= 3x ref (poll off)",
     {}, None, True),
    ("P4 OPAQUE 1 MiB echo via Router", "P4", "gib_per_s", "GiB/s", True, ">= 70% of limit", {"mib": "1"},
     "P4 1", False),
    ("P4 OPAQUE 8 MiB echo via Router", "P4", "gib_per_s", "GiB/s", True, ">= 70% of limit", {"mib": "8"},
     "P4 8", False),
    ("P4 OPAQUE 28 MiB echo via Router", "P4", "gib_per_s", "GiB/s", True, ">= 70% of limit", {"mib": "28"},
     "P4 28", True),
    ("P4 OPAQUE 1 MiB echo via Router, Unix socket", "P4U", "gib_per_s", "GiB/s", True, ">= 70% of limit",
     {"mib": "1"}, "P4 unix 1", False),
    ("P4 OPAQUE 28 MiB echo via Router, Unix socket", "P4U", "gib_per_s", "GiB/s", True, ">= 70% of limit",
     {"mib": "28"}, "P4 unix 28", True),
    ("P5 router forwarding, rpc_nowait 16 B, 1 core", "P5", "frames_per_s", "frames/s", True, ">= 70% of limit",
     {}, "P5", True),
    ("P6 rpc round trip via Router p50 (**)", "P6", "p50_us", "us", False, "<= 1.5x limit", {}, "P6 p50", True),
    ("P6 rpc round trip via Router p99 (**)", "P6", "p99_us", "us", False, "-", {}, "P6 p99", False),
    ("P7 cast to 16 workers p50", "P7", "cast_p50_us", "us", False, "-", {}, None, True),
    ("P7 one rpc p50 (same run)", "P7", "rpc_p50_us", "us", False, "-", {}, None, False),
    ("P7 cast / rpc (p50)", "P7", "cast_over_rpc", "x", False, "<= 3x", {}, None, False),
    ("P8 router memory per idle connection, 2,000", "P8", "kib_per_conn", "KiB", False, "<= 16 KiB", {}, None, False),
    ("P8 router memory per idle connection, 10,000", "P8X", "kib_per_conn", "KiB", False, "<= 8 KiB", {}, None,
     False),
    ("P8 time until 10,000 idle members joined", "P8X", "setup_s", "s", False, "-", {}, None, False),
    (f"P10 join storm, {int(SMALL_FLEET):,} members: all joined and told", "P10", "seconds", "s", False, "-",
     {"members": SMALL_FLEET}, None, False),
    (f"P10 join storm, {int(SMALL_FLEET):,} members: router CPU", "P10", "router_cpu_s", "CPU s", False, "-",
     {"members": SMALL_FLEET}, None, False),
    ("P10 join storm, 10,000 members: all joined and told", "P10", "seconds", "s", False, "<= 20 s",
     {"members": "10000"}, None, False),
    ("P10 join storm, 10,000 members: router CPU", "P10", "router_cpu_s", "CPU s", False, "-",
     {"members": "10000"}, None, False),
    (f"P11 rpc_nowait 16 B spread over {int(SMALL_FLEET):,} members", "P11", "frames_per_s", "frames/s", True, "-",
     {"members": SMALL_FLEET}, None, True),
    ("P11 rpc_nowait 16 B spread over 10,000 members", "P11", "frames_per_s", "frames/s", True,
     ">= 100,000; P5-class", {"members": "10000"}, "P11", True),
]


def limit_cell(limits, key, ours, unit, higher):
    vals = (limits or {}).get(key) or []
    if not vals:
        return "n/a"
    lim = median(vals)
    text = cell(vals, "writes/s" if key == "P11" else unit)
    if ours and lim:
        text += f"; ours {ours / lim:.0%} of it" if higher else f"; ours {ours / lim:.2f}x it"
    return text


def make_table(measured, limits, p9):
    def line(cells, widths):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"

    def render(header, rows):
        widths = [max(len(str(x[i])) for x in rows + [header]) for i in range(len(header))]
        out = [line(header, widths), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        return "\n".join(out + [line(rw, widths) for rw in rows])

    speed, cost = [], []
    for label, name, key, unit, higher, goal, match, limit_key, has_cost in ROWS:
        on, off, ref = (values(measured, name, side, key, **match) for side in ("ours", "ours0", "ref"))
        speed.append((label, cell(on, unit), cell(off, unit) if off else "-", cell(ref, unit),
                      f"{ratio(median(on), median(ref), higher)} / {ratio(median(off), median(ref), higher)}"
                      if off else ratio(median(on), median(ref), higher),
                      limit_cell(limits, limit_key, median(on), unit, higher) if limit_key else "-", goal))
        if has_cost:
            per = "frames/CPU s" if unit == "frames/s" else "calls/CPU s"
            c_on, c_off, c_ref = (values(measured, name, side, "calls_per_cpu_s", **match)
                                  for side in ("ours", "ours0", "ref"))
            w_on, w_off, w_ref = (values(measured, name, side, "wakeups_per_call", **match)
                                  for side in ("ours", "ours0", "ref"))
            lim = (limits or {}).get(f"{limit_key} calls_per_cpu_s") if limit_key else None
            cost.append((label, cell(c_on, per), cell(c_off, per) if c_off else "-", cell(c_ref, per),
                         f"{ratio(median(c_on), median(c_ref), True)} / {ratio(median(c_off), median(c_ref), True)}",
                         cell(lim, per) if lim else "-",
                         fmt(median(w_on), "wake-ups"), fmt(median(w_off), "wake-ups") if w_off else "-",
                         fmt(median(w_ref), "wake-ups")))
    for scenario, where in (("rate", " @50k calls/s"), ("fleet", f" @{P9_FLEET:,} members + 1,000 churn/s")):
        got = (p9 or {}).get(scenario, {})
        for key, label in (("event-loop latency", "P9 console event-loop latency p99"),
                           ("full-window repaint", "P9 console full-window repaint p99")):
            if key in got:
                speed.append((label + where, f"{got[key][1]:.2f} ms", "-", "n/a (no console)", "n/a", "-",
                              "<= 50 ms"))
        if "churn joins/s (achieved)" in got:
            speed.append(("P9 churn the router achieved (joins/s of 1,000 offered)" + where,
                          f"{got['churn joins/s (achieved)']:,.0f} joins/s", "-", "n/a", "n/a", "-", "-"))
    speed_header = ("benchmark", "daffi-qt", "daffi-qt, busy-poll off", "reference 3.0.1",
                    "ratio (>1 = ours better; on / off)", "limit of this machine (raw, no parsing)", "goal")
    cost_header = ("benchmark", "per CPU-second: daffi-qt", "daffi-qt, busy-poll off", "reference 3.0.1",
                   "ratio (on / off)", "limit (raw)", "wake-ups per call: daffi-qt", "busy-poll off", "reference")
    return render(speed_header, speed) + "\n\nWhat it cost: every process of the benchmark (caller, router, " \
        "workers, load), user + system CPU during the timed window, and voluntary context switches of all their " \
        "threads per call or frame (each one a sleep that needed a wake-up).\n\n" + render(cost_header, cost)


def write_doc(args, table, total, quick, rounds):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    cpu = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30)
    ref_ver = subprocess.run([args.ref_python, "-c", "import daffi; print(daffi.__version__)"],
                             capture_output=True, text=True).stdout.strip() or "?"
    doc = f"""# Benchmarks: daffi-qt against the reference daffi {ref_ver}

Generated by `bench/run.sh{' --quick' if quick else ''}` on {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}
(run took {total:.0f} s). Regenerate with `bench/run.sh` (about 20 minutes plus the build) or `bench/run.sh --quick`.

Machine: {cpu}, {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, {platform.system()} {platform.release()},
Python {platform.python_version()} for both packages. Shared machine: absolute numbers are noisy,
the ratios (measured in the same run) are what to compare.

{table}

## Method

- Every benchmark runs ours, ours with busy polling off in every one of its processes
  (`DAFFI_BUSY_POLL_US=0`; for the call and forwarding paths P1-P7 and P11) and the reference,
  back to back, {rounds} round(s), each side first in turn so drift on this shared machine hits
  all alike. A cell is the median of the rounds, with the lowest and highest in brackets; ratios
  are of medians; > 1 means ours is better (ours/ref for rates, ref/ours for times).
- What it cost (second table): CPU seconds (user + system, `/proc/PID/stat`) of every process of
  the benchmark (the caller, the router or service, the workers, the native load) over the timed
  window only, as calls (or frames) per CPU-second; and the voluntary context switches of all
  their threads (`/proc/PID/task/*/status`) per call: each is a thread that went to sleep for want
  of work, so each is a wake-up the call needed. A busy-polling thread sleeps less and burns more.
- The limit of this machine (`daffi-rawlimit`, C, no parsing; `bench/limits.py`), measured in the
  same run with the same pinning: P1 a raw echo server answering a client of the same size
  directly; P2 and P6 the same through a raw relay (bytes read from one socket and written to its
  pair); P4 and P5 the relay's throughput for large buffers and for 46 B pieces (2 senders,
  2 receivers). P11's limit is one write() per frame to each of 10,000 connections (below).
- Servers, routers and workers are separate processes on 127.0.0.1 TCP. Python benchmarks
  (`bench/pybench.py`) run the same script under both packages: ours with
  `PYTHONPATH=build-bench/python`, the reference from `build/venv-ref` (same CPython).
- P1/P2: sequential `rpc(timeout=30).echo(x)` on one connection, 20 warm-up calls; x is a nested
  order record (2.1 KB as JSON) for PICKLE, its JSON bytes for OPAQUE. Worker `workers=1`.
- P3 (*): 200 callers x {'100' if quick else '1,000'} calls of `echo({{"x": 42, "msg": "hello"}})` through a
  Router to one worker, 3 warm-up calls each, released together. Both sides use `daffi.aio` when
  the package has it (200 tasks in one loop on one `AsyncClient`, an `AsyncClient` worker with an
  `async def` callback and 200 task slots); a package without `daffi.aio` falls back to 200
  threads on one sync connection (the log says which mode ran).
- P4: OPAQUE `bytes(N)` echoed through a Router, 2 warm-up + {'3' if quick else '8'} round trips per size;
  GiB/s = 2 x size / mean round trip (the reference's `big_message_benchmark.py` formula). Over
  TCP, and over a Unix socket (every process of the row: ours given `unix_sock_path`, the
  reference the path as `host`, since 3.0.1 drops `unix_sock_path`).
- P5: `daffi-bench-native forward`: 2 raw-socket senders blast pre-encoded rpc_nowait frames
  (16 B OPAQUE payload, 46 B on the wire) at 2 raw-socket receivers through the router; frames/s
  counted at the receivers. The router process is pinned to CPU 0 (`taskset -c 0`), the load to
  CPU 1. The reference side is the reference `daffi.Router` driven by the very same native load
  (the wire is the same), so this is a like-for-like comparison of the routers.
- P6 (**): ours is native C++ (`daffi-bench-native latency`: two `daffi::Client`s, 16 B OPAQUE
  echo, sequential) through `daffi-router`. The reference has no C++ API; its figure is the
  closest equivalent, reference Python sync `rpc` of 16 B OPAQUE through the reference Router, so
  that ratio compares our native stack with its Python one. Both sides: router on CPU 0, caller
  and worker on CPU 1 (`taskset`).
- P7: 16 worker processes; the caller alternates `cast(timeout=30).echo(16 B)` (answers from all
  16) and `rpc(receiver=worker-0).echo(16 B)`; p50 of each and their quotient.
- P8: `daffi-bench-native idle`: {'1,000' if quick else '2,000'} TCP connections (and, ours only,
  10,000) each send the probe and a hello and then stay idle (the load reads everything the
  router sends, including the N x N / 2 join events); growth of the router's VmRSS / N, and the
  time until all had joined and the router fell quiet. Same native load against the reference
  Router.
- P10: `daffi-bench-native storm --methods 5`: N members (5 functions each) connect at once, at
  most 1,024 connects in flight; the time until every one has joined and has been told of every
  member that joined after it, and the router's CPU seconds meanwhile. Our router coalesces the
  announcements of one event-loop pass into one write per member (the frames on the wire are the
  protocol's, in the same order); the reference writes each event frame on its own. The
  reference runs {int(SMALL_FLEET):,} members only: its cost grows as N x N.
- P11: `daffi-bench-native spread --pairs 2`: N members expose `sink`; two raw-socket senders blast
  rpc_nowait 16 B frames addressed to every member in turn; frames/s counted at the members over
  {'3' if quick else '5'} s. Compare with P5 (the same frames to 2 receivers): the cost of spreading
  the traffic over 10,000 connections. Router on CPU 0; load on CPU 1. Its limit here
  (`daffi-bench-native rawsink` + `rawspread`, no router): one `write()` per frame-sized piece to
  each of 10,000 loopback connections in turn, writer on CPU 0 and reader on CPU 1. On loopback
  the writer's CPU also pays the receiving side's TCP processing, so that is what a relay pays
  per frame when no two frames in a read go to the same member; the router does better than one
  write per frame only when a read holds several frames for one member (fewer members, or more
  backlog).
- P9: `daffi-console-bench --rate 50000` (offscreen): the console with its embedded router under
  50,000 calls/s offered; p99 of the event-loop latency and of a full-window repaint. Then
  `--members {P9_FLEET:,} --churn 1000 --rate 1000`: that many members (raw sockets, joined from a
  second process of the bench so that the console's process holds only the router's side of
  each) joined to the console's router, 1,000 more joining and leaving per second, while the
  bench turns through the members, topology and rates panes. Every join is announced to every
  member (the protocol), so the churn the router achieves is bounded by its thread: the table
  shows it (a perf profile of that thread under the churn: 62% in sendmsg, the announcements),
  and the console's snapshots, built on that thread, slow to about 3 a second meanwhile. The
  reference has no console, so there is no reference figure.

## What this machine does to latency

On this VM an idle vCPU halts, and waking a thread that sleeps on it costs about 25 us: two
threads handing a token back and forth through a condition variable take 40-55 us per round
trip, 1.9 us when both are pinned to one CPU. A request/answer crosses several threads and
processes, so sleeping between frames dominates small calls; the figures also swing with
whatever else the machine runs (an idle machine is the slow case). daffi-qt therefore keeps an
event loop polling for a short window after traffic instead of sleeping at once (busy polling:
up to 100 us by default, adapted per thread to whether frames arrive within it, yielding the CPU
on every pass; `daffi-router --busy-poll-us`, or `DAFFI_BUSY_POLL_US` for any process, 0 turns
it off). It costs CPU only while traffic flows: with it a P1 run used 1.9 CPUs instead of 1.0.
The reference has no such setting.

## Goals not met, and what bounds them

Measured on this machine on 2026-12-02 (issue 17), beside the table above.

- P1-P3 at 3x the reference with busy polling off (P1/P2 are 1.0-1.3x, P3 2.2x; with polling on
  P3 reaches 3.19x in calls/s and 3.20x per CPU-second, P1/P2 do not): the cost is
  in CPU per call, not in waiting: P1 OPAQUE with polling off spends about 230 us of CPU per call
  across the caller and the service (1 / calls per CPU-second) for about 230 us of wall time.
  A profile of that run (perf, caller and service, 4 kHz): kernel 37% (the scheduler's wake-up
  and switch paths and loopback TCP), the Python interpreter 24% (the proxy, the outcome, the
  worker's dispatch), our native module 13%, libc 13% (malloc/free, memmove, poll), Qt and glib's
  event loop 12%. The wake-ups column says where the design stands: a sync rpc through a router
  needs 8 wake-ups (the caller's Python thread hands the request to its network thread, the
  router, the worker's network thread, its Python thread, back to its network thread, the
  router, the caller's network thread, the caller's Python thread); the reference needs 7, to a
  Service 4.5 against our 5-6. Going under that needs a connection that any thread may write
  (the calling thread writes its request, the worker's thread its answer, falling back to the
  network thread when the socket would block), which changes the rule that one thread owns each
  socket. What that would save was measured before building it: a call-graph profile of P1
  PICKLE with polling off (`perf record -a --call-graph dwarf`, caller and service, 2,464
  calls/s, 5.8 wake-ups per call) puts waking and sleeping (try_to_wake_up from futex_wake and
  eventfd_write, __schedule, futex_wait) at about 16% of the two processes' CPU, about 3% per
  wake-up. The waker pays most of it: the network thread waking the worker's Python thread for
  each request (CallbackHost::handle, a condition variable) and the caller's Python thread for
  each answer (PendingCalls::complete) are 4.7% and 3.5% of that CPU. The two hops a
  connection writable from any thread removes (the caller's request and the worker's answer
  handed to the network thread: eventfd_write 3.8%) are worth about 6-8% of the CPU per call,
  1.07-1.09x, against the 2.2-2.7x still missing; the Python interpreter (35% inclusive) and
  the network threads' reading, parsing and writing (27% inclusive, g_main_context_iteration)
  are the rest. So it was not built. Tried and not kept: Qt's non-glib event dispatcher
  (`QT_NO_GLIB=1`): no difference beyond the noise (P1 PICKLE 3,006 and 2,477 calls/s against
  2,807 and 2,817).
  With busy polling on, the wake-ups fall to 2-5 per call and the CPU per call stays the same
  (calls per CPU-second on / off 0.95x-0.99x for P1/P2): polling here replaces sleeps by short
  spins at about the same CPU; for P3 (200 callers) polling on gives 1.7x the calls per
  CPU-second, as frames keep arriving within the window.
- P5 at 70% of the raw relay: the relay moves 256 KiB reads with no frame boundaries (thousands
  of 46 B frames per system call); the router reads the same bytes but parses every frame's
  header, looks up its receiver, and writes per receiver. Tried and kept (issue 17, measured
  one binary against the other in alternation): batches reuse their copy buffers (+12%), whether
  anyone observes forwarded frames is no longer asked of Qt per frame and a receiver is one hash
  lookup (+11%), a frame that arrives whole is parsed in one step (+18%): 2.0 M -> 2.6-3.0 M
  frames/s. What is left, by a call-graph profile of the router: the kernel's sendmsg/read 18%,
  one allocation and copy per frame 11%, the receiver's lookup 9%, the frame reader 15%. Ours is
  13% of this run's relay (23 M frames/s; 10 M in a busier hour), 39x the reference.
  Found on an Intel Xeon machine of the same size (2026-12-03, not in this table): Qt 6.4's hash
  of a key under 16 bytes costs ~270 ns there (16 bytes and more 17-20 ns), and a forwarded frame
  looked up two such names (its receiver, its function): 53% of the router's perf samples. Names
  are now hashed padded to 16 bytes (ByteKey, the same seeded function): P5 there went from
  0.77-1.13 M to 1.18-1.29 M frames/s (6 rounds alternating), against a relay of 12.5 M.
- P4 at 70% of the raw relay: over TCP ours is 51-67% of it on this quiet run (115-155% in a
  busy hour, when the relay's figure fell more than ours); over a Unix socket 22-29% (Unix
  sockets now go unbuffered like TCP, which took P4 over them from ~0.3 to ~0.6 GiB/s). The
  bound is store and forward: the router takes a frame whole before sending it on, so an echo
  through it is four transfers of the payload one after the other, where the relay's 256 KiB
  pieces overlap; the faster the carrier (Unix sockets carry twice what loopback TCP does here),
  the more that costs. Forwarding a large frame's body while it arrives (cut-through) was not
  built, by choice: from a frame's first byte on, the receiver's connection belongs to that frame
  until its last byte, so one slow sender would hold up every other frame to that worker, and a
  sender that dies mid-frame would leave the receiver a partial frame that only closing the
  receiver's connection can end, dropping a member that did nothing wrong.
- P6 p50 at 1.5x the raw echo: 1.68x with busy polling on this quiet run (0.92x in a busy hour,
  when the raw echo slowed to 104 us), 2.85x without: the raw programs sleep between frames like
  ours do with polling off, and our round trip has the Python-free C++ client's two hand-offs
  between its calling and network threads on top (see P1-P3). Measured next (2026-12-02 21:00,
  the P6 load by hand, 3 rounds alternating, 20,000 calls each, router on CPU 0, load on CPU 1): a
  calling thread that polls for its answer for up to 100 us before sleeping (yielding the CPU on
  each pass) halves the wake-ups (2.0 to 1.0 per call), moves p50 from 61.0-66.3 us to 51.4-65.9
  us (medians 64.7 and 57.8, -11%) and costs no more CPU (7,273-8,197 calls per CPU-second
  against 7,634-8,969); the raw echo's p50 that hour was 63.6-71.9 us, so ours was at 0.9-1.0x
  it either way. Not built yet: a blocking wait needs its own adapted window (a PICKLE rpc's
  answer takes ~300 us, where a fixed 100 us spin would only burn CPU), and the API to give it
  (the C++ client's calls return a QFuture whose result() sleeps at once; the Python package's
  Completion::wait is ours).
- P7 cast to 16 at 3x one rpc (6.2x; the reference 7.5x): bound by CPU, not by waiting: a cast
  and an rpc together cost 5.9 ms of CPU over the 18 processes (339 calls per CPU-second), almost
  all of it the cast's 16 worker requests (each worker process wakes, dispatches in Python and
  answers), which two cores need at least ~2.7 ms of wall time to provide: 5.8x the 458 us of
  one rpc, against the 6.2x measured. The caller's Python thread is woken once for all 16
  answers and the 16 requests leave in one write to the router.
- P11 100,000/s over 10,000 members: above the machine's one-write-per-frame limit to 10,000
  connections (the limit row); ours is 65% of that limit on this run (67-85% in others).
"""
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(doc)
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
