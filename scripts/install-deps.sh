#!/bin/bash
# Installs what building and testing pam_cognito needs on Debian 12 (run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential autoconf automake libtool pkg-config \
    libpam0g-dev libcurl4-openssl-dev libjson-c-dev libssl-dev libqrencode-dev \
    libcmocka-dev libpam-wrapper libnss-wrapper pamtester \
    oathtool openssl ca-certificates python3 python3-pytest \
    locales groff-base man-db >/dev/null
# zbarimg reads back the QR code the enrolment draws (tests/integration/enrolment_display.py).
apt-get install -y -qq --no-install-recommends zbar-tools >/dev/null
# Real programs for the end-to-end tests (tests/integration/test_sshd.py,
# test_sudo_su.py): sshd runs on a loopback port inside a private namespace;
# whether the package also starts a system sshd (systemd: port 22) is not
# relied on either way. util-linux gives unshare, setpriv, setsid and su.
apt-get install -y -qq --no-install-recommends \
    openssh-server openssh-client sudo util-linux >/dev/null
# The NSS source cognito-mfa sync writes for (tests/integration/test_sync.py):
# getent and id read the synced accounts through the real libnss-extrausers.
apt-get install -y -qq --no-install-recommends libnss-extrausers >/dev/null
# The hardening runs (scripts/test-asan.sh, test-valgrind.sh, fuzz.sh, and
# tests/integration/test_no_disk_writes.py): clang with libFuzzer's runtime,
# valgrind, strace, and pytest-xdist to spread the valgrind run over the cores.
apt-get install -y -qq --no-install-recommends \
    clang libclang-rt-14-dev valgrind strace python3-pytest-xdist >/dev/null
# The one C style (.clang-format), checked by scripts/check-format.sh.
apt-get install -y -qq --no-install-recommends clang-format >/dev/null
# Node.js for the reference SRP client (amazon-cognito-identity-js). A machine
# may already have a Node.js that bundles npm (the Debian npm package would
# conflict with it), so install only what is missing.
command -v node >/dev/null || apt-get install -y -qq --no-install-recommends nodejs >/dev/null
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends npm >/dev/null
# AWS's service model of Cognito (botocore's cognito-idp service-2.json), which
# every integration test checks the emulator's requests and answers against,
# and boto3 for test_reference_client_boto3.py. tests/integration/botocore_model.py
# takes the newest botocore of the machine's Pythons (a pyenv or other python3
# on PATH, /usr/bin/python3); Debian 12's python3-botocore (1.29, 2022) predates
# USER_AUTH, EMAIL_OTP and WEB_AUTHN, so without a current one boto3 (with its
# botocore) comes from PyPI into a virtual environment of its own.
if ! /usr/bin/python3 "$(dirname "$0")/../tests/integration/botocore_model.py"; then
    venv=/usr/local/lib/pam_cognito-tests/venv
    apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    if ! { /usr/bin/python3 -m venv "$venv" && "$venv/bin/pip" install -q boto3; }; then
        echo "install-deps: no current botocore/boto3 and PyPI cannot be reached: the" \
             "integration tests will fail (test_service_model.py says why); on a machine" \
             "that reaches PyPI, 'pip install boto3' brings botocore and its service model" >&2
    fi
fi
# The Debian packages and their test (tests/package/run.sh): dpkg-buildpackage
# with debhelper, lintian, and mmdebstrap for a throwaway Debian 12 root
# (gpg checks the archive's signed-by, libdpkg-perl and mount serve mmdebstrap;
# iproute2's ip brings up loopback for the offline build in tests/package/buildd.sh).
apt-get install -y -qq --no-install-recommends \
    debhelper dpkg-dev fakeroot lintian mmdebstrap gpg libdpkg-perl mount iproute2 >/dev/null
# The RPM and SELinux checks (tests/package/rpm.sh): Debian's rpm, rpm2cpio
# and rpmlint, file and cpio for rpmbuild's helpers, and the reference policy
# headers with checkmodule, semodule_package and the .pp to CIL converter.
apt-get install -y -qq --no-install-recommends \
    rpm rpm2cpio rpmlint file cpio bzip2 m4 make \
    selinux-policy-dev checkpolicy semodule-utils >/dev/null
# A non-English locale for the SRP TIMESTAMP test of the integration tests
# (tests/integration/test_srp_flow.py; the unit test makes its own with localedef).
if ! locale -a 2>/dev/null | grep -x 'de_DE.utf8' >/dev/null; then
    sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen >/dev/null
fi
