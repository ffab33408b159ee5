#!/bin/bash
# The package test (run as root on Debian 12; scripts/test.sh runs it):
# builds the Debian packages with dpkg-buildpackage from a copy of this tree,
# checks them with lintian, makes a throwaway Debian 12 root with mmdebstrap,
# installs the .debs there with apt, enables the pam-auth-update profile and
# logs in through the installed module and the generated common-auth with
# pamtester, against the emulator running on the host's loopback. The host
# is never changed: every command that runs inside the root runs in a
# private mount namespace, and the root is deleted at the end. Beside all
# that, tests/package/buildd.sh builds the source package in a fresh
# buildd root (only the declared Build-Depends), unit tests included, and
# tests/package/rpm.sh checks the RPM spec, packages and SELinux module.
# Results: build-package/tests/results/package.xml (one test per check),
# which tests/summary.py counts. Exits non-zero when a check failed.
# Usage: tests/package/run.sh [--keep]   (--keep leaves build-package/root)
set -uo pipefail
cd "$(dirname "$0")/../.."
top=$(pwd)
keep=no
[ "${1:-}" = --keep ] && keep=yes
out="$top/build-package"
results="$out/tests/results"
rm -rf "$out"
mkdir -p "$results" "$out/logs"
root="$out/root"
cases=()
failed=0
emulator_pid=
mmdebstrap_pid=
buildd_pid=
buildd_done=no
rpm_done=no

say() { echo "package test: $*" >&2; }
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
pass() { cases+=("<testcase classname=\"package\" name=\"$1\"/>"); say "ok: $1"; }
fail() {
    local why
    why=$(printf '%s' "$2" | tr -d '\000-\010\013-\037' | xml_escape)
    cases+=("<testcase classname=\"package\" name=\"$1\"><failure message=\"$why\"/></testcase>")
    failed=$((failed + 1))
    say "FAILED: $1: $2"
}
write_results() {
    {
        echo '<?xml version="1.0" encoding="utf-8"?>'
        echo "<testsuites><testsuite name=\"package\" tests=\"${#cases[@]}\">"
        printf '%s\n' "${cases[@]}"
        echo "</testsuite></testsuites>"
    } >"$results/package.xml"
}
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null
    [ -n "$mmdebstrap_pid" ] && kill "$mmdebstrap_pid" 2>/dev/null && wait "$mmdebstrap_pid" 2>/dev/null
    [ -n "$buildd_pid" ] && kill -- -"$buildd_pid" 2>/dev/null && wait "$buildd_pid" 2>/dev/null
    # mmdebstrap and every chroot run in private mount namespaces, so nothing
    # stays mounted in the root; checked anyway before deleting it.
    if [ "$keep" != yes ] && [ -d "$root" ]; then
        if findmnt -rn -o TARGET | grep "^$root" >/dev/null; then
            say "something is still mounted under $root: not deleting it"
        else
            rm -rf "$root"
        fi
    fi
}
trap cleanup EXIT
# The fresh buildd-root build (buildd.sh, started in the background): one check.
finish_buildd() {
    [ "$buildd_done" = yes ] && return
    buildd_done=yes
    if [ -z "$buildd_pid" ]; then
        fail builds-in-fresh-buildd-root "not run"
    elif wait "$buildd_pid"; then
        pass builds-in-fresh-buildd-root
    else
        fail builds-in-fresh-buildd-root "$(tail -n 1 "$out/logs/buildd.err")"
    fi
    buildd_pid=
}
# The RPM and SELinux checks (rpm.sh, independent of the .debs): one check
# per "ok NAME" or "FAILED NAME: WHY" line it prints.
run_rpm_checks() {
    local line n=0
    [ "$rpm_done" = yes ] && return
    rpm_done=yes
    while IFS= read -r line; do
        case "$line" in
        "ok "*) pass "${line#ok }"; n=$((n + 1)) ;;
        "FAILED "*) line=${line#FAILED }; fail "${line%%: *}" "${line#*: }"; n=$((n + 1)) ;;
        esac
    done < <(tests/package/rpm.sh "$out" 2>"$out/logs/rpm.err")
    [ "$n" -gt 0 ] || fail rpm-checks "tests/package/rpm.sh printed no check (build-package/logs/rpm.err)"
}
# A check that cannot go on stops the test; every check not run counts as failed.
give_up() {
    fail "$1" "$2"
    for name in "${@:3}"; do fail "$name" "not run: $1 failed"; done
    run_rpm_checks
    finish_buildd
    write_results
    exit 1
}
LATER=(lintian-clean installed-with-apt profile-off-after-install group-made-empty profile-enabled
       without-config-non-member-keeps-unix-password-member-refused
       non-member-unix-password-no-request cognito-user-password-and-code cognito-user-local-password-refused
       cognito-user-wrong-code-refused sync-dry-run-writes-nothing local-account-unix-password-while-cognito-down
       cognito-user-refused-while-cognito-down cognito-mfa-version sync-timer-shipped-disabled
       purge-leaves-no-pam-line)

