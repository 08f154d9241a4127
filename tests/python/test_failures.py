"""Which exception a failed call or connect ends in: chosen from the native result's status and
reason, never from its message (the core's text may be reworded freely)."""

import json
import socket
import sys
import threading
import time
import uuid

import pytest
from conftest import HOST, ROOT, call_within, uid, wait_until, worker_behind_router

from daffi import Client, _native
from daffi._outcome import Call, cast_outcome, outcome, start_failure
from daffi.exceptions import (
    CallTimeout,
    Disconnected,
    Evicted,
    InitializationError,
    RemoteCallError,
    TransmissionFailure,
)

sys.path.insert(0, str(ROOT / "tests" / "interop"))
import wire  # noqa: E402 - the raw frame codec the interop suite plays peers with

Status, Reason = _native.Status, _native.Reason

# Texts that once decided the exception, and text that says nothing.
MESSAGES = ["Handshake rejected by server: x", "the server refused our hello: x", "not connected to x",
            "\"w\" disconnected before answering", "", "wörds " + uuid.uuid4().hex]

# Disconnected is the one status whose reasons lead to different exceptions.
DISCONNECTED = {
    Reason.NotConnected: TransmissionFailure,   # daffi 3.0: "...the reconnect attempt failed."
    Reason.ClientStopped: TransmissionFailure,
    Reason.ReceiverLeft: TransmissionFailure,   # daffi 3.0: "The anticipated receivers(s) ..."
}
BY_STATUS = {
    Status.RemoteError: RemoteCallError,
    Status.Timeout: CallTimeout,
    Status.NoReceiver: TransmissionFailure,
    Status.Evicted: Evicted,
    Status.InvalidArgument: TransmissionFailure,
}


def expected_class(status, reason):
    if status == Status.Disconnected:
        return DISCONNECTED.get(reason, Disconnected)
    return BY_STATUS[status]


def every_pair():
    for status in Status.__members__.values():
        if status == Status.Ok:
            continue
        for reason in Reason.__members__.values():
            yield status, reason


@pytest.mark.parametrize("message", MESSAGES)
def test_every_status_and_reason_maps_to_its_exception_whatever_the_message(message):
    call = Call("rpc call", "fn", timeout=1.0, receivers={"w"}, started=time.monotonic())
    for status, reason in every_pair():
        result = _native.CallResult(status=status, reason=reason, message=message, receiver="w")
        got = outcome(result, call)
        want = expected_class(status, reason)
        if want is RemoteCallError:
            assert isinstance(got, RemoteCallError), (status, reason, got)
        else:
            assert type(got) is want, (status, reason, got)


@pytest.mark.parametrize("message", MESSAGES)
def test_cast_failures_raise_and_entries_map_like_calls(message):
    call = Call("cast", "fn", timeout=1.0, started=time.monotonic())
    for status, reason in every_pair():
        with pytest.raises(TransmissionFailure):
            cast_outcome(_native.CastResult(status=status, reason=reason, message=message), call, True)
        entry = _native.CallResult(status=status, reason=reason, message=message)
        result = cast_outcome(_native.CastResult(results={"w": entry}), call, True)
        assert isinstance(result["w"], expected_class(status, reason)), (status, reason, result)


@pytest.mark.parametrize("message", MESSAGES)
def test_start_failures_are_initialization_errors_told_apart_by_reason(message):
    for status, reason in every_pair():
        error = start_failure(_native.CallResult(status=status, reason=reason, message=message), "tcp: [x]")
        assert type(error) is InitializationError
        if reason in (Reason.HelloRejected, Reason.HelloUnparsable):
            assert str(error) == message
        else:
            assert str(error).startswith("Failed to connect") and str(error).endswith(message)


# -- through real sockets ---------------------------------------------------------------------

def test_call_while_not_connected(nodes):
    router = nodes.router()
    client, conn = nodes.connect(router.port)
    router.stop()
    wait_until(lambda: client._native.state() != "Ready", 10, "the client to notice the router is gone")
    with pytest.raises(TransmissionFailure) as info:
        conn.rpc(timeout=5).add(1, 2)
    assert type(info.value) is TransmissionFailure
    assert "reconnect attempt failed" in str(info.value)


def test_receiver_leaves_mid_call(nodes, spawn):
    name, worker, caller, conn = worker_behind_router(nodes, spawn, "leaver")
    threading.Timer(0.5, worker.popen.kill).start()
    with pytest.raises(TransmissionFailure) as info:
        call_within(20, conn.rpc(timeout=30, receiver=name).slow, 20)
    assert type(info.value) is TransmissionFailure
    assert "unexpectedly disconnected" in str(info.value)


def test_server_goes_away_mid_call(nodes):
    svc = nodes.service(workers=2)
    client, conn = nodes.connect(svc.port, reconnect_attempts=0)
    threading.Timer(0.5, svc.stop).start()
    with pytest.raises(Disconnected) as info:
        call_within(10, conn.rpc(timeout=30).slow, 5)
    assert type(info.value) is Disconnected


def test_client_stopped_mid_call(nodes):
    svc = nodes.service(workers=2)
    client, conn = nodes.connect(svc.port)
    threading.Timer(0.5, client.stop).start()
    with pytest.raises(TransmissionFailure) as info:
        call_within(10, conn.rpc(timeout=30).slow, 5)
    assert type(info.value) is TransmissionFailure
    assert "stopped" in str(info.value)


class FakeServer:
    """Listens on a free port and answers the first hello with `reply(hello_frame)` (a frame)."""

    def __init__(self, reply):
        self.sock = socket.create_server((HOST, 0))
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.sock.accept()
        with conn:
            conn.settimeout(10)
            assert wire.read_exact(conn, 9) == wire.SYN_PROBE
            conn.sendall(self.reply(wire.read_frame(conn)))
            try:
                while conn.recv(4096):
                    pass
            except OSError:
                pass

    def close(self):
        self.sock.close()
        self.thread.join(5)


def _answer(hello, flag, serde, data):
    return wire.encode(hello.uuid, flag, serde, False, True,
                       f"{hello.transmitter}|{hello.receiver}|{hello.func_name}", data)


@pytest.mark.parametrize("answer", ["meta.error", "ERROR frame"])
def test_hello_refused_by_the_server(answer):
    def reply(hello):
        if answer == "meta.error":
            body = json.dumps({"meta": {"type": "router", "error": "go away"}, "members": []}).encode()
            return _answer(hello, wire.HANDSHAKE, wire.JSON, body)
        return _answer(hello, wire.ERROR, wire.OPAQUE, b"failed to parse handshake message: UnexpectedToken")

    server = FakeServer(reply)
    client = Client(app_name=uid("refused"), host=HOST, port=server.port, reconnect_attempts=0)
    try:
        with pytest.raises(InitializationError) as info:
            call_within(15, client.connect)
        text = str(info.value)
        assert not text.startswith("Failed to connect"), text
        assert ("go away" if answer == "meta.error" else "UnexpectedToken") in text
    finally:
        client.stop()
        server.close()
