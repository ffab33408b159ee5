#!/bin/bash
# The RPM and SELinux checks (run as root on Debian 12; tests/package/run.sh
# runs it). No RPM system is at hand, so this checks on Debian what can be
# checked there: the release tarball from `make distcheck` (configured from
# a copy of the tree; it builds the tarball out of tree, runs the unit tests
# and one integration file from it, installs and uninstalls), NEWS,
# debian/changelog and the spec naming configure.ac's version, the spec it carries (rpmspec -P), the SRPM from it
# (rpmbuild -bs), the binary RPMs built from it with Debian's rpm
# (rpmbuild -bb --nodeps: configure, make, the unit tests in %check, install),
# their files, modes and scriptlets (rpm -qlvp, rpm -qp --scripts), rpmlint
# (packaging/rpm/pam_cognito.rpmlintrc explains each filter), and the SELinux
# policy module compiled against Debian's reference policy headers
# (selinux-policy-dev: checkmodule, semodule_package) and read back as CIL
# (tests/package/selinux_rules.py). What this does not show is said in
# README.md, "RPM packages".
# Prints one line per check, "ok NAME" or "FAILED NAME: WHY", for run.sh to
# count; exits non-zero when a check failed.
# Usage: tests/package/rpm.sh OUT_DIR   (work in OUT_DIR/rpm, logs in OUT_DIR/logs)
set -uo pipefail
cd "$(dirname "$0")/../.."
top=$(pwd)
out=$1
work="$out/rpm"
logs="$out/logs"
rm -rf "$work"
mkdir -p "$work/src" "$work/build" "$work/top/SOURCES" "$logs"
failed=0
ok() { echo "ok $1"; }
bad() { echo "FAILED $1: $2"; failed=$((failed + 1)); }
CHECKS=(make-distcheck release-notes-name-version rpm-spec-parses rpm-srpm-from-dist rpm-binary-build rpm-unit-tests-in-check
        rpm-files-and-modes rpm-scriptlets rpmlint-clean selinux-module-compiles selinux-module-rules)
give_up() {  # give_up INDEX WHY: the check at INDEX failed, those after it were not run
    bad "${CHECKS[$1]}" "$2"
    for name in "${CHECKS[@]:$(($1 + 1))}"; do bad "$name" "not run: ${CHECKS[$1]} failed"; done
    exit 1
}
for tool in rpmbuild rpmspec rpm rpm2cpio cpio rpmlint checkmodule semodule_package file m4 make bzip2; do
    command -v "$tool" >/dev/null || give_up 0 "$tool is not installed (scripts/install-deps.sh)"
done
[ -x /usr/libexec/selinux/hll/pp ] || give_up 0 "/usr/libexec/selinux/hll/pp is missing (semodule-utils)"
[ -f /usr/share/selinux/devel/Makefile ] || give_up 0 "selinux-policy-dev is not installed"

# The release tarball, from a copy of the tree configured out of tree.
tar --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache -cf - . | tar -xf - -C "$work/src"
if ( cd "$work/src" && { [ ! -f Makefile ] || make distclean; } && ./autogen.sh \
     && cd "$work/build" && "$work/src/configure" \
     && PYTEST_PATHS=test_password_flow.py make -j"$(nproc)" distcheck ) >"$logs/distcheck.log" 2>&1; then
    ok make-distcheck
else
    give_up 0 "make distcheck failed (build-package/logs/distcheck.log)"
fi
version=$(sed -n 's/^Version: *//p' "$work/build/packaging/rpm/pam_cognito.spec")
tarball="$work/build/pam_cognito-$version.tar.gz"
[ -n "$version" ] && [ -f "$tarball" ] || give_up 0 "no pam_cognito-$version.tar.gz from make distcheck"
upstream=$(sed -n 's/^AC_INIT(\[pam_cognito\], \[\([^]]*\)\].*/\1/p' configure.ac)
news=$(sed -n 's/^\* Version \([^ ]*\).*/\1/p' NEWS | head -1)
debian=$(sed -n '1s/^[^ ]* (\([^)-]*\).*/\1/p' debian/changelog)
if [ -n "$upstream" ] && [ "$news" = "$upstream" ] && [ "$debian" = "$upstream" ] && [ "$version" = "$upstream" ]; then
    ok release-notes-name-version
else
    bad release-notes-name-version "configure.ac $upstream, NEWS ${news:-none}, debian/changelog ${debian:-none}, spec $version"
fi
# Build from what the tarball holds, not from the tree.
tar -xzf "$tarball" -C "$work" || give_up 0 "cannot unpack $tarball"
spec="$work/pam_cognito-$version/packaging/rpm/pam_cognito.spec"
cp "$tarball" "$work/top/SOURCES/"

