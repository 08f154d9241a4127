"""Example 06 backend: daffi-router on ws://127.0.0.1:6006 and three Python workers that record
the notifications they get (cast_nowait) and report them (received).

Run: build/venv-ref/bin/python js-client/examples/06_cast_nowait/backend.py [--port N]
"""
import threading
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402

NAME = ""
RECEIVED = []
LOCK = threading.Lock()


@callback
def notify(message):
    with LOCK:
        RECEIVED.append(message)
    print(f"[{NAME}] notified: {message}", flush=True)


@callback
def received():
    with LOCK:
        return list(RECEIVED)


if __name__ == "__main__":
    port = bc.port_arg(6006)
    if "--worker" in sys.argv:
        NAME = sys.argv[sys.argv.index("--worker") + 1]
        bc.connect_worker(NAME, port)
        bc.serve_forever()
    bc.start_router(port)
    for name in ("worker-a", "worker-b", "worker-c"):
        bc.spawn(__file__, "--worker", name, "--port", port)
    bc.ready("06_cast_nowait", port)
    bc.serve_forever()
