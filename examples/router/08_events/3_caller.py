"""
router/08_events — Caller: joins, pings, leaves. Watch 2_worker.py's output.
It also registers the older dict-style handler (add_event_handler) to see who is around.

Start 1_router.py and 2_worker.py first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6008))

if __name__ == "__main__":
    caller = Client(app_name="events-caller", host="127.0.0.1", port=PORT)
    caller.add_event_handler(lambda event: print(f"[events-caller] event: {event}", flush=True))
    conn = caller.connect()
    print(f"ping -> {conn.rpc(timeout=5).ping()}")
    caller.stop()
