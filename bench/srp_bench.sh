#!/bin/sh
# Benchmark, not a test: median time of one client-side SRP computation
# (draw a, compute A, answer PASSWORD_VERIFIER) in pam_cognito's C code and in
# amazon-cognito-identity-js, and their ratio, as one table.
#
# Usage: bench/srp_bench.sh [-b BUILDDIR] [-r RUNS]
#   -b BUILDDIR  link against a configured, built tree (BUILDDIR/.libs/libpcg.a
#                and BUILDDIR/config.h) instead of compiling the sources here
#   -r RUNS      timed runs per implementation (default 25, at least 20)
# REF_DIR: where the pinned SDK is (installed there if missing);
#          default ${XDG_CACHE_HOME:-$HOME/.cache}/pam_cognito/ref.
# Needs gcc, pkg-config, libssl-dev, node and npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
builddir=
runs=25
while getopts b:r: opt; do
	case $opt in
	b) builddir=$(cd "$OPTARG" && pwd) ;;
	r) runs=$OPTARG ;;
	*) echo "usage: $0 [-b BUILDDIR] [-r RUNS]" >&2; exit 2 ;;
	esac
done
ref=${REF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pam_cognito/ref}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crypto=$(pkg-config --cflags --libs libcrypto)
if [ -n "$builddir" ]; then
	[ -f "$builddir/.libs/libpcg.a" ] || { echo "$0: no $builddir/.libs/libpcg.a: build the tree first" >&2; exit 1; }
	others=$(pkg-config --libs libcurl json-c 2>/dev/null || true)
	# shellcheck disable=SC2086
	gcc -std=gnu11 -O2 -I"$builddir" -I"$top/pam_cognito" "$here/srp_bench.c" \
		"$builddir/.libs/libpcg.a" $others $crypto -o "$work/srp_bench"
	c_label="pam_cognito C (built tree)"
else
	: >"$work/config.h"
	# shellcheck disable=SC2086
	gcc -std=gnu11 -O2 -I"$work" -I"$top/pam_cognito" "$here/srp_bench.c" \
		"$top/pam_cognito/cognito/srp.c" "$top/pam_cognito/cognito/srp_timestamp.c" "$top/pam_cognito/util/secure.c" \
		$crypto -o "$work/srp_bench"
	c_label="pam_cognito C (-O2, sources)"
fi

"$top/tests/reference/install-sdk.sh" "$ref"

c_out=$("$work/srp_bench" "$runs")
js_out=$(REF_DIR=$ref node "$here/srp_bench.js" "$runs")

field() { printf '%s\n' "$1" | sed -n "s/.*$2=\([^ ]*\).*/\1/p"; }
impl() { printf '%s\n' "$1" | sed -n 's/.*impl=//p'; }

c_med=$(field "$c_out" median_ms)
js_med=$(field "$js_out" median_ms)
echo "One client-side SRP computation (draw a, A = g^a; answer PASSWORD_VERIFIER), $(field "$c_out" runs) timed runs each"
printf '%-34s %10s %10s %10s  %s\n' implementation "median ms" "min ms" "max ms" details
printf '%-34s %10s %10s %10s  %s\n' "$c_label" "$c_med" "$(field "$c_out" min_ms)" \
	"$(field "$c_out" max_ms)" "$(impl "$c_out")"
printf '%-34s %10s %10s %10s  %s\n' "amazon-cognito-identity-js" "$js_med" "$(field "$js_out" min_ms)" \
	"$(field "$js_out" max_ms)" "$(impl "$js_out")"
awk -v c="$c_med" -v j="$js_med" 'BEGIN { printf "%-34s %10.1fx  (JS median / C median)\n", "ratio", j / c }'
