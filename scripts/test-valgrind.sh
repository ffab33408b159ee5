#!/bin/bash
# The whole suite (unit and integration tests) once more, in ./build-valgrind,
# with every unit test program and every pam_driver run under valgrind
# memcheck: an invalid read or write, a use of uninitialised memory, or a
# definite or indirect leak fails the test that met it (exit status 99, which
# the integration harness turns into a failure). Real sshd, sudo and su do
# not run under valgrind (sudo is setuid, started by a user): their tests load
# the main build's module. Network budgets get PCG_TIME_SLACK seconds of grace,
# as valgrind makes every CPU step many times slower. PCG_MEMCHECK=valgrind
# leaves out the tests that run none of our C code under valgrind (the
# emulator alone, and the real sshd/sudo/su in a sandbox) and runs the fault
# matrix with each step and each fault once rather than their cross product
# (tests/integration/conftest.py, test_fault_matrix.py); pytest counts the
# rest as deselected, and the main stage and ASan run them all.
# Count the results with: python3 tests/summary.py build-valgrind
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
command -v valgrind >/dev/null || { echo "valgrind is not installed (scripts/install-deps.sh)"; exit 1; }
scripts/build-variant.sh build-valgrind -fno-omit-frame-pointer || exit 1
cd build-valgrind
"$top/scripts/build.sh" || { echo "build-valgrind: the main build failed"; exit 1; }

# Add --track-origins=yes through VALGRIND_EXTRA to find where an
# uninitialised value came from (it makes the run about a third slower).
export PCG_DRIVER_WRAPPER="valgrind --quiet --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
${VALGRIND_EXTRA:-}"
export PCG_TIME_SLACK=${PCG_TIME_SLACK:-5} PCG_MEMCHECK=valgrind
# valgrind costs CPU, not waiting: one pytest worker per core (pytest-xdist).
export PYTEST_ARGS="-n $(nproc) ${PYTEST_ARGS:-}"
export PCG_UNWRAPPED_MODULE="$top/build/.libs/pam_cognito.so"
make -j"$(nproc)" check LOG_COMPILER="$top/tests/valgrind-run.sh" >/dev/null 2>&1
"$top/scripts/show-failures.sh" build-valgrind
python3 "$top/tests/summary.py" .
