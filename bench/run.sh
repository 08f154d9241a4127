#!/usr/bin/env bash
# One command for the benchmark suite: builds a Release tree in build-bench (daffi-router, the
# Python module, the native bench driver, the console bench), makes sure the reference daffi 3.0.1
# venv exists (build/venv-ref), then runs P1-P11 ours/reference alternating and writes
# docs/benchmarks.md.   Usage: bench/run.sh [--quick] [--only P1,P5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BENCH_BUILD_DIR:-$ROOT/build-bench}"
PYTHON="${PYTHON:-$(command -v python3)}"
PYTHON="$("$PYTHON" -c 'import sys; print(sys.executable)')"   # the real interpreter, not a shim

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE="$PYTHON" >/dev/null
targets=(daffi-router daffi-bench-native daffi_python)
[ -f "$ROOT/ui/bench/CMakeLists.txt" ] && targets+=(daffi-console-bench)
ninja -C "$BUILD" "${targets[@]}" >/dev/null
"$ROOT/scripts/setup_interop.sh" >/dev/null

ulimit -n "$(ulimit -Hn)"   # P8 holds 10,000 connections
exec "$PYTHON" "$ROOT/bench/run.py" --build-dir "$BUILD" --our-python "$PYTHON" "$@"
