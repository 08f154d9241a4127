"""Example 07 backend: daffi-router on ws://127.0.0.1:6007 now, and the Python worker
"late-worker" --delay seconds later (default 8), so the page can show waitForMembers waiting.

Run: build/venv-ref/bin/python js-client/examples/07_wait_for_members/backend.py [--port N] [--delay S]
"""
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402


@callback
def hello(who):
    return f"hello {who}, from late-worker"


if __name__ == "__main__":
    port = bc.port_arg(6007)
    if "--worker" in sys.argv:
        bc.connect_worker(sys.argv[sys.argv.index("--worker") + 1], port)
        bc.serve_forever()
    delay = float(sys.argv[sys.argv.index("--delay") + 1]) if "--delay" in sys.argv else 8.0
    bc.start_router(port)
    bc.ready("07_wait_for_members", port)  # before the late worker: nothing to wait for yet
    print(f"[backend] late-worker joins in {delay:g} s", flush=True)
    try:
        time.sleep(delay)
    except (KeyboardInterrupt, SystemExit):
        bc.stop_children()
        sys.exit(0)
    bc.spawn(__file__, "--worker", "late-worker", "--port", port)
    bc.serve_forever()
