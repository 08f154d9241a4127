"""@callback on functions and classes, @local, @alias, and what peers advertise."""

import pytest
from conftest import uid

import shared_callbacks
from daffi import alias, callback, local
from daffi.exceptions import InitializationError, TransmissionFailure
from daffi.registry import EXECUTOR_REGISTRY


def names():
    return {name for name, _ in EXECUTOR_REGISTRY}


def test_exported_names():
    import daffi

    assert set(daffi.__all__) == {"Router", "Service", "Client", "SerdeFormat", "callback", "local", "alias",
                                  "__version__"}
    assert daffi.SerdeFormat.OPAQUE == 0 and daffi.SerdeFormat.JSON == 1
    assert daffi.SerdeFormat.PICKLE == 2 and daffi.SerdeFormat.MSGPACK == 3
    assert isinstance(daffi.__version__, str)


def test_function_callback_is_registered_and_callable():
    assert isinstance(shared_callbacks.add, callback)
    assert shared_callbacks.add(1, 2) == 3  # still callable locally
    assert {"echo", "add", "slow"} <= names()


def test_class_callback_exports_public_methods_only():
    exported = names()
    assert {"put", "take"} <= exported
    assert "_secret" not in exported and "wipe" not in exported and "__init__" not in exported
    # one instance shared by the exported methods
    assert EXECUTOR_REGISTRY.get("put").cls is EXECUTOR_REGISTRY.get("take").cls


def test_class_callback_methods_are_callable_remotely(topo):
    key = uid("k")
    conn = topo.conn
    assert conn.rpc(timeout=5, receiver=topo.pin).put(key, [1, 2]) >= 1
    assert conn.rpc(timeout=5, receiver=topo.pin).take(key) == [1, 2]
    for hidden in ("_secret", "wipe"):
        with pytest.raises(TransmissionFailure):
            getattr(conn.rpc(timeout=5), hidden)()


def test_underscore_function_and_local_function_are_not_registered():
    @callback
    def _hidden_helper():
        return 1

    @callback
    @local
    def local_helper():
        return 2

    assert "_hidden_helper" not in names() and "local_helper" not in names()
    assert local_helper() == 2


def test_local_with_and_without_parentheses():
    @local
    def a():
        pass

    @local()
    def b():
        pass

    assert a.local is True and b.local is True


def test_alias_sets_attribute_only():
    @alias("other")
    def f():
        pass

    assert f.alias == "other"
    with pytest.raises(ValueError, match="Alias must be string"):
        alias(3)


def test_duplicate_lambda_and_generator_are_rejected():
    with pytest.raises(InitializationError, match="already registered"):
        @callback
        def echo(x):  # noqa: F811 - the point of the test
            return x

    with pytest.raises(InitializationError, match="lambda"):
        callback(lambda: 1)

    with pytest.raises(InitializationError):
        @callback
        def gen_cb():
            yield 1


def test_callback_registered_after_connect_is_advertised(nodes):
    router = nodes.router()
    worker, _ = nodes.connect(router.port, uid("late-cb-worker"))
    caller, conn = nodes.connect(router.port, uid("caller"))
    name = "late_registered_" + uid("x").replace("-", "_")

    def late(x):
        return x * 2

    late.__name__ = name
    callback(late)
    try:
        from conftest import wait_until

        def answered():
            try:
                return conn.rpc(timeout=5, receiver=worker.app_name).__getattr__(name)(21) == 42
            except TransmissionFailure:
                return False

        wait_until(answered, 10, "the late callback to be advertised")
    finally:
        EXECUTOR_REGISTRY.unregister(name)
