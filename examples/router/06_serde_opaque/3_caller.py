"""
router/06_serde_opaque — Caller: bytes through the router, and cast_nowait with bytes.

Start 1_router.py and 2_worker.py first.
"""
import os
import zlib

from daffi import Client, SerdeFormat

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6006))

if __name__ == "__main__":
    caller = Client(app_name="opaque-caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()

    data = b"daffi " * 100_000
    packed = conn.rpc(timeout=10, serde=SerdeFormat.OPAQUE).compress(data)
    print(f"compressed {len(data)} -> {len(packed)} bytes; round trip ok: {zlib.decompress(packed) == data}")
    conn.cast_nowait(serde=SerdeFormat.OPAQUE).store(b"\x00" * 4096)
    print("cast_nowait: 4096 bytes sent to every worker")

    caller.stop()
