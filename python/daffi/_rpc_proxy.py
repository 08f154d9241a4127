"""daffi 3.0's ClientConnection: the six call styles of daffi._styles behind proxies."""

from daffi import _styles
from daffi._serialization import SerdeFormat, check_serde


class _Proxy:
    """``conn.rpc(...).fn(*args)``: attribute access gives a callable for the remote function."""

    __slots__ = ("_conn", "_style", "_timeout", "_receiver", "_serde")

    def __init__(self, conn, style, timeout, receiver, serde):
        self._conn = conn
        self._style = style
        self._timeout = timeout
        self._receiver = receiver
        self._serde = check_serde(serde)

    def __getattr__(self, fn):
        if fn.startswith("__"):
            raise AttributeError(fn)
        conn, style = self._conn, self._style
        timeout, receiver, serde = self._timeout, self._receiver, self._serde

        def call(*args, **kwargs):
            return conn._run(style(conn.client, fn, args, kwargs, timeout, receiver, serde))

        call.__name__ = fn
        return call


class ClientConnection:
    """What ``Client.connect()`` returns: the six call styles and ``wait_for_members``."""

    def __init__(self, client):
        self.client = client

    _run = staticmethod(_styles.run)   # the asyncio connection runs the styles on its loop

    def rpc(self, timeout=None, receiver=None, serde=SerdeFormat.PICKLE):
        if receiver is not None and not isinstance(receiver, str):
            raise TypeError("rpc takes one receiver name (a str); use cast() to call several receivers")
        return _Proxy(self, _styles.rpc, timeout, receiver, serde)

    def rpc_nowait(self, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, _styles.rpc_nowait, None, receiver, serde)

    def cast(self, timeout=None, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, _styles.cast, timeout, receiver, serde)

    def cast_nowait(self, receiver=None, serde=SerdeFormat.PICKLE):
        return _Proxy(self, _styles.cast_nowait, None, receiver, serde)

    def stream(self, receiver=None, serde=SerdeFormat.OPAQUE, timeout=None):
        """One worker gets the whole stream: ``receiver``, or one picked round-robin."""
        return _Proxy(self, _styles.stream, timeout, receiver, serde)

    def stream_nowait(self, receiver=None, serde=SerdeFormat.OPAQUE):
        """As stream(), without waiting for each chunk's answer."""
        return _Proxy(self, _styles.stream_nowait, None, receiver, serde)

    def wait_for_members(self, *members, timeout=None, interval=1.0):
        """Returns once every named member is connected (woken by membership events; ``interval``
        is accepted for compatibility). ``TimeoutError`` after ``timeout`` seconds."""
        return self._run(_styles.wait_for_members(self.client, members, timeout))
