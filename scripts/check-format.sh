#!/bin/bash
# Checks every tracked C source against the one .clang-format at the top:
# one test case per file in build-format/tests/results/format.xml (counted by
# tests/summary.py). Fix a failure with: clang-format -i FILE.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build-format/tests/results
mkdir -p "$out"
command -v clang-format >/dev/null || { echo "clang-format is missing (scripts/install-deps.sh)"; exit 1; }
cases="" failed=0 n=0
# srp_vectors.h is generated (tests/reference/vectors_to_header.js).
for f in $(git ls-files '*.c' '*.h' | grep -v '^tests/unit/srp_vectors\.h$'); do
    n=$((n + 1))
    if clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
        cases+="<testcase classname=\"format\" name=\"$f\"/>"
    else
        failed=$((failed + 1))
        echo "not formatted: $f (clang-format -i $f)"
        cases+="<testcase classname=\"format\" name=\"$f\"><failure message=\"not formatted\"/></testcase>"
    fi
done
printf '<testsuites><testsuite name="clang-format" tests="%d" failures="%d">%s</testsuite></testsuites>\n' \
    "$n" "$failed" "$cases" > "$out/format.xml"
echo "clang-format: $n files, $failed not formatted"
[ "$failed" -eq 0 ]
