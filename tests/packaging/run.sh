#!/usr/bin/env bash
# The packaging checks (pytest, in build/venv-pkg): the licence in every manifest, the man pages
# and the .deb packages (cpack), the Prometheus rules (promtool) and Grafana dashboard, and the
# self-contained Python wheel (scripts/build_wheel.sh) run where the system's Qt is hidden.
# Needs root for that last one (unshare -m). Usage: tests/packaging/run.sh [pytest args...]
#   env BUILD_DIR   the configured and built tree (default build/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
PYTHON="${PYTHON:-$(command -v python3)}"
VENV="$BUILD_DIR/venv-pkg"

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    echo "packaging: FAILED: no build tree in $BUILD_DIR (run scripts/test.sh, or configure and build it)." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pytest, pytest_timeout, yaml' 2>/dev/null; then
    "$VENV/bin/python" -m pip install -q pytest pytest-timeout pyyaml
fi
cd "$ROOT"
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider -rfEsxX "$ROOT/tests/packaging" "$@"
