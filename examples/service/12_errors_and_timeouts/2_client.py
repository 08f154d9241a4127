"""
service/12_errors_and_timeouts — Client side.

  * a remote exception arrives as a RemoteCallError subclass named after it (here
    "ZeroDivisionError"), with the remote message;
  * CallTimeout (a TimeoutError) when no answer comes within timeout (fractions allowed);
  * TransmissionFailure when nobody exposes the function.

Start 1_service.py first.
"""
import os

from daffi import Client
from daffi.exceptions import CallTimeout, RemoteCallError, TransmissionFailure

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5012))

if __name__ == "__main__":
    client = Client(app_name="errors-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    try:
        conn.rpc(timeout=5).divide(1, 0)
    except RemoteCallError as e:
        print(f"remote error: {type(e).__name__}: {e}")

    try:
        conn.rpc(timeout=0.5).slow_task(2)
    except CallTimeout as e:
        print(f"timeout: gave up after {e.elapsed:.1f}s (limit {e.timeout}s)")

    try:
        conn.rpc(timeout=5).no_such_function()
    except TransmissionFailure:
        print("no receiver: nobody exposes no_such_function")

    print(f"divide(1, 4) = {conn.rpc(timeout=5).divide(1, 4)}")
    client.stop()
