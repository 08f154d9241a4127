#!/usr/bin/env bash
# The js-client test run: node:test units (codec vectors, client behaviour, module loading, the npm
# package and its types) and the end-to-end tests in headless Chromium against daffi-router,
# Python workers and a Service.
# Installs npm dependencies into js-client/node_modules (npm ci, from package-lock.json) only when
# they are missing. Prints node's TAP summary ("# pass N", "# fail N"); exit status 0 only if all passed.
#   env BUILD_DIR     build tree with app/router/daffi-router and app/call/daffi-call (default ../build)
#   env DAFFI_PYTHON  interpreter whose `daffi` runs the Python workers and Service (default: our
#                     package built in $BUILD_DIR/python, run by $BUILD_DIR/venv-py/bin/python;
#                     $BUILD_DIR/venv-ref/bin/python runs them on the reference daffi 3.0.1)
#   env CHROMIUM      browser binary (default /usr/bin/chromium)
set -euo pipefail
JS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$JS_DIR/.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
if [ -z "${DAFFI_PYTHON:-}" ]; then
    export DAFFI_PYTHON="$BUILD_DIR/venv-py/bin/python"
    export PYTHONPATH="$BUILD_DIR/python${PYTHONPATH:+:$PYTHONPATH}"
    if [ ! -x "$DAFFI_PYTHON" ]; then   # normally made by tests/python/run.sh
        "${PYTHON:-python3}" -m venv "$BUILD_DIR/venv-py" && "$DAFFI_PYTHON" -m pip install -q msgpack
    fi
fi
cd "$JS_DIR"

if [ ! -f node_modules/@msgpack/msgpack/package.json ] || [ ! -f node_modules/playwright-core/package.json ] \
   || [ ! -f node_modules/typescript/package.json ]; then
    echo "js: installing npm dependencies into js-client/node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
fi

for need in "$BUILD_DIR/app/router/daffi-router" "$BUILD_DIR/app/call/daffi-call" "$DAFFI_PYTHON" "${CHROMIUM:-/usr/bin/chromium}"; do
    [ -x "$need" ] || { echo "js: missing $need (build the project, run scripts/setup.sh)"; exit 1; }
done

exec node --test --test-reporter=tap \
    test/codec.test.js test/client.test.js test/module.test.mjs test/package.test.js test/e2e.test.js test/examples.test.js
