"""Our C++ Client (as the command-line tool daffi-call) against the reference daffi 3.0.1.

Three topologies:

A. daffi-call as CALLER, connected straight to a reference `daffi.Service` (peers/ref_service.py).
B. daffi-call as CALLER through a router to reference workers (peers/worker.py). The router is the
   reference `daffi.Router`, and again our daffi-router.
C. `daffi-call serve` as a C++ WORKER, called by reference `daffi.Client`s in this process through
   our daffi-router and through the reference Router.

daffi-call prints one JSON line per result and exits 0 on success, 1 on failure, 2 on usage
errors (`daffi-call --help`). The binary is build/app/call/daffi-call, or env DAFFI_CALL. Every
daffi-call run has a wall-clock limit, so a hang fails the test.

What daffi-call shows cannot always tell bytes from text (it prints UTF-8 bytes as text), so values
the worker received are read back with a reference client and PICKLE, which keeps Python types.
"""

import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from daffi import SerdeFormat
from daffi.exceptions import RemoteCallError

import wire
from conftest import (PEERS, ROOT, WORKER_READY_DEADLINE, Network, Workers, call_within,
                      free_tcp_port, start_network)

T = 10  # seconds: daffi-call --timeout and reference call timeouts
RUN_LIMIT = 25  # seconds: wall-clock limit of one daffi-call run
NOWAIT_GRACE = 1.0  # seconds to wait for fire-and-forget calls to show up at the worker

DAFFI_CALL = Path(os.environ.get("DAFFI_CALL") or ROOT / "build" / "app" / "call" / "daffi-call")

SERDES = ["json", "msgpack", "opaque"]

# daffi-call's nowait commands complete once the REQUEST is queued in QAbstractSocket's write
# buffer; the continuation calls QCoreApplication::exit(), app.exec() returns and client.stop() ->
# Connection::close() -> StreamConnection::closeCarrier() calls disconnectFromHost() with no event
# loop left to flush the buffer. A TCP tap (test_nowait_request_is_on_the_wire) sees the SYN probe,
# the hello and EOF: no REQUEST frame.



_names = itertools.count(1)


# ------------------------------------------------------------------------------------------------
# daffi-call helpers

class CppRun:
    def __init__(self, argv, rc, stdout, stderr, elapsed):
        self.argv, self.rc, self.stdout, self.stderr, self.elapsed = argv, rc, stdout, stderr, elapsed
        lines = [line for line in stdout.splitlines() if line.strip()]
        self.lines = lines
        try:
            self.out = json.loads(lines[-1]) if lines else None
        except json.JSONDecodeError:
            self.out = None

    def __repr__(self):
        return (f"daffi-call exited {self.rc} after {self.elapsed:.2f}s\n  command: {' '.join(self.argv)}\n"
                f"  stdout: {self.stdout!r}\n  stderr: {self.stderr[-2000:]!r}")


def need_daffi_call():
    if not (DAFFI_CALL.is_file() and os.access(DAFFI_CALL, os.X_OK)):
        pytest.fail(f"the client under test is missing: {DAFFI_CALL} is not an executable file. "
                    f"Build daffi-call, or point DAFFI_CALL at it.", pytrace=False)


def cpp(url, command, *args, serde="json", receiver=None, as_bytes=False, timeout=T, name=None):
    """Runs one daffi-call command; non-str args are passed as JSON. Returns a CppRun."""
    need_daffi_call()
    argv = [str(DAFFI_CALL), "--connect", url, "--name", name or f"cpp-caller-{next(_names)}",
            "--serde", serde, "--timeout", str(timeout)]
    if receiver is not None:
        argv += ["--receiver", receiver if isinstance(receiver, str) else ",".join(receiver)]
    if as_bytes:
        argv.append("--bytes")
    argv.append(command)
    argv += [a if isinstance(a, str) else json.dumps(a) for a in args]
    started = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=RUN_LIMIT,
                           cwd=str(ROOT))
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"daffi-call did not exit within {RUN_LIMIT}s: {' '.join(argv)}\n"
                    f"stdout: {e.stdout!r}\nstderr: {e.stderr!r}", pytrace=False)
    return CppRun(argv, p.returncode, p.stdout.decode(errors="replace"),
                  p.stderr.decode(errors="replace"), time.monotonic() - started)


