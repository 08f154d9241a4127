#!/usr/bin/env bash
# Runs a command where the system's Qt and OpenSSL libraries cannot be loaded: in a private mount
# namespace (unshare -m, as root), /dev/null is bind-mounted over every libQt6*.so* and
# libssl/libcrypto file of the system's library folders, so loading one fails ("file too short").
# Usage: tests/packaging/hide_system_qt.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${DAFFI_QT_HIDDEN:-}" ]; then
    DAFFI_QT_HIDDEN=1 exec unshare --mount --propagation private "$0" "$@"
fi
libdirs=()
for d in /lib /usr/lib /lib64 /usr/lib64 /usr/local/lib "/usr/lib/$(uname -m)-linux-gnu"; do
    [ -d "$d" ] && libdirs+=("$(readlink -f "$d")")
done
hidden=0
while IFS= read -r -d '' lib; do
    mount --bind /dev/null "$lib"
    hidden=$((hidden + 1))
done < <(find "${libdirs[@]}" -maxdepth 1 -type f \( -name 'libQt6*.so*' -o -name 'libssl.so*' -o -name 'libcrypto.so*' \) -print0 | sort -zu)
if ((hidden == 0)); then
    echo "hide_system_qt: found no system Qt or OpenSSL library to hide" >&2
    exit 1
fi
exec "$@"