# Debian's rpm runs the brp scripts with dash, whose read has no -d, so
# they would not compress man pages or strip binaries; run them with bash as
# Fedora's rpm does. The SELinux scriptlet macros are stand-ins
# (tests/package/rpm-selinux-macros). --nodeps: no Fedora BuildRequires here.
brp='bash /usr/lib/rpm/brp-compress /usr; bash /usr/lib/rpm/brp-elfperms;
bash /usr/lib/rpm/brp-strip /usr/bin/strip; bash /usr/lib/rpm/brp-strip-comment-note /usr/bin/strip /usr/bin/objdump;
bash /usr/lib/rpm/brp-remove-la-files'
rpmb() {
    rpmbuild --define "_topdir $work/top" --define "__os_install_post $brp" \
        --load "$top/tests/package/rpm-selinux-macros" "$@"
}

if rpmspec --load "$top/tests/package/rpm-selinux-macros" -P "$spec" >"$logs/rpm-spec-parsed.txt" 2>&1 \
   && grep -q "^Version: *$version$" "$logs/rpm-spec-parsed.txt" \
   && [ "$version" = "$(sed -n 's/^AC_INIT(\[pam_cognito\], \[\([^]]*\)\].*/\1/p' configure.ac)" ]; then
    ok rpm-spec-parses
else
    bad rpm-spec-parses "rpmspec -P failed or the version is not configure.ac's (build-package/logs/rpm-spec-parsed.txt)"
fi

srpm="$work/top/SRPMS/pam_cognito-$version-1.src.rpm"
if rpmb -bs "$spec" >"$logs/rpm-srpm.log" 2>&1 && [ -f "$srpm" ] \
   && rpm -qlp "$srpm" 2>/dev/null | grep -x "pam_cognito-$version.tar.gz" >/dev/null; then
    ok rpm-srpm-from-dist
else
    bad rpm-srpm-from-dist "rpmbuild -bs failed (build-package/logs/rpm-srpm.log)"
fi

start=$SECONDS
arch=$(rpm --eval '%{_arch}')
main="$work/top/RPMS/$arch/pam_cognito-$version-1.$arch.rpm"
sel="$work/top/RPMS/noarch/pam_cognito-selinux-$version-1.noarch.rpm"
if rpmb -bb --nodeps "$spec" >"$logs/rpm-build.log" 2>&1 && [ -f "$main" ] && [ -f "$sel" ]; then
    ok rpm-binary-build
else
    tail -n 30 "$logs/rpm-build.log" >&2
    give_up 4 "rpmbuild -bb --nodeps failed (build-package/logs/rpm-build.log)"
fi
echo "rpm: binary RPMs built in $((SECONDS - start)) s" >&2
if grep -q '^PASS: tests/unit/test_srp$' "$logs/rpm-build.log" && grep -q '^# FAIL: *0$' "$logs/rpm-build.log" \
   && ! grep -q '^# PASS: *0$' "$logs/rpm-build.log"; then
    ok rpm-unit-tests-in-check
else
    bad rpm-unit-tests-in-check "%check did not run the unit tests, or one failed (build-package/logs/rpm-build.log)"
fi

# Files and modes: what an admin gets, and nothing PAM-wiring.
rpm -qlvp "$main" >"$logs/rpm-files.txt" 2>&1
rpm -qlvp "$sel" >>"$logs/rpm-files.txt" 2>&1
rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$main" >"$logs/rpm-fileflags.txt" 2>&1
libdir=$(rpm --eval '%{_libdir}')
why=
want() {  # want MODE OWNER PATH-REGEX FILE
    grep -qE "^$1 +[0-9]+ +$2 +$2 .* $3$" "$4" || why+="no '$1 $2 $3'; "
}
want '-rwxr-xr-x' root "$libdir/security/pam_cognito\.so" "$logs/rpm-files.txt"
want '-rwxr-xr-x' root '/usr/bin/cognito-mfa' "$logs/rpm-files.txt"
want '-rw-------' root '/etc/security/pam_cognito\.conf' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/man/man8/pam_cognito\.8\.gz' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/man/man5/pam_cognito\.conf\.5\.gz' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/man/man1/cognito-mfa\.1\.gz' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/licenses/pam_cognito-[^/]*/LICENSE' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/doc/pam_cognito-[^/]*/pam\.d/sshd' "$logs/rpm-files.txt"
want '-rw-r--r--' root '/usr/share/selinux/packages/targeted/pam_cognito\.pp\.bz2' "$logs/rpm-files.txt"
grep -qx 'cn /etc/security/pam_cognito.conf' "$logs/rpm-fileflags.txt" || why+="the config is not %config(noreplace); "
grep -q ' /etc/pam\.d/\| /usr/lib64/security/pam_cognito\.la$' "$logs/rpm-files.txt" && why+="a PAM file or the .la is packaged; "
[ -z "$why" ] && ok rpm-files-and-modes || bad rpm-files-and-modes "$why(build-package/logs/rpm-files.txt)"

