#!/bin/bash
# The demo: sets everything up on Debian 12 (run as root), starts the bundled
# Cognito emulator with a demo pool, and runs real logins with pamtester
# against the built module through pam_wrapper (the host's /etc/pam.d is not
# touched). The story of an existing Cognito user without an authenticator
# app: the first login asks for the password, shows a QR code and the secret
# to add to an authenticator app, asks for its first code and signs in; the
# second login asks for the password and a code. You answer the prompts
# (scan the QR code with a phone app); with --auto the demo answers itself
# (oathtool computes the codes from the secret shown) and exits 0 only when
# both logins end in PAM_SUCCESS.
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

pool=us-east-1_DemoPool1
password='Demo-Passw0rd!'

# The demo pool with its user "demo", who has no authenticator app yet.
python3 - "$work/state.json" <<'PY'
import json, sys
state = json.load(open("tests/emulator/demo-state.json"))
for user in state["users"]:
    user["totp_secret"] = None
    user["groups"] = ["ops"]
# For the third step: the group ops, a second member, and the AWS key of the sync.
state["groups"] = [{"pool_id": "us-east-1_DemoPool1", "group_name": "ops"}]
state["users"].append({"pool_id": "us-east-1_DemoPool1", "username": "erin",
                       "password": "Erin-Passw0rd!", "groups": ["ops"]})
state["credentials"] = [{"access_key_id": "AKIDDEMOEXAMPLE00",
                         "secret_access_key": "demo-sync-secret-0123456789abcdef"}]
json.dump(state, open(sys.argv[1], "w"))
PY
bash tests/make-test-ca.sh "$work/ca"
python3 tests/emulator/cognito_emulator.py --cert "$work/ca/server.pem" --key "$work/ca/server.key" \
    --state "$work/state.json" --port-file "$work/ports.json" \
    --log "$work/emulator.log" >/dev/null 2>&1 &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$work/ports.json")

install -m 600 /dev/null "$work/pam_cognito.conf"
cat > "$work/pam_cognito.conf" <<CONF
user_pool_id = $pool
client_id = democlient0123456789abcdef
endpoint = https://localhost:$port/
cafile = $work/ca/ca.pem
totp_issuer = pam_cognito-demo
sync_groups = ops
CONF
mkdir -p "$work/pam.d"
echo "auth required $top/build/.libs/pam_cognito.so conf=$work/pam_cognito.conf" > "$work/pam.d/pam-cognito-demo"
echo "auth required pam_deny.so" > "$work/pam.d/other"
printf 'demo:x:4242:4242:Demo user:/nonexistent:/bin/sh\n' > "$work/passwd"
printf 'demo:x:4242:\n' > "$work/group"

cat <<INFO

The emulator is listening on https://localhost:$port/ with pool $pool.
Demo user: demo    password: $password
The user exists in Cognito but has no authenticator app yet, and the module
requires MFA (require_mfa = yes). So:
  1. First login: the password, then a QR code and the secret to add to an
     authenticator app on your phone, then the app's first code: signed in,
     and the app is now the user's MFA method.
  2. Second login: the password and a code from the app.
  3. Accounts from Cognito: what \`cognito-mfa sync\` would make of the members
     of the Cognito group ops on this host (a dry run: nothing is written).

INFO

export LD_PRELOAD="/usr/lib/x86_64-linux-gnu/libpam_wrapper.so:/usr/lib/x86_64-linux-gnu/libnss_wrapper.so"
export PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$work/pam.d"
export NSS_WRAPPER_PASSWD="$work/passwd" NSS_WRAPPER_GROUP="$work/group"

login() {
    if [ "$auto" = yes ]; then
        python3 scripts/demo_answer.py --password "$password" --secret-file "$work/app-secret" -- pamtester -v pam-cognito-demo demo authenticate
    else
        pamtester -v pam-cognito-demo demo authenticate
    fi
}

echo "=== First login: setting up the authenticator app"
login
if [ "$auto" = yes ]; then
    # Cognito accepts each code once: wait for the app's next one.
    wait_s=$(( 31 - $(date +%s) % 30 ))
    echo
    echo "(waiting ${wait_s} s for the authenticator's next code: Cognito accepts each code once)"
    sleep "$wait_s"
fi
echo
echo "=== Second login: password and code"
login
echo
echo "=== Accounts from Cognito: cognito-mfa sync --dry-run (nothing is written)"
# The host's real NSS, not the demo's wrapped one; the sync's AWS key in the
# environment (shell assignments, so the secret is in no process's argv).
LD_PRELOAD= AWS_ACCESS_KEY_ID=AKIDDEMOEXAMPLE00 \
    AWS_SECRET_ACCESS_KEY=demo-sync-secret-0123456789abcdef AWS_EC2_METADATA_DISABLED=true \
    build/cognito-mfa sync --dry-run -c "$work/pam_cognito.conf"
