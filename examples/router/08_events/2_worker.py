"""
router/08_events — Worker that watches the network: on_member_added / on_member_removed are
called with the app_name of every peer that joins or leaves the router.

Start 1_router.py first, then this, then 3_caller.py.
"""
import os

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6008))


@callback
def ping() -> str:
    return "pong"


if __name__ == "__main__":
    worker = Client(app_name="events-worker", host="127.0.0.1", port=PORT)
    worker.on_member_added(lambda member: print(f"[events-worker] joined: {member}", flush=True))
    worker.on_member_removed(lambda member: print(f"[events-worker] left: {member}", flush=True))
    worker.connect()
    print("events-worker connected — press Ctrl+C to stop.", flush=True)
    worker.join()
