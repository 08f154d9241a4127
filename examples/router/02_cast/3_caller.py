"""
router/02_cast — Caller.

  cast()        — every worker exposing process() runs it → {worker_name: result}
  cast_nowait() — fire-and-forget to every worker

Start 1_router.py and 2_worker.py (x3) first.
"""
import os

from daffi import Client

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6002))

if __name__ == "__main__":
    caller = Client(app_name="cast-caller", host="127.0.0.1", port=PORT)
    conn = caller.connect()

    results = conn.cast(timeout=5).process("task-A")
    print(f"{len(results)} workers answered:")
    for name, reply in sorted(results.items()):
        print(f"  {name}: {reply}")

    conn.cast_nowait().process("task-B")
    print("task-B sent to every worker (no replies collected)")

    caller.stop()
