#!/bin/bash
# The fresh-chroot build (run as root on Debian 12; tests/package/run.sh runs
# it): builds the source package of this tree the way a Debian buildd does.
# It makes the source package (.dsc, native) from a copy of the tree, then a
# throwaway Debian 12 root with `mmdebstrap --variant=buildd` (Essential,
# apt and build-essential, nothing else), installs only the declared
# Build-Depends there (apt-get build-dep on the .dsc), unpacks the source and
# runs dpkg-buildpackage -b as an unprivileged user (nobody) with no network
# but loopback, so dh_auto_test runs the unit tests as on a buildd. It
# passes when both .debs were built and the unit tests ran and passed,
# test_srp's locale test among them. The host is never changed:
# mmdebstrap runs in a private mount namespace and discards the root.
# Usage: tests/package/buildd.sh OUT_DIR MIRROR_LINE...
#   (OUT_DIR gets logs/buildd.log and buildd/*.deb; a MIRROR_LINE is
#    "deb URI SUITE main", as mmdebstrap takes it)
# Exits 0 on success; otherwise prints the reason as its last line on stderr.
set -uo pipefail
cd "$(dirname "$0")/../.."
top=$(pwd)
out=$1
shift
mirrors=("$@")
[ ${#mirrors[@]} -gt 0 ] || mirrors=("deb http://deb.debian.org/debian bookworm main")
work="$out/buildd"
log="$out/logs/buildd.log"
rm -rf "$work"
mkdir -p "$work/src" "$out/logs"
die() { echo "buildd: $*" >&2; exit 1; }
for tool in dpkg-source mmdebstrap unshare ip; do
    command -v "$tool" >/dev/null || die "$tool is not installed (scripts/install-deps.sh)"
done
start=$SECONDS

# The source package, made from the tree as it is (uncommitted changes too),
# without build directories, .git or autotools caches.
name=$(dpkg-parsechangelog -l debian/changelog -S Source)
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
tar --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache -cf - . \
    | tar -xf - -C "$work/src"
( cd "$work/src" && { [ ! -f Makefile ] || make distclean; } >/dev/null 2>&1 ) || true
( cd "$work" && dpkg-source -b src ) >"$log" 2>&1 \
    || die "dpkg-source -b failed (build-package/logs/buildd.log)"
dsc="${name}_${version}.dsc"
[ -f "$work/$dsc" ] || die "dpkg-source made no $dsc (build-package/logs/buildd.log)"
rm -rf "$work/src"
mkdir -p "$work/result"

# In the root: /build holds the source package, unpacked by root (prep.sh)
# and built by nobody (a buildd builds as an unprivileged user of its own),
# in a network namespace with only loopback up, in a clean environment (no
# DEB_BUILD_OPTIONS, so no nocheck: dh_auto_test runs the unit tests).
tarball="${name}_${version}.tar.xz"
printf 'set -e\ncd /build\ndpkg-source -x %s pkg\nchown -R nobody:nogroup /build\n' "$dsc" >"$work/prep.sh"
printf 'cd /build/pkg && exec dpkg-buildpackage -us -uc -b\n' >"$work/build.sh"
arch=$(dpkg --print-architecture)
unshare --mount --propagation private mmdebstrap --variant=buildd --mode=root \
    --customize-hook='mkdir -p "$1/build"' \
    --customize-hook="copy-in $work/$dsc $work/$tarball $work/prep.sh $work/build.sh /build" \
    --customize-hook='chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c "apt-get build-dep -y -q --no-install-recommends /build/*.dsc"' \
    --customize-hook='chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh /build/prep.sh' \
    --customize-hook='unshare --net sh -c "ip link set lo up && exec chroot --userspec=nobody:nogroup \"\$0\" \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent /bin/sh /build/build.sh" "$1"' \
    --customize-hook="sync-out /build $work/result" \
    bookworm /dev/null "${mirrors[@]}" >>"$log" 2>&1
status=$?
echo "buildd: $((SECONDS - start)) s" >>"$log"
debs=("$work/result/libpam-cognito_${version}_${arch}.deb" "$work/result/cognito-mfa_${version}_${arch}.deb")
if [ "$status" != 0 ]; then
    tail -n 30 "$log" >&2
    die "the build in the fresh buildd root failed (build-package/logs/buildd.log)"
fi
for deb in "${debs[@]}"; do
    [ -f "$deb" ] || die "no $(basename "$deb") from the buildd root (build-package/logs/buildd.log)"
done
# dh_auto_test really ran the unit tests, test_srp's locale test among them.
grep -q '^PASS: tests/unit/test_srp$' "$log" \
    || die "the unit tests did not run in the buildd root (build-package/logs/buildd.log)"
grep -q 'OK \] test_timestamp_ignores_locale_and_tz' "$work/result/pkg/tests/unit/test_srp.log" \
    || die "test_timestamp_ignores_locale_and_tz did not run in the buildd root"
cp "$work/result/pkg/test-suite.log" "$out/logs/buildd-test-suite.log" 2>/dev/null
rm -rf "$work/result/pkg"
echo "buildd: built in a fresh buildd root in $((SECONDS - start)) s" >&2
