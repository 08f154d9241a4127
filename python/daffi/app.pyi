import logging
import os
from collections.abc import Callable
from typing import Any, TypeVar

from daffi._rpc_proxy import ClientConnection

_MemberHandler = TypeVar("_MemberHandler", bound=Callable[[str], object])
_EventHandler = TypeVar("_EventHandler", bound=Callable[[dict[str, str]], object])

class _Node:
    """What every node (sync and asyncio) is built with, in daffi 3.0's order."""

    app_name: str
    host: str | None
    port: int | None
    unix_sock_path: str
    workers: int
    tls: bool
    cert_file: str
    key_file: str
    ca_file: str
    logger: logging.LoggerAdapter[logging.Logger]
    def __init__(self, app_name: str | None = None, host: str | None = None, port: int | None = None,
                 unix_sock_path: str | os.PathLike[str] | None = None, workers: int = 1, tls: bool = False,
                 cert_file: str = "", key_file: str = "", ca_file: str = "") -> None: ...
    @property
    def info(self) -> str: ...

class _Worker:
    """What Service and Client share: membership handlers (usable as decorators)."""

    def on_member_added(self, handler: _MemberHandler) -> _MemberHandler: ...
    def on_member_removed(self, handler: _MemberHandler) -> _MemberHandler: ...
    # The daffi 2.x form: handler({"type": "connected" | "disconnected", "member": name}).
    def add_event_handler(self, handler: _EventHandler) -> _EventHandler: ...

class Router(_Node):
    monitor_port: int | None
    monitor_host: str
    # Where the monitor API is served (http://host:port), once started with a monitor_port.
    monitor_url: str | None
    def __init__(self, app_name: str | None = None, host: str | None = None, port: int | None = None,
                 unix_sock_path: str | os.PathLike[str] | None = None, workers: int = 1, tls: bool = False,
                 cert_file: str = "", key_file: str = "", ca_file: str = "",
                 monitor_port: int | None = None, monitor_host: str = "127.0.0.1") -> None: ...
    def start(self) -> None: ...
    def stop(self, *_: Any) -> None: ...
    def join(self) -> None: ...

class Service(_Node, _Worker):
    def start(self) -> None: ...
    def stop(self, *_: Any) -> None: ...
    def join(self) -> None: ...

class Client(_Node, _Worker):
    def __init__(self, app_name: str | None = None, host: str | None = None, port: int | None = None,
                 unix_sock_path: str | os.PathLike[str] | None = None, workers: int = 1, tls: bool = False,
                 cert_file: str = "", key_file: str = "", ca_file: str = "", *,
                 reconnect_attempts: int = 5) -> None: ...
    def connect(self) -> ClientConnection: ...
    def stop(self, *_: Any) -> None: ...
    def join(self) -> None: ...
