"""What watching a router costs it: P5 (forwarding, frames/s, and the router's CPU time per frame)
and P6 (rpc round trip, us) with the monitor off, on with no observer, and on with a live-feed
observer reading every batch as fast as it can, and recording every call with its payload to a
capture file (--capture, no monitor API; its writer thread on the router's CPU, then on the
load's). Router on CPU 0; load and observer on CPU 1.

Every round runs each (router, mode) once, the order reversed every other round; the table gives
min / median / max over the rounds. Ratios are of medians against "monitor off" of the same
router binary. The router's CPU seconds (user + system, all threads, measured by the load over
the same window as the frames) are steadier than frames/s on a shared machine: when other work
takes CPU 0 from the router, frames/s falls but CPU per frame does not.

--baseline-router adds the rows of another daffi-router binary (e.g. one built from main), in the
same rounds, so that a change is measured before and after in one run.

Usage: build/venv-ref/bin/python bench/monitor_cost.py [--build-dir build-bench] [--rounds 5]
       [--baseline-router /path/to/daffi-router]
(needs websocket-client, which scripts/setup_interop.sh puts into build/venv-ref)."""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("monitor off", "monitor on, no observer", "monitor on, feed observer", "recording (--capture)",
         "recording, writer on CPU 1")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def observe(url):
    """The observer process: reads and parses every batch, prints its counts when terminated."""
    import websocket

    # websocket-client's own UTF-8 check of text frames is pure Python and slower than the feed.
    ws = websocket.create_connection(url, timeout=30, skip_utf8_validation=True)
    counts = {"records": 0, "lost": 0, "batches": 0}

    def done(*_):
        print(json.dumps(counts), flush=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, done)
    print("ready", flush=True)
    while True:
        try:
            b = json.loads(ws.recv())
        except Exception:  # noqa: BLE001 - the router went away at the end of the run
            done()
        if b.get("type") != "batch":
            continue
        counts["batches"] += 1
        counts["records"] += len(b["calls"])
        counts["lost"] += b["lost"]["calls"]


def move_writer(pid, cpus):
    """Moves the recorder's thread (named daffi-capture once it runs) off the router's CPU."""
    for _ in range(200):
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if f.read().strip() == "daffi-capture":
                    subprocess.run(["taskset", "-p", "-c", cpus, tid], check=True, capture_output=True)
                    return
        time.sleep(0.01)
    raise RuntimeError("no daffi-capture thread in the router")


def run(router_bin, bench_bin, mode, bench, argv):
    port = free_port()
    cmd = ["taskset", "-c", "0", router_bin, "--port", str(port), "--log-level", "warning"]
    capture = None
    if mode in MODES[3:]:
        capture = tempfile.NamedTemporaryFile(suffix=".dcap", delete=False).name
        cmd += ["--capture", capture]
    elif mode != MODES[0]:
        cmd += ["--monitor-port", "0"]
    router = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    observer = None
    try:
        monitor = None
        for _ in range(2 if mode != MODES[0] else 1):
            m = re.search(r"monitor at http://([\d.]+):(\d+)", router.stdout.readline())
            monitor = m or monitor
        if mode == MODES[4]:
            move_writer(router.pid, "1")
        if mode == MODES[2]:
            url = f"ws://{monitor.group(1)}:{monitor.group(2)}/api/v1/feed"
            observer = subprocess.Popen(["taskset", "-c", "1", sys.executable, __file__, "--observe", url],
                                        stdout=subprocess.PIPE, text=True)
            assert observer.stdout.readline().strip() == "ready"
        out = subprocess.run(["taskset", "-c", "1", bench_bin, bench, "--port", str(port), "--pid", str(router.pid),
                              *argv], capture_output=True, text=True, timeout=300).stdout
        result = dict(kv.split("=", 1) for kv in out.split("RESULT", 1)[1].split())
        if observer:
            observer.send_signal(signal.SIGTERM)
            result["observer"] = json.loads(observer.stdout.readline())
        if capture:
            router.terminate()
            summary = router.stdout.read()
            w = re.search(r"(\d+) records were written", summary)
            d = re.search(r"(\d+) records were dropped", summary)
            result["recorded"] = (f"{w.group(1) if w else '?'} written, {d.group(1) if d else 0} dropped, "
                                  f"{os.path.getsize(capture) / 1e6:.1f} MB")
        return result
    finally:
        if observer and observer.poll() is None:
            observer.kill()
        router.terminate()
        router.wait(10)
        if capture:
            os.unlink(capture)


