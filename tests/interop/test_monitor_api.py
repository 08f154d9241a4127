"""The monitor API of our daffi-router (docs/monitor-api.md), watched while reference daffi 3.0.1
workers and callers make calls through it, so that what it shows comes from the wire: every
endpoint, the live feed's loss accounting, the router's memory with an observer that never
reads, refusals (401, 404, 400, 413, deadline) with routing going on alongside."""

import base64
import http.client
import json
import os
import pickle
import re
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
import websocket
from daffi import SerdeFormat

from conftest import (DEFAULT_ROUTER, ROUTER_START_DEADLINE, ROOT, TCP_LINE, Network, Workers,
                      call_within, wait_until)

pytestmark = pytest.mark.ours_only(reason="the reference Router has no monitor API")

T = 10
MONITOR_LINE = re.compile(r"^daffi-router monitor at (https?)://([^\s:]+):(\d+)\s*$")
TLS = ROOT / "tests" / "data" / "tls"


class Monitored(Network):
    """Our router with its monitor API, and plain HTTP helpers against that API."""

    def __init__(self, proc, host, port, scheme, monitor_host, monitor_port):
        super().__init__("ours", proc, host, port, None)
        self.scheme, self.monitor_host, self.monitor_port = scheme, monitor_host, monitor_port

    @property
    def url(self):
        return f"{self.scheme}://{self.monitor_host}:{self.monitor_port}"

    def connection(self, context=None):
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.monitor_host, self.monitor_port, timeout=10,
                                               context=context or insecure_context())
        return http.client.HTTPConnection(self.monitor_host, self.monitor_port, timeout=10)

    def request(self, path, headers=None, context=None):
        c = self.connection(context)
        try:
            c.request("GET", path, headers=headers or {})
            r = c.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            c.close()

    def get(self, path, **kw):
        status, headers, body = self.request(path, **kw)
        assert status == 200, (path, status, body)
        return json.loads(body) if headers.get("Content-Type", "").startswith("application/json") else body

    def rss_kib(self):
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")


def insecure_context():
    ctx = ssl.create_default_context(cafile=str(TLS / "ca.crt"))
    ctx.check_hostname = False
    return ctx


def start_monitored(procs, *extra):
    binary = Path(os.environ.get("DAFFI_ROUTER") or DEFAULT_ROUTER)
    argv = [binary, "--host", "127.0.0.1", "--port", "0", "--log-level", "info", "--monitor-port", "0", *extra]
    proc = procs.start(argv, "daffi-router", keep_stdin_open=False)
    tcp = proc.wait_line(TCP_LINE.match, ROUTER_START_DEADLINE, "'listening on tcp://' line")
    mon = proc.wait_line(MONITOR_LINE.match, ROUTER_START_DEADLINE, "'monitor at' line")
    return Monitored(proc, tcp.group(1), int(tcp.group(2)), mon.group(1), mon.group(2), int(mon.group(3)))


@pytest.fixture
def monitored(procs):
    return start_monitored(procs)


@pytest.fixture
def mworkers(monitored, procs):
    return Workers(monitored, procs)


def all_calls(m, limit=7):
    """Pages through /api/v1/calls from the start; checks no page repeats or skips a record."""
    since, seen = 0, []
    while True:
        page = m.get(f"/api/v1/calls?since={since}&limit={limit}")
        assert page["lost"] == 0
        seqs = [c["seq"] for c in page["calls"]]
        assert seqs == list(range(since + 1, since + 1 + len(seqs))), (since, seqs)
        seen += page["calls"]
        since = page["next_since"]
        if not page["more"]:
            return seen


