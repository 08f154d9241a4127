"""Exceptions the caller sees, their classes and messages; timeouts (fractional ones too)."""

import socket
import time
import uuid

import pytest
from conftest import HOST, free_port, uid

from daffi import Client, Router, SerdeFormat, Service
from daffi.exceptions import (
    BaseException as DaffiError,
    CallTimeout,
    Disconnected,
    Evicted,
    InitializationError,
    RemoteCallError,
    TransmissionFailure,
)

SERDES = {
    "pickle": SerdeFormat.PICKLE,
    "json": SerdeFormat.JSON,
    "msgpack": SerdeFormat.MSGPACK,
    "opaque": SerdeFormat.OPAQUE,
}


def test_hierarchy():
    for cls in (InitializationError, Disconnected, Evicted, TransmissionFailure, RemoteCallError, CallTimeout):
        assert issubclass(cls, DaffiError)
        assert issubclass(cls, Exception)
    assert issubclass(CallTimeout, TimeoutError)
    err = TransmissionFailure("text")
    assert err.message == "text" and str(err) == "text"
    with pytest.raises(TransmissionFailure):
        err.fire()


# -- remote errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("serde", list(SERDES.values()), ids=list(SERDES))
def test_remote_error_named_after_remote_exception(topo, serde):
    with pytest.raises(RemoteCallError) as info:
        topo.conn.rpc(timeout=10, serde=serde).boom("bad input 42")
    err = info.value
    assert type(err).__name__ == "ValueError"
    assert type(err).__module__ == "builtins"
    assert not isinstance(err, ValueError)  # a RemoteCallError named ValueError, not a ValueError
    assert str(err) == "bad input 42"
    assert err.message == "bad input 42"


@pytest.mark.parametrize("kind", ["KeyError", "ZeroDivisionError", "RuntimeError", "TypeError"])
def test_remote_builtin_errors(topo, kind):
    with pytest.raises(RemoteCallError) as info:
        topo.conn.rpc(timeout=10).fail(kind, "why")
    assert type(info.value).__name__ == kind
    assert type(info.value).__module__ == "builtins"
    assert "why" in str(info.value)


def test_remote_custom_error_keeps_its_module(topo):
    with pytest.raises(RemoteCallError) as info:
        topo.conn.rpc(timeout=10).fail_custom("custom text")
    assert type(info.value).__name__ == "CustomError"
    assert type(info.value).__module__ == "shared_callbacks"
    assert str(info.value) == "custom text"


def test_remote_error_classes_are_reused(topo):
    classes = set()
    for _ in range(2):
        try:
            topo.conn.rpc(timeout=10).boom("x")
        except RemoteCallError as e:
            classes.add(type(e))
    assert len(classes) == 1


def test_cast_puts_exceptions_in_the_dict(topo):
    result = topo.conn.cast(timeout=10).boom("each")
    assert set(result) == topo.cast_keys
    for value in result.values():
        assert isinstance(value, RemoteCallError)
        assert type(value).__name__ == "ValueError"
        assert str(value) == "each"


def test_connection_usable_after_remote_error(topo):
    with pytest.raises(RemoteCallError):
        topo.conn.rpc(timeout=10).boom("x")
    assert topo.conn.rpc(timeout=10).add(1, 1) == 2


# -- no receiver ------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["rpc", "rpc_nowait", "cast", "cast_nowait", "stream", "stream_nowait"])
def test_no_receiver_is_transmission_failure(topo, style):
    proxy = getattr(topo.conn, style)()
    with pytest.raises(TransmissionFailure) as info:
        getattr(proxy, "no_such_function_" + uuid.uuid4().hex[:6])(b"x")
    assert "no_such_function_" in str(info.value)


def test_pinned_receiver_that_does_not_exist(topo):
    with pytest.raises(TransmissionFailure):
        topo.conn.rpc(timeout=5, receiver="nobody-" + uuid.uuid4().hex[:6]).echo(1)


def test_rpc_receiver_list_is_type_error(topo):
    with pytest.raises(TypeError):
        topo.conn.rpc(receiver=[topo.pin]).echo(1)


