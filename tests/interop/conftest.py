"""Fixtures of the interop suite: a router under test, reference-daffi workers in their own
processes, and reference-daffi callers in this process.

The router is ours (daffi-router, path from env DAFFI_ROUTER) unless `--router=reference` or env
INTEROP_ROUTER=reference picks the reference daffi Router, which is how the suite itself is
checked. Every router and worker is a subprocess that is terminated at the end of its test.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from daffi import Client

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PEERS = HERE / "peers"
DEFAULT_ROUTER = ROOT / "build" / "app" / "router" / "daffi-router"

ROUTER_START_DEADLINE = 10.0
WORKER_READY_DEADLINE = 20.0

TCP_LINE = re.compile(r"^daffi-router listening on tcp://(\[[^\]]+\]|[^\s:]+):(\d+)\s*$")
UNIX_LINE = re.compile(r"^daffi-router listening on unix://(\S+)\s*$")


def pytest_addoption(parser):
    parser.addoption(
        "--router",
        choices=("ours", "reference"),
        default=os.environ.get("INTEROP_ROUTER", "ours"),
        help="router under test: ours (daffi-router from $DAFFI_ROUTER, the default) or the "
        "reference daffi Router from the venv (env INTEROP_ROUTER does the same)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "ours_only(reason): checks a reference bug our router fixes; skipped with --router=reference",
    )


def pytest_report_header(config):
    kind = config.getoption("--router")
    if kind == "ours":
        return f"interop router: ours ({os.environ.get('DAFFI_ROUTER', DEFAULT_ROUTER)})"
    return "interop router: reference daffi Router (subprocess)"


def pytest_collection_modifyitems(config, items):
    if config.getoption("--router") != "reference":
        return
    for item in items:
        mark = item.get_closest_marker("ours_only")
        if mark is not None:
            reason = mark.kwargs.get("reason") or (mark.args[0] if mark.args else "")
            item.add_marker(pytest.mark.skip(reason=f"reference Router: {reason}"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


def wait_until(predicate, timeout, what):
    """Polls predicate until it returns something truthy; fails the test with `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def call_within(seconds, fn, *args, **kwargs):
    """Runs fn in a thread so that a call that never returns fails the test instead of hanging it.
    Returns (value, elapsed); re-raises what fn raised."""
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
        pytest.fail(f"call {getattr(fn, '__name__', fn)!s} did not return within {seconds}s")
    if "error" in box:
        raise box["error"]
    return box["value"], time.monotonic() - started


class Proc:
    """A subprocess whose stdout lines are collected by a thread and whose stderr goes to a file."""

    def __init__(self, argv, label, log_dir, keep_stdin_open):
        self.label = label
        self.argv = [str(a) for a in argv]
        self.stderr_path = log_dir / f"{label}.stderr"
        self._stderr = open(self.stderr_path, "wb")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.popen = subprocess.Popen(
            self.argv,
            stdin=subprocess.PIPE if keep_stdin_open else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            cwd=str(ROOT),
        )
        self.lines = []
        self._eof = False
        self._cond = threading.Condition()
        self._pump_thread = threading.Thread(target=self._pump, name=f"stdout-{label}", daemon=True)
        self._pump_thread.start()

    @property
    def pid(self):
        return self.popen.pid

    def _pump(self):
        for raw in self.popen.stdout:
            with self._cond:
                self.lines.append(raw.decode(errors="replace").rstrip("\r\n"))
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def stderr_tail(self, limit=3000):
        try:
            text = self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""
        return text[-limit:]

    def describe(self):
        status = self.popen.poll()
        state = "running" if status is None else f"exited with status {status}"
        return (f"{self.label} ({state}), command: {' '.join(self.argv)}\n"
                f"  stdout: {self.lines[-20:]!r}\n  stderr (tail):\n{self.stderr_tail()}")

    def find_line(self, match):
        with self._cond:
            for line in self.lines:
                m = match(line)
                if m:
                    return m
        return None

    def wait_line(self, match, timeout, what):
        """Waits for a stdout line for which match(line) is truthy and returns that value."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    m = match(line)
                    if m:
                        return m
                if self._eof:
                    self._cond.release()
                    try:
                        self.popen.wait(2)
                    except subprocess.TimeoutExpired:
                        pass
                    finally:
                        self._cond.acquire()
                    pytest.fail(f"{self.label} closed its stdout before {what}.\n{self.describe()}",
                                pytrace=False)
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"{self.label}: no {what} within {timeout}s.\n{self.describe()}",
                                pytrace=False)
                self._cond.wait(left)

    def wait_exit(self, timeout):
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def signal(self, sig):
        if self.popen.poll() is None:
            self.popen.send_signal(sig)

    def stop(self, grace=5.0):
        """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            if self.wait_exit(grace) is None:
                self.popen.kill()
                self.popen.wait(5)
        if self.popen.stdin is not None:
            try:
                self.popen.stdin.close()
            except OSError:
                pass
        # The pump thread owns stdout until it reads EOF; closing it under the thread's read
        # would raise in that thread.
        self._pump_thread.join(5)
        if not self._pump_thread.is_alive():
            self.popen.stdout.close()
        self._stderr.close()
        return self.popen.returncode


class Procs:
    """Every subprocess of one test; all are stopped at its end, the last started first."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.all = []
        self._labels = set()

    def start(self, argv, label, keep_stdin_open=True):
        unique, n = label, 1
        while unique in self._labels:
            n += 1
            unique = f"{label}-{n}"
        self._labels.add(unique)
        proc = Proc(argv, unique, self.log_dir, keep_stdin_open)
        self.all.append(proc)
        return proc

    def stop_all(self):
        for proc in reversed(self.all):
            try:
                proc.stop()
            except Exception as e:  # keep stopping the others
                print(f"could not stop {proc.label}: {e!r}")


@pytest.fixture
def procs(request, tmp_path):
    p = Procs(tmp_path)
    yield p
    failed = any(getattr(request.node, f"rep_{w}", None) is not None
                 and getattr(request.node, f"rep_{w}").failed for w in ("setup", "call"))
    if failed:
        for proc in p.all:
            print(proc.describe())
    p.stop_all()


@pytest.fixture(scope="session")
def router_kind(request):
    return request.config.getoption("--router")


def free_tcp_port():
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Network:
    """A running router under test and how to reach it."""

    def __init__(self, kind, proc, host, port, unix):
        self.kind, self.proc, self.host, self.port, self.unix = kind, proc, host, port, unix

    @property
    def tcp_address(self):
        return (self.host, self.port)

    def client_args(self, unix=False):
        if unix:
            # host=<path>: see peers/worker.py for why not unix_sock_path.
            return {"host": self.unix, "port": 0}
        return {"host": self.host, "port": self.port}


def start_network(kind, procs, unix_path=None):
    if kind == "ours":
        binary = Path(os.environ.get("DAFFI_ROUTER") or DEFAULT_ROUTER)
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            pytest.fail(f"the router under test is missing: {binary} is not an executable file. "
                        f"Build daffi-router, or point DAFFI_ROUTER at it, or run the suite against "
                        f"the reference with --router=reference.", pytrace=False)
        argv = [binary, "--host", "127.0.0.1", "--port", "0",
                "--log-level", os.environ.get("INTEROP_ROUTER_LOG_LEVEL", "info")]
        label = "daffi-router"
    else:
        argv = [sys.executable, PEERS / "ref_router.py", "--host", "127.0.0.1",
                "--port", str(free_tcp_port())]
        label = "reference-router"
    if unix_path:
        argv += ["--unix", unix_path]
    proc = procs.start(argv, label, keep_stdin_open=(kind != "ours"))

    tcp = proc.wait_line(TCP_LINE.match, ROUTER_START_DEADLINE,
                         "'daffi-router listening on tcp://HOST:PORT' line")
    host, port = tcp.group(1).strip("[]"), int(tcp.group(2))
    assert port > 0, f"router announced port {port}"
    if unix_path:
        unix = proc.wait_line(UNIX_LINE.match, ROUTER_START_DEADLINE,
                              "'daffi-router listening on unix://PATH' line")
        assert unix.group(1) == unix_path, f"router listens on {unix.group(1)}, asked {unix_path}"
    return Network(kind, proc, host, port, unix_path)


@pytest.fixture
def network(router_kind, procs):
    return start_network(router_kind, procs)


@pytest.fixture
def short_tmp():
    # A directory for Unix socket paths: pytest's tmp_path is too long for them (see below).
    d = tempfile.mkdtemp(prefix="dfi-", dir="/tmp")
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def unix_network(router_kind, procs, short_tmp):
    # /tmp/dfi-XXXXXXXX/r.sock is 24 bytes. The reference Router binds only the first 26 bytes
    # of a socket path (seen with 3.0.1: host="/tmp/abcdefghijklmnopqrstuvwxyz.sock" creates
    # /tmp/abcdefghijklmnopqrstu), while its client connects to the full path.
    return start_network(router_kind, procs, unix_path=str(short_tmp / "r.sock"))


class Workers:
    def __init__(self, network, procs):
        self.network, self.procs = network, procs

    def start(self, *names, tag="", unix=False, wait=True, extra=()):
        """Starts one worker process per name, then waits until each printed READY."""
        started = []
        for name in names:
            argv = [sys.executable, PEERS / "worker.py", "--name", name, "--tag", tag, *extra]
            if unix:
                argv += ["--unix", self.network.unix]
            else:
                argv += ["--host", self.network.host, "--port", str(self.network.port)]
            started.append(self.procs.start(argv, f"worker-{name}"))
        if wait:
            for w in started:
                w.wait_line(lambda line: line == "READY", WORKER_READY_DEADLINE, "READY line")
        return started[0] if len(started) == 1 else started


@pytest.fixture
def workers(network, procs):
    return Workers(network, procs)


def _give_signals_back_to_python():
    # The reference native layer installs SIGINT/SIGTERM handlers that exit(0) on connect
    # (PYTHON_API.md §1.2); in the test process that would turn a Ctrl+C or a CI kill into a
    # silent success, so restore Python's defaults.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Caller:
    """A reference daffi Client in the test process, with the member events it saw."""

    def __init__(self, network, name, unix=False):
        self.added, self.removed = [], []
        self.client = Client(app_name=name, **network.client_args(unix))
        self.client.on_member_added(self.added.append)
        self.client.on_member_removed(self.removed.append)
        try:
            self.conn = self.client.connect()
        finally:
            _give_signals_back_to_python()

    def members(self):
        from daffi._bindings import get_available_members
        return {m["name"]: m.get("methods") for m in get_available_members(self.client._conn_num)}

    def stop(self):
        self.client.stop()


@pytest.fixture
def make_caller(request, procs):
    # Depends on procs so that callers stop before the router and workers do; the network is
    # looked up only when the test did not pass its own (e.g. unix_network).
    made = []

    def make(name="caller", net=None, unix=False):
        c = Caller(net or request.getfixturevalue("network"), name, unix)
        made.append(c)
        return c

    yield make
    for c in made:
        try:
            c.stop()
        except Exception as e:
            print(f"could not stop caller {c.client.app_name}: {e!r}")
