"""Security through the real daffi-router binary. In-process counterparts: tst_tls.cpp
(plaintextRefused, mutualTlsRequiresValidClientCertificate) and tst_router.cpp
(transmitterMustMatchConnection)."""
import ssl

from conftest import TLS, call, start_router, start_worker
from daffiwire import ERROR, REQUEST, RESPONSE, Peer, frame


def test_tls_router_refuses_plaintext(procs):
    r = start_router(procs, "--tls-cert", f"{TLS}/server.crt", "--tls-key", f"{TLS}/server.key")
    start = len(r.lines)
    plain = Peer(r.port)   # probe in clear text
    plain.sock.sendall(b"x" * 64)
    assert plain.closed_within(5)
    assert r.wait_line(r"refused .*TLS handshake failed", 5, start=start)
    code, out, _ = call(r.port, "rpc", "add", "[1]", "--timeout", "3")
    assert code != 0


def test_mutual_tls_requires_a_valid_client_certificate(procs):
    r = start_router(procs, "--tls-cert", f"{TLS}/server.crt", "--tls-key", f"{TLS}/server.key",
                     "--tls-ca", f"{TLS}/ca.crt")
    start_worker(procs, r.port, "w", "--tls-ca", f"{TLS}/ca.crt", "--tls-cert", f"{TLS}/client.crt",
                 "--tls-key", f"{TLS}/client.key", scheme="tls")
    ok = call(r.port, "rpc", "add", "[1, 2]", scheme="tls", extra=("--tls-ca", f"{TLS}/ca.crt", "--tls-cert",
                                                                  f"{TLS}/client.crt", "--tls-key", f"{TLS}/client.key"))
    assert ok[0] == 0 and ok[1]["result"] == 3
    none = call(r.port, "rpc", "add", "[1, 2]", "--timeout", "3", scheme="tls", extra=("--tls-ca", f"{TLS}/ca.crt"))
    assert none[0] != 0
    rogue = call(r.port, "rpc", "add", "[1, 2]", "--timeout", "3", scheme="tls",
                 extra=("--tls-ca", f"{TLS}/ca.crt", "--tls-cert", f"{TLS}/rogue-client.crt",
                        "--tls-key", f"{TLS}/rogue-client.key"))
    assert rogue[0] != 0
    assert len([l for l in r.lines if "refused" in l and "TLS" in l]) >= 2, "\n".join(r.lines)


def test_member_cannot_impersonate_another(procs):
    r = start_router(procs)
    start_worker(procs, r.port, "w")
    alice = Peer(r.port)
    assert alice.hello("alice") is not None
    mallory = Peer(r.port)
    assert mallory.hello("mallory") is not None
    # Mallory signs a request as alice: refused, and alice never sees an answer for it.
    mallory.sock.sendall(frame(7, REQUEST, b"alice|w|echo", b"forged"))
    reply = mallory.wait(lambda f: f.uuid == 7, 3)
    assert reply is None or reply.flag == ERROR
    assert alice.wait(lambda f: f.flag in (RESPONSE, ERROR), 1) is None
    # A forged RESPONSE to alice is dropped too.
    mallory.sock.sendall(frame(9, RESPONSE, b"w|alice|echo", b"fake"))
    assert alice.wait(lambda f: f.flag == RESPONSE, 1) is None
    # Her own calls still work.
    uuid = alice.request(b"w", b"echo", b"real")
    f = alice.wait(lambda f: f.uuid == uuid, 5)
    assert f is not None and f.flag == RESPONSE and f.data == b"real"
