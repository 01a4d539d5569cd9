"""The transport interface: one request in, one fully read response out.

A transport knows nothing about Pinterest. It raises ``APIConnectionError`` (``sent=False`` when the
connection was never opened) or ``APITimeoutError`` and never retries; the pipeline decides that.
Implementations: urllib3 (sync, default), aiohttp (async, imported on first use), mock (tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .._operation import Operation
    from .._types import Timeout

# One masking function for the whole package lives in _secret; re-exported for old imports.
from .._secret import SECRET_HEADERS, mask_headers

__all__ = ["SECRET_HEADERS", "AsyncTransport", "Request", "Response", "StreamedBody", "SyncTransport", "mask_headers"]


class StreamedBody(Protocol):
    """A request body sent as it is read (a file upload); its ``length`` goes in Content-Length."""

    length: int

    def __iter__(self) -> Iterator[bytes]: ...


@dataclass(slots=True)
class Request:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None = None
    timeout: Timeout | None = None
    operation: Operation | None = field(default=None, repr=False)
    # Set instead of ``body`` for out-of-API uploads; transports with ``supports_streaming``
    # send it chunk by chunk, others get it joined into ``body`` (see _transport.outside).
    stream: StreamedBody | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"Request({self.method} {self.url}, headers={mask_headers(self.headers)!r})"


@dataclass(slots=True)
class Response:
    status_code: int
    headers: dict[str, str]  # keys lower-cased
    content: bytes
    request: Request

    def __repr__(self) -> str:
        return f"Response({self.status_code}, {len(self.content)} bytes)"


class SyncTransport(Protocol):
    def send(self, request: Request) -> Response: ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    async def send(self, request: Request) -> Response: ...

    async def aclose(self) -> None: ...
