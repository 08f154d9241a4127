"""A Python daffi worker for the js-client end-to-end tests, run as its own process.

Connects a daffi Client named --name to the router at --host/--port, prints READY once the
handshake is done, and exits when its stdin closes (so a dead test run never leaves it behind) or
when it loses its connection (printing CONNECTION-ERROR). Uses whatever `daffi` the interpreter
in $DAFFI_PYTHON imports: today the reference daffi 3.0.1 from build/venv-ref, later ours.
"""

import argparse
import os
import sys
import threading
import time

from daffi import Client, callback

NAME = ""
RECORDED = []
LOCK = threading.Lock()


@callback
def whoami(*_):
    return NAME


@callback
def add(a, b):
    return a + b


@callback
def echo(x):
    return x


@callback
def describe(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs, "types": [type(a).__name__ for a in args]}


@callback
def size(x):
    return len(x)


@callback
def fail(*_):
    raise ValueError("boom")


@callback
def record(x):
    with LOCK:
        RECORDED.append(x)


@callback
def sink(x):
    """A stream's chunk: recorded like record(x), except "hold", which stays unanswered for 60 s."""
    if x == "hold":
        time.sleep(60)
        return
    with LOCK:
        RECORDED.append(x)


@callback
def recorded(*_):
    with LOCK:
        return list(RECORDED)


@callback
def hang(*_):
    time.sleep(60)
    return "woke up"


def _exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


def main():
    global NAME
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    a = p.parse_args()
    NAME = a.name
    threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    client = Client(app_name=NAME, host=a.host, port=a.port)
    client.connect()
    print("READY", flush=True)
    while True:
        err = getattr(client, "_connection_error", None)
        if err is not None:
            print(f"CONNECTION-ERROR {type(err).__name__}", flush=True)
            os._exit(3)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