def ok(run):
    """Asserts a successful daffi-call run and returns its JSON line."""
    assert run.rc == 0 and run.out is not None and run.out.get("ok") is True, run
    return run.out


def failed(run, status):
    """Asserts a failed call (exit 1) with the given status and returns its JSON line."""
    assert run.rc == 1 and run.out is not None and run.out.get("ok") is False, run
    assert run.out.get("status") == status, run
    return run.out


def opaque_text(value):
    """What a reference worker answers in OPAQUE for a non-bytes, non-str return value."""
    return str(value)


def wait_for(predicate, timeout):
    """Polls predicate until truthy or timeout; returns its last value (no failure)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(0.05)


# ------------------------------------------------------------------------------------------------
# Fixtures

class ServiceNet(Network):
    @property
    def url(self):
        return f"tcp://{self.host}:{self.port}"


@pytest.fixture
def service(procs):
    """Topology A: a reference daffi.Service named svc on a free port."""
    need_daffi_call()
    port = free_tcp_port()
    proc = procs.start([sys.executable, PEERS / "ref_service.py", "--name", "svc", "--host", "127.0.0.1",
                        "--port", str(port)], "ref-service")
    proc.wait_line(lambda line: line == "READY", WORKER_READY_DEADLINE, "READY line")
    return ServiceNet("service", proc, "127.0.0.1", port, None)


@pytest.fixture
def service_reader(service, make_caller):
    """A reference client on the Service, reading what the callbacks received (PICKLE)."""
    caller = make_caller("py-reader", net=service)

    def collected():
        return caller.conn.rpc(timeout=T, serde=SerdeFormat.PICKLE).collected()

    return collected


class Tap:
    """A TCP proxy that records the frames a client sends to its server (wire.Frame objects)."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.sent = []  # (kind, frame-or-None): "syn", "frame", "eof"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._socks = []
        self._thread = threading.Thread(target=self._accept, name="tap", daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"tcp://127.0.0.1:{self.port}"

    def _accept(self):
        while not self._stop.is_set():
            try:
                c, _ = self.listener.accept()
            except OSError:
                continue
            u = socket.create_connection(self.upstream, timeout=5)
            self._socks += [c, u]
            threading.Thread(target=self._pump, args=(c, u, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(u, c, False), daemon=True).start()

    def _pump(self, src, dst, record):
        buf = bytearray()
        src.settimeout(None)
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                if record:
                    with self._lock:
                        self.sent.append(("eof", None))
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            if record:
                buf += data
                self._parse(buf)
            try:
                dst.sendall(data)
            except OSError:
                return

    def _parse(self, buf):
        while True:
            if buf[:9] == wire.SYN_PROBE:
                with self._lock:
                    self.sent.append(("syn", None))
                del buf[:9]
                continue
            if len(buf) < 9:
                return
            h = bytes(buf[:9])
            n = h[3] | (h[4] << 8) | (h[5] << 16) | ((h[6] & 1) << 24)
            if len(buf) < 9 + n:
                return
            with self._lock:
                self.sent.append(("frame", wire.Frame(h, bytes(buf[9:9 + n]))))
            del buf[:9 + n]

    def requests(self):
        with self._lock:
            return [f for kind, f in self.sent if kind == "frame" and f.flag == wire.REQUEST]

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.listener.close()
        for s in self._socks:
            try:
                s.close()
            except OSError:
                pass


@pytest.fixture
def tap_to_service(service):
    t = Tap((service.host, service.port))
    yield t
    t.close()


@pytest.fixture(params=["reference", "ours"], ids=["refRouter", "ourRouter"])
def any_network(request, router_kind, procs):
    """Topologies B and C: a reference Router, or our daffi-router."""
    need_daffi_call()
    if request.param == "ours" and router_kind == "reference":
        pytest.skip("--router=reference: the variant through our daffi-router is skipped")
    net = start_network(request.param, procs)
    net.url = f"tcp://{net.host}:{net.port}"
    return net


@pytest.fixture
def ref_workers(any_network, procs):
    return Workers(any_network, procs)


class CppWorkers:
    def __init__(self, network, procs):
        self.network, self.procs = network, procs

    def start(self, *names):
        started = []
        for name in names:
            need_daffi_call()
            started.append(self.procs.start(
                [DAFFI_CALL, "--connect", self.network.url, "--name", name, "serve"],
                f"cpp-worker-{name}", keep_stdin_open=False))
        for name, proc in zip(names, started):
            proc.wait_line(lambda line, n=name: _is_serving(line, n), WORKER_READY_DEADLINE,
                           '{"serving": NAME} line')
        return started[0] if len(started) == 1 else started


def _is_serving(line, name):
    try:
        return json.loads(line) == {"serving": name}
    except json.JSONDecodeError:
        return False


@pytest.fixture
def cpp_workers(any_network, procs):
    return CppWorkers(any_network, procs)


# ================================================================================================
# A. daffi-call -> reference Service

@pytest.mark.parametrize("serde", ["json", "msgpack"])
def test_service_rpc(service, serde):
    url = service.url
    assert ok(cpp(url, "rpc", "add", [20, 22], serde=serde)) == {"ok": True, "receiver": "svc", "result": 42}
    assert ok(cpp(url, "rpc", "add", [1.5, 2], serde=serde))["result"] == 3.5
    value = {"s": "héllo", "n": [1, 2.5, None, True, {"deep": ["x"]}]}
    assert ok(cpp(url, "rpc", "echo", [value], serde=serde))["result"] == value
    assert ok(cpp(url, "rpc", "describe", [1, "a", [1, 2]], {"k": {"x": None}}, serde=serde))["result"] == {
        "args": [1, "a", [1, 2]], "kwargs": {"k": {"x": None}}, "types": ["int", "str", "list"]}
    # Pinned to the service by name works too.
    assert ok(cpp(url, "rpc", "add", [1, 1], serde=serde, receiver="svc"))["result"] == 2


def test_service_rpc_opaque(service):
    url = service.url
    assert ok(cpp(url, "rpc", "echo", "héllo wörld", serde="opaque"))["result"] == "héllo wörld"
    assert ok(cpp(url, "rpc", "echo", "raw", serde="opaque", as_bytes=True))["result"] == "raw"
    # OPAQUE text arrives as str, --bytes as bytes; a dict comes back as its str() text.
    assert ok(cpp(url, "rpc", "describe", "txt", serde="opaque"))["result"] == opaque_text(
        {"args": ["txt"], "kwargs": {}, "types": ["str"]})
    assert ok(cpp(url, "rpc", "describe", "txt", serde="opaque", as_bytes=True))["result"] == opaque_text(
        {"args": [b"txt"], "kwargs": {}, "types": ["bytes"]})


@pytest.mark.parametrize("serde", ["json", "msgpack"])
def test_service_remote_exception(service, serde):
    run = cpp(service.url, "rpc", "fail", [], serde=serde)
    assert failed(run, "RemoteError") == {"ok": False, "receiver": "svc", "status": "RemoteError",
                                          "type": "ValueError", "module": "builtins", "message": "boom"}
    assert run.elapsed < 5, run


def test_service_remote_exception_opaque_is_pickled(service):
    # The reference promotes an OPAQUE request's ERROR to PICKLE (PROTOCOL.md §4), which a C++
    # client cannot unpickle: the call still fails promptly as a RemoteError, but type and message
    # ("ValueError", "boom") are lost.
    run = cpp(service.url, "rpc", "fail", "x", serde="opaque")
    out = failed(run, "RemoteError")
    assert out["receiver"] == "svc"
    assert "PICKLE" in out["message"], run
    assert run.elapsed < 5, run


@pytest.mark.parametrize("serde", SERDES)
def test_service_unknown_function_or_receiver_is_no_receiver(service, serde):
    arg = "x" if serde == "opaque" else [1]
    run = cpp(service.url, "rpc", "no_such_function", arg, serde=serde)
    assert "no_such_function" in failed(run, "NoReceiver")["message"]
    assert run.elapsed < 5, run
    run = cpp(service.url, "rpc", "echo", arg, serde=serde, receiver="nobody")
    assert "nobody" in failed(run, "NoReceiver")["message"]
    assert run.elapsed < 5, run


@pytest.mark.parametrize("serde", SERDES)
def test_service_cast_has_one_result(service, serde):
    if serde == "opaque":
        out = ok(cpp(service.url, "cast", "echo", "hi", serde=serde))
        assert out["results"] == {"svc": {"ok": True, "receiver": "svc", "result": "hi"}}
    else:
        out = ok(cpp(service.url, "cast", "add", [1, 2], serde=serde))
        assert out["results"] == {"svc": {"ok": True, "receiver": "svc", "result": 3}}
    out = cpp(service.url, "cast", "fail", "x" if serde == "opaque" else [], serde=serde)
    assert out.rc == 1 and out.out["ok"] is False, out
    assert out.out["results"]["svc"]["status"] == "RemoteError", out


def test_service_cast_receiver_list_skips_blank_names(service):
    # " svc , " names one member: a blank entry is not a second target (nor round-robin's pick).
    out = ok(cpp(service.url, "cast", "add", [1, 2], receiver=" svc , "))
    assert out["results"] == {"svc": {"ok": True, "receiver": "svc", "result": 3}}, out


@pytest.mark.parametrize("serde,as_bytes,chunks,expected", [
    ("json", False, [["a"], [{"n": 1}], [[1, 2]]], ["a", {"n": 1}, [1, 2]]),
    ("msgpack", False, [["a"], [{"n": 1}], [[1, 2]]], ["a", {"n": 1}, [1, 2]]),
    ("opaque", False, ["t1", "t2", "t3"], ["t1", "t2", "t3"]),
    ("opaque", True, ["b1", "b2"], [b"b1", b"b2"]),
], ids=["json", "msgpack", "opaque-text", "opaque-bytes"])
def test_service_stream(service, service_reader, serde, as_bytes, chunks, expected):
    out = ok(cpp(service.url, "stream", "collect", chunks, serde=serde, as_bytes=as_bytes))
    assert out["message"] == f"{len(chunks)} chunks delivered"
    # stream acknowledges each chunk, so every chunk is in before daffi-call exits.
    assert service_reader() == expected


def test_service_stream_stops_at_a_failing_chunk(service):
    run = cpp(service.url, "stream", "fail", [["x"], ["y"]], serde="json")
    out = failed(run, "RemoteError")
    assert out["type"] == "ValueError" and "chunk 1" in out["message"] and "boom" in out["message"], run


@pytest.mark.parametrize("command", ["rpc_nowait", "cast_nowait", "stream_nowait"])
def test_service_nowait_reaches_the_service(service, service_reader, command):
    expected = []
    for serde in SERDES:
        if command == "stream_nowait":
            chunks = [f"{serde}-1", f"{serde}-2"]
            run = cpp(service.url, command, "collect",
                      chunks if serde == "opaque" else [[c] for c in chunks], serde=serde)
            expected += chunks
        else:
            arg = f"{command}-{serde}"
            run = cpp(service.url, command, "collect", arg if serde == "opaque" else [arg], serde=serde)
            expected.append(arg)
        ok(run)
    got = wait_for(lambda: sorted(map(str, service_reader())) == sorted(expected) and expected,
                   NOWAIT_GRACE)
    assert got, f"the service collected {service_reader()!r}, expected {expected!r}"


def _sent(tap):
    with tap._lock:
        return list(tap.sent)


def test_tap_sees_the_rpc_request(service, tap_to_service):
    # Control for the test below: through the tap, an rpc works and its REQUEST is recorded.
    assert ok(cpp(tap_to_service.url, "rpc", "add", [1, 2], serde="json"))["result"] == 3
    requests = tap_to_service.requests()
    assert [(f.flag, f.return_result, f.receiver, f.func_name) for f in requests] == [
        (wire.REQUEST, True, "svc", "add")], _sent(tap_to_service)


@pytest.mark.parametrize("command,args,count", [
    ("rpc_nowait", [["x"]], 1), ("cast_nowait", [["x"]], 1), ("stream_nowait", [[["x"], ["y"]]], 2),
], ids=["rpc_nowait", "cast_nowait", "stream_nowait"])
def test_nowait_request_is_on_the_wire(service, tap_to_service, command, args, count):
    ok(cpp(tap_to_service.url, command, "collect", *args, serde="json"))
    # daffi-call has exited: whatever it sent has reached the tap by now, or soon.
    wait_for(lambda: ("eof", None) in _sent(tap_to_service), NOWAIT_GRACE)
    requests = tap_to_service.requests()
    assert len(requests) == count, f"everything the client sent: {_sent(tap_to_service)!r}"
    for f in requests:
        assert (f.flag, f.return_result, f.receiver, f.func_name) == (wire.REQUEST, False, "svc", "collect"), f


# ================================================================================================
# B. daffi-call -> Router -> reference workers

@pytest.mark.parametrize("serde", ["json", "msgpack"])
def test_router_call_styles(any_network, ref_workers, make_caller, serde):
    ref_workers.start("w1", "w2", "w3")
    url = any_network.url
    ok(cpp(url, "wait", "w1", "w2", "w3", timeout=10))

    assert ok(cpp(url, "rpc", "add", [20, 22], serde=serde))["result"] == 42
    assert ok(cpp(url, "rpc", "describe", [1, "a"], {"k": [None]}, serde=serde))["result"] == {
        "args": [1, "a"], "kwargs": {"k": [None]}, "types": ["int", "str"]}
    for name in ("w2", "w1", "w3"):
        assert ok(cpp(url, "rpc", "whoami", serde=serde, receiver=name)) == {
            "ok": True, "receiver": name, "result": name}

    out = ok(cpp(url, "cast", "whoami", serde=serde))
    assert out["results"] == {n: {"ok": True, "receiver": n, "result": n} for n in ("w1", "w2", "w3")}
    out = ok(cpp(url, "cast", "add", [2, 3], serde=serde, receiver=["w1", "w3"]))
    assert {n: r["result"] for n, r in out["results"].items()} == {"w1": 5, "w3": 5}

    chunks = [f"{serde}-{i}" for i in range(5)]
    out = ok(cpp(url, "stream", "chunk", [[c] for c in chunks], serde=serde, receiver="w2"))
    assert out["message"] == "5 chunks delivered"
    reader = make_caller("py-reader", net=any_network)
    assert reader.conn.rpc(timeout=T, receiver="w2", serde=SerdeFormat.PICKLE).chunks() == chunks


def test_router_opaque(any_network, ref_workers, make_caller):
    ref_workers.start("w1", "w2")
    url = any_network.url
    ok(cpp(url, "wait", "w1", "w2", timeout=10))

    assert ok(cpp(url, "rpc", "echo", "héllo", serde="opaque", receiver="w1"))["result"] == "héllo"
    assert ok(cpp(url, "rpc", "describe", "txt", serde="opaque", receiver="w1"))["result"] == opaque_text(
        {"args": ["txt"], "kwargs": {}, "types": ["str"]})
    assert ok(cpp(url, "rpc", "describe", "txt", serde="opaque", as_bytes=True, receiver="w1"))["result"] == \
        opaque_text({"args": [b"txt"], "kwargs": {}, "types": ["bytes"]})
    out = ok(cpp(url, "cast", "echo", "all", serde="opaque"))
    assert {n: r["result"] for n, r in out["results"].items()} == {"w1": "all", "w2": "all"}

    ok(cpp(url, "stream", "chunk", ["t1", "t2"], serde="opaque", receiver="w1"))
    ok(cpp(url, "stream", "chunk", ["b3"], serde="opaque", as_bytes=True, receiver="w1"))
    reader = make_caller("py-reader", net=any_network)
    assert reader.conn.rpc(timeout=T, receiver="w1", serde=SerdeFormat.PICKLE).chunks() == ["t1", "t2", b"b3"]


@pytest.mark.parametrize("serde", SERDES)
def test_router_errors(any_network, ref_workers, serde):
    ref_workers.start("w1")
    url = any_network.url
    ok(cpp(url, "wait", "w1", timeout=10))
    arg = "x" if serde == "opaque" else []

    run = cpp(url, "rpc", "boom", arg, serde=serde)
    out = failed(run, "RemoteError")
    if serde == "opaque":
        assert "PICKLE" in out["message"], run  # the reference pickles OPAQUE errors (see test A)
    else:
        assert (out["type"], out["module"], out["message"]) == ("ValueError", "builtins", "boom"), run
    assert run.elapsed < 5, run

    run = cpp(url, "rpc", "no_such_function", arg, serde=serde)
    failed(run, "NoReceiver")
    assert run.elapsed < 5, run
    run = cpp(url, "rpc", "whoami", arg, serde=serde, receiver="nobody")
    failed(run, "NoReceiver")
    assert run.elapsed < 5, run
    # An unknown receiver in a cast list fails its own entry; the others still answer.
    run = cpp(url, "cast", "echo", "e" if serde == "opaque" else ["e"], serde=serde, receiver=["nobody", "w1"])
    assert run.rc == 1 and run.out["ok"] is False, run
    assert run.out["results"]["nobody"]["status"] == "NoReceiver", run
    assert run.out["results"]["w1"] == {"ok": True, "receiver": "w1", "result": "e"}, run


@pytest.mark.parametrize("command,function,read", [("stream", "chunk", "chunks"), ("stream_nowait", "record", "recorded")])
def test_router_stream_goes_to_one_worker(any_network, ref_workers, make_caller, command, function, read):
    # Without --receiver, round-robin picks one worker for the whole stream (PYTHON_API.md §1.4:
    # "one peer"); the reference's client picks again for every chunk, splitting the stream.
    ref_workers.start("w1", "w2")
    url = any_network.url
    ok(cpp(url, "wait", "w1", "w2", timeout=10))

    chunks = [f"c{i}" for i in range(6)]
    out = ok(cpp(url, command, function, [[c] for c in chunks], serde="json"))

    reader = make_caller("py-reader", net=any_network)

    def got():
        return {n: getattr(reader.conn.rpc(timeout=T, receiver=n), read)() for n in ("w1", "w2")}

    assert wait_for(lambda: got() in ({"w1": chunks, "w2": []}, {"w1": [], "w2": chunks}), NOWAIT_GRACE), got()
    assert got()[out["receiver"]] == chunks, out


def test_router_members(any_network, ref_workers):
    ref_workers.start("w1", "w2")
    url = any_network.url
    ok(cpp(url, "wait", "w1", "w2", timeout=10))
    run = cpp(url, "members")
    assert run.rc == 0, run
    members = {m["name"]: set(m["methods"]) for m in run.out}
    assert set(members) == {"w1", "w2"}, run
    assert {"whoami", "add", "echo", "boom", "chunk", "chunks"} <= members["w1"] == members["w2"], run


@pytest.mark.parametrize("command", ["rpc_nowait", "cast_nowait", "stream_nowait"])
def test_router_nowait_reaches_the_workers(any_network, ref_workers, make_caller, command):
    names = ("w1", "w2", "w3") if command == "cast_nowait" else ("w1",)
    ref_workers.start(*names)
    url = any_network.url
    ok(cpp(url, "wait", *names, timeout=10))
    expected = []
    for serde in SERDES:
        if command == "stream_nowait":
            chunks = [f"{serde}-1", f"{serde}-2"]
            ok(cpp(url, command, "record", chunks if serde == "opaque" else [[c] for c in chunks],
                   serde=serde, receiver="w1"))
            expected += chunks
        else:
            arg = f"{command}-{serde}"
            ok(cpp(url, command, "record", arg if serde == "opaque" else [arg], serde=serde,
                   receiver=None if command == "cast_nowait" else "w1"))
            expected.append(arg)
    reader = make_caller("py-reader", net=any_network)

    def everyone_has_all():
        return all(sorted(reader.conn.rpc(timeout=T, receiver=n).recorded()) == sorted(expected)
                   for n in names)

    assert wait_for(everyone_has_all, NOWAIT_GRACE), {
        n: reader.conn.rpc(timeout=T, receiver=n).recorded() for n in names}


# ================================================================================================
# C. reference callers -> Router -> daffi-call serve (C++ worker)

@pytest.mark.parametrize("serde", [SerdeFormat.JSON, SerdeFormat.MSGPACK], ids=["JSON", "MSGPACK"])
def test_cpp_worker_rpc(any_network, cpp_workers, make_caller, serde):
    cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)
    rpc = caller.conn.rpc(timeout=T, serde=serde)

    assert rpc.add(2, 3) == 5
    assert rpc.add(2.5, 3) == 5.5
    value = {"a": [1, None, "x", 2.5, True], "b": {"c": "héllo"}}
    assert rpc.echo(value) == value
    if serde == SerdeFormat.MSGPACK:
        assert rpc.echo(b"\x00\xff") == b"\x00\xff"
    with pytest.raises(RemoteCallError) as info:
        rpc.fail()
    assert (type(info.value).__name__, type(info.value).__module__, str(info.value)) == (
        "ValueError", "builtins", "boom")
    assert caller.conn.rpc(timeout=T, serde=serde, receiver="cpp").add(1, 1) == 2


def test_cpp_worker_opaque_echo(any_network, cpp_workers, make_caller):
    cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)
    rpc = caller.conn.rpc(timeout=T, serde=SerdeFormat.OPAQUE)

    assert rpc.echo(b"\x00\xffab") == b"\x00\xffab"
    assert rpc.echo("héllo") == "héllo"
    with pytest.raises(RemoteCallError) as info:
        rpc.fail("x")
    assert (type(info.value).__name__, str(info.value)) == ("ValueError", "boom")


