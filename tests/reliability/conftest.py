import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))

ROUTER = os.environ.get("DAFFI_ROUTER", "")
CALL = os.environ.get("DAFFI_CALL", "")
SOAK = os.environ.get("DAFFI_SOAK", "")
DATA = os.environ.get("DAFFI_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
TLS = os.path.join(DATA, "tls")


class Proc:
    """A child process whose stdout/stderr are collected by a thread; killed by PID at teardown."""

    def __init__(self, args, ready=None, timeout=15):
        self.args = args
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self._cv = threading.Condition()
        threading.Thread(target=self._pump, daemon=True).start()
        self.match = None
        if ready:
            self.match = self.wait_line(ready, timeout)
            assert self.match, f"{args[0]} did not print {ready!r}: {self.output()}"

    def _pump(self):
        for line in self.p.stdout:
            with self._cv:
                self.lines.append(line.rstrip("\n"))
                self._cv.notify_all()

    def wait_line(self, pattern, timeout=10, start=0):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                for line in self.lines[start:]:
                    m = rx.search(line)
                    if m:
                        return m
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cv.wait(left)

    def output(self):
        with self._cv:
            return "\n".join(self.lines)

    @property
    def pid(self):
        return self.p.pid

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def signal(self, sig):
        if self.p.poll() is None:
            os.kill(self.pid, sig)

    def stop(self):
        if self.p.poll() is None:
            try:
                os.kill(self.pid, signal.SIGCONT)
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            pass


@pytest.fixture
def procs():
    started = []

    def start(args, ready=None, timeout=15):
        p = Proc(args, ready, timeout)
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


def start_router(procs, *extra, port=0, wrapper=(), timeout=15):
    """`wrapper`: a command the router runs under, e.g. ("prlimit", "--nofile=64")."""
    assert ROUTER, "set DAFFI_ROUTER (ctest does)"
    r = procs([*wrapper, ROUTER, "--port", str(port), "--handshake-timeout", "1000", "--log-level", "info", *extra],
              ready=r"listening on (tcp|tls)://127\.0\.0\.1:(\d+)", timeout=timeout)
    r.port = int(r.match.group(2))
    return r


def start_service(procs, name="svc"):
    assert CALL, "set DAFFI_CALL (ctest does)"
    s = procs([CALL, "service", "--name", name, "--listen", "tcp://127.0.0.1:0", "--timeout", "1"],
              ready=r"listening on tcp://127\.0\.0\.1:(\d+)")
    s.port = int(s.match.group(1))
    return s


def start_worker(procs, port, name, *extra, scheme="tcp"):
    w = procs([CALL, "serve", "--name", name, "--connect", f"{scheme}://127.0.0.1:{port}", *extra],
              ready=r'"serving"')
    return w


def call(port, *args, timeout=20, scheme="tcp", extra=()):
    """daffi-call as a subprocess: (exit code, parsed JSON line or None, seconds)."""
    import json
    t0 = time.monotonic()
    p = subprocess.run([CALL, *args, "--connect", f"{scheme}://127.0.0.1:{port}", *extra],
                       capture_output=True, text=True, timeout=timeout)
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    try:
        out = json.loads(line) if line else None
    except ValueError:
        out = None
    return p.returncode, out, time.monotonic() - t0


# Memory bounds are asserted against the plain build only: under AddressSanitizer the binaries'
# RSS includes shadow memory and the free quarantine, which says nothing about the router.
SANITIZED = os.environ.get("DAFFI_SANITIZED", "0") not in ("0", "", "OFF", "FALSE")


def check_rss(condition, detail):
    """Asserts a memory bound unless the binaries under test are sanitized."""
    if not SANITIZED:
        assert condition, detail
