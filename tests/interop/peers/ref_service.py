"""A reference daffi Service (topology A) with demo callbacks, run as its own process.

Starts `daffi.Service` on --host/--port (or a Unix socket path given as --unix), prints
`READY` on stdout once it listens, then idles. It exits when its stdin closes, so a dead test
run never leaves it behind; SIGTERM ends it through the reference's native handler (exit 0).

Callbacks: add(a, b), echo(x), fail() raises ValueError("boom"), whoami(), describe(*a, **kw),
collect(x) appends x and returns how many were collected, collected() returns them all.

Usage: ref_service.py --name NAME (--port PORT [--host HOST] | --unix PATH)
"""

import argparse
import os
import sys
import threading

from daffi import Service, callback

NAME = ""
COLLECTED = []
LOCK = threading.Lock()


@callback
def whoami(*_):
    return NAME


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
def fail(*_):
    raise ValueError("boom")


@callback
def collect(x):
    with LOCK:
        COLLECTED.append(x)
        return len(COLLECTED)


@callback
def collected(*_):
    with LOCK:
        return list(COLLECTED)


def main():
    global NAME
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--unix")
    a = p.parse_args()
    NAME = a.name

    if a.unix:
        # See peers/worker.py: unix_sock_path is broken in 3.0.1, a path as host works.
        service = Service(app_name=NAME, host=a.unix, port=0)
    else:
        service = Service(app_name=NAME, host=a.host, port=a.port)
    service.start()
    print("READY", flush=True)

    def exit_when_stdin_closes():
        try:
            while sys.stdin.buffer.read(1):
                pass
        finally:
            os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
