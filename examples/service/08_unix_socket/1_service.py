"""
service/08_unix_socket — Service side.

A Unix domain socket instead of TCP (Linux/macOS): same API, pass unix_sock_path instead of
host/port. Faster than TCP loopback for peers on the same machine.

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback

SOCK = os.environ.get("DAFFI_EXAMPLE_SOCK", "/tmp/daffi_example.sock")


@callback
def ping(n: int) -> str:
    return f"pong {n}"


if __name__ == "__main__":
    svc = Service(app_name="unix-service", unix_sock_path=SOCK)
    svc.start()
    print(f"Service listening on {SOCK} — press Ctrl+C to stop.", flush=True)
    svc.join()
