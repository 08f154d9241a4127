#!/usr/bin/env bash
# Sets up, builds and runs daffi: the console with its embedded router when there is a display,
# the headless router otherwise. Extra arguments go to the program.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$ROOT/scripts/setup.sh"
mkdir -p "$BUILD_DIR"
configure_and_build "$BUILD_DIR"

console="$BUILD_DIR/app/console/daffi-console"
router="$BUILD_DIR/app/router/daffi-router"
if [ -x "$console" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    exec "$console" "$@"
elif [ -x "$router" ]; then
    exec "$router" "$@"
else
    echo "run: the codec is built; nothing to run yet (daffi-router and daffi-console are not built yet)."
fi
