"""
router/01_rpc — Worker.

A Client that exposes multiply(). Start several (each with its own name) to see round-robin:

    python 2_worker.py worker-1
    python 2_worker.py worker-2

Start 1_router.py first.
"""
import os
import sys

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6001))
NAME = sys.argv[1] if len(sys.argv) > 1 else "worker-1"


@callback
def multiply(a: int, b: int) -> str:
    print(f"[{NAME}] multiply({a}, {b})", flush=True)
    return f"{a * b} (from {NAME})"


if __name__ == "__main__":
    worker = Client(app_name=NAME, host="127.0.0.1", port=PORT)
    worker.connect()
    print(f"{NAME} connected to 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    worker.join()
