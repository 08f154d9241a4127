#!/usr/bin/env bash
# One command for the benchmark suite: builds a Release tree in build-bench (daffi-router, the
# Python module, the native bench driver, the raw limit program, the console bench), makes sure
# the reference daffi 3.0.1 venv exists (build/venv-ref), then runs P1-P11 ours (busy polling on
# and off) and the reference alternating, and the machine's raw limits, and writes
# docs/benchmarks.md.   Usage: bench/run.sh [--quick] [--rounds N] [--only P1,P5,LIMITS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BENCH_BUILD_DIR:-$ROOT/build-bench}"
PYTHON="${PYTHON:-$(command -v python3)}"
PYTHON="$("$PYTHON" -c 'import sys; print(sys.executable)')"   # the real interpreter, not a shim

launcher=()
if command -v ccache >/dev/null; then   # as scripts/common.sh: one cache for every tree
    export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE="$PYTHON" "${launcher[@]}" >/dev/null
targets=(daffi-router daffi-bench-native daffi-rawlimit daffi_python)
[ -f "$ROOT/ui/bench/CMakeLists.txt" ] && targets+=(daffi-console-bench)
ninja -C "$BUILD" "${targets[@]}" >/dev/null
"$ROOT/scripts/setup_interop.sh" >/dev/null

ulimit -n "$(ulimit -Hn)"   # P8 holds 10,000 connections
exec "$PYTHON" "$ROOT/bench/run.py" --build-dir "$BUILD" --our-python "$PYTHON" "$@"
