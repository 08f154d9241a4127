"""Router, Service and Client with daffi 3.0's API, on daffi-qt's C++ core."""

import atexit
import logging
import signal
import threading
import weakref

from daffi import _native
from daffi._dispatch import Dispatcher
from daffi._outcome import start_failure
from daffi._rpc_proxy import ClientConnection
from daffi._styles import wait
from daffi.exceptions import Disconnected, Evicted, InitializationError, TransmissionFailure
from daffi.registry import EXECUTOR_REGISTRY

_nodes = weakref.WeakSet()
_joining_in_main = 0
_handlers_installed = False
_previous_handlers = {}


def _stop_all(*_):
    for node in list(_nodes):
        try:
            node._shutdown()
        except Exception:
            pass


def _on_signal(signum, frame):
    # Ctrl+C and SIGTERM stop every node cleanly (join() returns). Outside join() they also end the
    # program the usual way: SIGINT raises KeyboardInterrupt, SIGTERM calls the handler that was
    # there before us or exits with status 0 (as the reference's native handler does). The
    # stopping happens on another thread: this handler may have interrupted the main thread while
    # it held a lock that stop() takes (join()'s Event.wait() holds the event's lock between its
    # bytecodes), and taking it here would deadlock. Not a daemon thread, so the interpreter waits
    # for it before exiting.
    threading.Thread(target=_stop_all, name="daffi-signal-stop").start()
    if _joining_in_main:
        return
    previous = _previous_handlers.get(signum)
    if callable(previous):
        previous(signum, frame)
    elif signum == signal.SIGTERM:
        raise SystemExit(0)


def _install_signal_handlers():
    global _handlers_installed
    if _handlers_installed or threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        _previous_handlers[signum] = signal.getsignal(signum)
        signal.signal(signum, _on_signal)
    _handlers_installed = True


atexit.register(_stop_all)


class _Node:
    _kind = "node"

    def __init__(self, app_name=None, host=None, port=None, unix_sock_path=None, workers=1, tls=False,
                 cert_file="", key_file="", ca_file=""):
        self.app_name = str(app_name) if app_name is not None else _default_name()
        self.unix_sock_path = str(unix_sock_path or "")
        if self.unix_sock_path and host:
            raise InitializationError("Give either host/port or unix_sock_path, not both.")
        self.host = host
        self.port = port
        self.workers = workers
        self.tls = bool(tls)
        self.cert_file = cert_file or ""
        self.key_file = key_file or ""
        self.ca_file = ca_file or ""
        self.logger = logging.LoggerAdapter(logging.getLogger(f"{self._kind}[{self.app_name}]"), {"app": self.app_name})
        _native.set_log_level(logging.getLogger().getEffectiveLevel())
        self._stop_event = threading.Event()
        self._error = None
        self._lock = threading.Lock()
        _nodes.add(self)
        _install_signal_handlers()

    def _shutdown(self):
        """Stops without an event loop (atexit, signals); async nodes reuse the sync teardown."""
        for cls in type(self).__mro__:
            if cls.__module__ == __name__ and "stop" in cls.__dict__:
                cls.stop(self)
                return

    @property
    def info(self):
        if self.unix_sock_path:
            return f"unix: [ path '{self.unix_sock_path}' ]"
        return f"tcp: [ host '{self.host}', port: {self.port} ]"

    def _endpoint(self, default_host):
        if self.unix_sock_path:
            return _native.Endpoint(unix_path=self.unix_sock_path)
        return _native.Endpoint(host=str(self.host or default_host), port=int(self.port or 0))

    def join(self):
        """Blocks until stop() (from any thread, Ctrl+C or SIGTERM); re-raises a connection error."""
        global _joining_in_main
        in_main = threading.current_thread() is threading.main_thread()
        if in_main:
            _joining_in_main += 1
        try:
            while not self._stop_event.wait(0.2):
                pass
        except KeyboardInterrupt:
            self.stop()
        finally:
            if in_main:
                _joining_in_main -= 1
        if self._error is not None:
            raise self._error

    def _check_server_tls(self):
        if self.tls and not (self.cert_file and self.key_file):
            raise InitializationError(
                f"{type(self).__name__}(tls=True) needs cert_file and key_file (PEM); "
                "refusing to serve plaintext instead.")


def _default_name():
    import socket
    import random

    return f"{socket.gethostname()}-{hex(random.getrandbits(32))}"


def _bind_error(node, exc):
    where = node.unix_sock_path or f"{node.host or '0.0.0.0'}:{node.port}"
    return InitializationError(f"ConnectionRefused: {exc}\n\n  The server could not bind to {where}.")


class Router(_Node):
    """Forwards calls between clients. No callbacks of its own."""

    _kind = "router"

    def __init__(self, app_name=None, host=None, port=None, unix_sock_path=None, workers=1, tls=False,
                 cert_file="", key_file="", ca_file="", monitor_port=None, monitor_host="127.0.0.1"):
        """monitor_port: serve the monitor API (docs/monitor-api.md) there, on monitor_host
        (loopback only from Python); 0 picks a free port. ``monitor_url`` says where, once started."""
        super().__init__(app_name, host, port, unix_sock_path, workers, tls, cert_file, key_file, ca_file)
        self._native = None
        self.monitor_port = monitor_port
        self.monitor_host = monitor_host
        self.monitor_url = None

    def start(self):
        with self._lock:
            if self._native is not None:
                raise RuntimeError("Router is already started")
            self._check_server_tls()
            native = _native.Router()
            try:
                native.listen(self._endpoint("0.0.0.0"), self.cert_file if self.tls else "",
                              self.key_file if self.tls else "", self.ca_file if self.tls else "")
            except RuntimeError as exc:
                raise _bind_error(self, exc) from None
            if self.monitor_port is not None:
                try:
                    self.monitor_url = native.start_monitor(self.monitor_host, int(self.monitor_port))
                except RuntimeError:
                    native.stop()
                    raise
            self._native = native
            if not self.unix_sock_path:
                self.port = native.port()
            self._stop_event.clear()
            self.logger.debug("has been started successfully. connection info: %s", self.info)

    def stop(self, *_):
        with self._lock:
            native, self._native = self._native, None
        if native is not None:
            native.stop()
        self._stop_event.set()


