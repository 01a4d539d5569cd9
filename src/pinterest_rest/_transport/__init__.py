"""The transport interface: one request in, one fully read response out.

A transport knows nothing about Pinterest. It raises ``APIConnectionError`` (``sent=False`` when the
connection was never opened) or ``APITimeoutError`` and never retries; the pipeline decides that.
Implementations: urllib3 (sync, default), aiohttp (async, imported on first use), mock (tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .._operation import Operation
    from .._types import Timeout

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})


def mask_headers(headers: dict[str, str]) -> dict[str, str]:
    """Headers safe to print: credentials reduced to their scheme."""
    out = {}
    for key, value in headers.items():
        if key.lower() in SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            value = f"{scheme} ***".strip()
        out[key] = value
    return out


@dataclass(slots=True)
class Request:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None = None
    timeout: Timeout | None = None
    operation: Operation | None = field(default=None, repr=False)

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
