from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar, overload

_P = ParamSpec("_P")
_R = TypeVar("_R")
_F = TypeVar("_F", bound=Callable[..., Any])

class callback(Generic[_P, _R]):  # noqa: N801 - the reference's name
    """Registers a function (under its name) or a class (its public methods, on one instance made
    with no arguments) as remote callbacks; calling it still calls the original."""

    def __init__(self, fn: Callable[_P, _R]) -> None: ...
    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> _R: ...

@overload
def local(fn: _F) -> _F: ...
@overload
def local(fn: None = None) -> Callable[[_F], _F]: ...
def alias(name: str) -> Callable[[_F], _F]: ...
