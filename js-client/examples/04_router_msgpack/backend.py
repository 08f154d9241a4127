"""Example 04 backend: daffi-router on ws://127.0.0.1:6004 and the Python worker "mp-worker".

Run: build/venv-ref/bin/python js-client/examples/04_router_msgpack/backend.py [--port N]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402


@callback
def summarise(records):
    values = [r["value"] for r in records]
    return {"count": len(values), "total": sum(values), "labels": [r["label"] for r in records]}


@callback
def transform(item):
    return {key.strip().lower(): value for key, value in item.items()}


if __name__ == "__main__":
    port = bc.port_arg(6004)
    if "--worker" in sys.argv:
        bc.connect_worker(sys.argv[sys.argv.index("--worker") + 1], port)
        bc.serve_forever()
    bc.start_router(port)
    bc.spawn(__file__, "--worker", "mp-worker", "--port", port)
    bc.ready("04_router_msgpack", port)
    bc.serve_forever()
