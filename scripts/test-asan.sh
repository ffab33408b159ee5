#!/bin/bash
# The whole suite (unit and integration tests) once more, built in ./build-asan
# with AddressSanitizer (LeakSanitizer included) and UndefinedBehaviorSanitizer.
# Any finding fails the test that met it: the unit tests exit with 86, and the
# integration harness fails a test whose pam_driver reports one
# (tests/integration/pam_session.py). The module is loaded by pam_driver under
# pam_wrapper, so libasan is preloaded first (PCG_PRELOAD) and pam_wrapper's
# RTLD_DEEPBIND, which ASan cannot work with, is turned off. Real sshd, sudo
# and su cannot all preload libasan (sudo is setuid, started by a user): their
# tests load the main build's module (PCG_UNWRAPPED_MODULE), so with
# PCG_MEMCHECK=asan they, and the tests of the emulator alone, are left out
# as checked in the main stage already (tests/integration/conftest.py).
# Count the results with: python3 tests/summary.py build-asan
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
scripts/build-variant.sh build-asan \
    "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" || exit 1
cd build-asan

PCG_PRELOAD=$(gcc -print-file-name=libasan.so)
[ -f "$PCG_PRELOAD" ] || { echo "build-asan: libasan not found"; exit 1; }
export PCG_PRELOAD PAM_WRAPPER_DISABLE_DEEPBIND=1
# sudo run by a user ignores LD_PRELOAD: the sshd/sudo/su tests load the main build's module.
"$top/scripts/build.sh" || { echo "build-asan: the main build failed"; exit 1; }
export PCG_UNWRAPPED_MODULE="$top/build/.libs/pam_cognito.so"
export ASAN_OPTIONS="exitcode=86:detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="exitcode=86"
export UBSAN_OPTIONS="exitcode=86:halt_on_error=1:print_stacktrace=1"
# One pytest worker per core (pytest-xdist), as under valgrind; the network
# budgets get a second more of grace for the sanitizers and the shared CPUs.
export PYTEST_ARGS="-n $(nproc) ${PYTEST_ARGS:-}"
export PCG_TIME_SLACK=${PCG_TIME_SLACK:-2} PCG_MEMCHECK=asan
make -j"$(nproc)" check >/dev/null 2>&1
"$top/scripts/show-failures.sh" build-asan
python3 "$top/tests/summary.py" .
