"""
service/10_stream — Service side.

stream() sends every item of an iterable as one call to the same callback; the next item leaves
only when the previous one was handled (backpressure). stream_nowait() does not wait.

Run first, then run 2_client.py.
"""
import os
import threading

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5010))

received = {"chunks": 0, "bytes": 0}
lock = threading.Lock()


@callback
def receive_chunk(chunk: bytes) -> None:
    with lock:
        received["chunks"] += 1
        received["bytes"] += len(chunk)


@callback
def totals() -> dict:
    with lock:
        return dict(received)


if __name__ == "__main__":
    svc = Service(app_name="stream-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
