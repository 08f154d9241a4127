"""
service/05_serde_json — Client side.

Start 1_service.py first.
"""
import os

from daffi import Client, SerdeFormat

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5005))

if __name__ == "__main__":
    client = Client(app_name="json-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    summary = conn.rpc(timeout=5, serde=SerdeFormat.JSON).summarize({"ann": 91, "bob": 78, "cy": 85})
    print(f"summary: {summary}")

    client.stop()
