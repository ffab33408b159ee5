"""A DNS server that never answers: it reads every query (UDP and TCP) on 127.0.0.1:53
and drops it, as a resolver behind a dead link or a firewall that eats packets does.

Runs inside a private network namespace (silent_dns_netns.sh); writes its pid
to the file named by its only argument once both sockets listen.
"""
import os
import selectors
import socket
import sys


def main(ready_file):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 53))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", 53))
    tcp.listen(16)
    sel = selectors.DefaultSelector()
    sel.register(udp, selectors.EVENT_READ)
    sel.register(tcp, selectors.EVENT_READ)
    with open(ready_file + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(ready_file + ".tmp", ready_file)
    held = []  # TCP connections stay open and silent
    while True:
        for key, _ in sel.select():
            if key.fileobj is udp:
                udp.recvfrom(4096)
            elif key.fileobj is tcp:
                conn, _ = tcp.accept()
                held.append(conn)
                sel.register(conn, selectors.EVENT_READ)
            else:
                if not key.fileobj.recv(4096):
                    sel.unregister(key.fileobj)
                    key.fileobj.close()


if __name__ == "__main__":
    main(sys.argv[1])
