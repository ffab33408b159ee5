#!/bin/sh
# Benchmark, not a test: one login (password + TOTP) per process, as sshd and
# sudo load the module, beside the floor (bench/login_floor.c) and the AWS
# SDK v3 (bench/sdk_login.js): CPU, wall and peak RSS, medians of interleaved
# runs; then the latency of each step of a module login with Cognito RTT ms
# away (bench/delay_proxy.py). Prints Markdown tables.
#
# Usage: bench/login_bench.sh [-b BUILDDIR] [-r RUNS] [-t RTT_MS] [-l LATENCY_RUNS]
#   -b BUILDDIR  a built tree (scripts/build.sh; default ./build)
# Needs root (a private mount namespace), pamtester, gcc, libcurl and libssl
# headers, node and npm; installs the pinned SDK into bench/node_modules (npm ci).
#
# The emulator's certificate comes from a test CA, which no system trusts.
# To measure the module as deployed (no cafile: the system's trust store),
# this runs in a private mount namespace where /etc/ssl/certs is a copy of
# the host's with the test CA added, both as a hashed link (what the module
# and the floor read) and appended to ca-certificates.crt (the bundle the
# "old default" row and the SDK, through NODE_EXTRA_CA_CERTS, read). The
# module runs under the real pamtester and libpam, as deployed: the Python
# part bind-mounts copies of /etc/pam.d (with the bench's services) and
# /etc/passwd (with its users) in the same namespace. The host's files are
# never written.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
builddir=$top/build
runs=10
rtt=100
lruns=5
while getopts b:r:t:l: opt; do
	case $opt in
	b) builddir=$(cd "$OPTARG" && pwd) ;;
	r) runs=$OPTARG ;;
	t) rtt=$OPTARG ;;
	l) lruns=$OPTARG ;;
	*) echo "usage: $0 [-b BUILDDIR] [-r RUNS] [-t RTT_MS] [-l LATENCY_RUNS]" >&2; exit 2 ;;
	esac
done
[ -x "$builddir/.libs/pam_cognito.so" ] && [ -x "$builddir/tests/pam_driver" ] ||
	{ echo "$0: build the tree first (scripts/build.sh)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "$0: needs root for its private mount namespace" >&2; exit 1; }
command -v pamtester >/dev/null || { echo "$0: needs pamtester (apt-get install pamtester)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
gcc -std=gnu11 -O2 "$here/login_floor.c" -o "$work/login_floor" \
	$(pkg-config --cflags --libs libcurl libcrypto)
gcc -std=gnu11 -O2 "$here/run_measured.c" -o "$work/run_measured"
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)

bash "$top/tests/make-test-ca.sh" "$work/ca" >/dev/null
cp -a /etc/ssl/certs "$work/certs"
cp "$work/ca/ca.pem" "$work/certs/pam-cognito-bench-ca.pem"
cat "$work/ca/ca.pem" >>"$work/certs/ca-certificates.crt"
hash=$(openssl x509 -noout -subject_hash -in "$work/ca/ca.pem")
n=0
while [ -e "$work/certs/$hash.$n" ]; do n=$((n + 1)); done
ln -s pam-cognito-bench-ca.pem "$work/certs/$hash.$n"

echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
	"$(. /etc/os-release && echo "$PRETTY_NAME"), $(curl-config --version), $(openssl version | cut -d' ' -f1-2)"
echo
TOP_BUILDDIR=$builddir PAM_MODULE=$builddir/.libs/pam_cognito.so \
	unshare --mount --propagation private sh -c '
	mount --bind "$1" /etc/ssl/certs && shift && exec python3 "$@"' sh "$work/certs" \
	"$here/login_bench.py" --floor "$work/login_floor" --ca-dir "$work/ca" \
	--launcher "$work/run_measured" --runs "$runs" \
	--rtt "$rtt" --latency-runs "$lruns"
