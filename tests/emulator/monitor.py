"""What tests observe: connection and request counters, a log of API requests,
and the service-model violations (conformance.py) of requests and answers."""

import collections
import itertools
import threading
import time


class Monitor:
    LOG_SIZE = 1000

    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._log: collections.deque = collections.deque(maxlen=self.LOG_SIZE)
        self._violations: list[dict] = []
        self._checked = collections.Counter(request=0, response=0)
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.connections = 0
            self.tls_handshakes = 0
            self.tls_failures = 0
            self.requests: collections.Counter = collections.Counter()

    def connection_accepted(self) -> int:
        """Counts a TCP connection and gives it an id (logged with its requests)."""
        with self._lock:
            self.connections += 1
            return next(self._ids)

    def handshake(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.tls_handshakes += 1
            else:
                self.tls_failures += 1

    def request(self, operation: str) -> None:
        with self._lock:
            self.requests[operation] += 1

    def log(self, entry: dict) -> None:
        entry["time"] = time.time()
        with self._lock:
            self._log.append(entry)

    def counters(self) -> dict:
        with self._lock:
            return {
                "connections": self.connections,
                "tls_handshakes": self.tls_handshakes,
                "tls_failures": self.tls_failures,
                "requests": dict(self.requests),
                "requests_total": sum(self.requests.values()),
            }

    def entries(self, last: int) -> list[dict]:
        with self._lock:
            return list(self._log)[-last:] if last > 0 else []

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def conformed(self, directions) -> None:
        with self._lock:
            for direction in directions:
                self._checked[direction] += 1

    def checked(self) -> dict:
        with self._lock:
            return dict(self._checked)

    def violation(self, entry: dict) -> None:
        entry["time"] = time.time()
        with self._lock:
            if len(self._violations) < self.LOG_SIZE:
                self._violations.append(entry)

    def violations(self) -> list[dict]:
        with self._lock:
            return list(self._violations)

