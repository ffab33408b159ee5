#!/bin/bash
# Builds the libFuzzer targets (fuzz/) with clang in ./build-fuzz and runs each
# for SECONDS seconds (default 60), one per core at a time, starting from the
# seed corpus in fuzz/corpus/<target>/ (new inputs go to build-fuzz/corpus/,
# never into the repository). A crash, a leak, a timeout of one input or an
# out-of-memory fails that target; its input is kept in
# build-fuzz/artifacts/<target>/. Results: build-fuzz/tests/results/fuzz.xml,
# which tests/summary.py counts (one test per target).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
seconds=${1:-60}
shift || true
command -v clang >/dev/null || { echo "clang is not installed (scripts/install-deps.sh)"; exit 1; }
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || ./autogen.sh >/dev/null
mkdir -p build-fuzz
cd build-fuzz
rm -rf tests/results/fuzz tests/results/fuzz.xml artifacts
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
if [ ! -f Makefile ]; then
    # No -Werror: clang's warnings differ from gcc's; the main build checks them.
    "$top/configure" CC=clang CFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined" \
        --enable-fuzzing --disable-tests >/dev/null || { echo "build-fuzz: configure failed"; exit 1; }
fi
make -j"$(nproc)" >/dev/null || { echo "build-fuzz: build failed"; exit 1; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd "$top/fuzz" && ls fuzz_*.c | sed 's/\.c$//'))
mkdir -p tests/results/fuzz
run_one() {
    local t=$1
    mkdir -p "corpus/$t" "artifacts/$t"
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" "corpus/$t" "$top/fuzz/corpus/$t" \
        >"tests/results/fuzz/$t.log" 2>&1
    echo $? >"tests/results/fuzz/$t.status"
}
running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$(nproc)" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
{
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo "<testsuites><testsuite name=\"fuzz\" tests=\"${#targets[@]}\">"
    for t in "${targets[@]}"; do
        status=$(cat "tests/results/fuzz/$t.status" 2>/dev/null || echo 99)
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "tests/results/fuzz/$t.log" | grep -o '[0-9]*$')
        echo "$t: exit $status, ${runs:-0} inputs in ${seconds} s" >&2
        if [ "$status" = 0 ]; then
            echo "<testcase classname=\"fuzz\" name=\"$t\"/>"
        else
            failed=$((failed + 1))
            echo "<testcase classname=\"fuzz\" name=\"$t\"><failure message=\"libFuzzer exit $status\"/></testcase>"
            tail -n 40 "tests/results/fuzz/$t.log" >&2
        fi
    done
    echo "</testsuite></testsuites>"
} >tests/results/fuzz.xml
[ "$failed" = 0 ]
