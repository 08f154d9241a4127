#!/usr/bin/env bash
# Creates the virtual environment that holds the reference daffi package for tests/interop
# ($ROOT/build/venv-ref), and installs into it only what is missing. Quick when all is present.
# Nothing is installed outside that venv.
# Usage: scripts/setup_interop.sh        (env PYTHON: the interpreter to build the venv from)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/build/venv-ref"
DAFFI_VERSION="3.0.1"
PYTHON="${PYTHON:-$(command -v python3 || true)}"

fail() { echo "setup_interop: $*" >&2; exit 1; }

[ -n "$PYTHON" ] || fail "no python3 on PATH; install Python 3.11 (the reference daffi $DAFFI_VERSION wheel is cp311)."

vpy="$VENV/bin/python"
if [ ! -x "$vpy" ]; then
    echo "setup_interop: creating $VENV with $PYTHON"
    mkdir -p "$ROOT/build"
    "$PYTHON" -m venv "$VENV" \
        || fail "could not create the venv at $VENV (on Debian: apt-get install python3-venv)."
fi

ready() {
    "$vpy" - "$DAFFI_VERSION" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
import daffi, pytest, msgpack, pytest_timeout, websocket  # noqa: F401
sys.exit(0 if version("daffi") == sys.argv[1] else 1)
EOF
}

if ! ready; then
    echo "setup_interop: installing daffi==$DAFFI_VERSION pytest pytest-timeout msgpack websocket-client into $VENV"
    "$vpy" -m pip install -q "daffi==$DAFFI_VERSION" pytest pytest-timeout msgpack websocket-client \
        || fail "pip could not install daffi==$DAFFI_VERSION, pytest, pytest-timeout, msgpack, websocket-client into $VENV (is PyPI reachable? is $("$vpy" -V 2>&1) a cp311 interpreter?)."
    ready || fail "after install, '$vpy -c \"import daffi, pytest, msgpack, pytest_timeout, websocket\"' fails or daffi is not $DAFFI_VERSION."
fi
echo "setup_interop: reference daffi $DAFFI_VERSION ready in $VENV"
