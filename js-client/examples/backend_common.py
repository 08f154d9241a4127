"""Shared plumbing of the example backends: start daffi-router, start worker processes, stop
everything on Ctrl+C / SIGTERM. Each example's backend.py imports it from the folder above.

The `daffi` used is the one of the interpreter that runs the backend (today the reference daffi
3.0.1 in build/venv-ref; later our python/ package). The router is our daffi-router, from
$DAFFI_ROUTER or build/app/router/daffi-router.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROUTER = Path(os.environ.get("DAFFI_ROUTER", REPO / "build" / "app" / "router" / "daffi-router"))
HOST = "127.0.0.1"

_children = []


def _on_sigterm(*_):
    raise SystemExit(0)


signal.signal(signal.SIGTERM, _on_sigterm)


def port_arg(default):
    """--port N from the command line (the tests pass a free one), else the example's default."""
    if "--port" in sys.argv:
        return int(sys.argv[sys.argv.index("--port") + 1])
    return default


def start_router(port):
    if not ROUTER.exists():
        sys.exit(f"daffi-router not found at {ROUTER}: build the project (./scripts/run.sh or cmake) or set DAFFI_ROUTER")
    p = subprocess.Popen([str(ROUTER), "--host", HOST, "--port", str(port)], stdout=subprocess.PIPE, text=True)
    _children.append(p)
    line = p.stdout.readline().strip()
    if "listening" not in line:
        sys.exit(f"daffi-router did not start on port {port} (port in use?): {line!r}")
    print(f"[backend] router: {line}", flush=True)
    return p


_workers_ready = []


def spawn(script, *args):
    """Runs `python script args...` (a worker of this example) as a child process; ready() waits
    until it has printed that it is connected."""
    p = subprocess.Popen([sys.executable, str(script), *map(str, args)], stdout=subprocess.PIPE, text=True)
    _children.append(p)
    connected = threading.Event()
    _workers_ready.append(connected)

    def relay():
        for line in p.stdout:
            print(line, end="", flush=True)
            if "connected to the router" in line:
                connected.set()

    threading.Thread(target=relay, daemon=True).start()
    return p


def connect_worker(name, port):
    """Connects this process as worker `name` (exposing every @callback defined so far)."""
    from daffi import Client

    client = Client(app_name=name, host=HOST, port=port)
    client.connect()
    print(f"[{name}] connected to the router on port {port}", flush=True)
    return client


def ready(example, port):
    # Reference daffi 3.0.1 workers lose requests that arrive while their connect() is still
    # returning, although the router already announced them; so READY waits for every worker.
    for event in _workers_ready:
        if not event.wait(20):
            sys.exit("[backend] a worker did not connect within 20 s")
    print(f"READY ws://{HOST}:{port}", flush=True)
    print(f"[backend] now run `node js-client/examples/serve.js` and open "
          f"http://127.0.0.1:8080/examples/{example}/ (Ctrl+C here stops the backend)", flush=True)


def serve_forever():
    try:
        while True:
            for p in _children:
                if p.poll() is not None:
                    print(f"[backend] a child process exited ({p.args[0]}, status {p.returncode})", flush=True)
                    _children.remove(p)
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop_children()


def stop_children():
    for p in reversed(_children):
        if p.poll() is None:
            p.terminate()
    for p in _children:
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
