#!/usr/bin/env python3
"""A TCP proxy on loopback that delays every byte by half a round trip each
way, so a login meets a Cognito that is RTT milliseconds away.

Usage: delay_proxy.py LISTEN_PORT TARGET_PORT RTT_MS   (prints its port when ready;
LISTEN_PORT 0 picks one). Each direction of each connection has a queue of
(due time, bytes); a sender thread writes each chunk when it is due, so
delays do not add up along a stream and bandwidth is not limited.
"""
import heapq
import socket
import sys
import threading
import time


def pump(src, dst, delay):
    queue, cond, done = [], threading.Condition(), [False]

    def sender():
        seq = 0
        while True:
            with cond:
                while not queue and not done[0]:
                    cond.wait()
                if not queue and done[0]:
                    break
                due, _, data = queue[0]
                now = time.monotonic()
                if due > now:
                    cond.wait(due - now)
                    continue
                heapq.heappop(queue)
            try:
                if data:
                    dst.sendall(data)
                else:
                    dst.shutdown(socket.SHUT_WR)
            except OSError:
                break
            seq += 1

    t = threading.Thread(target=sender, daemon=True)
    t.start()
    n = 0
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            data = b""
        n += 1
        with cond:
            heapq.heappush(queue, (time.monotonic() + delay, n, data))
            if not data:
                done[0] = True
            cond.notify()
        if not data:
            break
    t.join()


def serve(conn, target_port, delay):
    try:
        # The connection itself takes a round trip (SYN, SYN-ACK) before it is usable.
        time.sleep(2 * delay)
        up = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        conn.close()
        return
    for s in (conn, up):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    a = threading.Thread(target=pump, args=(conn, up, delay), daemon=True)
    b = threading.Thread(target=pump, args=(up, conn, delay), daemon=True)
    a.start()
    b.start()
    a.join()
    b.join()
    conn.close()
    up.close()


def main():
    listen_port, target_port, rtt_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    delay = rtt_ms / 2000.0
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", listen_port))
    srv.listen(128)
    print(srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, target_port, delay), daemon=True).start()


if __name__ == "__main__":
    main()
