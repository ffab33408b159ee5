#!/bin/bash
# The demo: sets everything up on Debian 12 (run as root), starts the bundled
# Cognito emulator with a demo pool, and runs a real login with pamtester
# against the built module through pam_wrapper (the host's /etc/pam.d is not
# touched). It asks you for the password and a code from your authenticator
# app; with --auto it answers itself (oathtool computes the code) and exits 0
# only on PAM_SUCCESS.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
auto=no
case "${1:-}" in
    --auto) auto=yes ;;
    "") ;;
    *) echo "usage: $0 [--auto]" >&2; exit 2 ;;
esac

echo "Installing dependencies and building (a few minutes the first time)..."
scripts/install-deps.sh
scripts/build.sh

work=$(mktemp -d /tmp/pam-cognito-demo.XXXXXX)
emulator_pid=
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

bash tests/make-test-ca.sh "$work/ca"
python3 tests/emulator/cognito_emulator.py --cert "$work/ca/server.pem" --key "$work/ca/server.key" \
    --state tests/emulator/demo-state.json --port-file "$work/ports.json" \
    --log "$work/emulator.log" >/dev/null 2>&1 &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$work/ports.json")

pool=us-east-1_DemoPool1
secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP   # the demo user's TOTP secret; a demo value only
password='Demo-Passw0rd!'

install -m 600 /dev/null "$work/pam_cognito.conf"
cat > "$work/pam_cognito.conf" <<CONF
user_pool_id = $pool
client_id = democlient0123456789abcdef
endpoint = https://localhost:$port/
cafile = $work/ca/ca.pem
CONF
mkdir -p "$work/pam.d"
echo "auth required $top/build/.libs/pam_cognito.so conf=$work/pam_cognito.conf" > "$work/pam.d/pam-cognito-demo"
echo "auth required pam_deny.so" > "$work/pam.d/other"
printf 'demo:x:4242:4242:Demo user:/nonexistent:/bin/sh\n' > "$work/passwd"
printf 'demo:x:4242:\n' > "$work/group"

cat <<INFO

The emulator is listening on https://localhost:$port/ with pool $pool.
Demo user: demo    password: $password
Its authenticator secret (add it to a phone app, or use oathtool):
    $secret
    otpauth://totp/pam_cognito-demo:demo?secret=$secret&issuer=pam_cognito-demo

INFO

export LD_PRELOAD="/usr/lib/x86_64-linux-gnu/libpam_wrapper.so:/usr/lib/x86_64-linux-gnu/libnss_wrapper.so"
export PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$work/pam.d"
export NSS_WRAPPER_PASSWD="$work/passwd" NSS_WRAPPER_GROUP="$work/group"

if [ "$auto" = yes ]; then
    code=$(oathtool --totp -b "$secret")
    echo "Answering the prompts automatically (code $code from oathtool)."
    printf '%s\n%s\n' "$password" "$code" | pamtester -v pam-cognito-demo demo authenticate
else
    pamtester -v pam-cognito-demo demo authenticate
fi
