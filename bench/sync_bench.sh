#!/bin/sh
# Benchmark, not a test: `cognito-mfa sync` of 10,000 users in 3 groups
# against the emulator, in a private mount namespace with libnss-extrausers
# (bench/sync_bench.py prints the table: API calls against their minimum,
# wall and CPU time and peak RSS of a first and an unchanged sync, getent and
# id for the last user). Run as root; the host's files are not touched.
#
# Usage: bench/sync_bench.sh -b BUILDDIR [-u USERS]
# Needs what the integration tests need (scripts/install-deps.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
builddir=
users=10000
while getopts b:u: opt; do
	case $opt in
	b) builddir=$(cd "$OPTARG" && pwd) ;;
	u) users=$OPTARG ;;
	*) echo "usage: $0 -b BUILDDIR [-u USERS]" >&2; exit 2 ;;
	esac
done
[ -n "$builddir" ] && [ -x "$builddir/cognito-mfa" ] \
	|| { echo "usage: $0 -b BUILDDIR [-u USERS] (a built tree)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -std=gnu11 -O2 "$here/run_measured.c" -o "$work/run_measured"
bash "$top/tests/make-test-ca.sh" "$work/ca" >/dev/null
# /usr/bin/python3: the one the integration tests use (pytest from Debian)
TOP_SRCDIR=$top TOP_BUILDDIR=$builddir /usr/bin/python3 "$here/sync_bench.py" \
	--launcher "$work/run_measured" --ca "$work/ca" --users "$users"
