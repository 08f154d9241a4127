"""The three processes of the installed-wheel test (test_wheel.py), each run on the wheel in a
fresh venv where the system's Qt and OpenSSL are hidden (hide_system_qt.sh).

  router               starts a plain TCP router and a TLS one; prints {"tcp": port, "tls": port}
  worker TCP TLS       joins both as "wheel-worker", exposing add(); prints "ready"
  caller TCP TLS       calls add over each; prints what it got and which libraries it loaded

router and worker run until their stdin closes. Every wait is bounded.
"""

import json
import sys
from pathlib import Path

import daffi
from daffi import Client, Router, callback

TLS = Path(__file__).resolve().parents[1] / "data" / "tls"
HOST = "127.0.0.1"


@callback
def add(a, b):
    return a + b


def serve_until_stdin_closes(nodes):
    sys.stdin.read()
    for node in nodes:
        node.stop()


def router():
    plain = Router(host=HOST, port=0)
    tls = Router(host=HOST, port=0, tls=True, cert_file=str(TLS / "server.crt"), key_file=str(TLS / "server.key"))
    plain.start()
    tls.start()
    print(json.dumps({"tcp": plain.port, "tls": tls.port}), flush=True)
    serve_until_stdin_closes([plain, tls])


def connect(port, name, tls):
    options = {"tls": True, "ca_file": str(TLS / "ca.crt")} if tls else {}
    client = Client(app_name=name, host=HOST, port=port, reconnect_attempts=0, **options)
    return client, client.connect()


def worker(tcp_port, tls_port):
    nodes = [connect(tcp_port, "wheel-worker", False)[0], connect(tls_port, "wheel-worker", True)[0]]
    print("ready", flush=True)
    serve_until_stdin_closes(nodes)


def loaded(name):
    """Where the library whose file name starts with `name` was loaded from, in this process."""
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1] if len(line.split()) >= 6 else ""
        if Path(path).name.startswith(name):
            return path
    return None


def caller(tcp_port, tls_port):
    results = {}
    for kind, port, tls in (("tcp", tcp_port, False), ("tls", tls_port, True)):
        client, conn = connect(port, f"wheel-caller-{kind}", tls)
        conn.wait_for_members("wheel-worker", timeout=20)
        results[kind] = conn.rpc(timeout=20, receiver="wheel-worker").add(3, 4)
        client.stop()
    results["package"] = str(Path(daffi.__file__).parent)
    results["qtcore"] = loaded("libQt6Core")
    results["ssl"] = loaded("libssl")
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    role, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
    {"router": router, "worker": worker, "caller": caller}[role](*ports)
