#!/usr/bin/env python3
"""Counts every test of the last `make check`: each cmocka case in the unit
test logs, each pytest case in the integration results. Prints one line
"N passed, N failed, N skipped" and exits 1 if anything failed or nothing ran.

A test program that failed without cmocka's summary (a crash) counts as one
failure more.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

build = sys.argv[1] if len(sys.argv) > 1 else "."
passed = failed = skipped = 0

for trs in sorted(glob.glob(os.path.join(build, "tests", "unit", "*.trs"))):
    log = trs[:-4] + ".log"
    text = open(log, errors="replace").read() if os.path.exists(log) else ""
    status = re.search(r":test-result: (\w+)", open(trs).read())
    p = sum(int(n) for n in re.findall(r"\[  PASSED  \] (\d+) test", text))
    f = sum(int(n) for n in re.findall(r"\[  FAILED  \] (\d+) test", text))
    s = sum(int(n) for n in re.findall(r"\[  SKIPPED \] (\d+) test", text))
    if status and status.group(1) not in ("PASS", "SKIP") and f == 0:
        f = 1
    if status is None:
        f += 1
    passed, failed, skipped = passed + p, failed + f, skipped + s

xml_path = os.path.join(build, "tests", "results", "integration.xml")
trs = os.path.join(build, "tests", "run-integration.sh.trs")
if os.path.exists(xml_path) and os.path.exists(trs) and os.path.getmtime(xml_path) >= os.path.getmtime(trs) - 600:
    root = ET.parse(xml_path).getroot()
    for suite in (root.iter("testsuite")):
        n = int(suite.get("tests", 0))
        f = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        s = int(suite.get("skipped", 0))
        passed, failed, skipped = passed + n - f - s, failed + f, skipped + s
elif os.path.exists(trs):
    failed += 1  # the integration run did not produce results

print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed or skipped or passed == 0 else 0)