class _Worker:
    """What Service and Client share: callbacks from the registry, membership handlers."""

    def _init_worker(self):
        self._added = []
        self._removed = []
        self._dispatcher = None
        EXECUTOR_REGISTRY.subscribers.append(self._on_new_callback)

    def on_member_added(self, handler):
        self._added.append(handler)
        return handler

    def on_member_removed(self, handler):
        self._removed.append(handler)
        return handler

    def add_event_handler(self, handler):
        """The documented (daffi 2.x) form: ``handler({"type": "connected"|"disconnected",
        "member": name})`` for every member that joins or leaves."""
        self._added.append(lambda member: handler({"type": "connected", "member": member}))
        self._removed.append(lambda member: handler({"type": "disconnected", "member": member}))
        return handler

    def _on_new_callback(self, executor):
        native = self._native
        if native is not None:
            native.add_callback(executor.name)

    def _register_callbacks(self, native):
        for name, _ in EXECUTOR_REGISTRY:
            native.add_callback(name)

    def _membership(self, kind, member):
        handlers = self._added if kind == "connected" else self._removed
        for handler in list(handlers):
            try:
                handler(member)
            except Exception:
                self.logger.exception("member handler %r failed", handler)

    def stop(self, *_):
        with self._lock:
            native, self._native = self._native, None
        if native is not None:
            native.stop()
            native.close_queues()
        if self._dispatcher is not None:
            self._dispatcher.stop()
            self._dispatcher = None
        self._stop_event.set()


class Service(_Node, _Worker):
    """Hosts the @callback functions for the clients that connect to it."""

    _kind = "service"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._native = None
        self._init_worker()

    def start(self):
        with self._lock:
            native = self._listen()
            self._dispatcher = Dispatcher(native, self.workers, self._on_event, self.app_name)
            self._started(native)

    # The steps start() shares with AsyncService.start(); call with the lock held.
    def _listen(self):
        if self._native is not None:
            raise RuntimeError("Service is already started")
        self._check_server_tls()
        native = _native.Service(self.app_name)
        self._register_callbacks(native)
        try:
            native.listen(self._endpoint("0.0.0.0"), self.cert_file if self.tls else "",
                          self.key_file if self.tls else "", self.ca_file if self.tls else "")
        except RuntimeError as exc:
            raise _bind_error(self, exc) from None
        return native

    def _started(self, native):
        self._native = native
        if not self.unix_sock_path:
            self.port = native.port()
        self._stop_event.clear()

    def _on_event(self, kind, member):
        if kind in ("connected", "disconnected"):
            self._membership(kind, member)


class Client(_Node, _Worker):
    """Connects to a Router or Service; calls remote functions and may expose @callbacks.

    Beyond daffi 3.0: after a lost connection it reconnects on its own (``reconnect_attempts``
    times in a row, with exponential backoff; 0 turns it off), and join() raises Disconnected only
    when it gives up.
    """

    _kind = "client"

    def __init__(self, *args, reconnect_attempts=5, **kwargs):
        super().__init__(*args, **kwargs)
        self._native = None
        self._conn_type = None
        self._reconnect_attempts = int(reconnect_attempts)
        self._init_worker()

    @property
    def info(self):
        base = super().info
        return f"{base}, type: '{self._conn_type}'" if self._conn_type else base

    def _native_client(self):
        native = self._native
        if native is None:
            raise TransmissionFailure("Client is not connected. Call connect() first.")
        return native

    def connect(self):
        with self._lock:
            native = self._new_native()
            dispatcher = Dispatcher(native, self.workers, self._on_event, self.app_name)
            try:
                self._connected(native, wait(native.start()))
            except InitializationError:
                dispatcher.stop()
                raise
            self._dispatcher = dispatcher
        return ClientConnection(self)

    # The steps connect() shares with AsyncClient.connect().
    def _new_native(self):
        if self._native is not None:
            raise RuntimeError("Client is already connected")
        if not self.unix_sock_path and not self.port:
            raise InitializationError("Client needs a port (or unix_sock_path) to connect to.")
        try:
            native = _native.Client(self.app_name, self._endpoint("127.0.0.1"), self.tls, self.ca_file,
                                    self.cert_file, self.key_file, self._reconnect_attempts)
        except RuntimeError as exc:
            raise InitializationError(str(exc)) from None
        self._register_callbacks(native)
        return native

    def _connected(self, native, result):
        """Takes the outcome of native.start(): becomes connected, or raises InitializationError."""
        if not result.ok:
            native.close_queues()
            native.stop()
            raise start_failure(result, self.info)
        self._native = native
        self._conn_type = native.server_type()
        self._error = None
        self._stop_event.clear()

    def _on_event(self, kind, member):
        if kind == "state":
            if member == "Evicted":
                self._error = Evicted(
                    f"Another client connected with the name {self.app_name!r} and took this client's place.")
                self._stop_event.set()
            elif member == "Idle" and self._native is not None:
                self._error = Disconnected(
                    "Server disconnected unexpectedly.\n\n  The router or service this client was connected to "
                    "has stopped, and reconnecting failed.")
                self._stop_event.set()
            elif member == "Reconnecting":
                self.logger.warning("connection lost; reconnecting to %s", self.info)
            return
        self._membership("connected" if kind == "connected" else "disconnected", member)
