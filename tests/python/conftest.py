"""Fixtures of the Python package's suite: nodes in this process, peers in subprocesses, and the
three topologies every call style is checked in.

Layout of tests/python/:
  shared_callbacks.py   callbacks exposed by every peer (this process and peers/worker.py)
  peers/worker.py       a worker/service/caller in its own process
  test_call_styles.py   six call styles x five payload kinds x three topologies; a stream goes
                        to one worker
  test_errors.py        exceptions and their messages, timeouts
  test_failures.py      which exception each status and reason of a native result ends in
  test_events.py        membership events and wait_for_members
  test_load.py          threads sharing a connection, 10,000 calls in flight, workers=N, 28 MiB
  test_faults.py        duplicate names, killed workers, router restart
  test_transports.py    unix sockets and TLS
  test_registry.py      @callback / @local / @alias
  test_signals.py       Ctrl+C and SIGTERM in worker processes
  test_examples.py      every script in examples/
  test_bench_tools.py   the benchmark suite's measuring parts (bench/): cost, cells, daffi-rawlimit
  test_aio.py           asyncio (AsyncClient/AsyncService/AsyncRouter): owned by the daffi.aio
                        work; it can use the fixtures here (ports, subprocess peers, routers).

Everything binds 127.0.0.1 with port=None (a free port picked at start()); every subprocess is
killed at the end of its test; every wait is bounded.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import shared_callbacks  # noqa: E402,F401 - registers the callbacks in this process
from daffi import Client, Router, Service  # noqa: E402

HOST = "127.0.0.1"
TLS_DIR = ROOT / "tests" / "data" / "tls"
ROUTER_BIN = Path(os.environ.get("DAFFI_ROUTER_BIN", ROOT / "build" / "app" / "router" / "daffi-router"))
READY_DEADLINE = 20.0


def uid(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def wait_until(predicate, timeout, what, interval=0.02):
    """Polls predicate until it returns something truthy; fails the test otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def call_within(seconds, fn, *args, **kwargs):
    """Runs fn in a daemon thread so a call that never returns fails the test instead of hanging
    it. Returns (value, elapsed); re-raises what fn raised."""
    box = {}

    def run():
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as e:  # noqa: B902 - handed to the test thread
            box["error"] = e

    started = time.monotonic()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        pytest.fail(f"{getattr(fn, '__name__', fn)!s} did not return within {seconds}s")
    elapsed = time.monotonic() - started
    if "error" in box:
        raise box["error"]
    return box["value"], elapsed


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Proc:
    """A subprocess whose stdout lines are collected by a thread; stderr goes to a file."""

    def __init__(self, argv, label, log_dir, env=None):
        self.label = label
        self.argv = [str(a) for a in argv]
        self.stderr_path = Path(log_dir) / f"{label}.stderr"
        self._stderr = open(self.stderr_path, "wb")
        full_env = dict(os.environ, PYTHONUNBUFFERED="1")
        full_env.update(env or {})
        self.popen = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=self._stderr,
                                      stdin=subprocess.DEVNULL, env=full_env, text=True, bufsize=1)
        self.lines = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.popen.stdout:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_line(self, pattern, timeout=READY_DEADLINE):
        """The first stdout line matching the regex; fails the test (with stderr) otherwise."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    m = rx.search(line)
                    if m:
                        return m
                left = deadline - time.monotonic()
                if left <= 0 or (self.popen.poll() is not None and not self._reader.is_alive()):
                    break
                self._cond.wait(min(left, 0.1))
        pytest.fail(f"{self.label}: no line matching {pattern!r} within {timeout}s "
                    f"(exit {self.popen.poll()}); stdout={self.lines!r}; stderr={self.stderr()[-2000:]!r}")

    def stderr(self):
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    def output(self):
        with self._cond:
            return "\n".join(self.lines)

    def signal(self, sig):
        if self.popen.poll() is None:
            self.popen.send_signal(sig)

    def wait(self, timeout):
        """Exit code within timeout, or fails the test (the process is killed at teardown)."""
        try:
            code = self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            if "worker.py" in " ".join(self.argv):
                self.popen.send_signal(signal.SIGUSR1)  # peers/worker.py dumps its threads' stacks
                time.sleep(0.5)
            pytest.fail(f"{self.label} did not exit within {timeout}s; stdout={self.lines!r}; "
                        f"stderr={self.stderr()[-2000:]!r}")
        self._reader.join(2)
        return code

    def kill(self):
        if self.popen.poll() is None:
            self.popen.kill()
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                pass
        self._reader.join(2)
        self._stderr.close()


class Spawner:
    """Starts peer subprocesses for one test (or module) and kills every one of them after."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.procs = []

    def run(self, argv, label, env=None):
        proc = Proc(argv, label, self.log_dir, env)
        self.procs.append(proc)
        return proc

    def worker(self, mode, name, port=None, workers=1, unix=None, seconds=None, style=None, wait_ready=True):
        argv = [sys.executable, HERE / "peers" / "worker.py", mode, "--name", name, "--workers", workers]
        if port is not None:
            argv += ["--port", port]
        if unix is not None:
            argv += ["--unix", unix]
        if seconds is not None:
            argv += ["--seconds", seconds]
        if style is not None:
            argv += ["--style", style]
        proc = self.run(argv, name)
        if wait_ready:
            ready = proc.wait_line(r"^READY (\S+)$").group(1)
            proc.port = int(ready) if unix is None else None
        return proc

    def router(self, port=0, extra=()):
        """Our daffi-router binary on 127.0.0.1; .port is the port it listens on."""
        if not ROUTER_BIN.exists():
            pytest.skip(f"daffi-router not built ({ROUTER_BIN})")
        proc = self.run([ROUTER_BIN, "--host", HOST, "--port", port, "--log-level", "warning", *extra],
                        uid("daffi-router"))
        m = proc.wait_line(r"listening on (?:tcp|ssl|tls)://[^\s]*:(\d+)", timeout=10)
        proc.port = int(m.group(1))
        return proc

    def close(self):
        for proc in self.procs:
            proc.kill()


