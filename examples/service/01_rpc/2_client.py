"""
service/01_rpc — Client side.

Connects to the Service and calls add() with rpc(): a blocking call that returns the result.

Start 1_service.py first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5001))

if __name__ == "__main__":
    client = Client(app_name="calc-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    result = conn.rpc(timeout=5).add(3, 4)
    print(f"add(3, 4) = {result}")

    add = conn.rpc(timeout=5).add  # a proxy attribute can be kept and called again
    print(f"add(10, 20) = {add(10, 20)}")

    client.stop()
