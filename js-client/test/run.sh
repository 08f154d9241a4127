#!/usr/bin/env bash
# The js-client test run: node:test units (codec vectors, client behaviour, module loading) and the
# end-to-end tests in headless Chromium against daffi-router, Python workers and a Service.
# Installs npm dependencies into js-client/node_modules (npm ci, from package-lock.json) only when
# they are missing. Prints node's TAP summary ("# pass N", "# fail N"); exit status 0 only if all passed.
#   env BUILD_DIR     build tree with app/router/daffi-router and app/call/daffi-call (default ../build)
#   env DAFFI_PYTHON  interpreter whose `daffi` runs the Python workers and Service
#                     (default $BUILD_DIR/venv-ref/bin/python: the reference daffi 3.0.1)
#   env CHROMIUM      browser binary (default /usr/bin/chromium)
set -euo pipefail
JS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$JS_DIR/.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
export DAFFI_PYTHON="${DAFFI_PYTHON:-$BUILD_DIR/venv-ref/bin/python}"
cd "$JS_DIR"

if [ ! -f node_modules/@msgpack/msgpack/package.json ] || [ ! -f node_modules/playwright-core/package.json ]; then
    echo "js: installing npm dependencies into js-client/node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -x "$DAFFI_PYTHON" ] && [ -x "$ROOT/scripts/setup_interop.sh" ]; then
    "$ROOT/scripts/setup_interop.sh" >/dev/null   # creates build/venv-ref with the reference daffi
fi
for need in "$BUILD_DIR/app/router/daffi-router" "$BUILD_DIR/app/call/daffi-call" "$DAFFI_PYTHON" "${CHROMIUM:-/usr/bin/chromium}"; do
    [ -x "$need" ] || { echo "js: missing $need (build the project, run scripts/setup.sh)"; exit 1; }
done

exec node --test --test-reporter=tap \
    test/codec.test.js test/client.test.js test/module.test.mjs test/e2e.test.js test/examples.test.js
