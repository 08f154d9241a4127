"""
router/09_wait_for_members — Caller: blocks until "calc-worker" is on the router, so the start
order of the scripts does not matter. TimeoutError if it does not come within 60 s.

Start 1_router.py first; 2_worker.py before or after this.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6009))

if __name__ == "__main__":
    caller = Client(app_name="waiting-caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()
    print("waiting for calc-worker...", flush=True)
    conn.wait_for_members("calc-worker", timeout=60)
    print(f"calc-worker is here: square(12) = {conn.rpc(timeout=5).square(12)}")
    caller.stop()
