#!/bin/sh
# Runs COMMAND in a fresh network and mount namespace whose only resolver
# (127.0.0.1, in /etc/resolv.conf bind-mounted there) never answers.
# Usage: unshare --net --mount --propagation private --pid --fork --kill-child \
#            --mount-proc sh silent_dns_netns.sh DIR COMMAND...
# (PID 1 of its own namespace: the server ends with the command.)
# PCG_DRIVER_PRELOAD becomes the command's LD_PRELOAD (none for the tools here).
set -eu
dir=$1
shift
ip link set lo up
printf 'nameserver 127.0.0.1\noptions timeout:5 attempts:3\n' >"$dir/resolv.conf"
mount --bind "$dir/resolv.conf" /etc/resolv.conf
/usr/bin/python3 "$(dirname "$0")/silent_dns.py" "$dir/dns.ready" \
	</dev/null >/dev/null 2>&1 &
i=0
while [ ! -e "$dir/dns.ready" ]; do
	i=$((i + 1))
	[ "$i" -le 200 ] || { echo "silent_dns.py did not start" >&2; exit 97; }
	sleep 0.05
done
LD_PRELOAD=${PCG_DRIVER_PRELOAD:-} "$@"
