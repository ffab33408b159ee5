#!/bin/bash
# Sets everything up on Debian 12 and runs the whole test suite (run as root):
# the main build's unit and integration tests, the same under ASan+UBSan
# (scripts/test-asan.sh) and under valgrind (scripts/test-valgrind.sh), the
# tests where threads meet under ThreadSanitizer (scripts/test-tsan.sh), and
# each libFuzzer target for PCG_FUZZ_SECONDS (default 30; scripts/fuzz.sh),
# and the Debian packages built, installed and logged in through in a
# throwaway Debian 12 root (tests/package/run.sh); first, every C file is
# checked against .clang-format (scripts/check-format.sh).
# Prints the time of each stage; ends with one line "N passed, N failed,
# N skipped" counting every test of every run; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
stage() { echo "stage $1: $(( SECONDS - $2 )) s"; }
scripts/install-deps.sh || { echo "installing dependencies failed"; exit 1; }
start=$SECONDS; scripts/check-format.sh; stage "format" "$start"
start=$SECONDS
scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
cd build
rm -f tests/unit/*.log tests/unit/*.trs tests/run-integration.sh.* tests/results/integration.xml
# The integration tests in one pytest-xdist worker per core, then those
# marked serial one at a time (tests/run-integration.sh).
PCG_PYTEST_JOBS=$(nproc) make -j2 check >/dev/null 2>&1
python3 ../scripts/check-layers.py . || true   # counted by summary.py (layers.xml)
"$top/scripts/show-failures.sh" build
python3 ../tests/summary.py .
cd "$top"
stage "build and test" "$start"
start=$SECONDS; scripts/test-asan.sh; stage "asan+ubsan" "$start"
start=$SECONDS; scripts/test-valgrind.sh; stage "valgrind" "$start"
start=$SECONDS; scripts/test-tsan.sh; stage "tsan" "$start"
start=$SECONDS; scripts/fuzz.sh "${PCG_FUZZ_SECONDS:-30}"; stage "fuzz" "$start"
start=$SECONDS; tests/package/run.sh; stage "package" "$start"
python3 tests/summary.py build-format build build-asan build-valgrind build-tsan build-fuzz build-package
