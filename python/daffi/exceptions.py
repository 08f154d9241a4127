"""Exceptions of daffi, the same hierarchy as daffi 3.0."""


class BaseException(Exception):  # noqa: A001 - the reference's name, kept for drop-in use
    """Base class of every daffi exception. ``fire()`` raises the instance."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)

    def fire(self):
        raise self


class InitializationError(BaseException):
    """A Router, Service or Client could not start, connect, or is misconfigured."""


class Disconnected(BaseException):
    """The router or service this client was connected to went away."""


class Evicted(BaseException):
    """Another connection with the same ``app_name`` took this client's place."""


class TransmissionFailure(BaseException):
    """A message could not be delivered (no receiver, receiver gone, not connected...)."""


class RemoteCallError(BaseException):
    """The remote callback raised. Callers get a subclass named after the remote exception."""


class CallTimeout(BaseException, TimeoutError):
    """No answer within the call's timeout. Carries ``call``, ``timeout``, ``elapsed``, ``receivers``."""

    def __init__(self, *, call: str, timeout, elapsed: float, receivers) -> None:
        self.call = call
        self.timeout = timeout
        self.elapsed = elapsed
        self.receivers = receivers
        recv = repr(receivers) if receivers else "any (broadcast)"
        super().__init__(
            f"RPC call timed out after {timeout}s.\n\n"
            f"  Call:      {call}\n"
            f"  Receivers: {recv}\n"
            f"  Elapsed:   {elapsed:.1f}s"
        )


_remote_classes = {}


def remote_error(type_name: str, module: str, message: str, traceback=None) -> RemoteCallError:
    """The RemoteCallError subclass named after the remote exception (one class per name)."""
    key = (type_name, module)
    cls = _remote_classes.get(key)
    if cls is None:
        cls = type(str(type_name) or "RemoteCallError", (RemoteCallError,), {"__module__": module or __name__})
        _remote_classes[key] = cls
    err = cls(message)
    err.remote_traceback = traceback
    return err
