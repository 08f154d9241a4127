"""
router/06_serde_opaque — Worker: raw bytes in, raw bytes out.

Start 1_router.py first.
"""
import os
import sys
import zlib

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6006))
NAME = sys.argv[1] if len(sys.argv) > 1 else "opaque-worker"


@callback
def compress(data: bytes) -> bytes:
    return zlib.compress(data)


@callback
def store(data: bytes) -> None:
    print(f"[{NAME}] stored {len(data)} bytes", flush=True)


if __name__ == "__main__":
    worker = Client(app_name=NAME, host="127.0.0.1", port=PORT)
    worker.connect()
    print(f"{NAME} connected — press Ctrl+C to stop.", flush=True)
    worker.join()