# -- local argument errors --------------------------------------------------------------------

def test_opaque_with_two_arguments_is_type_error(topo):
    with pytest.raises(TypeError, match="OPAQUE"):
        topo.conn.rpc(serde=SerdeFormat.OPAQUE).echo(b"a", b"b")
    with pytest.raises(TypeError):
        topo.conn.rpc(serde=SerdeFormat.OPAQUE).echo(b"a", second=b"b")
    with pytest.raises(TypeError):
        topo.conn.cast(serde=SerdeFormat.OPAQUE).echo("a", "b")


def test_json_unserializable_argument_raises_locally(topo):
    with pytest.raises(TypeError):
        topo.conn.rpc(serde=SerdeFormat.JSON).echo(b"bytes are not JSON")


# -- timeouts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("timeout", [0.3, 1.5])
def test_fractional_timeout_is_honoured(topo, timeout):
    started = time.monotonic()
    with pytest.raises(CallTimeout) as info:
        topo.conn.rpc(timeout=timeout, receiver=topo.pin).slow(timeout + 1.5)
    elapsed = time.monotonic() - started
    assert timeout * 0.9 <= elapsed < timeout + 0.5, elapsed
    err = info.value
    assert isinstance(err, TimeoutError)
    assert err.timeout == timeout
    assert "slow" in err.call
    assert timeout * 0.9 <= err.elapsed < timeout + 0.5
    assert err.receivers == {topo.pin}
    assert f"timed out after {timeout}s" in str(err)
    # the connection stays usable (the late answer is discarded)
    assert topo.conn.rpc(timeout=10).add(2, 2) == 4


def test_unpinned_rpc_timeout_names_its_receiver(topo):
    with pytest.raises(CallTimeout) as info:
        topo.conn.rpc(timeout=0.2).slow(0.8)
    err = info.value
    # an rpc goes to exactly one peer, and daffi 3.0 reports which
    assert err.receivers is not None and len(err.receivers) == 1
    assert err.receivers <= set(topo.workers) | {topo.caller.app_name}
    assert "slow" in err.call
    assert "broadcast" not in str(err)
    time.sleep(0.7)


def test_timeout_in_cast_is_a_value(topo):
    result = topo.conn.cast(timeout=0.3).slow(1.0)
    assert set(result) == topo.cast_keys
    assert all(isinstance(v, CallTimeout) for v in result.values())
    assert {name: v.receivers for name, v in result.items()} == {name: {name} for name in result}
    time.sleep(0.8)


def test_stream_timeout_is_per_chunk(topo):
    started = time.monotonic()
    with pytest.raises(CallTimeout):
        topo.conn.stream(receiver=topo.pin, serde=SerdeFormat.PICKLE, timeout=0.3).slow([0.01, 0.01, 1.0])
    assert time.monotonic() - started < 1.0
    time.sleep(0.8)


def test_no_timeout_waits_for_the_answer(topo):
    assert topo.conn.rpc(receiver=topo.pin).slow(1.2) == 1.2
    assert topo.conn.rpc(timeout=0, receiver=topo.pin).slow(0.1) == 0.1  # 0 means no deadline


# -- setup errors -----------------------------------------------------------------------------

def test_bind_failure_is_initialization_error():
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        for cls in (Service, Router):
            node = cls(app_name=uid("busy"), host=HOST, port=port)
            with pytest.raises(InitializationError) as info:
                node.start()
            assert "ConnectionRefused" in str(info.value)
            assert str(port) in str(info.value)
            node.stop()


def test_connect_failure_is_initialization_error():
    port = free_port()  # nothing listens there
    client = Client(app_name=uid("lonely"), host=HOST, port=port)
    started = time.monotonic()
    with pytest.raises(InitializationError, match="Failed to connect"):
        client.connect()
    assert time.monotonic() - started < 15
    client.stop()


def test_unix_path_and_host_together_is_initialization_error(tmp_path):
    for cls in (Router, Service, Client):
        with pytest.raises(InitializationError):
            cls(host=HOST, unix_sock_path=tmp_path / "x.sock")


