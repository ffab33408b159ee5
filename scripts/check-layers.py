#!/usr/bin/env python3
"""Checks the tree's architecture (docs/ARCHITECTURE.md, "Layers").

usage: check-layers.py BUILDDIR

- every #include of a project header points down the layers, never up or
  sideways (one test case per C file);
- every call between files (from nm over BUILDDIR's objects) points down the
  layers too, and no two files call each other through any chain (no circle);
- no product file is longer than 700 lines.

Writes BUILDDIR/tests/results/layers.xml (counted by tests/summary.py) and
prints each failure; exits 1 if any check failed.
"""
import glob
import os
import re
import subprocess
import sys
from xml.sax.saxutils import quoteattr

MAX_LINES = 700

# What each folder may use, besides itself. cli/ and fuzz/ sit beside pam/.
ALLOWED = {
    "pam_cognito/util": set(),
    "pam_cognito/conf": {"util"},
    "pam_cognito/cognito": {"util"},
    "pam_cognito/display": {"util"},
    "pam_cognito/flow": {"util", "conf", "cognito", "display"},
    "pam_cognito/accounts": {"util", "conf", "cognito"},
    "pam_cognito/pam": {"util", "conf", "cognito", "display", "flow", "accounts"},
    "cli": {"util", "conf", "cognito", "display", "flow", "accounts"},
    "fuzz": {"util", "conf", "cognito", "display", "flow", "accounts"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folder_of(path):
    return os.path.dirname(path)


def layer_of(path):
    """The layer name a project source belongs to, or None."""
    d = folder_of(path)
    if d.startswith("pam_cognito/"):
        return d.split("/", 1)[1]
    return d if d in ("cli", "fuzz") else None


def allowed(src, target_layer):
    mine = layer_of(src)
    return target_layer == mine or target_layer in ALLOWED[folder_of(src)]


def sources(top):
    out = []
    for folder in ALLOWED:
        out += sorted(glob.glob(os.path.join(top, folder, "*.[ch]")))
    return [os.path.relpath(p, top) for p in out]


def include_problems(top, src):
    problems = []
    text = open(os.path.join(top, src), encoding="utf-8").read()
    for inc in INCLUDE.findall(text):
        if inc == "config.h":
            continue
        layer = inc.split("/", 1)[0] if "/" in inc else None
        if layer is None:
            if not os.path.exists(os.path.join(top, folder_of(src), inc)):
                problems.append('"%s" names no layer' % inc)
            elif folder_of(src).startswith("pam_cognito/"):
                problems.append('"%s": name the layer ("%s/%s")' % (inc, layer_of(src), inc))
            continue
        if os.path.exists(os.path.join(top, "pam_cognito", inc)) and not allowed(src, layer):
            problems.append('includes "%s": %s may not use %s' % (inc, layer_of(src), layer))
    return problems


def object_symbols(build):
    """{source path: (defined, undefined)} for every project object."""
    table = {}
    objs = glob.glob(os.path.join(build, "pam_cognito", "*", ".libs", "*.o"))
    objs += glob.glob(os.path.join(build, "cli", "*.o"))
    for obj in objs:
        rel = os.path.relpath(obj, build).replace("/.libs/", "/")
        folder, name = os.path.split(rel)
        src = os.path.join(folder, re.sub(r"^(libpcg_la-|cognito_mfa-|pam_cognito_la-)", "", name)[:-2] + ".c")
        out = subprocess.run(["nm", "-g", obj], capture_output=True, text=True, check=True).stdout
        defined, undefined = set(), set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                undefined.add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDBRC":
                defined.add(parts[2])
        table[src] = (defined, undefined)
    return table


def call_graph(table):
    owner = {}
    for src, (defined, _) in table.items():
        for sym in defined:
            owner[sym] = src
    return {src: {owner[s] for s in undefined if s in owner and owner[s] != src}
            for src, (_, undefined) in table.items()}


def circles(graph):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    top = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    build = os.path.abspath(sys.argv[1])
    cases = []  # (classname, name, failure or None)

    for src in sources(top):
        problems = include_problems(top, src)
        cases.append(("layers.includes", src, "; ".join(problems) or None))
        if src.startswith("pam_cognito/"):
            n = sum(1 for _ in open(os.path.join(top, src), encoding="utf-8"))
            cases.append(("layers.size", src, "%d lines (at most %d)" % (n, MAX_LINES) if n > MAX_LINES else None))

    table = object_symbols(build)
    if not table:
        cases.append(("layers.calls", "objects", "no objects under %s: build first" % build))
    graph = call_graph(table)
    for src in sorted(graph):
        up = sorted(t for t in graph[src] if not allowed(src, layer_of(t)))
        cases.append(("layers.calls", src, "calls up or sideways into " + ", ".join(up) if up else None))
    found = circles(graph)
    cases.append(("layers.calls", "no circle of calls between files",
                  "; ".join(" <-> ".join(c) for c in found) or None))

    failed = [c for c in cases if c[2]]
    for cls, name, why in failed:
        print("%s: %s: %s" % (cls, name, why))
    out = os.path.join(build, "tests", "results")
    os.makedirs(out, exist_ok=True)
    body = "".join(
        "<testcase classname=%s name=%s>%s</testcase>" % (
            quoteattr(cls), quoteattr(name), "<failure message=%s/>" % quoteattr(why) if why else "")
        for cls, name, why in cases)
    with open(os.path.join(out, "layers.xml"), "w", encoding="utf-8") as f:
        f.write('<testsuites><testsuite name="layers" tests="%d" failures="%d">%s</testsuite></testsuites>\n'
                % (len(cases), len(failed), body))
    print("layers: %d checks, %d failed" % (len(cases), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
