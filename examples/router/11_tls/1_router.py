"""
router/11_tls — Router serving TLS only (and wss:// for browsers on the same port).

The test certificates of this repository are used by default (tests/data/tls); set
DAFFI_EXAMPLE_CERTS to a directory with your own server.crt, server.key and ca.crt
(examples/README.md shows how to make them with openssl).

Run first, then 2_worker.py, then 3_caller.py.
"""
import os
from pathlib import Path

from daffi import Router

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6011))
CERTS = Path(os.environ.get("DAFFI_EXAMPLE_CERTS", Path(__file__).resolve().parents[3] / "tests" / "data" / "tls"))

if __name__ == "__main__":
    router = Router(host="127.0.0.1", port=PORT, tls=True,
                    cert_file=str(CERTS / "server.crt"), key_file=str(CERTS / "server.key"))
    router.start()
    print(f"TLS router running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    router.join()
