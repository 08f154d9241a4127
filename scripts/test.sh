#!/usr/bin/env bash
# Sets up, builds and runs every test: ctest (unit and integration), then the libFuzzer targets
# for FUZZ_SECONDS each (default 30) under ASan/UBSan when clang is available.
# Each runner prints its own summary line; the exit status is non-zero if any runner failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"

"$ROOT/scripts/setup.sh" || exit 1
failed=0

echo "== build and ctest =="
mkdir -p "$BUILD_DIR"
if configure_and_build "$BUILD_DIR"; then
    (cd "$BUILD_DIR" && ctest --output-on-failure --timeout 600) || failed=1
else
    echo "ctest: build failed"; failed=1
fi

echo "== fuzz =="
if command -v clang++ >/dev/null; then
    FUZZ_DIR="$ROOT/build-fuzz"
    mkdir -p "$FUZZ_DIR"
    if CC=clang CXX=clang++ configure_and_build "$FUZZ_DIR" -DDAFFI_FUZZ=ON; then
        passed=0; fuzz_failed=0
        for target in "$FUZZ_DIR"/tests/fuzz/fuzz_*; do
            [ -f "$target" ] && [ -x "$target" ] || continue
            name="$(basename "$target")"
            work="$FUZZ_DIR/corpus-work/$name"; artifacts="$FUZZ_DIR/artifacts/$name/"
            mkdir -p "$work" "$artifacts"
            cp -n "$ROOT/tests/fuzz/corpus/$name"/* "$work"/ 2>/dev/null || true
            # Replay the kept corpus and reproducers first, then explore for FUZZ_SECONDS.
            if "$target" -runs=0 "$ROOT/tests/fuzz/corpus/$name" >"$FUZZ_DIR/$name.replay.log" 2>&1 \
               && "$target" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
                    -artifact_prefix="$artifacts" "$work" >"$FUZZ_DIR/$name.log" 2>&1; then
                echo "fuzz: $name clean ($(grep -o 'Done [0-9]* runs' "$FUZZ_DIR/$name.log"))"
                passed=$((passed + 1))
            else
                echo "fuzz: $name FAILED; see $FUZZ_DIR/$name.log and $artifacts"
                tail -30 "$FUZZ_DIR/$name.log"
                fuzz_failed=$((fuzz_failed + 1))
            fi
        done
        echo "fuzz: $passed passed, $fuzz_failed failed"
        ((fuzz_failed == 0)) || failed=1
    else
        echo "fuzz: build failed"; failed=1
    fi
else
    echo "fuzz: skipped (clang not installed)"
fi

exit $failed
