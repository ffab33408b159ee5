#!/bin/bash
# The tests where threads meet, once more, built in ./build-tsan with
# ThreadSanitizer: test_threads.py (200 logins in 200 threads of one process,
# and a loop of logins) and test_early_work.py (the helper thread that works
# while the password prompt is open). A data race, a lock-order inversion or
# a signal-unsafe call in a handler fails the test that met it (exit status
# 86, which the integration harness turns into a failure). libcurl, OpenSSL,
# json-c and libpam are not instrumented: ThreadSanitizer sees every memory
# access of the module and its test drivers and every pthread call, so a race
# on the module's own state shows; one inside those libraries does not.
# Count the results with: python3 tests/summary.py build-tsan
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
scripts/build-variant.sh build-tsan "-fsanitize=thread -fno-omit-frame-pointer" || exit 1
cd build-tsan

PCG_PRELOAD=$(gcc -print-file-name=libtsan.so)
[ -f "$PCG_PRELOAD" ] || { echo "build-tsan: libtsan not found"; exit 1; }
# ThreadSanitizer cannot work with pam_wrapper's RTLD_DEEPBIND. pam_wrapper
# 1.1.4 (Debian 12) turns it off only for libasan or when it sees
# UID_WRAPPER_DISABLE_DEEPBIND (the name its source checks); later versions
# read PAM_WRAPPER_DISABLE_DEEPBIND.
export PCG_PRELOAD PAM_WRAPPER_DISABLE_DEEPBIND=1 UID_WRAPPER_DISABLE_DEEPBIND=1
export TSAN_OPTIONS="exitcode=86:halt_on_error=1:second_deadlock_stack=1:suppressions=$top/tests/tsan.supp"
export PCG_TIME_SLACK=${PCG_TIME_SLACK:-3}
export PYTEST_PATHS="test_threads.py test_early_work.py"
make -j"$(nproc)" check TESTS=tests/run-integration.sh >/dev/null 2>&1
"$top/scripts/show-failures.sh" build-tsan
python3 "$top/tests/summary.py" .