def test_cpp_worker_cast(any_network, cpp_workers, make_caller):
    cpp_workers.start("cpp1", "cpp2")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp1", "cpp2", timeout=10, interval=0.05)

    assert caller.conn.cast(timeout=T, serde=SerdeFormat.JSON).add(1, 2) == {"cpp1": 3, "cpp2": 3}
    assert caller.conn.cast(timeout=T, serde=SerdeFormat.MSGPACK).echo([1]) == {"cpp1": [1], "cpp2": [1]}
    assert caller.conn.cast(timeout=T, serde=SerdeFormat.OPAQUE, receiver=["cpp2"]).echo(b"o") == {"cpp2": b"o"}
    result = caller.conn.cast(timeout=T, serde=SerdeFormat.JSON).fail()
    assert {n: (type(e).__name__, str(e)) for n, e in result.items()} == {
        "cpp1": ("ValueError", "boom"), "cpp2": ("ValueError", "boom")}


def test_cpp_worker_stream_then_collected(any_network, cpp_workers, make_caller):
    cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)

    call_within(30, caller.conn.stream(timeout=T).collect, iter([b"b1", b"b2"]))  # OPAQUE
    call_within(30, caller.conn.stream(timeout=T, serde=SerdeFormat.JSON).collect, iter([{"k": 1}, [1, 2]]))
    call_within(30, caller.conn.stream(timeout=T, serde=SerdeFormat.MSGPACK).collect, iter(["m1", 7]))

    expected = [b"b1", b"b2", {"k": 1}, [1, 2], "m1", 7]
    assert caller.conn.rpc(timeout=T, serde=SerdeFormat.MSGPACK).collected() == expected