# Scriptlets: none in the main package (the PAM wiring is the admin's); the
# policy subpackage installs the module and removes it on erase only.
rpm -qp --scripts "$main" >"$logs/rpm-scripts-main.txt" 2>&1
rpm -qp --scripts "$sel" >"$logs/rpm-scripts-selinux.txt" 2>&1
post=$(sed -n '/^postinstall scriptlet/,/^[a-z]* *scriptlet/p' "$logs/rpm-scripts-selinux.txt")
postun=$(sed -n '/^postuninstall scriptlet/,/^posttrans scriptlet/p' "$logs/rpm-scripts-selinux.txt")
why=
[ -s "$logs/rpm-scripts-main.txt" ] && why+="the main package has scriptlets; "
grep -q '%' "$logs/rpm-scripts-selinux.txt" && why+="an unexpanded macro; "
[[ "$post" == *"semodule -n -s targeted -X 200 -i /usr/share/selinux/packages/targeted/pam_cognito.pp.bz2"* ]] \
    || why+="%post does not install the module; "
# %postun: the whole body is one "if [ $1 -eq 0 ]; then ... fi" that removes the module.
body=$(printf '%s\n' "$postun" | sed -e '1d' -e '/^posttrans scriptlet/d' -e '/^ *$/d')
[ "$(printf '%s\n' "$body" | head -n 1)" = 'if [ $1 -eq 0 ]; then' ] \
    && [ "$(printf '%s\n' "$body" | tail -n 1)" = 'fi' ] \
    && [[ "$body" == *"semodule -n -s targeted -X 200 -r pam_cognito"* ]] \
    || why+="%postun does not remove the module on erase only; "
rpm -qpR "$main" >"$logs/rpm-requires.txt" 2>&1
grep -qx 'qrencode-libs(x86-64)' "$logs/rpm-requires.txt" || why+="no Requires on qrencode-libs (dlopened); "
grep -qx '(pam_cognito-selinux if selinux-policy-targeted)' "$logs/rpm-requires.txt" \
    || why+="no Requires on the policy subpackage where the targeted policy is; "
[ -z "$why" ] && ok rpm-scriptlets || bad rpm-scriptlets "$why(build-package/logs/rpm-scripts-*.txt)"

rpmlint -r "$top/packaging/rpm/pam_cognito.rpmlintrc" "$spec" "$srpm" "$main" "$sel" \
    >"$logs/rpmlint.log" 2>&1
status=$?
if [ "$status" = 0 ] && ! grep -qE '^\S+: [EW]: ' "$logs/rpmlint.log"; then
    ok rpmlint-clean
else
    bad rpmlint-clean "$(grep -E '^\S+: [EW]: ' "$logs/rpmlint.log" | head -n 5 | tr '\n' ' ')"
fi

# The policy module, built the way %build builds it, then read back.
mkdir -p "$work/selinux"
cp packaging/selinux/pam_cognito.te packaging/selinux/pam_cognito.if packaging/selinux/pam_cognito.fc "$work/selinux/"
# The reference policy's Makefile runs m4, checkmodule and semodule_package.
if ( cd "$work/selinux" && make -f /usr/share/selinux/devel/Makefile pam_cognito.pp ) \
       >"$logs/selinux-build.log" 2>&1 && [ -s "$work/selinux/pam_cognito.pp" ]; then
    ok selinux-module-compiles
else
    give_up 9 "the policy module did not compile (build-package/logs/selinux-build.log)"
fi
# The module the RPM ships is the one read back.
( cd "$work/selinux" && rpm2cpio "$sel" | cpio -id --quiet ./usr/share/selinux/packages/targeted/pam_cognito.pp.bz2 \
  && bzip2 -dc usr/share/selinux/packages/targeted/pam_cognito.pp.bz2 >shipped.pp ) 2>>"$logs/selinux-build.log"
/usr/libexec/selinux/hll/pp "$work/selinux/shipped.pp" >"$logs/selinux-module.cil" 2>&1
if python3 tests/package/selinux_rules.py "$logs/selinux-module.cil" >"$logs/selinux-rules.txt" 2>&1; then
    ok selinux-module-rules
else
    bad selinux-module-rules "$(head -n 3 "$logs/selinux-rules.txt" | tr '\n' ' ')(build-package/logs/selinux-rules.txt)"
fi
[ "$failed" = 0 ]
