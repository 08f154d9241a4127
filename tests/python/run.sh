#!/usr/bin/env bash
# Runs the Python package's tests (pytest) against the package built in-tree
# ($BUILD_DIR/python), in a project-local venv with the test dependencies.
# Usage: tests/python/run.sh [pytest args...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
PYTHON="${PYTHON:-$(command -v python3)}"
VENV="$BUILD_DIR/venv-py"

if [ ! -f "$BUILD_DIR/python/daffi/__init__.py" ] || ! ls "$BUILD_DIR"/python/daffi/_native*.so >/dev/null 2>&1; then
    echo "python: FAILED: the package is not built in $BUILD_DIR/python (run scripts/test.sh, or cmake --build $BUILD_DIR)." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pytest, pytest_timeout, msgpack, mypy' 2>/dev/null; then
    "$VENV/bin/python" -m pip install -q pytest pytest-timeout msgpack mypy
fi
export PYTHONPATH="$BUILD_DIR/python${PYTHONPATH:+:$PYTHONPATH}"
export DAFFI_ROUTER_BIN="$BUILD_DIR/app/router/daffi-router"
cd "$ROOT"
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider -rfEsxX "$ROOT/tests/python" "$@"
