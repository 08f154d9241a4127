"""
service/07_serde_msgpack — Service side.

MSGPACK: compact binary, cross-language; bytes stay bytes, tuples arrive as lists.
Needs the msgpack package on both sides (pip install "daffi[msgpack]").

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5007))


@callback
def transform(record: dict) -> dict:
    print(f"[service] transform({record})", flush=True)
    return {"id": record["id"], "name": record["name"].title(), "blob_size": len(record["blob"]),
            "blob": record["blob"][::-1]}


if __name__ == "__main__":
    svc = Service(app_name="msgpack-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