class Nodes:
    """In-process Routers/Services/Clients stopped at the end of the test."""

    def __init__(self):
        self.nodes = []

    def router(self, **kw):
        kw.setdefault("host", HOST)
        r = Router(**kw)
        self.nodes.append(r)
        r.start()
        return r

    def service(self, name=None, **kw):
        if "unix_sock_path" not in kw:
            kw.setdefault("host", HOST)
        s = Service(app_name=name or uid("svc"), **kw)
        self.nodes.append(s)
        s.start()
        return s

    def client(self, port=None, name=None, **kw):
        if "unix_sock_path" not in kw:
            kw.setdefault("host", HOST)
            kw["port"] = port
        c = Client(app_name=name or uid("client"), **kw)
        self.nodes.append(c)
        return c

    def connect(self, port=None, name=None, **kw):
        c = self.client(port, name, **kw)
        return c, c.connect()

    def close(self):
        # Clients first, so servers see orderly goodbyes.
        for node in sorted(self.nodes, key=lambda n: not isinstance(n, Client)):
            try:
                node.stop()
            except Exception:
                pass


@pytest.fixture
def spawn(tmp_path):
    s = Spawner(tmp_path)
    yield s
    s.close()


@pytest.fixture
def nodes():
    n = Nodes()
    yield n
    n.close()


@pytest.fixture(scope="module")
def module_spawn(tmp_path_factory):
    s = Spawner(tmp_path_factory.mktemp("peers"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def module_nodes():
    n = Nodes()
    yield n
    n.close()


def worker_behind_router(nodes, spawn, prefix):
    """A Router in this process, one worker process on it and a caller that sees the worker.
    Returns (worker name, worker Proc, caller Client, caller connection)."""
    router = nodes.router()
    name = uid(prefix)
    proc = spawn.worker("client", name, port=router.port)
    caller, conn = nodes.connect(router.port)
    conn.wait_for_members(name, timeout=10)
    return name, proc, caller, conn


TOPOLOGIES = ("service", "router-threads", "router-procs")


def build_topology(kind, nodes, spawn, workers=4):
    """A caller connected to workers, in one of three shapes:

    service         Client -> Service (in this process)
    router-threads  Client -> Router -> two Client workers, all in this process
    router-procs    Client -> daffi-router (binary) -> two Client workers in subprocesses

    Returns a namespace with conn, caller, server port, pin (a receiver name for pinned calls)
    and cast_keys (the names a cast answers from)."""
    if kind == "service":
        svc = nodes.service(workers=workers)
        caller, conn = nodes.connect(svc.port, uid("caller"))
        return SimpleNamespace(kind=kind, conn=conn, caller=caller, port=svc.port, pin=svc.app_name,
                               cast_keys={svc.app_name}, server=svc, workers=[svc.app_name])
    if kind == "router-threads":
        router = nodes.router()
        port = router.port
        names = [uid("tw1"), uid("tw2")]
        for name in names:
            nodes.connect(port, name, workers=workers)
    elif kind == "router-procs":
        router = spawn.router()
        port = router.port
        names = [uid("pw1"), uid("pw2")]
        for name in names:
            spawn.worker("client", name, port=port, workers=workers)
    else:
        raise ValueError(kind)
    caller, conn = nodes.connect(port, uid("caller"))
    conn.wait_for_members(*names, timeout=10)
    return SimpleNamespace(kind=kind, conn=conn, caller=caller, port=port, pin=names[0],
                           cast_keys=set(names), server=router, workers=names)


@pytest.fixture(scope="module", params=TOPOLOGIES)
def topo(request, module_nodes, module_spawn):
    return build_topology(request.param, module_nodes, module_spawn)
