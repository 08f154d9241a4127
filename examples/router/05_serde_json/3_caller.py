"""
router/05_serde_json — Caller: all four call styles with SerdeFormat.JSON.

Start 1_router.py and 2_worker.py first.
"""
import os
import time

from daffi import Client, SerdeFormat

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6005))
SERDE = SerdeFormat.JSON

if __name__ == "__main__":
    caller = Client(app_name="json-caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()

    print(f"rpc:         {conn.rpc(timeout=5, serde=SERDE).describe({'a': 1, 'b': [1, 2]})}")
    conn.rpc_nowait(serde=SERDE).note("from rpc_nowait")
    print(f"cast:        {conn.cast(timeout=5, serde=SERDE).describe({'x': None})}")
    conn.cast_nowait(serde=SERDE).note("from cast_nowait")
    deadline = time.monotonic() + 5
    while len(conn.rpc(timeout=5, serde=SERDE).notes()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    print(f"worker notes: {conn.rpc(timeout=5, serde=SERDE).notes()}")

    caller.stop()
