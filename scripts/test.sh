#!/usr/bin/env bash
# Sets up, builds and runs every test, each runner printing its own summary line:
#   1. ctest: unit and integration tests (build/)
#   2. interop: reference daffi 3.0.1 from PyPI (in build/venv-ref) against our router (pytest)
#   3. python (pytest on our package), js (node:test + headless Chromium) and packaging (licences,
#      man pages and .deb, alert rules and dashboard, the self-contained wheel without system Qt)
#   4. ctest again under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   5. the core and integration C++ tests under ThreadSanitizer (build-tsan/)
#   6. each libFuzzer target for FUZZ_SECONDS (default 30) when clang is available (build-fuzz/)
# Set SANITIZE=0 to skip steps 4 and 5. The exit status is non-zero if any runner failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
SANITIZE="${SANITIZE:-1}"

"$ROOT/scripts/setup.sh" || exit 1
failed=0
summary=()
note() { summary+=("$1"); }

echo "== build and ctest =="
mkdir -p "$BUILD_DIR"
if configure_and_build "$BUILD_DIR"; then
    if (cd "$BUILD_DIR" && ctest --output-on-failure --timeout 600); then note "ctest: passed"; else note "ctest: FAILED"; failed=1; fi
else
    echo "ctest: build failed"; note "ctest: build FAILED"; failed=1
fi

echo "== interop with the reference daffi =="
if DAFFI_ROUTER="$BUILD_DIR/app/router/daffi-router" "$ROOT/tests/interop/run.sh"; then
    note "interop: passed"
else
    note "interop: FAILED"; failed=1
fi

# Runners that join as their parts land; each script prints its runner's summary line.
for runner in "python:tests/python/run.sh" "js:js-client/test/run.sh" "packaging:tests/packaging/run.sh"; do
    label="${runner%%:*}"; script="$ROOT/${runner#*:}"
    [ -x "$script" ] || continue
    echo "== $label =="
    if BUILD_DIR="$BUILD_DIR" "$script"; then note "$label: passed"; else note "$label: FAILED"; failed=1; fi
done

if [ "$SANITIZE" = "1" ]; then
    echo "== ctest under ASan/UBSan =="
    ASAN_DIR="$ROOT/build-asan"
    mkdir -p "$ASAN_DIR"
    # The sanitizer build runs the ctest suite only: no Python module, no benchmarks.
    if configure_and_build "$ASAN_DIR" -DDAFFI_SANITIZE=ON -DDAFFI_BUILD_PYTHON=OFF -DDAFFI_BUILD_BENCH=OFF; then
        if (cd "$ASAN_DIR" && ctest --output-on-failure --timeout 900); then note "ctest (asan+ubsan): passed"; else note "ctest (asan+ubsan): FAILED"; failed=1; fi
    else
        echo "ctest (asan+ubsan): build failed"; note "ctest (asan+ubsan): build FAILED"; failed=1
    fi
fi

if [ "$SANITIZE" = "1" ]; then
    # Only the C++ core and integration tests: Python and JS are not instrumented for TSan.
    echo "== core + integration tests under TSan =="
    TSAN_DIR="$ROOT/build-tsan"
    mkdir -p "$TSAN_DIR"
    tsan_tests=(tst_header tst_frame tst_framereader tst_json tst_handshake tst_envelope tst_websocketframe
                tst_nodeparts tst_router tst_tls tst_routerprocess tst_client tst_eventloop)
    tsan_regex="^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
    if cmake -S "$ROOT" -B "$TSAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDAFFI_TSAN=ON \
             -DPython_EXECUTABLE="$PYTHON" >"$TSAN_DIR.configure.log" 2>&1 \
       && cmake --build "$TSAN_DIR" --target "${tsan_tests[@]}" daffi-router; then
        # TSAN_OPTIONS (with tests/tsan.supp) comes from the tests' ctest environment.
        if (cd "$TSAN_DIR" && ctest --output-on-failure --timeout 600 -R "$tsan_regex"); then
            note "ctest (tsan, core + integration): passed"
        else
            note "ctest (tsan, core + integration): FAILED"; failed=1
        fi
    else
        cat "$TSAN_DIR.configure.log"; note "ctest (tsan): build FAILED"; failed=1
    fi
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
        if ((fuzz_failed == 0)); then note "fuzz: passed"; else note "fuzz: FAILED"; failed=1; fi
    else
        echo "fuzz: build failed"; note "fuzz: build FAILED"; failed=1
    fi
else
    echo "fuzz: skipped (clang not installed)"; note "fuzz: skipped (no clang)"
fi

echo "== summary =="
printf '  %s\n' "${summary[@]}"
exit $failed
