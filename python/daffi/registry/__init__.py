"""@callback, @local and @alias, and the process-wide registry of callbacks."""

from daffi.registry._registry import EXECUTOR_REGISTRY, Executor, callback, local, alias

__all__ = ["callback", "local", "alias", "EXECUTOR_REGISTRY", "Executor"]
