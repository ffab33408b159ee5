#!/bin/sh
# Creates a throwaway test PKI in DIR for the emulator and the TLS tests:
#   ca.pem ca.key              test CA
#   server.pem server.key      localhost + 127.0.0.1, signed by the test CA
#   other-ca.pem other-ca.key  a second, unrelated CA
#   other-server.pem/.key      localhost + 127.0.0.1, signed by the other CA
#   wrong-host.pem/.key        test CA, but only for DNS:wrong.example
#   self-signed.pem/.key       localhost, self-signed
#   expired.pem/.key           test CA, localhost, validity over in 2020
# Does nothing when DIR/ca.pem already exists. Quiet unless something fails.
# Safe to run at once from several processes (pytest-xdist workers): the
# first makes the set, the others wait for it and use it.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
dir=$1
[ -f "$dir/ca.pem" ] && exit 0
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
[ -f "$dir/ca.pem" ] && exit 0

work=$(mktemp -d "$dir/.make-ca.XXXXXX")
log="$work/openssl.log"
trap 'rm -rf "$work"' EXIT

run() {
    if ! "$@" >>"$log" 2>&1; then
        echo "make-test-ca: failed: $*" >&2
        cat "$log" >&2
        exit 1
    fi
}

cat >"$work/openssl.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wrong_host_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[self_signed_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
# "openssl ca" is the only OpenSSL 3.0 way to set a notAfter in the past.
[ca]
default_ca = expired_ca
[expired_ca]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any_policy
unique_subject = no
copy_extensions = none
[any_policy]
commonName = supplied
EOF
: >"$work/index.txt"
echo 1000 >"$work/serial"
cnf="$work/openssl.cnf"

new_key() {
    run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
    chmod 600 "$1"
}

# make_ca NAME CN
make_ca() {
    new_key "$work/$1.key"
    run openssl req -config "$cnf" -new -x509 -key "$work/$1.key" -subj "/CN=$2" \
        -days 3650 -sha256 -extensions ca_ext -out "$work/$1.pem"
}

# make_leaf NAME CN CA EXTENSIONS
make_leaf() {
    new_key "$work/$1.key"
    run openssl req -config "$cnf" -new -key "$work/$1.key" -subj "/CN=$2" -out "$work/$1.csr"
    run openssl x509 -req -in "$work/$1.csr" -CA "$work/$3.pem" -CAkey "$work/$3.key" \
        -set_serial "0x$(openssl rand -hex 8)" -days 3650 -sha256 \
        -extfile "$cnf" -extensions "$4" -out "$work/$1.pem"
}

make_ca ca "pam_cognito test CA"
make_ca other-ca "pam_cognito other test CA"
make_leaf server localhost ca server_ext
make_leaf other-server localhost other-ca server_ext
make_leaf wrong-host wrong.example ca wrong_host_ext

new_key "$work/self-signed.key"
run openssl req -config "$cnf" -new -x509 -key "$work/self-signed.key" -subj "/CN=localhost" \
    -days 3650 -sha256 -extensions self_signed_ext -out "$work/self-signed.pem"

new_key "$work/expired.key"
run openssl req -config "$cnf" -new -key "$work/expired.key" -subj "/CN=localhost" -out "$work/expired.csr"
run openssl ca -config "$cnf" -batch -notext -cert "$work/ca.pem" -keyfile "$work/ca.key" \
    -startdate 20200101000000Z -enddate 20200201000000Z -extensions server_ext -extfile "$cnf" \
    -in "$work/expired.csr" -out "$work/expired.pem"

for name in other-ca other-server wrong-host self-signed expired server; do
    mv "$work/$name.pem" "$work/$name.key" "$dir/"
done
# ca.pem last: its presence means the whole set is there.
mv "$work/ca.key" "$dir/ca.key"
mv "$work/ca.pem" "$dir/ca.pem"
