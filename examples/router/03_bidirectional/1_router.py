"""
router/03_bidirectional — Router.

The Router only forwards calls between the clients connected to it; it has no callbacks.

Run first, then the other scripts of this folder in order. Ctrl+C stops it.
"""
import os

from daffi import Router

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6003))

if __name__ == "__main__":
    router = Router(host="127.0.0.1", port=PORT)
    router.start()
    print(f"Router running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    router.join()
