"""
router/11_tls — Caller.

Start 1_router.py and 2_worker.py first.
"""
import os
from pathlib import Path

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6011))
CERTS = Path(os.environ.get("DAFFI_EXAMPLE_CERTS", Path(__file__).resolve().parents[3] / "tests" / "data" / "tls"))

if __name__ == "__main__":
    caller = Client(app_name="tls-caller", host="127.0.0.1", port=PORT, tls=True, ca_file=str(CERTS / "ca.crt"))
    conn = caller.connect()
    conn.wait_for_members("tls-worker", timeout=10)
    print(f"vault: {conn.rpc(timeout=5).vault('launch-code')}")
    caller.stop()
