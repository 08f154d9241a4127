"""
router/10_unix_socket — Router on a Unix domain socket (Linux/macOS).

Run first, then 2_worker.py, then 3_caller.py.
"""
import os

from daffi import Router

SOCK = os.environ.get("DAFFI_EXAMPLE_SOCK", "/tmp/daffi_router_example.sock")

if __name__ == "__main__":
    router = Router(unix_sock_path=SOCK)
    router.start()
    print(f"Router listening on {SOCK} — press Ctrl+C to stop.", flush=True)
    router.join()