def test_cpp_worker_nowait_then_collected(any_network, cpp_workers, make_caller):
    cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)

    assert caller.conn.rpc_nowait(serde=SerdeFormat.JSON).collect("nw-json") is None
    caller.conn.rpc_nowait(serde=SerdeFormat.MSGPACK).collect("nw-msgpack")
    caller.conn.cast_nowait(serde=SerdeFormat.JSON).collect("cast-nw")
    call_within(30, caller.conn.stream_nowait(serde=SerdeFormat.MSGPACK).collect, iter(["s1", "s2", "s3"]))

    expected = ["nw-json", "nw-msgpack", "cast-nw", "s1", "s2", "s3"]
    got = wait_for(lambda: caller.conn.rpc(timeout=T, serde=SerdeFormat.JSON).collected() == expected
                   and expected, 5)
    assert got, caller.conn.rpc(timeout=T, serde=SerdeFormat.JSON).collected()


@pytest.mark.parametrize("how", ["explicit", "default"])
def test_cpp_worker_pickle_is_a_prompt_type_error(any_network, cpp_workers, make_caller, how):
    worker = cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)
    # The reference's default serde for rpc is PICKLE.
    rpc = caller.conn.rpc(timeout=T, serde=SerdeFormat.PICKLE) if how == "explicit" else caller.conn.rpc(timeout=T)

    started = time.monotonic()
    with pytest.raises(RemoteCallError) as info:
        call_within(T + 5, rpc.add, 1, 2)
    elapsed = time.monotonic() - started
    assert type(info.value).__name__ == "TypeError", repr(info.value)
    assert "PICKLE" in str(info.value)
    assert elapsed < 3, f"the PICKLE call took {elapsed:.2f}s to fail"

    # The worker is still there and serving.
    assert worker.popen.poll() is None, worker.describe()
    assert caller.conn.rpc(timeout=T, serde=SerdeFormat.JSON).add(1, 2) == 3


