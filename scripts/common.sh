# Sourced by run.sh and test.sh: paths and the one way this project configures and builds.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
PYTHON="${PYTHON:-$(command -v python3)}"

# configure_and_build <build dir> [cmake args...]
# ccache, when present, serves every build folder and every checkout (paths are taken relative to
# the checkout, so a second clone or worktree compiles what the first already did from the cache).
configure_and_build() {
    local dir="$1"; shift
    local launcher=()
    if command -v ccache >/dev/null; then
        export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    fi
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPython_EXECUTABLE="$PYTHON" "${launcher[@]}" "$@" >"$dir.configure.log" 2>&1 \
        || { cat "$dir.configure.log"; return 1; }
    cmake --build "$dir"
}
