"""
service/09_events — Client side: connects, says hello, leaves. Watch the service's output.

Start 1_service.py first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5009))

if __name__ == "__main__":
    client = Client(app_name="visitor", host="127.0.0.1", port=PORT)
    conn = client.connect()
    print(conn.rpc(timeout=5).hello("visitor"))
    client.stop()