for tool in dpkg-buildpackage lintian mmdebstrap oathtool python3 unshare; do
    command -v "$tool" >/dev/null \
        || give_up "tools-present" "$tool is not installed (scripts/install-deps.sh)" build "${LATER[@]}"
done

# The Debian mirror (and security mirror) that apt on this host uses.
mapfile -t mirrors < <(python3 - <<'EOF'
import glob, re
entries = []
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        for line in open(path):
            m = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)\s+(.+)", line)
            if m:
                entries.append((m.group(1), [m.group(2)], m.group(3).split()))
    except OSError:
        pass
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for block in re.split(r"\n\s*\n", open(path).read()):
        f = dict(re.findall(r"^(\w[\w-]*):[ \t]*(.*)$", block, re.M))
        if "deb" in f.get("Types", "").split():
            for uri in f.get("URIs", "").split():
                entries.append((uri, f.get("Suites", "").split(), f.get("Components", "main").split()))
for uri, suites, comps in entries:
    for suite in suites:
        if suite in ("bookworm", "bookworm-updates", "bookworm-security") and "main" in comps:
            print("deb %s %s main" % (uri, suite))
EOF
)
[ ${#mirrors[@]} -gt 0 ] || mirrors=("deb http://deb.debian.org/debian bookworm main")
say "mirrors: ${mirrors[*]}"

# The buildd-root build runs beside everything below, in its own process
# group (so that cleanup can stop mmdebstrap with it).
setsid tests/package/buildd.sh "$out" "${mirrors[@]}" 2>"$out/logs/buildd.err" &
buildd_pid=$!

# The root is made while the packages build. Package lists stay in it, so
# that apt can later install the .debs with their dependencies.
start=$SECONDS
unshare --mount --propagation private mmdebstrap --variant=apt --include=pamtester,passwd --skip=cleanup/apt/lists \
    bookworm "$root" "${mirrors[@]}" >"$out/logs/mmdebstrap.log" 2>&1 &
mmdebstrap_pid=$!

# Build from a copy: dh autoreconfs and configures in the source tree.
mkdir -p "$out/src"
tar --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache -cf - . | tar -xf - -C "$out/src"
( cd "$out/src" && { [ ! -f Makefile ] || make distclean; } >/dev/null 2>&1
  dpkg-buildpackage -us -uc -b ) >"$out/logs/build.log" 2>&1
status=$?
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
arch=$(dpkg --print-architecture)
changes="$out/pam-cognito_${version}_${arch}.changes"
debs=("$out/libpam-cognito_${version}_${arch}.deb" "$out/cognito-mfa_${version}_${arch}.deb")
if [ "$status" != 0 ] || [ ! -f "${debs[0]}" ] || [ ! -f "${debs[1]}" ]; then
    tail -n 40 "$out/logs/build.log" >&2
    give_up build "dpkg-buildpackage failed (build-package/logs/build.log)" "${LATER[@]}"
fi
pass build
say "built in $((SECONDS - start)) s"

lintian --fail-on error,warning "$changes" >"$out/logs/lintian.log" 2>&1
if [ $? = 0 ] && ! grep -qE '^[EW]: ' "$out/logs/lintian.log"; then
    pass lintian-clean
else
    fail lintian-clean "$(grep -E '^[EW]: ' "$out/logs/lintian.log" | head -n 5 | tr '\n' ' ')"
fi

if ! wait "$mmdebstrap_pid"; then
    mmdebstrap_pid=
    tail -n 20 "$out/logs/mmdebstrap.log" >&2
    give_up installed-with-apt "mmdebstrap failed (build-package/logs/mmdebstrap.log)" "${LATER[@]:2}"
fi
mmdebstrap_pid=
say "root ready after $((SECONDS - start)) s"

# Runs a shell command inside the root, in a private mount namespace.
in_root() {
    unshare --mount --propagation private sh -c '
        mount --rbind /dev "$1/dev" && mount -t proc proc "$1/proc" || exit 97
        root=$1; shift
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 /bin/sh -c "$@"' in_root "$root" "$@"
}

mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
if in_root "apt-get install -y -q --no-install-recommends /tmp/debs/*.deb" \
        >"$out/logs/apt-install.log" 2>&1 \
   && in_root "dpkg-query -W -f '\${Status}\n' libpam-cognito cognito-mfa" | grep -c "install ok installed" \
        | grep -qx 2; then
    pass installed-with-apt
else
    tail -n 20 "$out/logs/apt-install.log" >&2
    give_up installed-with-apt "apt-get install of the .debs failed (build-package/logs/apt-install.log)" \
        "${LATER[@]:2}"
fi

if grep -rq pam_cognito "$root/etc/pam.d"; then
    fail profile-off-after-install "installing changed /etc/pam.d: $(grep -rl pam_cognito "$root/etc/pam.d")"
else
    pass profile-off-after-install
fi

# The profile's users: a system group, empty until the admin adds people.
group=$(in_root "getent group cognito-users")
if [[ "$group" =~ ^cognito-users:x:([0-9]+):$ ]] && [ "${BASH_REMATCH[1]}" -lt 1000 ]; then
    pass group-made-empty
else
    fail group-made-empty "getent group cognito-users: '$group'"
fi

# The Cognito side: the emulator on the host's loopback, reached from the root.
ca="$out/ca"
bash tests/make-test-ca.sh "$ca" || give_up profile-enabled "make-test-ca.sh failed" "${LATER[@]:5}"
cat >"$out/state.json" <<'EOF'
{"pools": [{"id": "us-east-1_PkgPool1", "mfa": "OPTIONAL"}],
 "clients": [{"client_id": "pkgclient0123456789abcdef", "pool_id": "us-east-1_PkgPool1",
              "client_secret": null, "flows": ["ALLOW_USER_SRP_AUTH"]}],
 "users": [{"pool_id": "us-east-1_PkgPool1", "username": "alice", "password": "Cognito-Passw0rd!",
            "totp_secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "groups": ["ops"]},
           {"pool_id": "us-east-1_PkgPool1", "username": "carol", "password": "Cognito-Passw0rd!",
            "groups": ["ops"]}],
 "groups": [{"pool_id": "us-east-1_PkgPool1", "group_name": "ops"}],
 "credentials": [{"access_key_id": "AKIDPKGEXAMPLE000", "secret_access_key": "pkg-sync-secret-0123456789abcdef"}]}
EOF
python3 tests/emulator/cognito_emulator.py --cert "$ca/server.pem" --key "$ca/server.key" \
    --state "$out/state.json" --port-file "$out/ports.json" --log "$out/logs/emulator-requests.log" \
    >"$out/logs/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 300); do [ -s "$out/ports.json" ] && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$out/ports.json") \
    || give_up profile-enabled "the emulator did not start (build-package/logs/emulator.log)" "${LATER[@]:5}"

# The config: the packaged example, pointed at the emulator.
secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
install -m 644 "$ca/ca.pem" "$root/etc/security/pam_cognito-test-ca.pem"
in_root "set -e
    install -m 600 /usr/share/doc/libpam-cognito/examples/pam_cognito.conf /etc/security/pam_cognito.conf
    sed -i -e 's/^user_pool_id = .*/user_pool_id = us-east-1_PkgPool1/' \
        -e 's/^client_id = .*/client_id = pkgclient0123456789abcdef/' /etc/security/pam_cognito.conf
    printf 'endpoint = https://localhost:$port/\ncafile = /etc/security/pam_cognito-test-ca.pem\n' \
        >>/etc/security/pam_cognito.conf
    printf 'sync_groups = ops\n' >>/etc/security/pam_cognito.conf
    useradd -m -u 1001 -s /bin/sh alice && echo 'alice:Local-Unix-Pass1' | chpasswd
    adduser --quiet alice cognito-users
    useradd -m -u 1002 -s /bin/sh admin && echo 'admin:Admin-Unix-Pass1' | chpasswd
    useradd -r -u 999 -s /bin/sh svc && echo 'svc:Svc-Unix-Pass1' | chpasswd
    echo 'root:Root-Unix-Pass1' | chpasswd
    printf '@include common-auth\n@include common-account\n' >/etc/pam.d/pcg-check
    pam-auth-update --enable cognito" >"$out/logs/setup.log" 2>&1 \
    || give_up profile-enabled "setting up the root failed (build-package/logs/setup.log)" "${LATER[@]:5}"
cp "$root/etc/pam.d/common-auth" "$out/logs/common-auth"
first_auth=$(grep -E '^auth' "$root/etc/pam.d/common-auth" | head -n 1)
unix_auth=$(grep -E '^auth.*pam_unix' "$root/etc/pam.d/common-auth" | head -n 1)
if [[ "$first_auth" =~ pam_cognito\.so\ local_group=cognito-users ]] \
   && [[ "$first_auth" =~ default=die ]] \
   && [[ "$first_auth" =~ ignore=ignore ]] && [[ "$unix_auth" =~ try_first_pass ]]; then
    pass profile-enabled
else
    fail profile-enabled "common-auth after pam-auth-update --enable cognito: $(grep -E '^auth' "$root/etc/pam.d/common-auth" | tr '\n' '|')"
fi

# One login: prints pamtester's verdict line; answers come one a line on stdin.
login() {
    local user=$1; shift
    printf '%s\n' "$@" | in_root "pamtester pcg-check $user authenticate" 2>&1 | tail -n 1
}
totp() { oathtool --totp -b "$secret" "$@"; }
wrong_code() {
    local good c
    good=" $(totp --now "@$(( $(date +%s) - 30 ))") $(totp) $(totp --now "@$(( $(date +%s) + 30 ))") "
    for c in 000000 111111 222222 333333; do [[ "$good" == *" $c "* ]] || { echo "$c"; return; }; done
}
expect() {  # expect NAME WANT GOT
    if [[ "$3" == *"$2"* ]]; then pass "$1"; else fail "$1" "wanted '$2', got '$3'"; fi
}

requests() { wc -l <"$out/logs/emulator-requests.log" 2>/dev/null || echo 0; }

# The profile enabled before the config exists: a user outside cognito-users (the usual
# sudo admin at uid 1002) keeps their Unix password; a member fails closed.
mv "$root/etc/security/pam_cognito.conf" "$root/etc/security/pam_cognito.conf.away"
a=$(login admin Admin-Unix-Pass1)
b=$(login alice Local-Unix-Pass1)
mv "$root/etc/security/pam_cognito.conf.away" "$root/etc/security/pam_cognito.conf"
if [[ "$a" == *"successfully authenticated"* ]] && [[ "$b" == *"Error in service module"* ]]; then
    pass without-config-non-member-keeps-unix-password-member-refused
else
    fail without-config-non-member-keeps-unix-password-member-refused "admin: '$a'; alice: '$b'"
fi

before=$(requests)
a=$(login admin Admin-Unix-Pass1)
if [[ "$a" == *"successfully authenticated"* ]] && [ "$(requests)" = "$before" ]; then
    pass non-member-unix-password-no-request
else
    fail non-member-unix-password-no-request "admin: '$a'; emulator requests $before -> $(requests)"
fi

expect cognito-user-password-and-code "successfully authenticated" \
    "$(login alice Cognito-Passw0rd! "$(totp)")"
expect cognito-user-local-password-refused "Authentication failure" \
    "$(login alice Local-Unix-Pass1)"
w=$(wrong_code)
expect cognito-user-wrong-code-refused "Authentication failure" \
    "$(login alice Cognito-Passw0rd! "$w" "$w" "$w")"

# The packaged sync against the emulator: carol would be added, alice (a local
# account) skipped, and a dry run writes nothing.
dry=$(in_root "AWS_ACCESS_KEY_ID=AKIDPKGEXAMPLE000 AWS_SECRET_ACCESS_KEY=pkg-sync-secret-0123456789abcdef \
    AWS_EC2_METADATA_DISABLED=true cognito-mfa sync --dry-run" 2>&1)
if [[ "$dry" == *"+ user carol"* ]] && [[ "$dry" == *"! user alice skipped"* ]] \
   && [ ! -e "$root/var/lib/extrausers/passwd" ] && [ ! -e "$root/var/lib/pam_cognito/idmap" ]; then
    pass sync-dry-run-writes-nothing
else
    fail sync-dry-run-writes-nothing "cognito-mfa sync --dry-run: '$dry'"
fi

kill "$emulator_pid" 2>/dev/null
wait "$emulator_pid" 2>/dev/null
emulator_pid=
a=$(login svc Svc-Unix-Pass1)
b=$(login root Root-Unix-Pass1)
if [[ "$a" == *"successfully authenticated"* ]] && [[ "$b" == *"successfully authenticated"* ]]; then
    pass local-account-unix-password-while-cognito-down
else
    fail local-account-unix-password-while-cognito-down "svc: '$a'; root: '$b'"
fi
# failmode = secure (the example's): no fallback to the Unix password.
expect cognito-user-refused-while-cognito-down "cannot retrieve authentication info" \
    "$(login alice Local-Unix-Pass1)"

expect cognito-mfa-version "cognito-mfa (pam_cognito) $version" "$(in_root 'cognito-mfa --version' 2>&1)"

# The sync's service and timer are installed, the timer not enabled (no
# symlink in any .wants directory) until the admin enables it.
unit_dir=$root/lib/systemd/system
[ -f "$unit_dir/cognito-mfa-sync.timer" ] || unit_dir=$root/usr/lib/systemd/system
wants=$(find "$root/etc/systemd/system" -name 'cognito-mfa-sync*' 2>/dev/null)
if [ -f "$unit_dir/cognito-mfa-sync.timer" ] && [ -z "$wants" ] \
   && grep -qx 'ExecStart=/usr/bin/cognito-mfa sync' "$unit_dir/cognito-mfa-sync.service"; then
    pass sync-timer-shipped-disabled
else
    fail sync-timer-shipped-disabled "units in $unit_dir: $(ls "$unit_dir" 2>/dev/null | grep cognito | tr '\n' ' '); enabled: ${wants:-none}"
fi

in_root "apt-get purge -y -q libpam-cognito cognito-mfa" >"$out/logs/purge.log" 2>&1
left=$(grep -rl pam_cognito "$root/etc/pam.d" 2>/dev/null)
after=$(login svc Svc-Unix-Pass1)
if [ -n "$left" ]; then
    fail purge-leaves-no-pam-line "after apt-get purge: $left"
elif [ -e "$root/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/security/pam_cognito.so" ]; then
    fail purge-leaves-no-pam-line "after apt-get purge the module is still installed"
elif [[ "$after" != *"successfully authenticated"* ]]; then
    fail purge-leaves-no-pam-line "svc cannot log in after the purge: '$after'"
else
    pass purge-leaves-no-pam-line
fi

start_rpm=$SECONDS
run_rpm_checks
say "RPM checks done in $((SECONDS - start_rpm)) s"
finish_buildd
say "buildd root build done after $((SECONDS - start)) s"
write_results
say "$((${#cases[@]} - failed)) of ${#cases[@]} checks passed in $((SECONDS - start)) s"
[ "$failed" = 0 ]
