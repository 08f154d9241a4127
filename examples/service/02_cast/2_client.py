"""
service/02_cast — Client side.

  cast()        — call every receiver, collect {name: result}
  cast_nowait() — fire-and-forget to every receiver

Start 1_service.py first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5002))

if __name__ == "__main__":
    client = Client(app_name="status-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    results = conn.cast(timeout=5).status("database")
    for name, reply in results.items():
        print(f"  {name}: {reply}")

    conn.cast_nowait().log_line("hello from the client")
    print("cast_nowait sent")
    conn.rpc(timeout=5).status("flush")  # calls are handled in order: the log line came first

    client.stop()
