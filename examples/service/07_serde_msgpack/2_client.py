"""
service/07_serde_msgpack — Client side.

Start 1_service.py first.
"""
import os

from daffi import Client, SerdeFormat

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5007))

if __name__ == "__main__":
    client = Client(app_name="msgpack-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    out = conn.rpc(timeout=5, serde=SerdeFormat.MSGPACK).transform({"id": 7, "name": "ada lovelace", "blob": b"\x01\x02\x03"})
    print(f"result: {out}")

    client.stop()
