#!/bin/bash
# Sets everything up on Debian 12 and runs the whole test suite (run as root).
# Ends with one line "N passed, N failed, N skipped"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || { echo "installing dependencies failed"; exit 1; }
scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
cd build
make -j2 check >/dev/null 2>&1
for log in tests/unit/*.log tests/run-integration.sh.log; do
    if grep -qE ':test-result: (FAIL|ERROR)' "${log%.log}.trs" 2>/dev/null; then
        echo "=== $log"; tail -n 60 "$log"
    fi
done
python3 ../tests/summary.py .
