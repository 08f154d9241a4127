"""Hostile peers against the real daffi-router and a Service (daffi-call service): each is closed
with a logged reason while a well-behaved caller alongside sees every call succeed.
In-process variants live in tests/integration/tst_router.cpp (malformedFrameClosesOnlyItsConnection,
badProbeRefused, requestBeforeHandshakeRefused, malformedHelloGetsParseError, silentPeerClosedOthersServed,
slowReceiverBoundsMemory) and tst_tls.cpp (slowTlsHandshakeDoesNotBlockOthers)."""
import json
import socket
import ssl
import threading
import time

import pytest

from conftest import TLS, call, check_rss, start_router, start_service, start_worker
from daffiwire import (ERROR, HANDSHAKE, JSON, PROBE, REQUEST, RESPONSE, Peer, frame, header,
                       hello_frame)


class GoodCaller:
    """Calls `echo` on `receiver` in a loop from a thread; every call must succeed."""

    def __init__(self, port, receiver, name="good"):
        self.peer = Peer(port)
        assert self.peer.hello(name) is not None
        self.receiver = receiver
        self.ok = 0
        self.failures = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        n = 0
        while not self._stop.is_set():
            n += 1
            token = f"t{n}".encode()
            try:
                uuid = self.peer.request(self.receiver, b"echo", token)
                f = self.peer.wait(lambda f: f.uuid == uuid and f.flag in (RESPONSE, ERROR), 5)
            except Exception as e:  # noqa: BLE001 - recorded as a failure
                self.failures.append(repr(e))
                return
            if f is None or f.flag != RESPONSE or f.data != token:
                self.failures.append(f"call {n}: {f!r}")
            else:
                self.ok += 1
            time.sleep(0.005)

    def finish(self):
        self._stop.set()
        self.thread.join(10)
        self.peer.close()
        assert not self.failures, self.failures[:5]
        assert self.ok > 0


@pytest.fixture(params=["router", "service"])
def target(request, procs):
    """(kind, port of the server under attack, log process, receiver name for echo)."""
    if request.param == "router":
        r = start_router(procs, "--max-message-size", "65536")
        start_worker(procs, r.port, "w")
        return "router", r.port, r, b"w"
    s = start_service(procs, "svc")
    return "service", s.port, s, b"svc"


