"""daffi-router as a system service: its systemd unit passes `systemd-analyze verify` (a broken
copy does not, so the check can fail), its hardening keeps the exposure `systemd-analyze
security` reports low, and the router package ships the unit, its user and /etc/daffi/router.conf
as a conffile."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run
from test_debian import deb_files

UNIT = ROOT / "packaging" / "systemd" / "daffi-router.service"

pytestmark = pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")


def unit_here(build_dir, tmp_path, text=None):
    """The unit with ExecStart pointing at the built router (verify checks that it exists)."""
    text = text if text is not None else UNIT.read_text()
    copy = tmp_path / "daffi-router.service"
    copy.write_text(text.replace("/usr/bin/daffi-router", str(build_dir / "app" / "router" / "daffi-router")))
    return copy


def verify(unit):
    # Without a terminal systemd logs to the journal: its complaints must come here instead.
    env = {"PATH": "/usr/bin:/bin", "SYSTEMD_LOG_TARGET": "console", "SYSTEMD_LOG_COLOR": "0"}
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True,
                          timeout=120, env=env)
    # A wrong value is only a warning (exit status 0): any output is a problem.
    return done.returncode, (done.stdout + done.stderr).strip()


def test_unit_verifies_clean(build_dir, tmp_path):
    assert verify(unit_here(build_dir, tmp_path)) == (0, "")


def test_a_broken_unit_is_caught(build_dir, tmp_path):
    broken = UNIT.read_text().replace("ProtectSystem=strict", "ProtectSystem=sometimes")
    rc, said = verify(unit_here(build_dir, tmp_path, broken))
    assert "protect system value" in said, (rc, said)


def test_unit_is_hardened(build_dir, tmp_path):
    done = run("systemd-analyze", "security", "--offline=yes", str(unit_here(build_dir, tmp_path)))
    level = float(re.search(r"Overall exposure level for daffi-router.service: ([\d.]+)", done.stdout).group(1))
    assert level <= 2.0, done.stdout   # 1.1 today ("OK"); 10 is an unhardened service
    text = UNIT.read_text()
    for option in ("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "User=daffi"):
        assert option in text


def test_router_package_ships_the_service(debs):
    files = deb_files(debs["daffi-router"])
    for path in ("./lib/systemd/system/daffi-router.service", "./etc/daffi/router.conf"):
        assert path in files, files
    assert re.search(r"/sysusers\.d/daffi-router\.conf", files), files
    control = run("dpkg-deb", "-I", str(debs["daffi-router"]), "conffiles").stdout
    assert "/etc/daffi/router.conf" in control
