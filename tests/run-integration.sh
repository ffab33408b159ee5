#!/bin/bash
# The integration suite (pytest): the built module through pam_wrapper against
# the emulator. Run by `make check`; results also go to tests/results/integration.xml.
# PYTEST_ARGS: more pytest options; PYTEST_PATHS: test files to run (default: all).
set -u
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
export TOP_SRCDIR TOP_BUILDDIR
mkdir -p "$TOP_BUILDDIR/tests/results"
cd "$TOP_SRCDIR/tests/integration" || exit 99
exec /usr/bin/python3 -m pytest -p no:cacheprovider -q -rfE \
    --junitxml="$TOP_BUILDDIR/tests/results/integration.xml" ${PYTEST_ARGS:-} ${PYTEST_PATHS:-.}
