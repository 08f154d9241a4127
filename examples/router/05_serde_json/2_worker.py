"""
router/05_serde_json — Worker.

Start 1_router.py first.
"""
import os
import sys
import threading

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6005))
NAME = sys.argv[1] if len(sys.argv) > 1 else "json-worker"
events = []
lock = threading.Lock()


@callback
def describe(item: dict) -> dict:
    return {"worker": NAME, "keys": sorted(map(str, item)), "size": len(item)}


@callback
def note(event: str) -> None:
    with lock:
        events.append(event)


@callback
def notes() -> list:
    with lock:
        return list(events)


if __name__ == "__main__":
    worker = Client(app_name=NAME, host="127.0.0.1", port=PORT)
    worker.connect()
    print(f"{NAME} connected — press Ctrl+C to stop.", flush=True)
    worker.join()
