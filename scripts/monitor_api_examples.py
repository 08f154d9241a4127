"""Captures the examples of docs/monitor-api.md from a real run: our daffi-router with its monitor
API, two reference daffi 3.0.1 workers (tests/interop/peers/worker.py) and a reference caller
making rpc (JSON, PICKLE), rpc_nowait, cast, stream and a failing call. Every response is fetched
from the API and written between the "examples" markers of the document; long lists are cut to
their first items.

Usage: build/venv-ref/bin/python scripts/monitor_api_examples.py [--router build/app/router/daffi-router]"""

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import websocket
from daffi import Client, SerdeFormat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "monitor-api.md")
BEGIN, END = "<!-- examples:begin (scripts/monitor_api_examples.py) -->", "<!-- examples:end -->"


def start_router(binary, *extra):
    p = subprocess.Popen([binary, "--port", "0", "--monitor-port", "0", "--log-level", "warning", *extra],
                         stdout=subprocess.PIPE, text=True)
    port = int(re.search(r":(\d+)$", p.stdout.readline().strip()).group(1))
    monitor = int(re.search(r":(\d+)$", p.stdout.readline().strip()).group(1))
    return p, port, monitor


def get(port, path, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, r.getheader("Content-Type"), body


def trim(value, keep=2):
    if isinstance(value, list):
        return [trim(v, keep) for v in value[:keep]] + (["…"] if len(value) > keep else [])
    if isinstance(value, dict):
        return {k: trim(v, keep) for k, v in value.items()}
    return value


def section(title, request, status, body, keep=2):
    text = body.decode()
    try:
        text = json.dumps(trim(json.loads(text), keep), indent=2, ensure_ascii=False)
        lang = "json"
    except ValueError:
        lines = text.splitlines()
        text = "\n".join(lines[:keep] + (["…"] if len(lines) > keep else []))
        lang = "text"
    return f"### {title}\n\n`{request}` → {status}\n\n```{lang}\n{text}\n```\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--router", default=os.path.join(ROOT, "build", "app", "router", "daffi-router"))
    a = ap.parse_args()
    router, port, mon = start_router(a.router)
    workers = [subprocess.Popen([sys.executable, os.path.join(ROOT, "tests/interop/peers/worker.py"), "--name", n,
                                 "--port", str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for n in ("w1", "w2")]
    token_router = None
    try:
        for w in workers:
            assert w.stdout.readline().strip() == "READY"
        caller = Client(app_name="caller", host="127.0.0.1", port=port)
        conn = caller.connect()
        conn.wait_for_members("w1", "w2", timeout=10)
        ws = websocket.create_connection(f"ws://127.0.0.1:{mon}/api/v1/feed", timeout=10)
        hello = ws.recv()
        conn.rpc(timeout=10, receiver="w1", serde=SerdeFormat.JSON).add(3, 4)
        conn.rpc(timeout=10, receiver="w2", serde=SerdeFormat.PICKLE).echo({"k": [1, 2]})
        conn.rpc_nowait(receiver="w1").record("x")
        conn.cast(timeout=10).whoami()
        conn.stream(receiver="w2", timeout=10).chunk(iter([b"a", b"b"]))
        try:
            conn.rpc(timeout=10, receiver="w1").boom()
        except Exception:  # noqa: BLE001 - the example shows the error record
            pass
        batch = ws.recv()
        time.sleep(1.2)  # one rate sample
        ws.close()

        out = []
        for title, path, keep in [("Router", "/api/v1/router", 3), ("Members", "/api/v1/members", 2),
                                  ("Functions", "/api/v1/functions", 1), ("Calls", "/api/v1/calls?since=0&limit=2&answers_since=0", 2),
                                  ("Payload", "/api/v1/calls/1/payload", 2), ("Events", "/api/v1/events?since=0&limit=3", 3),
                                  ("Rates", "/api/v1/rates", 2), ("Health", "/healthz", 2), ("Metrics", "/metrics", 40),
                                  ("Unknown path", "/api/v1/nothing", 2), ("Malformed query", "/api/v1/calls?since=abc", 2)]:
            status, _, body = get(mon, path)
            out.append(section(title, f"GET {path}", status, body, keep))
        out.append(section("Feed: hello", "WebSocket /api/v1/feed, first message", 101, hello.encode(), 2))
        out.append(section("Feed: batch", "a later message", 101, batch.encode(), 2))

        with tempfile.NamedTemporaryFile("w", suffix=".token", delete=False) as f:
            f.write("example-token\n")
        token_router, _, tmon = start_router(a.router, "--monitor-token-file", f.name)
        status, _, body = get(tmon, "/api/v1/router")
        out.append(section("No credentials", "GET /api/v1/router (router with --monitor-token-file)", status, body))
        status, _, body = get(tmon, "/api/v1/router", {"Authorization": "Bearer wrong"})
        out.append(section("Wrong token", "GET /api/v1/router, Authorization: Bearer wrong", status, body))
        os.unlink(f.name)
        caller.stop()
    finally:
        for w in workers:
            w.stdin.close()
            w.wait(10)
        for r in (router, token_router):
            if r:
                r.terminate()
                r.wait(10)

    doc = open(DOC).read()
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    open(DOC, "w").write(doc[:start] + "\n\n" + "\n".join(out) + "\n" + doc[end:])
    print(f"wrote {len(out)} examples into {DOC}")


if __name__ == "__main__":
    main()
