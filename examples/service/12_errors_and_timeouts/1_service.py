"""
service/12_errors_and_timeouts — Service side.

Run first, then run 2_client.py.
"""
import os
import time

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5012))


@callback
def divide(a: float, b: float) -> float:
    return a / b


@callback
def slow_task(seconds: float) -> str:
    time.sleep(seconds)
    return "finished"


if __name__ == "__main__":
    svc = Service(app_name="errors-service", host="127.0.0.1", port=PORT, workers=2)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
