"""A daffi peer from the wire spec alone (PROTOCOL.md §3, §5, §9): raw sockets, no project code,
so the hostile tests share nothing with what they attack."""
import base64
import json
import os
import select
import socket
import struct
import time

PROBE = b"\x1f" * 9
HANDSHAKE, REQUEST, RESPONSE, ERROR, EVENTS = range(5)
OPAQUE, JSON, PICKLE, MSGPACK = range(4)


def header(uuid, flag, msg_len, meta_len, serde=OPAQUE, is_bytes=True, return_result=True):
    b = bytearray(9)
    b[0], b[1] = uuid & 0xFF, (uuid >> 8) & 0xFF
    b[2] = (flag & 0x0F) | (serde << 4) | (int(is_bytes) << 6) | (int(return_result) << 7)
    b[3], b[4], b[5] = msg_len & 0xFF, (msg_len >> 8) & 0xFF, (msg_len >> 16) & 0xFF
    b[6] = ((msg_len >> 24) & 1) | ((meta_len & 0x7F) << 1)
    b[7] = (meta_len >> 7) & 0xFF
    b[8] = 0x81
    return bytes(b)


def frame(uuid, flag, meta, data=b"", serde=OPAQUE, return_result=True):
    return header(uuid, flag, len(meta) + len(data), len(meta), serde, True, return_result) + meta + data


def hello_frame(uuid, name, methods=None):
    body = json.dumps({"meta": {"type": "client", "error": None}, "members": [{"name": name, "methods": methods}]}).encode()
    return frame(uuid, HANDSHAKE, name.encode() + b"||", body, JSON)


def parse_header(h):
    msg_len = h[3] | (h[4] << 8) | (h[5] << 16) | ((h[6] & 1) << 24)
    meta_len = (h[6] >> 1) | (h[7] << 7)
    return {"uuid": h[0] | (h[1] << 8), "flag": h[2] & 0x0F, "serde": (h[2] >> 4) & 3,
            "return_result": bool(h[2] & 0x80), "msg_len": msg_len, "meta_len": meta_len}


class Frame:
    def __init__(self, raw):
        self.raw = raw
        h = parse_header(raw)
        self.__dict__.update(h)
        meta = raw[9:9 + h["meta_len"]]
        self.transmitter, self.receiver, self.function = meta.split(b"|", 2)
        self.data = raw[9 + h["meta_len"]:9 + h["msg_len"]]

    def __repr__(self):
        return f"Frame(uuid={self.uuid}, flag={self.flag}, meta={self.transmitter}|{self.receiver}|{self.function}, data={self.data[:60]!r})"


class Peer:
    """A raw native peer (TCP, optionally inside TLS) or, with websocket=True, a WebSocket peer."""

    def __init__(self, port, probe=True, websocket=False, tls_context=None, rcvbuf=None, host="127.0.0.1"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(5)
        self.sock.connect((host, port))
        if tls_context is not None:
            self.sock = tls_context.wrap_socket(self.sock)
        self.websocket = websocket
        self.buf = b""
        self.uuid = 0
        self.name = b""
        if websocket:
            self._upgrade(host, port)
        elif probe:
            self.sock.sendall(PROBE)

    def _upgrade(self, host, port):
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode()
        self.sock.sendall(req)
        deadline = time.monotonic() + 5
        while b"\r\n\r\n" not in self.buf:
            if time.monotonic() > deadline:
                raise TimeoutError("no WebSocket upgrade reply")
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during WebSocket upgrade")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def next_uuid(self):
        self.uuid = self.uuid % 65535 + 1
        return self.uuid

    def send_raw(self, data):
        if self.websocket:
            mask = os.urandom(4)
            n = len(data)
            h = bytes([0x82])
            if n < 126:
                h += bytes([0x80 | n])
            elif n < 65536:
                h += bytes([0x80 | 126]) + struct.pack(">H", n)
            else:
                h += bytes([0x80 | 127]) + struct.pack(">Q", n)
            masked = bytes(c ^ mask[i % 4] for i, c in enumerate(data)) if n < 4096 else _mask(data, mask)
            data = h + mask + masked
        self.sock.sendall(data)

    def hello(self, name, methods=None, timeout=5):
        self.name = name.encode()
        uuid = self.next_uuid()
        self.send_raw(hello_frame(uuid, name, methods))
        return self.wait(lambda f: f.flag == HANDSHAKE and f.uuid == uuid, timeout)

    def request(self, receiver, function, data=b"", return_result=True, serde=OPAQUE):
        uuid = self.next_uuid()
        self.send_raw(frame(uuid, REQUEST, self.name + b"|" + receiver + b"|" + function, data, serde, return_result))
        return uuid

    def reply(self, req, data, flag=RESPONSE):
        self.send_raw(frame(req.uuid, flag, self.name + b"|" + req.transmitter + b"|" + req.function, data,
                            req.serde, False))

    def _read_frame(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            f = self._take()
            if f is not None:
                return f
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r and not (hasattr(self.sock, "pending") and self.sock.pending()):
                return None
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("peer closed")
            self.buf += chunk

    def _take(self):
        if self.websocket:
            if len(self.buf) < 2:
                return None
            n = self.buf[1] & 0x7F
            pos = 2
            if n == 126:
                if len(self.buf) < 4:
                    return None
                n, pos = struct.unpack(">H", self.buf[2:4])[0], 4
            elif n == 127:
                if len(self.buf) < 10:
                    return None
                n, pos = struct.unpack(">Q", self.buf[2:10])[0], 10
            if len(self.buf) < pos + n:
                return None
            opcode = self.buf[0] & 0x0F
            payload, self.buf = self.buf[pos:pos + n], self.buf[pos + n:]
            if opcode == 8:
                raise EOFError("WebSocket close")
            return Frame(payload)
        if len(self.buf) < 9:
            return None
        h = parse_header(self.buf)
        total = 9 + h["msg_len"]
        if len(self.buf) < total:
            return None
        raw, self.buf = self.buf[:total], self.buf[total:]
        return Frame(raw)

    def wait(self, match=None, timeout=5):
        """The first frame matching `match` (others are dropped), or None at the timeout."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            f = self._read_frame(left)
            if f is None:
                return None
            if match is None or match(f):
                return f

    def closed_within(self, timeout):
        """True if the server closes this connection (EOF or reset) within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                r, _, _ = select.select([self.sock], [], [], max(0.0, deadline - time.monotonic()))
                if r:
                    if not self.sock.recv(1 << 16):
                        return True
        except (ConnectionError, OSError):
            return True
        return False

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def _mask(data, mask):
    n = len(data)
    m = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "little") ^ int.from_bytes(m, "little")).to_bytes(n, "little")
