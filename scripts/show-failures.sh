#!/bin/bash
# Prints the last lines of the log of each test that failed in build
# directory DIR, relative to the top of the tree (automake's .trs results:
# unit tests and the integration run).
# Usage: scripts/show-failures.sh DIR
cd "$(dirname "$0")/.." || exit 1
dir=$1
for log in "$dir"/tests/unit/*.log "$dir"/tests/run-integration.sh.log; do
    if grep -qE ':test-result: (FAIL|ERROR)' "${log%.log}.trs" 2>/dev/null; then
        echo "=== $log"; tail -n 80 "$log"
    fi
done
exit 0
