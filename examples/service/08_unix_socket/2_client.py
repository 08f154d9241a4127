"""
service/08_unix_socket — Client side.

Start 1_service.py first.
"""
import os
import time

from daffi import Client

SOCK = os.environ.get("DAFFI_EXAMPLE_SOCK", "/tmp/daffi_example.sock")

if __name__ == "__main__":
    client = Client(app_name="unix-client", unix_sock_path=SOCK)
    conn = client.connect()

    print(conn.rpc(timeout=5).ping(1))
    started = time.perf_counter()
    for i in range(1000):
        conn.rpc(timeout=5).ping(i)
    print(f"1000 calls over the unix socket in {time.perf_counter() - started:.3f}s")

    client.stop()
