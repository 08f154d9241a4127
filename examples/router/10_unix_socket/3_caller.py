"""
router/10_unix_socket — Caller.

Start 1_router.py and 2_worker.py first.
"""
import os

from daffi import Client

SOCK = os.environ.get("DAFFI_EXAMPLE_SOCK", "/tmp/daffi_router_example.sock")

if __name__ == "__main__":
    caller = Client(app_name="unix-caller", unix_sock_path=SOCK)
    conn = caller.connect()
    print(f"worker runs on: {conn.rpc(timeout=5, receiver='unix-worker').hostname()}")
    caller.stop()
