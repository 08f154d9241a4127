"""What watching a router costs it: P5 (forwarding, frames/s) and P6 (rpc round trip, us) with the
monitor off, on with no observer, on with a live-feed observer reading every batch, and recording
every call with its payload to a capture file (--capture, no monitor API; its writer thread on the
router's CPU, then on the load's), alternating for
--rounds rounds (best figure kept, as bench/run.py does). Router on CPU 0, load on CPU 1, the
observer on CPU 1 too.

Usage: build/venv-ref/bin/python bench/monitor_cost.py [--build-dir build-bench] [--rounds 3]
(needs websocket-client, which scripts/setup_interop.sh puts into build/venv-ref)."""

import argparse
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import time

import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("monitor off", "monitor on, no observer", "monitor on, feed observer", "recording (--capture)",
         "recording, writer on CPU 1")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Observer(threading.Thread):
    def __init__(self, url):
        super().__init__(daemon=True)
        self.ws = websocket.create_connection(url, timeout=30)
        self.records = self.lost = 0
        self.stopping = False

    def run(self):
        while not self.stopping:
            try:
                b = json.loads(self.ws.recv())
            except Exception:  # noqa: BLE001 - the router went away at the end of the run
                return
            self.records += len(b.get("calls", []))
            self.lost += sum(b.get("lost", {}).values())


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


def run(build, mode, bench, argv):
    port = free_port()
    cmd = ["taskset", "-c", "0", os.path.join(build, "app/router/daffi-router"), "--port", str(port),
           "--log-level", "warning"]
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
        for _ in range(1 if mode == MODES[0] else 2):
            line = router.stdout.readline()
            m = re.search(r"monitor at http://([\d.]+):(\d+)", line)
            if m:
                monitor = m
        if mode == MODES[4]:
            move_writer(router.pid, "1")
        if mode == MODES[2]:
            observer = Observer(f"ws://{monitor.group(1)}:{monitor.group(2)}/api/v1/feed")
            observer.start()
        out = subprocess.run(["taskset", "-c", "1", os.path.join(build, "bench/daffi-bench-native"), bench,
                              "--port", str(port), "--pid", str(router.pid), *argv],
                             capture_output=True, text=True, timeout=300).stdout
        result = dict(kv.split("=", 1) for kv in out.split("RESULT", 1)[1].split())
        if observer:
            time.sleep(0.3)
            result["observer"] = f"{observer.records} records, {observer.lost} lost"
        if capture:
            router.terminate()
            summary = router.stdout.read()
            m = re.search(r"(\d+) records were written", summary)
            d = re.search(r"(\d+) records were dropped", summary)
            result["observer"] = (f"{m.group(1) if m else '?'} records written, {d.group(1) if d else 0} dropped, "
                                  f"{os.path.getsize(capture) / 1e6:.1f} MB")
        return result
    finally:
        if observer:
            observer.stopping = True
        router.terminate()
        router.wait(10)
        if capture:
            os.unlink(capture)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(HERE, "..", "build-bench"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", default="6")
    a = ap.parse_args()
    best = {m: {} for m in MODES}
    for r in range(a.rounds):
        order = MODES if r % 2 == 0 else tuple(reversed(MODES))
        for mode in order:
            fwd = run(a.build_dir, mode, "forward", ["--pairs", "2", "--seconds", a.seconds])
            lat = run(a.build_dir, mode, "latency", ["--calls", "20000"])
            print(f"round {r + 1} {mode:28} forward {float(fwd['frames_per_s']):12,.0f} frames/s   "
                  f"latency p50 {float(lat['p50_us']):7.2f} us p99 {float(lat['p99_us']):7.2f} us"
                  + (f"   ({fwd['observer']})" if "observer" in fwd else ""), flush=True)
            b = best[mode]
            b["fps"] = max(b.get("fps", 0), float(fwd["frames_per_s"]))
            b["p50"] = min(b.get("p50", 1e9), float(lat["p50_us"]))
            b["p99"] = min(b.get("p99", 1e9), float(lat["p99_us"]))
    base = best[MODES[0]]["fps"]
    print("\n| router | P5 forwarding (best) | vs off | P6 p50 | P6 p99 |\n|---|---|---|---|---|")
    for mode in MODES:
        b = best[mode]
        print(f"| {mode} | {b['fps']:,.0f} frames/s | {b['fps'] / base:.2f}x | {b['p50']:.1f} us | {b['p99']:.1f} us |")


if __name__ == "__main__":
    main()
