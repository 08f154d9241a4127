"""The self-contained wheel (scripts/build_wheel.sh), installed into a fresh venv, runs a router,
a worker and a caller, over TCP and over TLS, where the system's Qt and OpenSSL libraries cannot
be loaded (hide_system_qt.sh). The wheel is built once per run."""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

HERE = Path(__file__).resolve().parent
HIDE = HERE / "hide_system_qt.sh"
PEERS = HERE / "wheel_peers.py"
STEP_TIMEOUT = 60


@pytest.fixture(scope="module")
def wheel(build_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("wheelhouse")
    built = subprocess.run([str(ROOT / "scripts" / "build_wheel.sh"), str(out)], capture_output=True, text=True,
                           timeout=1800, env={**_env(), "BUILD_DIR": str(build_dir)})
    assert built.returncode == 0, f"scripts/build_wheel.sh failed:\n{built.stderr[-4000:]}"
    return Path(built.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def venv_python(wheel, tmp_path_factory):
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=STEP_TIMEOUT)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
                   check=True, timeout=STEP_TIMEOUT)
    return python


def _env():
    # Nothing from the build tree or the caller's environment may stand in for the wheel.
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_LIBRARY_PATH", "QT_PLUGIN_PATH")}


def hidden(*command, **kwargs):
    return subprocess.Popen([str(HIDE), *map(str, command)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=HERE, env=_env(), **kwargs)


def test_wheel_is_tagged_manylinux_for_this_glibc(wheel):
    assert re.fullmatch(r"daffi-[\d.]+-cp\d+-cp\d+-manylinux_2_\d+_x86_64\.whl", wheel.name), wheel.name


def test_wheel_carries_qt_openssl_the_tls_plugin_and_their_licences(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for lib in ("libQt6Core", "libQt6Network", "libQt6WebSockets"):
        assert any(n.startswith(f"daffi.libs/{lib}-") for n in names), f"{lib} is not bundled"
    for path in ("daffi/qt/plugins/tls/libqopensslbackend.so", "daffi/qt/lib/libssl.so.3",
                 "daffi/qt/lib/libcrypto.so.3", "daffi/py.typed", "daffi/__init__.pyi"):
        assert path in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata.splitlines()
    licences = [n for n in names if "/licenses/" in n]
    assert any(n.endswith("/licenses/LICENSE") for n in licences)
    listing = zipfile.ZipFile(wheel).read(next(n for n in licences if n.endswith("THIRD-PARTY.txt"))).decode()
    for package in ("libqt6core6", "libqt6network6", "libssl3", "libicu72"):
        assert package in listing and any(n.endswith(f"third-party/{package}.copyright") for n in licences)


def test_the_in_tree_build_cannot_load_where_qt_is_hidden(build_dir):
    """The check that the hiding works: the module built in-tree links the system's Qt."""
    env = {**_env(), "PYTHONPATH": str(build_dir / "python")}
    run = subprocess.run([str(HIDE), sys.executable, "-c", "import daffi"], capture_output=True, text=True,
                         env=env, timeout=STEP_TIMEOUT)
    assert run.returncode != 0
    assert re.search(r"ImportError: .*libQt6\w*\.so[.\d]*: file too short", run.stderr), run.stderr


def test_router_worker_and_caller_over_tcp_and_tls_without_system_qt(venv_python):
    router = hidden(venv_python, PEERS, "router")
    worker = None
    try:
        ports = json.loads(router.stdout.readline() or "null")
        assert ports, f"the router did not start: {router.stderr.read() if router.poll() is not None else ''}"
        worker = hidden(venv_python, PEERS, "worker", ports["tcp"], ports["tls"])
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read() if worker.poll() is not None else ""
        caller = subprocess.run([str(HIDE), *map(str, (venv_python, PEERS, "caller", ports["tcp"], ports["tls"]))],
                                capture_output=True, text=True, cwd=HERE, env=_env(), timeout=STEP_TIMEOUT)
        assert caller.returncode == 0, caller.stderr
        seen = json.loads(caller.stdout.splitlines()[-1])
    finally:
        for process in (worker, router):
            if process is not None:
                try:
                    process.communicate(timeout=10)   # closes stdin: the peer stops
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.communicate()
    assert seen["tcp"] == 7 and seen["tls"] == 7
    site = Path(seen["package"]).parent
    assert site.is_relative_to(venv_python.parents[1])
    # The Qt and the OpenSSL that ran are the wheel's.
    assert Path(seen["qtcore"]).parent == site / "daffi.libs"
    assert Path(seen["ssl"]).parent == site / "daffi" / "qt" / "lib"
