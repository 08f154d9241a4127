"""Shared by the packaging checks: where the repository and the build tree are."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("BUILD_DIR", ROOT / "build"))


@pytest.fixture(scope="session")
def build_dir():
    if not (BUILD_DIR / "CMakeCache.txt").is_file():
        pytest.fail(f"no build tree in {BUILD_DIR}: build the project first (scripts/test.sh does).")
    return BUILD_DIR
