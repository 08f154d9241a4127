"""
service/02_cast — Service side.

cast() works against a Service too: the result is a dict with one key, the Service's name.

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5002))


@callback
def status(component: str) -> str:
    print(f"[service] status({component!r})", flush=True)
    return f"{component}: ok"


@callback
def log_line(line: str) -> None:
    print(f"[service] log: {line}", flush=True)


if __name__ == "__main__":
    svc = Service(app_name="status-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