def test_cpp_worker_collect_keeps_opaque_text_as_text(any_network, cpp_workers, make_caller):
    cpp_workers.start("cpp")
    caller = make_caller(net=any_network)
    caller.conn.wait_for_members("cpp", timeout=10, interval=0.05)

    # A reference worker's collect(x) gets str for OPAQUE text (is_bytes=0) and bytes for bytes.
    call_within(30, caller.conn.stream(timeout=T).collect, iter(["text", b"bytes"]))

    assert caller.conn.rpc(timeout=T, serde=SerdeFormat.MSGPACK).collected() == ["text", b"bytes"]


# ================================================================================================
# D. daffi-call's usage errors: exit status 2, one line on stderr, nothing on stdout

def usage_error(run, message):
    assert (run.rc, run.stdout, run.stderr) == (2, "", f"daffi-call: {message}\n"), run


def test_help_lists_every_command():
    need_daffi_call()
    p = subprocess.run([str(DAFFI_CALL), "--help"], capture_output=True, text=True, timeout=RUN_LIMIT)
    assert p.returncode == 0, p
    block = p.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split()[0] for line in block.splitlines()] == [
        "rpc", "rpc_nowait", "cast", "cast_nowait", "stream", "stream_nowait", "members", "wait", "replay", "serve",
        "service"], p.stdout


