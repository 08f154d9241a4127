"""
router/04_serde_pickle — Worker.

Start 1_router.py first.
"""
import os
import sys

from daffi import Client, callback
from models import Task, TaskResult

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6004))
NAME = sys.argv[1] if len(sys.argv) > 1 else "pickle-worker"


@callback
def run_task(task: Task) -> TaskResult:
    return TaskResult(task_id=task.task_id, total=sum(task.numbers), worker=NAME)


if __name__ == "__main__":
    worker = Client(app_name=NAME, host="127.0.0.1", port=PORT)
    worker.connect()
    print(f"{NAME} connected — press Ctrl+C to stop.", flush=True)
    worker.join()
