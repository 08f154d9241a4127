"""
router/02_cast — Worker. Start three (names are picked automatically, or pass one):

    python 2_worker.py
    python 2_worker.py
    python 2_worker.py

Start 1_router.py first.
"""
import os
import random
import sys

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6002))
NAME = sys.argv[1] if len(sys.argv) > 1 else f"cast-worker-{random.randrange(1000, 9999)}"


@callback
def process(task: str) -> str:
    print(f"[{NAME}] processing {task}", flush=True)
    return f"{task} done by {NAME}"


if __name__ == "__main__":
    worker = Client(app_name=NAME, host="127.0.0.1", port=PORT)
    worker.connect()
    print(f"{NAME} connected — press Ctrl+C to stop.", flush=True)
    worker.join()
