"""The reference daffi Router, behind the same command line and stdout contract as daffi-router,
so the interop suite can be checked against the reference (--router=reference).

Usage: ref_router.py --host 127.0.0.1 --port PORT [--unix PATH]
Prints `daffi-router listening on tcp://HOST:PORT` (and `... on unix://PATH`), then idles until
SIGTERM/SIGINT (the reference's native handler exits with status 0) or until stdin closes.
A reference Router binds one address, so --unix starts a second, separate Router on the path:
TCP and Unix peers are then on two networks, not one.
"""

import argparse
import os
import sys
import threading

from daffi import Router


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--unix")
    a = p.parse_args()

    routers = [Router(app_name="ref-router", host=a.host, port=a.port)]
    routers[0].start()
    print(f"daffi-router listening on tcp://{a.host}:{a.port}", flush=True)
    if a.unix:
        if len(a.unix.encode()) > 26:
            # The reference server silently binds only the first 26 bytes of the path.
            sys.exit(f"ref_router.py: unix path longer than 26 bytes: {a.unix}")
        routers.append(Router(app_name="ref-router-unix", host=a.unix, port=0))
        routers[1].start()
        print(f"daffi-router listening on unix://{a.unix}", flush=True)

    def exit_when_stdin_closes():
        while sys.stdin.buffer.read(1):
            pass
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