def test_every_endpoint_shows_what_crossed_the_wire(monitored, mworkers, make_caller):
    m = monitored
    mworkers.start("w1", "w2")
    caller = make_caller("caller", net=m)
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)

    assert caller.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.JSON).add(3, 4) == 7
    assert caller.conn.rpc(timeout=T, receiver="w2", serde=SerdeFormat.PICKLE).echo({"k": [1, 2]}) == {"k": [1, 2]}
    for i in range(10):
        caller.conn.rpc(timeout=T).add(i, i)
    assert caller.conn.cast(timeout=T).whoami() == {"w1": "w1", "w2": "w2"}
    caller.conn.rpc_nowait(receiver="w1").record("nowait")
    call_within(30, caller.conn.stream(receiver="w2", timeout=T).chunk, iter([b"a", b"b", b"c"]))
    with pytest.raises(Exception):
        caller.conn.rpc(timeout=T, receiver="w1").boom()

    health = m.request("/healthz")
    assert health[0] == 200 and health[2] == b"ok\n"

    info = m.get("/api/v1/router")
    assert info["api"] == "daffi-monitor/1" and info["payloads"] is True
    assert info["listen"] == [f"tcp://127.0.0.1:{m.port}"]
    assert info["counters"]["members"] == 3
    assert info["counters"]["calls"] >= 18 and info["counters"]["errors"] >= 1

    members = {x["name"]: x for x in m.get("/api/v1/members")["members"]}
    assert set(members) == {"w1", "w2", "caller"}
    w1 = members["w1"]
    assert w1["transport"] == "tcp" and w1["address"].startswith("127.0.0.1:")
    assert "add" in w1["functions"] and w1["connected_ms"] > 0
    assert members["caller"]["calls_out"] >= 18
    assert members["w1"]["calls_in"] + members["w2"]["calls_in"] == members["caller"]["calls_out"]
    assert members["w1"]["errors"] >= 1  # its ERROR answer to boom()
    for x in members.values():
        assert x["in_flight"] == 0 and x["queued_bytes"] == 0 and x["bytes_in"] > 0

    functions = {f["name"]: f for f in m.get("/api/v1/functions")["functions"]}
    add = functions["add"]
    assert add["providers"] == 2 and add["calls"] == 11 and add["errors"] == 0
    assert add["latency"]["1m"]["count"] == 11 and add["latency"]["15m"]["count"] == 11
    lat = add["latency"]["1m"]
    assert 0 < lat["p50_us"] <= lat["p90_us"] <= lat["p99_us"] <= lat["max_us"]
    assert {p["name"] for p in add["per_provider"]} == {"w1", "w2"}
    assert sum(p["calls"] for p in add["per_provider"]) == 11
    assert functions["boom"]["errors"] == 1
    assert functions["chunk"]["calls"] == 3

    calls = all_calls(m)
    assert len(calls) == info["counters"]["last_call_seq"]
    by_function = {}
    for c in calls:
        by_function.setdefault(c["function"], []).append(c)
    first_add = by_function["add"][0]
    assert first_add["caller"] == "caller" and first_add["receiver"] == "w1"
    assert first_add["serde"] == "JSON" and first_add["status"] == "ok" and first_add["latency_us"] > 0
    assert {c["status"] for c in by_function["whoami"]} == {"ok"} and len(by_function["whoami"]) == 2
    assert by_function["record"][0]["status"] == "sent"
    assert by_function["boom"][0]["status"] == "error"

    payload = m.get(f"/api/v1/calls/{first_add['seq']}/payload")
    assert json.loads(base64.b64decode(payload["request"]["data"])) == {"args": [3, 4], "kwargs": {}}
    assert payload["answer"]["flag"] == "RESPONSE"
    pickled = by_function["echo"][0]
    assert pickled["serde"] == "PICKLE"
    request = m.get(f"/api/v1/calls/{pickled['seq']}/payload")["request"]
    assert request["serde"] == "PICKLE" and request["kept"] is True

    events = m.get("/api/v1/events?since=0")
    joined = [e["member"] for e in events["events"] if e["kind"] == "joined"]
    assert sorted(joined[:2]) == ["w1", "w2"] and joined[2] == "caller"
    assert events["lost"] == 0 and events["next_since"] == events["last_seq"]

    rates = wait_until(lambda: (lambda r: r if any(s["kind"] == "function" and s["key"] == "add"
                                                   for s in r["series"]) else None)(m.get("/api/v1/rates")),
                       5, "a rate series for add")
    assert rates["totals"] and all(len(p) == 3 for p in rates["totals"])

    metrics = m.get("/metrics").decode()
    for name in ("daffi_function_providers{function=\"add\"} 2", "daffi_call_latency_seconds_count{function=\"add\"} 11",
                 "daffi_members_dropped_total{reason=\"write_stall\"} 0", "daffi_monitor_feed_dropped_total 0",
                 "daffi_router_start_time_seconds ", "daffi_build_info{version="):
        assert name in metrics, name
    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: scripts/setup.sh installs Debian's prometheus package"
    check = subprocess.run([promtool, "check", "metrics"], input=metrics.encode(), capture_output=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr


def test_pickle_payload_is_the_callers_bytes(monitored, mworkers, make_caller):
    mworkers.start("w1")
    caller = make_caller("caller", net=monitored)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    assert caller.conn.rpc(timeout=T, serde=SerdeFormat.PICKLE).echo({"k": [1, 2]}) == {"k": [1, 2]}
    call = [c for c in all_calls(monitored) if c["function"] == "echo"][0]
    parts = monitored.get(f"/api/v1/calls/{call['seq']}/payload")
    # PROTOCOL.md §4: (args, kwargs), and the answer as if it were the single argument.
    assert pickle.loads(base64.b64decode(parts["request"]["data"])) == (({"k": [1, 2]},), {})
    assert pickle.loads(base64.b64decode(parts["answer"]["data"])) == (({"k": [1, 2]},), {})
    assert parts["answer"]["serde"] == "PICKLE" and parts["answer"]["flag"] == "RESPONSE"


def test_departed_members_and_lost_calls(monitored, mworkers, make_caller):
    m = monitored
    w1 = mworkers.start("w1")
    caller = make_caller("caller", net=m)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    # The call must have ended (the reference caller fails it about a second after w1 leaves)
    # before the caller closes at the end of the test: a thread still inside the reference
    # client's native call when that client is closed crashes the whole pytest process.
    hanging = threading.Thread(target=lambda: _ignore(lambda: caller.conn.rpc(timeout=30, receiver="w1").hang()),
                               daemon=True)
    hanging.start()
    w1.wait_line(lambda line: line == "HANGING", 10, "HANGING")
    assert m.get("/api/v1/functions") and wait_until(
        lambda: {x["name"]: x for x in m.get("/api/v1/members")["members"]}["w1"]["serving"] == 1, 5, "w1 serving 1")
    w1.popen.kill()

    gone = wait_until(lambda: m.get("/api/v1/members")["departed"], 10, "w1 in departed")
    assert gone[0]["name"] == "w1" and gone[0]["cause"] == "closed" and gone[0]["reason"]
    hang = [c for c in all_calls(m) if c["function"] == "hang"][0]
    assert hang["status"] == "lost" and "provider left" in hang["detail"]
    fn = {f["name"]: f for f in m.get("/api/v1/functions")["functions"]}["hang"]
    assert fn["timeouts"] == 1 and fn["providers"] == 0 and fn["per_provider"][0]["connected"] is False
    left = [e for e in m.get("/api/v1/events")["events"] if e["kind"] == "left"]
    assert left[0]["member"] == "w1" and left[0]["cause"] == gone[0]["cause"]
    assert 'daffi_members_dropped_total{reason="closed"} 1\n' in m.get("/metrics").decode()
    hanging.join(15)
    assert not hanging.is_alive(), "the call to the killed w1 was still waiting 15 s after the kill"


def _ignore(fn):
    try:
        fn()
    except Exception:  # noqa: BLE001 - the call is expected to fail when its worker dies
        pass


def feed(m, query="", timeout=10):
    ws = websocket.create_connection(f"ws://{m.monitor_host}:{m.monitor_port}/api/v1/feed{query}", timeout=timeout)
    hello = json.loads(ws.recv())
    assert hello["type"] == "hello"
    return ws, hello


def test_feed_loses_nothing_when_the_observer_keeps_up(monitored, mworkers, make_caller):
    mworkers.start("w1")
    caller = make_caller("caller", net=monitored)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    ws, hello = feed(monitored)
    assert [x["name"] for x in hello["members"]] == ["w1", "caller"]
    start = hello["cursors"]["calls"]

    n = 300
    for i in range(n):
        if i % 3 == 0:
            caller.conn.rpc_nowait(receiver="w1").record(i)
        else:
            caller.conn.rpc(timeout=T, serde=SerdeFormat.JSON if i % 2 else SerdeFormat.PICKLE).add(i, 1)
    seen, statuses, lost, batches = [], {}, 0, []
    deadline = time.monotonic() + 15
    while (len(seen) < n or any(s == "pending" for s in statuses.values())) and time.monotonic() < deadline:
        b = json.loads(ws.recv())
        batches.append(b["time_ms"])
        lost += sum(b["lost"].values())
        for c in b["calls"]:
            seen.append(c["seq"])
            statuses[c["seq"]] = c["status"]
        for a in b["answers"]:
            statuses[a["seq"]] = a["status"]
    ws.close()
    assert lost == 0
    assert seen == list(range(start + 1, start + 1 + n))
    assert sorted(statuses.values()).count("ok") == n - n // 3 and list(statuses.values()).count("sent") == n // 3
    # At most ten batches a second.
    assert all(b - a >= 90 for a, b in zip(batches, batches[1:])), batches


def test_feed_resumes_without_repeats(monitored, mworkers, make_caller):
    mworkers.start("w1")
    caller = make_caller("caller", net=monitored)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    for i in range(5):
        caller.conn.rpc(timeout=T).add(i, 1)
    ws, hello = feed(monitored, "?since=2&events_since=0")
    got = []
    while len(got) < 3:
        got += [c["seq"] for c in json.loads(ws.recv())["calls"]]
    ws.close()
    assert got == [3, 4, 5]


def test_feed_counts_what_a_slow_observer_lost(procs, make_caller):
    m = start_monitored(procs, "--monitor-ring-size", "50")
    Workers(m, procs).start("w1")
    caller = make_caller("caller", net=m)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    ws, hello = feed(m)
    start = hello["cursors"]["calls"]
    # Faster than one batch per 100 ms can carry out of a ring of 50: records are overwritten
    # before the feed comes to them, and each batch says how many.
    n = 3000
    for i in range(n):
        caller.conn.rpc_nowait(receiver="w1").record(i)
    last = m.get("/api/v1/router")["counters"]["last_call_seq"]
    seen, lost = set(), 0
    while start + len(seen) + lost < last:
        b = json.loads(ws.recv())
        lost += b["lost"]["calls"]
        new = {c["seq"] for c in b["calls"]}
        assert not new & seen
        seen |= new
    ws.close()
    assert lost > 0
    assert start + len(seen) + lost == last
    assert f"daffi_monitor_feed_dropped_total {lost}\n" in m.get("/metrics").decode()


def test_an_observer_that_never_reads_leaves_memory_bounded(procs, make_caller):
    m = start_monitored(procs, "--monitor-ring-size", "1000")
    Workers(m, procs).start("w1")
    caller = make_caller("caller", net=m)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    for i in range(200):  # warm up the rings and allocators
        caller.conn.rpc_nowait(receiver="w1").record(i)
    before = m.rss_kib()

    sleeper = socket.socket()
    sleeper.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sleeper.connect((m.monitor_host, m.monitor_port))
    sleeper.sendall(b"GET /api/v1/feed HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    # It never reads again: 100,000 records (about 22 MB of JSON) are more than the kernel's
    # buffers and the feed's per-observer cap (2 MiB) take; the rest is dropped, calls go on.
    for i in range(100_000):
        caller.conn.rpc_nowait(receiver="w1").record(i)
    assert caller.conn.rpc(timeout=T, receiver="w1").add(1, 2) == 3
    dropped = wait_until(lambda: m.get("/api/v1/router")["feed"]["dropped"], 10, "feed records dropped")
    grown = m.rss_kib() - before
    sleeper.close()
    assert dropped > 0
    assert grown < 12 * 1024, f"router RSS grew by {grown} KiB with an observer that never reads"


def raw(m, data, wait=8):
    s = socket.create_connection((m.monitor_host, m.monitor_port), timeout=wait)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        pass
    s.close()
    return out


class Traffic:
    """A reference caller calling w1 in a loop while the monitor is attacked; all must succeed."""

    def __init__(self, caller):
        self.caller, self.ok, self.failures = caller, 0, []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                assert self.caller.conn.rpc(timeout=T, receiver="w1").add(1, 1) == 2
                self.ok += 1
            except Exception as e:  # noqa: BLE001 - recorded
                self.failures.append(repr(e))
                return
            time.sleep(0.005)

    def finish(self):
        self._stop.set()
        self.thread.join(15)
        assert not self.failures and self.ok > 0


def test_hostile_requests_are_refused_while_routing_goes_on(monitored, mworkers, make_caller):
    m = monitored
    mworkers.start("w1")
    caller = make_caller("caller", net=m)
    caller.conn.wait_for_members("w1", timeout=10, interval=0.05)
    traffic = Traffic(caller)

    status, _, body = m.request("/api/v2/nothing")
    assert status == 404 and "/api/v1/" in json.loads(body)["error"]
    status, _, body = m.request("/api/v1/calls?since=-1")
    assert status == 400 and "since" in json.loads(body)["error"]
    status, _, body = m.request("/api/v1/calls/abc/payload")
    assert status == 400
    assert raw(m, b"garbage that is not http\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    assert raw(m, b"POST /api/v1/router HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}").startswith(b"HTTP/1.1 405 ")
    big = raw(m, b"GET /api/v1/router HTTP/1.1\r\nX-Pad: " + b"a" * 100_000 + b"\r\n\r\n")
    assert big.startswith(b"HTTP/1.1 413 ")
    huge_body = raw(m, b"GET /api/v1/router HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n" + b"x" * 200_000)
    assert huge_body.startswith(b"HTTP/1.1 413 ")

    # Slow: one byte a second never makes a request within the deadline (5 s).
    s = socket.create_connection((m.monitor_host, m.monitor_port), timeout=10)
    started = time.monotonic()
    closed = False
    for ch in b"GET /api/v1/router HTTP/1.1\r\nHost: x\r\n":
        try:
            s.sendall(bytes([ch]))
        except OSError:
            closed = True
            break
        s.settimeout(1)
        try:
            if s.recv(1) == b"":
                closed = True
                break
        except socket.timeout:
            pass
        except OSError:
            closed = True
            break
    assert closed and time.monotonic() - started < 12
    s.close()
    # Silent connections are cut too, and many at once do not stop the API.
    silent = [socket.create_connection((m.monitor_host, m.monitor_port)) for _ in range(20)]
    assert m.request("/healthz")[0] == 200
    for x in silent:
        x.close()
    traffic.finish()


def test_refusing_to_listen_beyond_loopback_without_tls_and_a_credential(procs, tmp_path):
    binary = Path(os.environ.get("DAFFI_ROUTER") or DEFAULT_ROUTER)
    argv = [binary, "--port", "0", "--monitor-port", "0", "--monitor-host", "0.0.0.0"]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    assert run.returncode != 0 and "TLS" in run.stderr and "127.0.0.1" in run.stderr, run.stderr
    tls = ["--monitor-tls-cert", str(TLS / "server.crt"), "--monitor-tls-key", str(TLS / "server.key")]
    run = subprocess.run(argv + tls, capture_output=True, text=True, timeout=20)
    assert run.returncode != 0 and "credential" in run.stderr, run.stderr


def test_bearer_token_over_tls(procs, tmp_path):
    token = tmp_path / "token"
    token.write_text("s3cret-token\n")
    m = start_monitored(procs, "--monitor-host", "0.0.0.0", "--monitor-tls-cert", str(TLS / "server.crt"),
                        "--monitor-tls-key", str(TLS / "server.key"), "--monitor-token-file", str(token))
    assert m.scheme == "https"
    m.monitor_host = "127.0.0.1"
    status, headers, body = m.request("/api/v1/router")
    assert status == 401 and "Authorization: Bearer" in json.loads(body)["error"]
    assert headers["WWW-Authenticate"].startswith("Bearer")
    status, _, body = m.request("/api/v1/router", headers={"Authorization": "Bearer wrong"})
    assert status == 401 and "wrong" in json.loads(body)["error"]
    assert m.request("/healthz")[0] == 200
    info = m.get("/api/v1/router", headers={"Authorization": "Bearer s3cret-token"})
    assert info["payloads"] is False  # off beyond loopback unless --monitor-payloads
    status, _, body = m.request("/api/v1/calls/1/payload", headers={"Authorization": "Bearer s3cret-token"})
    assert status == 403 and "--monitor-payloads" in json.loads(body)["error"]
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(f"wss://127.0.0.1:{m.monitor_port}/api/v1/feed",
                                    sslopt={"context": insecure_context()}, timeout=10)
    assert refused.value.status_code == 401
    ws = websocket.create_connection(f"wss://127.0.0.1:{m.monitor_port}/api/v1/feed", timeout=10,
                                     sslopt={"context": insecure_context()},
                                     header=["Authorization: Bearer s3cret-token"])
    assert json.loads(ws.recv())["type"] == "hello"
    ws.close()


def test_client_certificates(procs):
    m = start_monitored(procs, "--monitor-host", "0.0.0.0", "--monitor-tls-cert", str(TLS / "server.crt"),
                        "--monitor-tls-key", str(TLS / "server.key"), "--monitor-tls-ca", str(TLS / "ca.crt"))
    m.monitor_host = "127.0.0.1"
    status, _, body = m.request("/api/v1/router")
    assert status == 401 and "client certificate" in json.loads(body)["error"]
    rogue = insecure_context()
    rogue.load_cert_chain(str(TLS / "rogue-client.crt"), str(TLS / "rogue-client.key"))
    status, _, body = m.request("/api/v1/router", context=rogue)
    assert status == 401 and "refused" in json.loads(body)["error"]
    good = insecure_context()
    good.load_cert_chain(str(TLS / "client.crt"), str(TLS / "client.key"))
    assert m.get("/api/v1/router", context=good)["api"] == "daffi-monitor/1"


def test_metrics_port_is_an_alias(procs):
    binary = Path(os.environ.get("DAFFI_ROUTER") or DEFAULT_ROUTER)
    proc = procs.start([binary, "--port", "0", "--metrics-port", "0"], "daffi-router", keep_stdin_open=False)
    mon = proc.wait_line(MONITOR_LINE.match, ROUTER_START_DEADLINE, "'monitor at' line")
    c = http.client.HTTPConnection(mon.group(2), int(mon.group(3)), timeout=10)
    c.request("GET", "/metrics")
    r = c.getresponse()
    assert r.status == 200 and b"daffi_members 0" in r.read()
    c.close()
    proc.signal(signal.SIGTERM)
