"""The callbacks every test peer exposes: imported by conftest.py (this process) and by
peers/worker.py (worker subprocesses), so both kinds of worker answer the same functions.

daffi's callback registry is process-wide, so these are registered once per process and every
Service/Client in that process advertises them (as in daffi 3.0).
"""

import os
import threading
import time
from collections import Counter

from daffi import callback, local

# Who answered: the worker subprocess sets DAFFI_TEST_NAME; in-process peers share one identity.
IDENTITY = os.environ.get("DAFFI_TEST_NAME", "test-process")

_lock = threading.Lock()
_seen = []
_counts = Counter()
_active = 0
_peak = 0


class CustomError(Exception):
    """A user-defined exception: callers see a RemoteCallError subclass named CustomError."""


@callback
def echo(value):
    return value


@callback
def add(a, b=0):
    return a + b


@callback
def pack(*args, **kwargs):
    return [list(args), kwargs]


@callback
def whoami():
    return IDENTITY


@callback
def record(value):
    """Remembers a value (as text) so a later seen(token) can tell it arrived."""
    with _lock:
        _seen.append(value if isinstance(value, str) else repr(value))


@callback
def seen(token):
    with _lock:
        return sum(1 for text in _seen if token in text)


@callback
def bump(token):
    with _lock:
        _counts[token] += 1


@callback
def bumped(token):
    with _lock:
        return _counts[token]


@callback
def slow(seconds):
    time.sleep(seconds)
    return seconds


@callback
def overlap(seconds):
    """Sleeps; returns the peak number of overlap() calls running at once so far."""
    global _active, _peak
    with _lock:
        _active += 1
        _peak = max(_peak, _active)
    try:
        time.sleep(seconds)
    finally:
        with _lock:
            _active -= 1
    return _peak


@callback
def reset_overlap():
    global _peak
    with _lock:
        _peak = 0


@callback
def boom(message):
    raise ValueError(message)


@callback
def fail(kind, message):
    import builtins

    raise getattr(builtins, kind)(message)


@callback
def fail_custom(message):
    raise CustomError(message)


@callback
def size_of(data):
    return len(data)


@callback
def pid():
    return os.getpid()


@callback
class Inventory:
    """A class callback: public methods are exported, _private and @local ones are not."""

    def __init__(self):
        self.items = {}

    def put(self, key, value):
        self.items[key] = value
        return len(self.items)

    def take(self, key):
        return self.items.pop(key, None)

    def _secret(self):
        return "private"

    @local
    def wipe(self):
        self.items.clear()
