"""
service/11_tls — Service side.

TLS: the server gives its certificate and key (PEM); clients pass tls=True and the CA that
signed it (ca_file) to verify the server. The test certificates of this repository are used by
default (tests/data/tls); set DAFFI_EXAMPLE_CERTS to a directory with server.crt, server.key and
ca.crt of your own (examples/README.md shows how to make them with openssl).

Run first, then run 2_client.py.
"""
import os
from pathlib import Path

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5011))
CERTS = Path(os.environ.get("DAFFI_EXAMPLE_CERTS", Path(__file__).resolve().parents[3] / "tests" / "data" / "tls"))


@callback
def secret() -> str:
    return "only over TLS"


if __name__ == "__main__":
    svc = Service(app_name="tls-service", host="127.0.0.1", port=PORT, tls=True,
                  cert_file=str(CERTS / "server.crt"), key_file=str(CERTS / "server.key"))
    svc.start()
    print(f"TLS service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
