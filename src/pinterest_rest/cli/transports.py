"""Transports the CLI wraps around the client's: ``--debug`` logging and the ``--dry-run`` stop.

Both sit below the whole request pipeline, so what they see is exactly what would go on the wire.
What they print goes through ``_secret.masked_request``, the one masking function.
"""

from __future__ import annotations

import json
import time
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .._transport import Request, Response, SyncTransport


class DebugTransport:
    """Logs each request and response line to stderr, credentials masked, then delegates."""

    def __init__(self, inner: SyncTransport, stream: IO[str]) -> None:
        self.inner = inner
        self.stream = stream

    def send(self, request: Request) -> Response:
        from .._secret import masked_request

        shown = masked_request(request)
        write = self.stream.write
        write(f"> {shown['method']} {shown['url']}\n")
        for key, value in shown["headers"].items():
            write(f"> {key}: {value}\n")
        body = shown["body"]
        if body is not None:
            write(f"> {body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)[:2000]}\n")
        start = time.perf_counter()
        try:
            response = self.inner.send(request)
        except Exception as exc:
            write(f"< {type(exc).__name__}: {exc} after {1000 * (time.perf_counter() - start):.0f} ms\n")
            raise
        rid = response.headers.get("x-request-id") or response.headers.get("x-pinterest-rid")
        write(
            f"< {response.status_code} ({len(response.content)} bytes, "
            f"{1000 * (time.perf_counter() - start):.0f} ms{', request id ' + rid if rid else ''})\n"
        )
        self.stream.flush()
        return response

    def close(self) -> None:
        self.inner.close()


class Captured(Exception):
    """Raised by ``CaptureTransport`` to stop a call at the wire, carrying the request."""

    def __init__(self, request: Request) -> None:
        super().__init__("captured")
        self.request = request


class CaptureTransport:
    """``--dry-run``: the generated method runs the whole pipeline; the request stops here."""

    def send(self, request: Request) -> Response:
        raise Captured(request)

    def close(self) -> None:
        pass
