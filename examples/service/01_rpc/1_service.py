"""
service/01_rpc — Service side.

The simplest daffi pattern: a Service exposes one @callback function and waits for calls.

Run first, then run 2_client.py. Ctrl+C stops it.
"""
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5001))


@callback
def add(a: int, b: int) -> int:
    print(f"[service] add({a}, {b})", flush=True)
    return a + b


if __name__ == "__main__":
    svc = Service(app_name="calc-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
    print("Service stopped.")
