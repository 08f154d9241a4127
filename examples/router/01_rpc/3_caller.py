"""
router/01_rpc — Caller.

rpc() without receiver goes round-robin over the workers exposing the function;
rpc(receiver="worker-1") pins the call to one worker.

Start 1_router.py and 2_worker.py first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6001))

if __name__ == "__main__":
    caller = Client(app_name="caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()

    for i in range(1, 5):
        print(f"round-robin: multiply({i}, 10) = {conn.rpc(timeout=5).multiply(i, 10)}")
    print(f"pinned:      multiply(6, 7) = {conn.rpc(timeout=5, receiver='worker-1').multiply(6, 7)}")

    caller.stop()
