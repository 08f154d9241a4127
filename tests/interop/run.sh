#!/usr/bin/env bash
# Runs the interop suite: reference daffi 3.0.1 workers and callers (from PyPI, in
# build/venv-ref) against our daffi-router.
# Usage: tests/interop/run.sh [pytest args...]
#   env DAFFI_ROUTER     the router binary (default: build/app/router/daffi-router)
#   env INTEROP_ROUTER   "reference" (or the argument --router=reference) checks the suite
#                        against the reference daffi Router instead of ours
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$ROOT/scripts/setup_interop.sh"

kind="${INTEROP_ROUTER:-ours}"
for arg in "$@"; do
    case "$arg" in
        --router=*) kind="${arg#--router=}" ;;
    esac
done

export DAFFI_ROUTER="${DAFFI_ROUTER:-$ROOT/build/app/router/daffi-router}"
if [ "$kind" = "ours" ] && [ ! -x "$DAFFI_ROUTER" ]; then
    echo "interop: FAILED: the router under test is missing: $DAFFI_ROUTER is not an executable file." >&2
    echo "interop: build it first (scripts/test.sh builds build/), or set DAFFI_ROUTER to its path." >&2
    exit 1
fi

cd "$ROOT"
exec "$ROOT/build/venv-ref/bin/python" -m pytest -q -p no:cacheprovider -rfEsxX \
    "$ROOT/tests/interop" "$@"
