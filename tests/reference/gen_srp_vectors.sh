#!/bin/sh
# Regenerates tests/unit/srp_vectors.h from the reference client.
#   tests/reference/gen_srp_vectors.sh           rewrite the header in place
#   tests/reference/gen_srp_vectors.sh --check   exit 1 if it is out of date
# REF_DIR: where to npm-install the pinned SDK (default: a temporary directory).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
header="$here/../unit/srp_vectors.h"
check=no
[ "${1:-}" = "--check" ] && check=yes

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ref=${REF_DIR:-$work/ref}

"$here/install-sdk.sh" "$ref"
REF_DIR=$ref node "$here/srp_vectors.js" >"$work/vectors.json"
node "$here/vectors_to_header.js" <"$work/vectors.json" >"$work/srp_vectors.h"

if [ "$check" = yes ]; then
	if cmp -s "$work/srp_vectors.h" "$header"; then
		echo "srp_vectors.h is up to date"
		exit 0
	fi
	echo "srp_vectors.h differs from what the reference client gives:" >&2
	diff -u "$header" "$work/srp_vectors.h" >&2 || true
	exit 1
fi
cp "$work/srp_vectors.h" "$header"
echo "wrote $header"