def test_router_tls_without_certificate_is_initialization_error():
    for cls in (Router, Service):
        node = cls(host=HOST, port=None, tls=True)
        with pytest.raises(InitializationError):
            node.start()
        node.stop()


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_below_one_is_value_error(workers):
    svc = Service(app_name=uid("w0"), host=HOST, port=None, workers=workers)  # constructor accepts it
    with pytest.raises(ValueError, match="workers must be >= 1"):
        svc.start()
    svc.stop()
    real = Service(app_name=uid("real"), host=HOST, port=None)
    real.start()
    try:
        client = Client(app_name=uid("w0c"), host=HOST, port=real.port, workers=workers)
        with pytest.raises(ValueError, match="workers must be >= 1"):
            client.connect()
        client.stop()
    finally:
        real.stop()


def test_failed_workers_check_leaves_the_port_free():
    port = free_port()
    bad = Service(app_name=uid("bad"), host=HOST, port=port, workers=0)
    with pytest.raises(ValueError):
        bad.start()
    good = Service(app_name=uid("good"), host=HOST, port=port)
    try:
        good.start()
        assert good.port == port
    finally:
        good.stop()
        bad.stop()


def test_start_twice_and_connect_twice_are_runtime_errors(nodes):
    svc = nodes.service()
    with pytest.raises(RuntimeError, match="already started"):
        svc.start()
    client, _ = nodes.connect(svc.port)
    with pytest.raises(RuntimeError, match="already connected"):
        client.connect()


def test_call_after_stop_is_transmission_failure(nodes):
    svc = nodes.service()
    client, conn = nodes.connect(svc.port)
    client.stop()
    with pytest.raises(TransmissionFailure):
        conn.rpc(timeout=2).echo(1)


def test_stopped_client_can_connect_again(nodes):
    svc = nodes.service()
    client, conn = nodes.connect(svc.port)
    assert conn.rpc(timeout=5).add(1, 2) == 3
    client.stop()
    conn = client.connect()
    assert conn.rpc(timeout=5).add(2, 2) == 4


def test_service_stop_wakes_waiting_caller(nodes):
    import threading

    from conftest import call_within

    svc = nodes.service(workers=2)
    client, conn = nodes.connect(svc.port)
    timer = threading.Timer(0.5, svc.stop)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises((Disconnected, TransmissionFailure)):
            call_within(10, conn.rpc(timeout=30).slow, 2)
    finally:
        timer.cancel()
    # woken when the service goes away, not when the callback would have answered
    assert time.monotonic() - started < 1.9


def _temporary_callback(fn):
    from daffi import callback
    from daffi.registry import EXECUTOR_REGISTRY

    fn.__name__ = fn.__name__ + "_" + uuid.uuid4().hex[:6]
    callback(fn)
    return fn.__name__, lambda: EXECUTOR_REGISTRY.unregister(fn.__name__)


def test_async_callback_on_sync_node_is_a_remote_type_error(nodes):
    async def coro_cb(x):
        return x

    name, drop = _temporary_callback(coro_cb)
    try:
        svc = nodes.service()
        client, conn = nodes.connect(svc.port)
        with pytest.raises(RemoteCallError) as info:
            getattr(conn.rpc(timeout=5), name)(1)
        assert type(info.value).__name__ == "TypeError"
        assert "daffi.aio" in str(info.value)
        assert conn.rpc(timeout=5).add(1, 2) == 3  # the dispatcher survived
    finally:
        drop()


def test_unserializable_result_is_a_remote_error(nodes):
    def gives_a_set(x):
        return {x}

    name, drop = _temporary_callback(gives_a_set)
    try:
        svc = nodes.service()
        client, conn = nodes.connect(svc.port)
        with pytest.raises(RemoteCallError) as info:
            getattr(conn.rpc(timeout=5, serde=SerdeFormat.JSON), name)(1)
        assert type(info.value).__name__ == "TypeError"
        assert getattr(conn.rpc(timeout=5), name)(1) == {1}  # PICKLE carries sets
    finally:
        drop()
