"""
router/04_serde_pickle — Caller: dataclasses through the router with rpc and cast.

Start 1_router.py and 2_worker.py first.
"""
import os

from daffi import Client, SerdeFormat
from models import Task

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6004))

if __name__ == "__main__":
    caller = Client(app_name="pickle-caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()

    result = conn.rpc(timeout=5, serde=SerdeFormat.PICKLE).run_task(Task(1, (1, 2, 3)))
    print(f"rpc:  {result}")
    for name, res in conn.cast(timeout=5, serde=SerdeFormat.PICKLE).run_task(Task(2, (10, 20))).items():
        print(f"cast: {name} -> {res}")

    caller.stop()
