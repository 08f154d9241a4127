"""Raw-socket peers against the router under test, for what the reference client cannot show:
frames forwarded byte for byte, our fixes of reference router bugs (PROTOCOL.md [bug] marks)."""

import socket
import time

import pytest
from daffi._rpc_proxy import RpcResult
from daffi._serialization import Serializer
from daffi.exceptions import RemoteCallError

import wire


def test_request_and_response_are_forwarded_byte_for_byte(network):
    worker = wire.RawPeer(network.tcp_address, "raw-worker", ["add"])
    caller = wire.RawPeer(network.tcp_address, "raw-caller")
    try:
        request = wire.encode(7, wire.REQUEST, wire.JSON, False, True, "raw-caller|raw-worker|add",
                              b'{"args": [3, 4], "kwargs": {}}')
        caller.sock.sendall(request)
        got = worker.read_until(lambda f: f.flag == wire.REQUEST, 10)
        assert (got.uuid, got.transmitter, got.receiver, got.func_name, got.data) == \
            (7, "raw-caller", "raw-worker", "add", b'{"args": [3, 4], "kwargs": {}}')
        assert got.return_result and got.decoder == wire.JSON

        response = wire.encode(7, wire.RESPONSE, wire.MSGPACK, True, False, "raw-worker|raw-caller|add",
                               bytes.fromhex("92910780"))
        worker.sock.sendall(response)
        back = caller.read_until(lambda f: f.flag == wire.RESPONSE, 10)
        assert (back.uuid, back.decoder, back.is_bytes, back.data) == \
            (7, wire.MSGPACK, True, bytes.fromhex("92910780"))
        assert Serializer.deserialize(back.decoder, back.data)[0][0] == 7
    finally:
        worker.close()
        caller.close()


def _reference_caller_outcome(frame):
    """What the reference client's own response handling makes of an answer frame."""
    try:
        data, _, serde = RpcResult(conn_num=0, uuid=frame.uuid, ts=0, timeout=0)._unpack_response(
            (frame.data, frame.flag, frame.decoder))
        return Serializer.deserialize(serde, data)[0][0]
    except RemoteCallError as e:
        return e


@pytest.mark.ours_only(reason="the reference Router drops a request it cannot route without a "
                              "word (PROTOCOL.md §7.3), so its caller only times out")
@pytest.mark.parametrize("receiver,func", [("nobody", "whoami"), ("raw-worker", "no_such_function")],
                         ids=["unknown-receiver", "receiver-lacks-function"])
def test_unroutable_request_gets_an_error_frame(network, receiver, func):
    worker = wire.RawPeer(network.tcp_address, "raw-worker", ["whoami"])
    caller = wire.RawPeer(network.tcp_address, "raw-caller")
    try:
        started = time.monotonic()
        uuid = caller.send_request(receiver, func, b'{"args": [], "kwargs": {}}', decoder=wire.JSON)
        reply = caller.read_until(lambda f: f.flag in (wire.RESPONSE, wire.ERROR) and f.uuid == uuid, 5)

        assert reply.flag == wire.ERROR, reply
        assert time.monotonic() - started < 3
        assert reply.receiver == "raw-caller" and reply.func_name == func, reply
        # A decoder the reference client can unpack into the 4-tuple (never OPAQUE: PROTOCOL.md §4).
        assert reply.decoder != wire.OPAQUE, reply
        (error_tuple,), _ = Serializer.deserialize(reply.decoder, reply.data)
        assert len(error_tuple) == 4, error_tuple
        name, module, message, tb = error_tuple
        assert name == "ReceiverNotFound", error_tuple
        assert isinstance(module, str) and isinstance(message, str) and message, error_tuple
        assert tb is None
        # The reference caller turns it into a RemoteCallError subclass named after the error.
        err = _reference_caller_outcome(reply)
        assert isinstance(err, RemoteCallError) and type(err).__name__ == name, err
        # Nothing reached the worker, and the caller's connection still works.
        caller.sock.sendall(wire.encode(caller._uuid(), wire.REQUEST, wire.JSON, False, True,
                                        "raw-caller|raw-worker|whoami", b'{"args": [], "kwargs": {}}'))
        assert worker.read_until(lambda f: f.flag == wire.REQUEST, 5).func_name == "whoami"
    finally:
        worker.close()
        caller.close()


def _close_wait_sockets(port):
    """Sockets in CLOSE_WAIT whose local port is the router's: peers that hung up, not closed."""
    found = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    local_port = int(fields[1].rsplit(":", 1)[1], 16)
                    if local_port == port and fields[3] == "08":
                        found += 1
        except FileNotFoundError:
            pass
    return found


@pytest.mark.ours_only(reason="the reference Router never closes a socket whose peer hung up "
                              "before its hello (PROTOCOL.md §13.4; 3.0.1 does close handshaken "
                              "ones): those stay in CLOSE_WAIT")
def test_router_closes_sockets_after_peer_eof(network):
    handshaken = [wire.RawPeer(network.tcp_address, f"brief-{i}", ["f"] if i % 2 else None)
                  for i in range(4)]
    for p in handshaken:
        p.close()
    # Peers that hang up before a hello: the 3.0.1 reference leaks exactly these.
    for opening in (b"", wire.SYN_PROBE, wire.SYN_PROBE + b"\x01\x00", b"GET / HTTP/1.1\r\n"):
        s = socket.create_connection(network.tcp_address, timeout=5)
        s.sendall(opening)
        time.sleep(0.1)
        s.close()

    deadline = time.monotonic() + 5
    while _close_wait_sockets(network.port):
        assert time.monotonic() < deadline, (f"{_close_wait_sockets(network.port)} router sockets "
                                             f"still in CLOSE_WAIT 5 s after their peers closed")
        time.sleep(0.05)
    # And the router is still serving.
    wire.RawPeer(network.tcp_address, "after").close()