CASES = {
    "garbage bytes": lambda kind: [b"\x16\x03\x01garbage that is neither probe nor GET"],
    "truncated frame": lambda kind: [PROBE + header(1, HANDSHAKE, 200, 2, JSON) + b"||{\"ty"],
    "unknown flag": lambda kind: [PROBE + frame(1, 9, b"x||", b"data")],
    "metadata with 0 |": lambda kind: [PROBE + frame(1, REQUEST, b"abc", b"data")],
    "metadata with 1 |": lambda kind: [PROBE + frame(1, REQUEST, b"a|b", b"data")],
    "metadata with 3 |": lambda kind: [PROBE + frame(1, REQUEST, b"a|b|c|d", b"data")],
    "metadata_len above msg_len": lambda kind: [PROBE + header(1, REQUEST, 4, 40) + b"a||b"],
    "hello malformed JSON": lambda kind: [PROBE + frame(1, HANDSHAKE, b"m||", b"{not json", JSON)],
    "hello huge": lambda kind: [PROBE + frame(1, HANDSHAKE, b"m||",
                                              b'{"meta":{"type":"client","error":null},"members":[{"name":"m","methods":["' + b"a" * (60000 if kind == "router" else 4_000_000),
                                              JSON)],
    "hello wrong name": lambda kind: [PROBE + (hello_frame(1, "bob").replace(b"bob||", b"eve||", 1)
                                               if kind == "router" else frame(1, HANDSHAKE, b"||", b'{"meta":{"type":"client","error":null},"members":[]}', JSON))],
    "request before hello": lambda kind: [PROBE + frame(1, REQUEST, b"x|w|echo", b"hi")],
    "silent after probe": lambda kind: [PROBE],
    "nothing at all": lambda kind: [],
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_peer_closed_with_reason(target, case):
    kind, port, server, receiver = target
    good = GoodCaller(port, receiver)
    log_start = len(server.lines)
    bad = Peer(port, probe=False)
    for chunk in CASES[case](kind):
        bad.sock.sendall(chunk)
    # Closed at once for bad framing, or at the 1 s admission/handshake deadline otherwise.
    assert bad.closed_within(5), f"{case}: still open"
    bad.close()
    reason = server.wait_line(r"(refused|closed before joining|malformed hello|left)", 5, start=log_start)
    assert reason, f"{case}: no reason logged:\n" + "\n".join(server.lines[log_start:])
    time.sleep(0.2)
    good.finish()


def test_message_larger_than_the_limit_closed(procs):
    """--max-message-size 65536: a header announcing 1 MiB closes the connection before the body."""
    r = start_router(procs, "--max-message-size", "65536")
    start_worker(procs, r.port, "w")
    good = GoodCaller(r.port, b"w")
    start = len(r.lines)
    bad = Peer(r.port)
    assert bad.hello("big") is not None
    bad.sock.sendall(header(2, REQUEST, 1 << 20, 7) + b"big|w|e")
    assert bad.closed_within(3)
    assert r.wait_line(r"left:.*(too large|exceeds|limit|larger)", 5, start=start), "\n".join(r.lines[start:])
    good.finish()


def test_thousand_silent_connections(procs):
    r = start_router(procs)
    start_worker(procs, r.port, "w")
    time.sleep(0.3)
    fds0, rss0 = r.fds(), r.rss_kib()
    good = GoodCaller(r.port, b"w")
    socks = []
    for _ in range(1000):
        s = socket.create_connection(("127.0.0.1", r.port), timeout=5)
        socks.append(s)
    time.sleep(0.5)
    peak_fds = r.fds()
    # The 1 s admission deadline closes all of them; the router's fds come back.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and r.fds() > fds0 + 5:
        time.sleep(0.2)
    fds1 = r.fds()
    for s in socks:
        s.close()
    time.sleep(0.5)
    rss1 = r.rss_kib()
    print(f"router fds: before {fds0}, with 1000 silent peers {peak_fds}, after deadline {fds1}; "
          f"RSS before {rss0} KiB, after {rss1} KiB")
    assert fds1 <= fds0 + 5, (fds0, peak_fds, fds1)
    check_rss(rss1 < rss0 + 20 * 1024, (rss0, rss1))
    assert len([l for l in r.lines if "no daffi probe" in l]) >= 900
    good.finish()


def test_slowloris_tls_handshake(procs):
    r = start_router(procs, "--tls-cert", f"{TLS}/server.crt", "--tls-key", f"{TLS}/server.key")
    start_worker(procs, r.port, "w", "--tls-ca", f"{TLS}/ca.crt", scheme="tls")
    start = len(r.lines)
    slow = socket.create_connection(("127.0.0.1", r.port), timeout=5)
    hello = bytes.fromhex("16030100f4010000f00303") + b"\x00" * 32
    t0 = time.monotonic()
    closed = False
    for b in hello:
        try:
            slow.sendall(bytes([b]))
        except OSError:
            closed = True
            break
        time.sleep(0.1)
        # Meanwhile a TLS caller is served.
        if time.monotonic() - t0 > 3:
            break
    code, out, secs = call(r.port, "rpc", "add", "[1, 2]", scheme="tls", extra=("--tls-ca", f"{TLS}/ca.crt"))
    assert code == 0 and out["result"] == 3, out
    slow.settimeout(3)
    try:
        closed = closed or slow.recv(100) == b""
    except OSError:
        closed = True
    assert closed
    assert r.wait_line(r"TLS handshake not completed within", 5, start=start)


def test_websocket_peer_that_never_reads(procs):
    r = start_router(procs, "--write-stall-timeout", "2000")
    good_worker = start_worker(procs, r.port, "w")  # noqa: F841 - serves the good caller
    ws = Peer(r.port, websocket=True, rcvbuf=4096)
    assert ws.hello("sink", ["sink"]) is not None
    good = GoodCaller(r.port, b"w")
    sender = Peer(r.port)
    assert sender.hello("pusher") is not None
    rss0 = r.rss_kib()
    start = len(r.lines)
    payload = b"x" * 65536
    sender.sock.settimeout(0.5)
    sent, peak = 0, rss0
    t0 = time.monotonic()
    while time.monotonic() - t0 < 8:
        try:
            sender.send_raw(frame(sender.next_uuid(), REQUEST, b"pusher|sink|sink", payload, return_result=False))
            sent += 1
        except socket.timeout:
            pass  # backpressure reached the sender
        except OSError:
            break
        peak = max(peak, r.rss_kib())
        if r.wait_line(r"sink left", 0, start=start):
            break
    dropped = r.wait_line(r"member sink left: (.*)", 10, start=start)
    print(f"sent {sent} x 64 KiB to a WebSocket peer that never reads; router RSS {rss0} -> peak {peak} KiB")
    assert dropped, "\n".join(r.lines[start:])
    assert "stopped reading" in dropped.group(1)
    check_rss(peak - rss0 < 64 * 1024, (rss0, peak))
    # The dropped peer's socket is really closed: draining it ends in EOF.
    ws.sock.settimeout(5)
    eof = False
    t1 = time.monotonic()
    try:
        while time.monotonic() - t1 < 10:
            if not ws.sock.recv(1 << 20):
                eof = True
                break
    except OSError:
        eof = True
    assert eof, "router kept the dropped WebSocket open"
    good.finish()
