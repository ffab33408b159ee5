"""A TCP forwarder on 127.0.0.1 in front of an emulator's HTTPS port, for
faults below HTTP that the emulator cannot make itself: refusing connections
after having accepted some, resetting new connections before any TLS byte,
cutting the connections it carries, and sending new connections to another
backend (an emulator with a bad certificate)."""
import select
import socket
import struct
import threading


class Gate:
    def __init__(self, backend_port):
        self.backend_port = backend_port
        self._lock = threading.Lock()
        self._reset_next = 0
        self._carried = []
        self.accepted = 0
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.endpoint = "https://localhost:%d/" % self.port
        self._open = True
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def reset_new(self, count):
        """The next count connections are reset (RST) as soon as they are accepted."""
        with self._lock:
            self._reset_next = count

    def route_to(self, port):
        """New connections go to port from now on."""
        with self._lock:
            self.backend_port = port

    def cut(self, reset=False):
        """Closes every carried connection, both sides; reset: the client gets a TCP RST."""
        with self._lock:
            carried, self._carried = self._carried, []
        for client, backend in carried:
            # A connection whose other side closed it already (the emulator's
            # idle timeout, on a slow machine) was closed by its pump: nothing
            # is left to cut.
            if reset:
                try:
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
                client.close()
            else:
                _close(client)
            _close(backend)

    def refuse(self):
        """Stops listening, so new connections are refused; cuts the carried ones."""
        with self._lock:
            self._open = False
        _close(self.listener)
        self.cut()

    def stop(self):
        if self._open:
            self.refuse()
        self.cut()

    def _accept_loop(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                reset = self._reset_next > 0
                if reset:
                    self._reset_next -= 1
                port = self.backend_port
            if reset:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                _close(client)
                continue
            try:
                backend = socket.create_connection(("127.0.0.1", port))
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._carried.append((client, backend))
            threading.Thread(target=_pump, args=(client, backend), daemon=True).start()


def _pump(a, b):
    """Copies bytes both ways; a reset on one side is passed on as a reset."""
    reset = False
    try:
        while True:
            ready, _, _ = select.select([a, b], [], [])
            for src in ready:
                dst = b if src is a else a
                data = src.recv(65536)
                if not data:
                    raise OSError("closed")
                dst.sendall(data)
    except ConnectionResetError:
        reset = True
    except (OSError, ValueError):
        pass
    finally:
        for sock in (a, b):
            if reset:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
            _close(sock)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
