"""A test peer in its own process: a Client worker (joins a router or service) or a Service.

    worker.py client  --port P --name N [--workers K] [--unix PATH]
    worker.py service --name N [--port P] [--workers K] [--unix PATH]
    worker.py router  [--port P] [--unix PATH]
    worker.py call    --port P --name N --seconds S [--style rpc|cast|stream|wait]
                      (blocks in one long call: slow(S), or wait_for_members of a ghost)

Prints "READY <port>" once connected/listening, then blocks in join() (or in the rpc), so the
tests can stop it with SIGINT, SIGTERM or SIGKILL. The name also becomes DAFFI_TEST_NAME, which
whoami() returns.
"""

import argparse
import faulthandler
import os
import signal
import sys

faulthandler.register(signal.SIGUSR1, all_threads=True)  # the tests ask for stacks of a hung peer

parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=("client", "service", "router", "call"))
parser.add_argument("--name", required=True)
parser.add_argument("--port", type=int, default=None)
parser.add_argument("--workers", type=int, default=1)
parser.add_argument("--unix", default=None)
parser.add_argument("--seconds", type=float, default=60.0)
parser.add_argument("--style", default="rpc", choices=("rpc", "cast", "stream", "wait"))
opts = parser.parse_args()

os.environ["DAFFI_TEST_NAME"] = opts.name
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import shared_callbacks  # noqa: E402,F401 - registers the callbacks
from daffi import Client, Router, Service  # noqa: E402

where = {"unix_sock_path": opts.unix} if opts.unix else {"host": "127.0.0.1", "port": opts.port}

if opts.mode == "router":
    node = Router(**where)
    node.start()
    print(f"READY {node.port}", flush=True)
    node.join()
    print("STOPPED", flush=True)
elif opts.mode == "service":
    node = Service(app_name=opts.name, workers=opts.workers, **where)
    node.start()
    print(f"READY {node.port}", flush=True)
    node.join()
    print("STOPPED", flush=True)
elif opts.mode == "client":
    node = Client(app_name=opts.name, workers=opts.workers, **where)
    node.connect()
    print(f"READY {opts.port}", flush=True)
    node.join()
    print("STOPPED", flush=True)
else:
    node = Client(app_name=opts.name, **where)
    conn = node.connect()
    print(f"READY {opts.port}", flush=True)
    print("CALLING", flush=True)
    try:
        if opts.style == "rpc":
            conn.rpc().slow(opts.seconds)
        elif opts.style == "cast":
            conn.cast().slow(opts.seconds)
        elif opts.style == "stream":
            conn.stream(serde=2).slow([opts.seconds])
        else:
            conn.wait_for_members("ghost-that-never-comes")
        print("RETURNED", flush=True)
    except KeyboardInterrupt:
        print("INTERRUPTED", flush=True)
        node.stop()
        sys.exit(0)
