"""
router/09_wait_for_members — Worker (may be started before or after 3_caller.py).

Start 1_router.py first.
"""
import os

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6009))


@callback
def square(x: int) -> int:
    return x * x


if __name__ == "__main__":
    worker = Client(app_name="calc-worker", host="127.0.0.1", port=PORT)
    worker.connect()
    print("calc-worker connected — press Ctrl+C to stop.", flush=True)
    worker.join()
