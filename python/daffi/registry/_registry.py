import inspect
import threading

from daffi.exceptions import InitializationError


class Executor:
    """One registered callback: a function, or a method bound to a class's single instance."""

    def __init__(self, func, name, cls=None):
        self.func = func
        self.name = name
        self.cls = cls
        self.is_async = inspect.iscoroutinefunction(func)

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)

    def __str__(self):
        return repr(f"{type(self.cls).__name__}.{self.name}" if self.cls is not None else self.name)

    __repr__ = __str__


class _Registry:
    """Callbacks of this process. Every node advertises all of them (as in daffi 3.0); nodes
    subscribe to hear of callbacks registered after they started."""

    def __init__(self):
        self.registry = {}
        self.subscribers = []
        self._lock = threading.Lock()

    def register(self, name, func, cls=None):
        with self._lock:
            if name in self.registry:
                raise InitializationError(
                    f"Callback {name!r} is already registered. Please use another name or set a custom alias."
                )
            executor = Executor(func, name, cls)
            self.registry[name] = executor
            subscribers = list(self.subscribers)
        for notify in subscribers:
            notify(executor)
        return executor

    def unregister(self, name):
        with self._lock:
            self.registry.pop(name, None)

    def get(self, name):
        return self.registry.get(name)

    def __iter__(self):
        return iter(list(self.registry.items()))

    def __bool__(self):
        return bool(self.registry)

    def __len__(self):
        return len(self.registry)


EXECUTOR_REGISTRY = _Registry()


def _check(func, name):
    if getattr(func, "__name__", "") == "<lambda>":
        raise InitializationError(f"Callback {name!r} is a lambda — use a named function instead.")
    if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
        raise InitializationError(f"Callback {name!r} is a generator function; callbacks must return a value.")
    if "|" in name or "," in name:
        raise InitializationError(f"Callback name {name!r} must not contain '|' or ','.")


class callback:  # noqa: N801 - the reference's name
    """Registers a function (under its name) or a class (its public methods, on one instance
    created with no arguments) as remote callbacks."""

    def __init__(self, fn):
        self._fn = fn
        self.__wrapped__ = fn
        self.__name__ = getattr(fn, "__name__", "callback")
        self.__doc__ = getattr(fn, "__doc__", None)
        if inspect.isclass(fn):
            instance = fn()
            self._instance = instance
            for name, member in inspect.getmembers(instance, predicate=callable):
                if name.startswith("_") or getattr(member, "local", False) or inspect.isclass(member):
                    continue
                _check(member, name)
                EXECUTOR_REGISTRY.register(name, member, instance)
        else:
            name = fn.__name__
            if name.startswith("_") or getattr(fn, "local", False):
                return
            _check(fn, name)
            EXECUTOR_REGISTRY.register(name, fn)

    def __call__(self, *args, **kwargs):
        return self._fn(*args, **kwargs)

    def __get__(self, obj, objtype=None):
        return self if obj is None else self._fn.__get__(obj, objtype)


def local(fn=None):
    """Keeps a method of a @callback class local (not exported). @local or @local()."""

    def mark(f):
        f.local = True
        return f

    return mark if fn is None else mark(fn)


def alias(name):
    """Sets ``fn.alias`` (kept for compatibility; as in daffi 3.0 the registry key stays __name__)."""
    if not isinstance(name, str):
        raise ValueError("Alias must be string.")

    def mark(f):
        f.alias = name
        return f

    return mark
