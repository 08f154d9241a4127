"""A reference-daffi worker for the interop suite, run as its own process.

Connects a reference `daffi.Client` with the callbacks below to the router under test, prints
`READY` on stdout once the handshake is done, then idles. It prints `CONNECTION-ERROR <Type>`
and exits with status 3 when the reference client reports a lost connection (e.g. `Evicted`),
and exits when its stdin closes, so a dead test run never leaves it behind.

With --report-members it also prints `MEMBERS <json list>` (the registry right after the
handshake) and then `ADDED <name>` / `REMOVED <name>` for every membership event, in order.

Usage: worker.py --name NAME (--port PORT [--host HOST] | --unix PATH) [--tag TAG] [--report-members]
"""

import argparse
import json
import os
import sys
import threading
import time

from daffi import Client, callback

NAME = ""
TAG = ""
RECORDED = []
CHUNKS = []


@callback
def whoami(*_):
    return NAME


@callback
def tag(*_):
    return TAG


@callback
def pid(*_):
    return os.getpid()


@callback
def echo(x):
    return x


@callback
def add(a, b):
    return a + b


@callback
def describe(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs, "types": [type(a).__name__ for a in args]}


@callback
def size(x):
    return len(x)


@callback
def boom(*_):
    raise ValueError("boom")


@callback
def record(x):
    RECORDED.append(x)


@callback
def recorded(*_):
    return list(RECORDED)


@callback
def chunk(x):
    CHUNKS.append(x)
    return len(CHUNKS)


@callback
def chunks(*_):
    return list(CHUNKS)


@callback
def chunk_count(*_):
    return len(CHUNKS)


@callback
def hang(*_):
    print("HANGING", flush=True)
    time.sleep(120)
    return "woke up"


def _exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


def main():
    global NAME, TAG
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--unix")
    p.add_argument("--tag", default="")
    p.add_argument("--report-members", action="store_true")
    a = p.parse_args()
    NAME, TAG = a.name, a.tag

    if a.unix:
        # The reference's unix_sock_path is never passed to its native layer (PYTHON_API.md
        # §1.13); a host that is not an address makes the native client fall back to a Unix
        # socket at that path (PROTOCOL.md §2.1), and the port is then unused.
        client = Client(app_name=NAME, host=a.unix, port=0)
    else:
        client = Client(app_name=NAME, host=a.host, port=a.port)
    if a.report_members:
        client.on_member_added(lambda name: print(f"ADDED {name}", flush=True))
        client.on_member_removed(lambda name: print(f"REMOVED {name}", flush=True))
    client.connect()
    if a.report_members:
        from daffi._bindings import get_available_members
        print("MEMBERS " + json.dumps([m["name"] for m in get_available_members(client._conn_num)]), flush=True)
    print("READY", flush=True)
    threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()

    while True:
        err = client._connection_error
        if err is not None:
            print(f"CONNECTION-ERROR {type(err).__name__}", flush=True)
            os._exit(3)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
