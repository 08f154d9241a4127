"""
service/11_tls — Client side.

Start 1_service.py first.
"""
import os
from pathlib import Path

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5011))
CERTS = Path(os.environ.get("DAFFI_EXAMPLE_CERTS", Path(__file__).resolve().parents[3] / "tests" / "data" / "tls"))

if __name__ == "__main__":
    client = Client(app_name="tls-client", host="127.0.0.1", port=PORT, tls=True, ca_file=str(CERTS / "ca.crt"))
    conn = client.connect()
    print(f"secret: {conn.rpc(timeout=5).secret()}")
    client.stop()
