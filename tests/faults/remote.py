"""The fault proxy in its own process, steered over its control endpoints.

A separate process matters: in-process, the proxy's threads wait for the GIL held by the client
under test, which delays every FIN and RST by up to the interpreter's switch interval and turns
ordinary network timing into an artefact of the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROXY = Path(__file__).with_name("proxy.py")


class RemoteProxy:
    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/v5"

    def _call(self, method: str, name: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/__faults__/{name}", data, method=method)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def plan(self, faults: list[str], rate: float = 1.0, *, seed: int = 7, methods: list[str] | None = None,
             retry_after: str = "0", slow_seconds: float = 0.3) -> None:  # fmt: skip
        """Give each request one of ``faults`` with probability ``rate`` (only ``methods``, if given)."""
        self._call("POST", "plan", {"faults": faults, "rate": rate, "seed": seed, "methods": methods,
                                    "retry_after": retry_after, "slow_seconds": slow_seconds})  # fmt: skip

    def stats(self) -> dict[str, Any]:
        """What reached the proxy since the last call (and clear it)."""
        stats: dict[str, Any] = self._call("GET", "stats")
        return stats


@contextmanager
def remote_proxy(base_url: str) -> Iterator[RemoteProxy]:
    hostport = base_url.split("://", 1)[1].split("/", 1)[0]
    process = subprocess.Popen(
        [sys.executable, str(PROXY), hostport], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield RemoteProxy(process, port)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
