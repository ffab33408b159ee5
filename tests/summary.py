#!/usr/bin/env python3
"""Counts every test of the last runs in one or more build directories (the
main build, build-asan, build-valgrind, build-fuzz): each cmocka case in the
unit test logs, each pytest case in the integration results, each libFuzzer
target in tests/results/fuzz.xml, each check of the package test in
tests/results/package.xml (build-package). Prints one line per directory when given
several, then one line "N passed, N failed, N skipped" for all of them, and
exits 1 if anything failed or was skipped, or nothing ran.

A test program that failed without cmocka's summary (a crash) counts as one
failure more; so does a directory holding no results at all.

Usage: summary.py [BUILD_DIR...]   (default: .)
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET


def count_junit(xml_path):
    passed = failed = skipped = 0
    root = ET.parse(xml_path).getroot()
    for suite in root.iter("testsuite"):
        n = int(suite.get("tests", 0))
        f = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        if f == 0:  # fuzz.xml marks failures on the test cases only
            f = sum(1 for case in suite.iter("testcase")
                    if case.find("failure") is not None or case.find("error") is not None)
        s = int(suite.get("skipped", 0))
        passed, failed, skipped = passed + n - f - s, failed + f, skipped + s
    return passed, failed, skipped


def count(build):
    passed = failed = skipped = 0
    seen = False

    for trs in sorted(glob.glob(os.path.join(build, "tests", "unit", "*.trs"))):
        seen = True
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
    if os.path.exists(trs):
        seen = True
    if (os.path.exists(xml_path) and os.path.exists(trs)
            and os.path.getmtime(xml_path) >= os.path.getmtime(trs) - 600):
        p, f, s = count_junit(xml_path)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    elif os.path.exists(trs):
        failed += 1  # the integration run did not produce results

    for name in ("fuzz.xml", "package.xml", "format.xml", "layers.xml"):
        xml = os.path.join(build, "tests", "results", name)
        if os.path.exists(xml):
            seen = True
            try:
                p, f, s = count_junit(xml)
            except ET.ParseError:
                p, f, s = 0, 1, 0  # the run was cut short
            passed, failed, skipped = passed + p, failed + f, skipped + s

    if not seen:
        failed += 1
    return passed, failed, skipped


def main():
    builds = sys.argv[1:] or ["."]
    total = [0, 0, 0]
    for build in builds:
        result = count(build)
        if len(builds) > 1:
            print("%s: %d passed, %d failed, %d skipped" % ((build,) + result))
        total = [t + r for t, r in zip(total, result)]
    print("%d passed, %d failed, %d skipped" % tuple(total))
    passed, failed, skipped = total
    return 1 if failed or skipped or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
