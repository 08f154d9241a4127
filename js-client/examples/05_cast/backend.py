"""Example 05 backend: daffi-router on ws://127.0.0.1:6005 and three Python workers
(worker-a, worker-b, worker-c), each answering for itself.

Run: build/venv-ref/bin/python js-client/examples/05_cast/backend.py [--port N]
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402

NAME = ""
FACTORS = {"worker-a": 1, "worker-b": 2, "worker-c": 3}


@callback
def info():
    return {"name": NAME, "pid": os.getpid()}


@callback
def scale(x):
    return x * FACTORS.get(NAME, 0)


if __name__ == "__main__":
    port = bc.port_arg(6005)
    if "--worker" in sys.argv:
        NAME = sys.argv[sys.argv.index("--worker") + 1]
        bc.connect_worker(NAME, port)
        bc.serve_forever()
    bc.start_router(port)
    for name in FACTORS:
        bc.spawn(__file__, "--worker", name, "--port", port)
    bc.ready("05_cast", port)
    bc.serve_forever()
