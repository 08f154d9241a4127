"""Renders docs/screenshot-remote.png: daffi-console in remote mode, watching a headless
daffi-router through its monitor API while reference daffi 3.0.1 workers and a reference caller
make calls (rpc in JSON and PICKLE, rpc_nowait, cast, a failing call, a slow provider).

Usage: build/venv-ref/bin/python scripts/screenshot_remote.py [--tab traffic] [--out docs/screenshot-remote.png]
(QT_QPA_PLATFORM=offscreen is set for the console; the programs come from build/.)"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")


def worker(name, port, delay):
    from daffi import Client, callback

    @callback
    def add(a, b):
        return a + b

    @callback
    def echo(x):
        return x

    @callback
    def reserve_item(item, count=1):
        time.sleep(delay)
        return {"item": item, "reserved": count, "by": name}

    @callback
    def boom(*_):
        raise ValueError("out of stock")

    Client(app_name=name, host="127.0.0.1", port=port).connect()
    print("READY", flush=True)
    sys.stdin.read()   # until the script closes our stdin


def caller(port, stop):
    from daffi import Client, SerdeFormat

    conn = Client(app_name="web-frontend", host="127.0.0.1", port=port).connect()
    conn.wait_for_members("inventory-1", "inventory-2", timeout=20)
    i = 0
    while not stop.is_set():
        i += 1
        conn.rpc(timeout=10, serde=SerdeFormat.JSON).add(i, 2)
        conn.rpc(timeout=10, serde=SerdeFormat.PICKLE).echo({"order": i, "items": ["a", "b"]})
        conn.rpc(timeout=10, serde=SerdeFormat.JSON).reserve_item(f"sku-{i % 7}", count=i % 3 + 1)
        conn.rpc_nowait(serde=SerdeFormat.JSON).echo("tick")
        if i % 10 == 0:
            conn.cast(timeout=10, serde=SerdeFormat.JSON).echo("hello everyone")
        if i % 15 == 0:
            try:
                conn.rpc(timeout=10, serde=SerdeFormat.JSON).boom()
            except Exception:
                pass
        time.sleep(0.02)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tab", default="traffic")
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshot-remote.png"))
    p.add_argument("--worker", nargs=3, metavar=("NAME", "PORT", "DELAY"), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.worker:
        worker(a.worker[0], int(a.worker[1]), float(a.worker[2]))
        return

    router = subprocess.Popen([os.path.join(BUILD, "app/router/daffi-router"), "--port", "0", "--monitor-port", "0",
                               "--log-level", "warning"], stdout=subprocess.PIPE, text=True)
    procs = [router]
    try:
        port = int(re.search(r":(\d+)$", router.stdout.readline().strip()).group(1))
        monitor = re.search(r"(http://\S+)$", router.stdout.readline().strip()).group(1)
        for name, delay in (("inventory-1", 0.002), ("inventory-2", 0.012)):
            w = subprocess.Popen([sys.executable, __file__, "--worker", name, str(port), str(delay)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            procs.append(w)
            assert w.stdout.readline().strip() == "READY"
        stop = threading.Event()
        traffic = threading.Thread(target=caller, args=(port, stop), daemon=True)
        traffic.start()
        time.sleep(3)
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            subprocess.run([os.path.join(BUILD, "app/console/daffi-console"), "--settings", os.path.join(d, "s.ini"),
                            "--language", "en", "--remote", f"tcp://127.0.0.1:{port}", "--monitor", monitor,
                            "--tab", a.tab, "--screenshot", a.out, "--screenshot-delay", "4000"],
                           env=env, check=True)
        stop.set()
        traffic.join(10)
        print(a.out)
    finally:
        for proc in procs[1:]:
            proc.stdin.close()
        for proc in procs:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
