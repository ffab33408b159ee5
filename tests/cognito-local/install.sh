#!/bin/sh
# Installs the pinned cognito-local (package.json + package-lock.json here) into
# DIR, a cache outside the source tree: the tests use DIR=$builddir/.cache/cognito-local.
# Usage: install.sh DIR. Quiet when already there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-}
if [ -z "$dir" ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
command -v npm >/dev/null 2>&1 || { echo "$0: npm not found (Debian: apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
if cmp -s "$here/package-lock.json" "$dir/package-lock.json" &&
	[ -f "$dir/node_modules/cognito-local/lib/bin/start.js" ]; then
	exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
