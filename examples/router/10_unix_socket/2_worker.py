"""
router/10_unix_socket — Worker.

Start 1_router.py first.
"""
import os

from daffi import Client, callback

SOCK = os.environ.get("DAFFI_EXAMPLE_SOCK", "/tmp/daffi_router_example.sock")


@callback
def hostname() -> str:
    import socket

    return socket.gethostname()


if __name__ == "__main__":
    worker = Client(app_name="unix-worker", unix_sock_path=SOCK)
    worker.connect()
    print("unix-worker connected — press Ctrl+C to stop.", flush=True)
    worker.join()
