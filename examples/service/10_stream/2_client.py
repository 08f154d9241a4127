"""
service/10_stream — Client side.

Start 1_service.py first.
"""
import os
import time

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5010))


def chunks(n: int, size: int):
    for i in range(n):
        yield bytes([i % 256]) * size


if __name__ == "__main__":
    client = Client(app_name="stream-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    conn.stream(timeout=10).receive_chunk(chunks(100, 64 * 1024))  # OPAQUE by default
    print(f"after stream:        {conn.rpc(timeout=5).totals()}")

    conn.stream_nowait().receive_chunk(chunks(100, 1024))
    deadline = time.monotonic() + 10
    while conn.rpc(timeout=5).totals()["chunks"] < 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    print(f"after stream_nowait: {conn.rpc(timeout=5).totals()}")

    client.stop()