def test_no_command_is_a_usage_error():
    need_daffi_call()
    p = subprocess.run([str(DAFFI_CALL)], capture_output=True, text=True, timeout=RUN_LIMIT)
    usage_error(CppRun([str(DAFFI_CALL)], p.returncode, p.stdout, p.stderr, 0), "give a command; see --help")


@pytest.mark.parametrize("args", [["bogus"], ["bogus", "add", "[1]"]], ids=["alone", "with-function"])
def test_unknown_command_is_refused_before_connecting(args):
    # Nothing listens on the port: the answer comes without a connection attempt.
    usage_error(cpp(f"tcp://127.0.0.1:{free_tcp_port()}", *args), 'unknown command "bogus"; see --help')


@pytest.mark.parametrize("args,message", [
    (["rpc"], "rpc needs a FUNCTION"),
    (["rpc_nowait"], "rpc_nowait needs a FUNCTION"),
    (["cast"], "cast needs a FUNCTION"),
    (["cast_nowait"], "cast_nowait needs a FUNCTION"),
    (["stream"], "stream needs a FUNCTION"),
    (["stream_nowait"], "stream_nowait needs a FUNCTION"),
    (["rpc", "add", "nope"], "arguments must be a JSON array, e.g. '[3, 4]'"),
    (["rpc", "add", "[1]", "nope"], "keyword arguments must be a JSON object"),
    (["cast", "add", "{}"], "arguments must be a JSON array, e.g. '[3, 4]'"),
    (["stream", "collect", "nope"], "CHUNKS must be a JSON array"),
    (["stream_nowait", "collect", "[1]"], "each chunk must be a JSON array of arguments"),
], ids=lambda v: "-".join(v) if isinstance(v, list) else None)
def test_bad_operands_are_usage_errors(service, args, message):
    usage_error(cpp(service.url, *args), message)
