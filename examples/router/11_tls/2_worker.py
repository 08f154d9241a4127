"""
router/11_tls — Worker: tls=True and the CA that signed the router's certificate.

Start 1_router.py first.
"""
import os
from pathlib import Path

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6011))
CERTS = Path(os.environ.get("DAFFI_EXAMPLE_CERTS", Path(__file__).resolve().parents[3] / "tests" / "data" / "tls"))


@callback
def vault(key: str) -> str:
    return {"launch-code": "0000"}.get(key, "unknown")


if __name__ == "__main__":
    worker = Client(app_name="tls-worker", host="127.0.0.1", port=PORT, tls=True, ca_file=str(CERTS / "ca.crt"))
    worker.connect()
    print("tls-worker connected — press Ctrl+C to stop.", flush=True)
    worker.join()