def spread(values, fmt):
    return f"{fmt(min(values))} / {fmt(statistics.median(values))} / {fmt(max(values))}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(HERE, "..", "build-bench"))
    ap.add_argument("--baseline-router", help="another daffi-router binary to measure in the same rounds")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", default="5")
    ap.add_argument("--observe", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.observe:
        return observe(a.observe)

    bench_bin = os.path.join(a.build_dir, "bench/daffi-bench-native")
    routers = {"this build": os.path.join(a.build_dir, "app/router/daffi-router")}
    if a.baseline_router:
        routers = {"baseline": a.baseline_router, **routers}
    cases = [(r, m) for r in routers for m in MODES]
    got = {c: {"fps": [], "cpu_us": [], "cpu_s": [], "p50": [], "p99": [], "records": [], "lost": []} for c in cases}
    for rnd in range(a.rounds):
        for case in (cases if rnd % 2 == 0 else cases[::-1]):
            name, mode = case
            fwd = run(routers[name], bench_bin, mode, "forward", ["--pairs", "2", "--seconds", a.seconds])
            lat = run(routers[name], bench_bin, mode, "latency", ["--calls", "20000"])
            g = got[case]
            fps, frames, cpu = float(fwd["frames_per_s"]), int(fwd["frames"]), float(fwd["router_cpu_s"])
            g["fps"].append(fps)
            g["cpu_s"].append(cpu)
            g["cpu_us"].append(cpu * 1e6 / max(frames, 1))
            g["p50"].append(float(lat["p50_us"]))
            g["p99"].append(float(lat["p99_us"]))
            obs = fwd.get("observer")
            if obs:
                g["records"].append(obs["records"])
                g["lost"].append(obs["lost"])
            print(f"round {rnd + 1} {name:10} {mode:26} {fps:12,.0f} frames/s  router {cpu:5.2f} CPU s "
                  f"({g['cpu_us'][-1]:.3f} us/frame)  P6 p50 {g['p50'][-1]:6.1f} us"
                  + (f"  observer {obs['records']:,} records, {obs['lost']:,} lost" if obs else "")
                  + (f"  capture {fwd['recorded']}" if "recorded" in fwd else ""), flush=True)

    print(f"\n{a.rounds} rounds of {a.seconds} s; min / median / max. Ratios: medians against \"monitor off\" "
          "of the same router.\n")
    print("| router | mode | P5 forwarding, frames/s | vs off | router CPU s | router CPU us/frame | vs off "
          "| P6 p50 us | feed records / lost |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, mode in cases:
        g, off = got[(name, mode)], got[(name, MODES[0])]
        ratio = statistics.median(g["fps"]) / statistics.median(off["fps"])
        cpu_ratio = statistics.median(off["cpu_us"]) / statistics.median(g["cpu_us"])
        feed = (f"{statistics.median(g['records']):,.0f} / {statistics.median(g['lost']):,.0f}"
                if g["records"] else "-")
        print(f"| {name} | {mode} | {spread(g['fps'], lambda v: f'{v:,.0f}')} | {ratio:.2f}x "
              f"| {spread(g['cpu_s'], lambda v: f'{v:.2f}')} | {spread(g['cpu_us'], lambda v: f'{v:.3f}')} "
              f"| {cpu_ratio:.2f}x | {statistics.median(g['p50']):.1f} | {feed} |")


if __name__ == "__main__":
    main()
