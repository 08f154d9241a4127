"""Unix sockets and TLS for Router, Service and Client."""

import os
import tempfile
import time

import pytest
from conftest import HOST, TLS_DIR, call_within, uid

from daffi import Client, Router, SerdeFormat, Service
from daffi.exceptions import InitializationError

CERT = str(TLS_DIR / "server.crt")
KEY = str(TLS_DIR / "server.key")
CA = str(TLS_DIR / "ca.crt")
ROGUE_CA = str(TLS_DIR / "rogue-ca.crt")


@pytest.fixture
def sock_dir():
    # Unix socket paths are limited to ~100 bytes: keep them short.
    with tempfile.TemporaryDirectory(prefix="dq-") as d:
        yield d


def test_unix_socket_service(nodes, sock_dir):
    path = os.path.join(sock_dir, "svc.sock")
    svc = nodes.service(unix_sock_path=path)
    assert os.path.exists(path)
    assert "unix" in svc.info and path in svc.info
    client, conn = nodes.connect(name=uid("ux"), unix_sock_path=path)
    assert conn.rpc(timeout=5).add(1, 2) == 3
    assert conn.cast(timeout=5).echo(b"x") == {svc.app_name: b"x"}
    assert conn.rpc(timeout=5, serde=SerdeFormat.OPAQUE).echo(b"\0" * 1_000_000) == b"\0" * 1_000_000


def test_unix_socket_router(nodes, spawn, sock_dir):
    path = os.path.join(sock_dir, "router.sock")
    nodes.router(host=None, unix_sock_path=path)
    thread_worker, _ = nodes.connect(name=uid("uxw"), unix_sock_path=path)
    proc_worker = uid("uxp")
    spawn.worker("client", proc_worker, unix=path)
    caller, conn = nodes.connect(name=uid("uxc"), unix_sock_path=path)
    conn.wait_for_members(thread_worker.app_name, proc_worker, timeout=10)
    assert conn.rpc(timeout=5, receiver=proc_worker).whoami() == proc_worker
    assert conn.rpc(timeout=5, receiver=thread_worker.app_name).add(2, 2) == 4
    assert set(conn.cast(timeout=5).add(1, 1)) == {thread_worker.app_name, proc_worker}


def test_unix_socket_service_in_subprocess(nodes, spawn, sock_dir):
    path = os.path.join(sock_dir, "p.sock")
    name = uid("uxsvc")
    spawn.worker("service", name, unix=path)
    client, conn = nodes.connect(name=uid("ux"), unix_sock_path=path)
    assert conn.rpc(timeout=5).whoami() == name


def test_unix_socket_stale_file_is_replaced(nodes, sock_dir):
    path = os.path.join(sock_dir, "stale.sock")
    open(path, "w").close()
    svc = nodes.service(unix_sock_path=path)
    client, conn = nodes.connect(unix_sock_path=path)
    assert conn.rpc(timeout=5).add(3, 3) == 6


def test_unix_socket_connect_failure(sock_dir):
    client = Client(app_name=uid("ux"), unix_sock_path=os.path.join(sock_dir, "nobody.sock"))
    with pytest.raises(InitializationError):
        call_within(15, client.connect)
    client.stop()


@pytest.mark.parametrize("kind", ["router", "service"])
def test_tls(nodes, kind):
    if kind == "router":
        server = nodes.router(tls=True, cert_file=CERT, key_file=KEY)
        worker, _ = nodes.connect(server.port, uid("tlsw"), tls=True, ca_file=CA)
        target = worker.app_name
    else:
        server = nodes.service(tls=True, cert_file=CERT, key_file=KEY)
        target = server.app_name
    caller, conn = nodes.connect(server.port, uid("tlsc"), tls=True, ca_file=CA)
    conn.wait_for_members(target, timeout=10)
    assert conn.rpc(timeout=5, receiver=target).add(20, 22) == 42
    blob = os.urandom(3 * 1024 * 1024)
    assert conn.rpc(timeout=20, receiver=target, serde=SerdeFormat.OPAQUE).echo(blob) == blob
    assert conn.cast(timeout=5, receiver=target).echo("t") == {target: "t"}


def test_tls_without_ca_file_skips_verification(nodes):
    server = nodes.service(tls=True, cert_file=CERT, key_file=KEY)
    caller, conn = nodes.connect(server.port, uid("noverify"), tls=True)
    assert conn.rpc(timeout=5).add(1, 1) == 2


def test_tls_process_worker(nodes, spawn):
    # the subprocess worker speaks plain TCP: a TLS router must not let it in
    server = nodes.router(tls=True, cert_file=CERT, key_file=KEY)
    proc = spawn.worker("client", uid("plain"), port=server.port, wait_ready=False)
    code = proc.wait(20)
    assert code != 0
    assert "READY" not in proc.output()


def test_tls_wrong_ca_is_refused(nodes):
    server = nodes.router(tls=True, cert_file=CERT, key_file=KEY)
    client = nodes.client(server.port, uid("rogue"), tls=True, ca_file=ROGUE_CA)
    with pytest.raises(InitializationError):
        call_within(20, client.connect)


def test_plain_client_against_tls_server_is_refused(nodes):
    server = nodes.service(tls=True, cert_file=CERT, key_file=KEY)
    client = nodes.client(server.port, uid("plain"))
    started = time.monotonic()
    with pytest.raises(InitializationError):
        call_within(20, client.connect)
    assert time.monotonic() - started < 15


def test_tls_client_against_plain_server_is_refused(nodes):
    server = nodes.service()
    client = nodes.client(server.port, uid("tls"), tls=True, ca_file=CA)
    with pytest.raises(InitializationError):
        call_within(20, client.connect)


def test_tls_with_missing_files_is_initialization_error(tmp_path):
    for cls in (Router, Service):
        node = cls(host=HOST, port=None, tls=True, cert_file=str(tmp_path / "none.crt"), key_file=KEY)
        with pytest.raises(InitializationError):
            node.start()
        node.stop()
