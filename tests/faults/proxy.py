"""A small fault-injecting HTTP/1.1 proxy for loopback tests.

It sits between a client and an upstream HTTP server (the sandbox served over real HTTP), reads
each request off the client's connection, and asks a ``plan`` what to do with it:

* ``OK``                forward it and relay the answer (the answer is re-framed with Content-Length)
* ``RESET_BEFORE``      abort the client's connection (RST) without forwarding: the server never sees it
* ``RESET_AFTER``       forward it, let the server answer, then abort instead of relaying the answer
* ``STATUS_429`` / ``STATUS_503``  answer that status with ``Retry-After`` without forwarding
* ``TRUNCATE``          forward, then relay the answer close-delimited (no Content-Length) and cut
                        it in half before closing: the client cannot tell from framing it is short
* ``CLOSE_AFTER``       forward, relay the whole answer, then close the connection at once (FIN):
                        the idle-timeout race where the client's next request meets a closed socket
* ``SLOW``              forward, wait ``slow_seconds``, then relay the answer

Every request the proxy *forwarded* is recorded in ``forwarded`` (method, path), so tests can
compare what the client believes with what reached the server. Loopback only.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

OK = "ok"
RESET_BEFORE = "reset_before"
RESET_AFTER = "reset_after"
STATUS_429 = "429"
STATUS_503 = "503"
TRUNCATE = "truncate"
CLOSE_AFTER = "close_after"
SLOW = "slow"

CONTROL = "/__faults__/"
Plan = Callable[[str, str], str]  # (method, path) -> fault


def always(fault: str) -> Plan:
    return lambda method, path: fault


def random_faults(
    rate: float, faults: list[str], seed: int = 7, only: Callable[[str, str], bool] | None = None
) -> Plan:
    """Each request gets one of ``faults`` with probability ``rate`` (seeded, reproducible)."""
    rng = random.Random(seed)
    lock = threading.Lock()

    def plan(method: str, path: str) -> str:
        if only is not None and not only(method, path):
            return OK
        with lock:
            return rng.choice(faults) if rng.random() < rate else OK

    return plan


@dataclass
class FaultProxy:
    upstream_host: str
    upstream_port: int
    plan: Plan = field(default=always(OK))
    slow_seconds: float = 0.3
    retry_after: str = "0"
    forwarded: list[tuple[str, str]] = field(default_factory=list)
    received: int = 0
    connections: int = 0

    def __post_init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._accept_loop, daemon=True)
        self._accept.start()

    # -- plumbing -------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()

    def _serve(self, conn: socket.socket) -> None:
        upstream = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=30)
        reader = conn.makefile("rb")
        try:
            while not self._stop.is_set():
                request = _read_request(reader)
                if request is None:
                    return
                method, target, headers, body = request
                if target.startswith(CONTROL):
                    conn.sendall(self._control(method, target, body))
                    continue
                with self._lock:
                    self.received += 1
                fault = self.plan(method, target)
                if fault == RESET_BEFORE:
                    _abort(conn)
                    return
                if fault in (STATUS_429, STATUS_503):
                    status = int(fault)
                    payload = b'{"code": 8, "message": "injected"}'
                    conn.sendall(_response(status, [("Retry-After", self.retry_after)], payload))
                    continue
                status, reason, answer_headers, payload = self._forward(upstream, method, target, headers, body)
                if fault == RESET_AFTER:
                    _abort(conn)
                    return
                if fault == SLOW:
                    time.sleep(self.slow_seconds)
                if fault == TRUNCATE:
                    head = _response(status, answer_headers, b"", reason=reason, length=False)
                    conn.sendall(head + payload[: max(1, len(payload) // 2)])
                    conn.close()
                    return
                if fault == CLOSE_AFTER:
                    # Answer and FIN leave in one segment (corked), as from a server that closes
                    # as it answers: the client's next request meets a connection already closed.
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
                    conn.sendall(_response(status, answer_headers, payload, reason=reason))
                    conn.shutdown(socket.SHUT_WR)
                    conn.close()
                    return
                conn.sendall(_response(status, answer_headers, payload, reason=reason))
        except OSError:
            return
        finally:
            upstream.close()
            reader.close()
            try:
                conn.close()
            except OSError:
                pass

    def _control(self, method: str, target: str, body: bytes) -> bytes:
        """``POST /__faults__/plan`` sets the plan; ``GET /__faults__/stats`` reads and clears the record."""
        if target == CONTROL + "plan":
            spec = json.loads(body)
            self.plan = random_faults(
                float(spec.get("rate", 1.0)),
                list(spec["faults"]),
                int(spec.get("seed", 7)),
                only=_only_methods(spec.get("methods")),
            )
            self.retry_after = str(spec.get("retry_after", self.retry_after))
            self.slow_seconds = float(spec.get("slow_seconds", self.slow_seconds))
            return _response(200, [], b"{}")
        with self._lock:
            stats = {"received": self.received, "forwarded": self.forwarded, "connections": self.connections}
            self.received, self.forwarded, self.connections = 0, [], 0
        return _response(200, [("Content-Type", "application/json")], json.dumps(stats).encode())

    def _forward(
        self,
        upstream: http.client.HTTPConnection,
        method: str,
        target: str,
        headers: list[tuple[str, str]],
        body: bytes,
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        with self._lock:
            self.forwarded.append((method, target.split("?", 1)[0]))
        upstream.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for key, value in headers:
            if key.lower() not in ("connection", "keep-alive"):
                upstream.putheader(key, value)
        upstream.endheaders(body or None)
        answer = upstream.getresponse()
        payload = answer.read()
        kept = [
            (k, v)
            for k, v in answer.getheaders()
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "keep-alive")
        ]
        return answer.status, answer.reason, kept, payload


def _only_methods(methods: list[str] | None) -> Callable[[str, str], bool] | None:
    if not methods:
        return None
    wanted = {m.upper() for m in methods}
    return lambda method, path: method in wanted


def _read_request(reader: object) -> tuple[str, str, list[tuple[str, str]], bytes] | None:
    readline = reader.readline  # type: ignore[attr-defined]
    line = readline(65536)
    if not line:
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers: list[tuple[str, str]] = []
    length = 0
    while True:
        raw = readline(65536)
        if raw in (b"\r\n", b"\n", b""):
            break
        key, _, value = raw.decode("latin-1").partition(":")
        value = value.strip()
        headers.append((key, value))
        if key.lower() == "content-length":
            length = int(value)
    body = reader.read(length) if length else b""  # type: ignore[attr-defined]
    return method, target, headers, body


def _response(
    status: int, headers: list[tuple[str, str]], payload: bytes, *, reason: str = "", length: bool = True
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason or http.client.responses.get(status, '')}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {len(payload)}" if length else "Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload


def _abort(conn: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a crashed server or a middlebox reset would."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        conn.close()


def main(argv: list[str]) -> None:
    """``python proxy.py HOST:PORT``: serve until stdin closes; prints the proxy's port first."""
    host, port = argv[0].rsplit(":", 1)
    proxy = FaultProxy(host, int(port))
    print(proxy.port, flush=True)
    sys.stdin.read()
    proxy.close()


if __name__ == "__main__":
    main(sys.argv[1:])
