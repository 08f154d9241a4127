"""The package's typing (py.typed and the .pyi stubs next to the modules): mypy --strict accepts
an example that uses every public name and call style, sync and asyncio; reports each wrong use
in another; and mypy.stubtest finds the stubs true to the modules as they run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import daffi

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE / "typing"
PACKAGE = Path(daffi.__file__).resolve().parent

pytestmark = pytest.mark.timeout(300)


def mypy(*args):
    env = {**os.environ, "MYPYPATH": str(PACKAGE.parent)}
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null",
                           "--no-error-summary", *args], capture_output=True, text=True, env=env, timeout=240)


def test_package_is_typed():
    assert (PACKAGE / "py.typed").is_file()
    for module in ("__init__", "app", "exceptions", "_rpc_proxy", "_serialization", "registry/__init__",
                   "aio/__init__", "aio/app"):
        assert (PACKAGE / f"{module}.pyi").is_file(), module


def test_every_call_style_type_checks():
    checked = mypy(str(EXAMPLES / "every_call_style.py"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_wrong_uses_are_reported_line_by_line():
    source = EXAMPLES / "wrong_uses.py"
    expected = {n for n, line in enumerate(source.read_text().splitlines(), 1) if "  # error: " in line}
    checked = mypy(str(source))
    reported = {int(n) for n in re.findall(r"^[^:]+:(\d+): error:", checked.stdout, re.M)}
    assert checked.returncode == 1
    assert reported == expected, checked.stdout


def test_stubs_match_the_modules_at_run_time(tmp_path):
    # The modules without stubs (internals) are not what stubtest judges.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n[mypy-daffi.*]\nignore_errors = True\n")
    checked = subprocess.run([sys.executable, "-m", "mypy.stubtest", "daffi", "--ignore-missing-stub",
                              "--mypy-config-file", str(config), "--allowlist", str(EXAMPLES / "stubtest-allowlist.txt")],
                             capture_output=True, text=True, timeout=240,
                             env={**os.environ, "MYPYPATH": str(PACKAGE.parent)})
    assert checked.returncode == 0, checked.stdout + checked.stderr
