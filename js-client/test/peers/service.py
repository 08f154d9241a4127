"""A Python daffi Service for the js-client end-to-end tests (topology A: pages call it directly).

Listens on --host/--port (plain TCP and WebSocket on the same port), prints READY, and exits when
its stdin closes. Same callbacks as worker.py. Uses the `daffi` of $DAFFI_PYTHON.
"""

import argparse
import os
import sys
import threading

from daffi import Service, callback

NAME = ""


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
def fail(*_):
    raise ValueError("boom")


def main():
    global NAME
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    a = p.parse_args()
    NAME = a.name
    service = Service(app_name=NAME, host=a.host, port=a.port)
    service.start()
    print("READY", flush=True)
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()
