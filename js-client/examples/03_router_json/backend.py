"""Example 03 backend: daffi-router on ws://127.0.0.1:6003 and the Python worker "json-worker".

Run: build/venv-ref/bin/python js-client/examples/03_router_json/backend.py [--port N]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402


@callback
def reverse(text):
    return text[::-1]


@callback
def word_count(text):
    return len(text.split())


if __name__ == "__main__":
    port = bc.port_arg(6003)
    if "--worker" in sys.argv:
        bc.connect_worker(sys.argv[sys.argv.index("--worker") + 1], port)
        bc.serve_forever()
    bc.start_router(port)
    bc.spawn(__file__, "--worker", "json-worker", "--port", port)
    bc.ready("03_router_json", port)
    bc.serve_forever()
