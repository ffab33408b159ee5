#!/bin/bash
# The integration suite (pytest): the built module through pam_wrapper against
# the emulator. Run by `make check`; results also go to tests/results/integration.xml.
# PYTEST_ARGS: more pytest options; PYTEST_PATHS: test files to run (default: all).
# PCG_PYTEST_JOBS=N (scripts/test.sh: one per core): the tests run in N
# pytest-xdist workers, except those marked serial (a network budget checked
# with PCG_TIME_SLACK's margin alone, tests/integration/conftest.py), which
# then run one at a time on a machine the suite no longer loads; both runs'
# results go to integration.xml. Most tests wait (on the emulator, on a
# prompt), so their workers share the cores.
set -u
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
export TOP_SRCDIR TOP_BUILDDIR
results=$TOP_BUILDDIR/tests/results
mkdir -p "$results"
cd "$TOP_SRCDIR/tests/integration" || exit 99
run() {
    /usr/bin/python3 -m pytest -p no:cacheprovider -q -rfE "$@" ${PYTEST_ARGS:-} ${PYTEST_PATHS:-.}
}
if [ -z "${PCG_PYTEST_JOBS:-}" ]; then
    run --junitxml="$results/integration.xml"
    exit
fi
rm -f "$results/integration.xml" "$results/integration-serial.xml"
run -n "$PCG_PYTEST_JOBS" -m "not serial" --junitxml="$results/integration.xml"
rc=$?
run -m serial --junitxml="$results/integration-serial.xml"
rc_serial=$?
# One file of results: the serial run's suite added to the parallel run's.
/usr/bin/python3 - "$results/integration.xml" "$results/integration-serial.xml" <<'EOF' || exit 99
import os, sys, xml.etree.ElementTree as ET
main, serial = sys.argv[1:]
if os.path.exists(serial):
    tree = ET.parse(main) if os.path.exists(main) else ET.ElementTree(ET.Element("testsuites"))
    tree.getroot().extend(ET.parse(serial).getroot().iter("testsuite"))
    tree.write(main, encoding="utf-8", xml_declaration=True)
    os.remove(serial)
EOF
# pytest's 5: no test was selected, which one run alone may well be.
[ "$rc" -eq 5 ] && [ "$rc_serial" -ne 5 ] && rc=0
[ "$rc_serial" -eq 5 ] && [ "$rc" -ne 5 ] && rc_serial=0
[ "$rc" -ne 0 ] && exit "$rc"
exit "$rc_serial"
