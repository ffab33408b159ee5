#!/bin/sh
# Runs as PID 1 of a fresh mount and PID namespace (see sandbox.py): lays the
# sandbox's files over the system's, then execs the command. Every mount, and
# every process started here, vanishes with the namespace; the host's files
# are never written.
# Usage: sandbox-enter.sh BOX COMMAND [ARG...]
set -eu
box=$1
shift

for f in passwd shadow group gshadow; do
	mount --bind "$box/etc/$f" "/etc/$f"
done
mount --bind "$box/etc/pam.d" /etc/pam.d
mount --bind "$box/etc/security" /etc/security
mount --bind "$box/etc/sudoers.d" /etc/sudoers.d
mount --bind "$box/home" /home

# With extrausers (sandbox.py): NSS asks libnss-extrausers after files, and
# /var/lib is the host's with every change going to the sandbox's upper layer.
if [ -f "$box/etc/nsswitch.conf" ]; then
	mount --bind "$box/etc/nsswitch.conf" /etc/nsswitch.conf
fi
if [ -d "$box/varlib/upper" ]; then
	mount -t overlay sandbox-varlib \
		-o "lowerdir=/var/lib,upperdir=$box/varlib/upper,workdir=$box/varlib/work" /var/lib
fi

# Where sshd, sudo, su and PAM modules write: utmp, wtmp, btmp, lastlog,
# sudo's lecture marks and timestamps, the privilege separation directory.
mount -t tmpfs -o mode=755 sandbox-run /run
mkdir -m 755 /run/sshd
mount -t tmpfs -o mode=755 sandbox-log /var/log
if [ -d /var/lib/sudo ]; then
	mount -t tmpfs -o mode=700 sandbox-sudo /var/lib/sudo
fi

# A /dev of our own, so that /dev/log can be the test's syslog socket.
mount --rbind /dev "$box/hostdev"
mount -t tmpfs -o mode=755,nosuid sandbox-dev /dev
for n in null zero full random urandom tty ptmx; do
	: >"/dev/$n"
	mount --bind "$box/hostdev/$n" "/dev/$n"
done
for d in pts shm; do
	mkdir "/dev/$d"
	mount --rbind "$box/hostdev/$d" "/dev/$d"
done
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
: >/dev/log
mount --bind "$box/log.sock" /dev/log

exec "$@"
