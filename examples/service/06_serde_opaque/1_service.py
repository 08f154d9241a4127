"""
service/06_serde_opaque — Service side.

OPAQUE: one bytes (or str) argument travels untouched — no serialization at all. The callback
gets exactly what the caller sent; returning bytes sends bytes back.

Run first, then run 2_client.py.
"""
import hashlib
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5006))


@callback
def checksum(data: bytes) -> bytes:
    print(f"[service] checksum of {len(data)} bytes", flush=True)
    return hashlib.sha256(data).hexdigest().encode()


@callback
def shout(text: str) -> str:
    return text.upper()


if __name__ == "__main__":
    svc = Service(app_name="opaque-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
