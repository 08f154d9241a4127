#!/usr/bin/env bash
# Installs what daffi-qt needs on Debian 12, and nothing when it is all present (idempotent, quick).
# Usage: scripts/setup.sh
set -euo pipefail

APT_PACKAGES=(
    # toolchain
    g++ cmake ninja-build pkg-config git ccache
    # Qt 6.4 and the libraries the core links
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libmsgpack-cxx-dev libboost-dev libssl-dev
    # capture files: zstd compression, zlib's crc32 per record
    libzstd-dev zlib1g-dev
    # Python bindings
    python3-dev python3-venv pybind11-dev
    # fuzzing (libFuzzer) and sanitizers
    clang libclang-rt-14-dev
    # headless Chromium for the browser client's tests (driven by playwright-core from npm)
    chromium
    # console screenshots and widget tests without a display
    xvfb xauth
    # packaging: man pages from --help, the .deb tools; promtool for the alert rules and the
    # monitor API's /metrics text; man and lexgrog to render the pages
    help2man dpkg-dev prometheus man-db
    # systemd-analyze (verify and security) for the router's unit
    systemd
)
# Tools that may come from elsewhere than Debian (e.g. nodesource's nodejs bundles npm): checked
# by command, installed from Debian only when the command is missing.
declare -A APT_FOR_COMMAND=([node]=nodejs [npm]=npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

for cmd in "${!APT_FOR_COMMAND[@]}"; do
    command -v "$cmd" >/dev/null || missing+=("${APT_FOR_COMMAND[$cmd]}")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        SUDO="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: system packages present"
