"""Real HTTP serving with uvicorn: in a background thread (tests) or in the foreground (CLI)."""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import SandboxApp


def _server(app: SandboxApp, host: str, sock: socket.socket) -> Any:
    import uvicorn  # optional dependency: pinterest-rest[sandbox]

    from .asgi import AsgiApp

    config = uvicorn.Config(AsgiApp(app), log_level="warning", lifespan="on", access_log=False, timeout_keep_alive=30)
    server = uvicorn.Server(config)
    return server


def _bind(host: str, port: int) -> socket.socket:
    # proto must say TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto is
    # IPPROTO_TCP, and without it Nagle + delayed ACK add ~40 ms to every keep-alive answer.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(256)
    sock.setblocking(False)
    return sock


@contextlib.contextmanager
def serve_in_thread(app: SandboxApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    sock = _bind(host, port)
    server = _server(app, host, sock)
    server.install_signal_handlers = lambda: None  # the test process owns its signals
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}/v5"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def serve_blocking(app: SandboxApp, host: str, port: int, announce: Any = print) -> None:
    sock = _bind(host, port)
    server = _server(app, host, sock)
    announce(f"Pinterest sandbox on http://{host}:{sock.getsockname()[1]}/v5  (Ctrl-C to stop)")

    def stop(*_: object) -> None:
        server.should_exit = True

    server.install_signal_handlers = lambda: None
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    server.run(sockets=[sock])
    sock.close()
