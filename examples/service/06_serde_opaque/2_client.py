"""
service/06_serde_opaque — Client side.

The client encodes its data itself (here: 1 MiB of bytes, and a str).

Start 1_service.py first.
"""
import hashlib
import os

from daffi import Client, SerdeFormat

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5006))

if __name__ == "__main__":
    client = Client(app_name="opaque-client", host="127.0.0.1", port=PORT)
    conn = client.connect()
    opaque = conn.rpc(timeout=10, serde=SerdeFormat.OPAQUE)

    payload = bytes(range(256)) * 4096
    digest = opaque.checksum(payload)
    print(f"checksum: {digest.decode()}")
    print(f"matches local sha256: {digest.decode() == hashlib.sha256(payload).hexdigest()}")
    print(f"shout: {opaque.shout('quiet please')}")

    client.stop()
