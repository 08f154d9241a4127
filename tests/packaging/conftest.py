"""Shared by the packaging checks: where the repository and the build tree are."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("BUILD_DIR", ROOT / "build"))


@pytest.fixture(scope="session")
def build_dir():
    if not (BUILD_DIR / "CMakeCache.txt").is_file():
        pytest.fail(f"no build tree in {BUILD_DIR}: build the project first (scripts/test.sh does).")
    return BUILD_DIR


def run(*command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="session")
def debs(build_dir, tmp_path_factory):
    """The .deb packages (cpack -G DEB), built once for every check that looks into them."""
    out = tmp_path_factory.mktemp("debs")
    run("cpack", "-G", "DEB", "-B", str(out), cwd=build_dir)
    found = {p.name.split("_")[0]: p for p in out.glob("*.deb")}
    assert set(found) == {"daffi-router", "daffi-console"}, sorted(found)
    return found
