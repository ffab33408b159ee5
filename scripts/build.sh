#!/bin/bash
# Configures and builds in ./build (out of tree). Extra arguments go to configure.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || ./autogen.sh >/dev/null
mkdir -p build
cd build
if [ ! -f Makefile ] || [ "$#" -gt 0 ]; then
    "$top/configure" --enable-werror --enable-tests "$@" >/dev/null
fi
make -j"$(nproc)" >/dev/null
make -j"$(nproc)" check TESTS= >/dev/null   # builds the test programs too
