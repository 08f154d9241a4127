"""Just enough of the daffi wire format (PROTOCOL.md §3, §5) to play a raw peer in tests that the
reference client cannot drive: a request the router cannot route, a connection that just closes.
"""

import json
import socket
import time

HANDSHAKE, REQUEST, RESPONSE, ERROR, EVENTS = range(5)
OPAQUE, JSON, PICKLE, MSGPACK = range(4)
SYN_PROBE = b"\x1f" * 9


def encode(uuid, flag, decoder, is_bytes, return_result, metadata, data):
    meta = metadata.encode()
    body = meta + data
    msg_len, meta_len = len(body), len(meta)
    header = bytes([
        uuid & 0xFF,
        (uuid >> 8) & 0xFF,
        flag | (decoder << 4) | (int(is_bytes) << 6) | (int(return_result) << 7),
        msg_len & 0xFF,
        (msg_len >> 8) & 0xFF,
        (msg_len >> 16) & 0xFF,
        ((msg_len >> 24) & 0x01) | ((meta_len & 0x7F) << 1),
        (meta_len >> 7) & 0xFF,
        0x81,
    ])
    return header + body


def hello(name, methods=None, uuid=1):
    data = json.dumps(
        {"meta": {"type": "client", "error": None}, "members": [{"name": name, "methods": methods}]},
        separators=(",", ":"),
    ).encode()
    return encode(uuid, HANDSHAKE, JSON, False, True, f"{name}||", data)


class Frame:
    def __init__(self, header, body):
        self.uuid = header[0] | (header[1] << 8)
        self.flag = header[2] & 0x0F
        self.decoder = (header[2] >> 4) & 0x03
        self.is_bytes = bool(header[2] & 0x40)
        self.return_result = bool(header[2] & 0x80)
        meta_len = (header[6] >> 1) | (header[7] << 7)
        self.transmitter, self.receiver, self.func_name = body[:meta_len].decode().split("|")
        self.data = body[meta_len:]

    def __repr__(self):
        return (f"Frame(uuid={self.uuid}, flag={self.flag}, decoder={self.decoder}, "
                f"meta={self.transmitter}|{self.receiver}|{self.func_name}, data={self.data[:200]!r})")


def read_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("the peer closed the connection")
        buf += chunk
    return bytes(buf)


def read_frame(sock):
    header = read_exact(sock, 9)
    msg_len = header[3] | (header[4] << 8) | (header[5] << 16) | ((header[6] & 1) << 24)
    return Frame(header, read_exact(sock, msg_len))


class RawPeer:
    """One native-style connection: SYN probe, hello, then frames in and out."""

    def __init__(self, address, name, methods=None, timeout=10.0):
        family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(address)
        self.name = name
        self.next_uuid = 1
        self.sock.sendall(SYN_PROBE + hello(name, methods, self._uuid()))
        reply = self.read_until(lambda f: f.flag in (HANDSHAKE, ERROR) and f.uuid == 1, timeout)
        assert reply.flag == HANDSHAKE, f"hello of {name!r} was refused: {reply!r}"
        self.members = json.loads(reply.data)["members"]

    def _uuid(self):
        u = self.next_uuid
        self.next_uuid += 1
        return u

    def send_request(self, receiver, func_name, data, decoder=JSON, return_result=True):
        uuid = self._uuid()
        self.sock.sendall(encode(uuid, REQUEST, decoder, decoder in (PICKLE, MSGPACK),
                                 return_result, f"{self.name}|{receiver}|{func_name}", data))
        return uuid

    def read_frame(self):
        return read_frame(self.sock)

    def read_until(self, predicate, timeout):
        """Reads frames until one matches; frames before it (events, member updates) are skipped."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching frame within {timeout}s; saw {seen!r}")
            self.sock.settimeout(left)
            try:
                frame = self.read_frame()
            except socket.timeout:
                raise TimeoutError(f"no matching frame within {timeout}s; saw {seen!r}") from None
            if predicate(frame):
                return frame
            seen.append(frame)

    def close(self):
        self.sock.close()
