#!/bin/bash
# Configures (once) and builds the module, its tools and the test programs in
# ./DIR at -O1 -g with the given compiler and linker flags (sanitizers), for
# test-asan.sh, test-tsan.sh and test-valgrind.sh; clears DIR's old results.
# Usage: scripts/build-variant.sh DIR FLAGS
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
dir=$1 flags=$2
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || ./autogen.sh >/dev/null
mkdir -p "$dir"
cd "$dir"
if [ ! -f Makefile ]; then
    # No -Werror: -O1 and sanitizers give warnings of their own; the main build checks them.
    "$top/configure" CFLAGS="-O1 -g $flags" LDFLAGS="$flags" >/dev/null \
        || { echo "$dir: configure failed"; exit 1; }
fi
rm -f tests/unit/*.log tests/unit/*.trs tests/run-integration.sh.* tests/results/integration.xml
make -j"$(nproc)" >/dev/null && make -j"$(nproc)" check TESTS= >/dev/null \
    || { echo "$dir: build failed"; exit 1; }
