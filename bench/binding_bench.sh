#!/bin/sh
# Benchmark, not a test: what the id map of `cognito-mfa sync` costs each
# login (pam/account_binding.c reads and parses the whole map), for maps of
# 100 to 50,000 accounts, as one table.
#
# Usage: bench/binding_bench.sh -b BUILDDIR [-r RUNS]
#   -b BUILDDIR  a configured, built tree (BUILDDIR/.libs/libpcg.a, config.h)
#   -r RUNS      lookups per map size (default 30)
# Needs gcc and pkg-config (libcurl, json-c, libcrypto).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
builddir=
runs=30
while getopts b:r: opt; do
	case $opt in
	b) builddir=$(cd "$OPTARG" && pwd) ;;
	r) runs=$OPTARG ;;
	*) echo "usage: $0 -b BUILDDIR [-r RUNS]" >&2; exit 2 ;;
	esac
done
[ -n "$builddir" ] && [ -f "$builddir/.libs/libpcg.a" ] \
	|| { echo "usage: $0 -b BUILDDIR [-r RUNS] (a built tree)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
# shellcheck disable=SC2046
gcc -std=gnu11 -O2 -I"$builddir" -I"$top/pam_cognito" "$here/binding_bench.c" \
	"$builddir/.libs/libpcg.a" $(pkg-config --libs libcurl json-c libcrypto) -o "$work/bench"
mkdir -m 755 "$work/state"
echo "| accounts | map | median per login | slowest |"
echo "|---|---|---|---|"
for n in 100 1000 10000 50000; do
	"$work/bench" "$work/state" "$n" "$runs"
done
