"""The transport interface: one request in, one fully read response out.

A transport knows nothing about Pinterest. It raises ``APIConnectionError`` (``sent=False`` when the
connection was never opened) or ``APITimeoutError`` and never retries; the pipeline decides that.
Implementations: urllib3 (sync, default), aiohttp (async, imported on first use), mock (tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._operation import Operation
    from .._types import Timeout
    from ._protocols import AsyncTransport, StreamedBody, SyncTransport

# One masking function for the whole package lives in _secret; re-exported for old imports.
from .._secret import SECRET_HEADERS, mask_headers

__all__ = [
    "SECRET_HEADERS",
    "AsyncTransport",
    "Request",
    "Response",
    "StreamedBody",
    "SyncTransport",
    "lower_headers",
    "mask_headers",
    "merge_headers",
]

# The headers the client sets itself, in the spelling it sets them: a caller's other spelling is
# stored as this one, so the client's own value replaces it rather than going out beside it.
_OWN_SPELLING = {
    "accept": "Accept",
    "authorization": "Authorization",
    "content-type": "Content-Type",
    "user-agent": "User-Agent",
}


def lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """``headers`` as a dict with lower-cased names (the form users get; see ``Response``)."""
    return {name.lower(): value for name, value in headers.items()}


def merge_headers(target: dict[str, str], extra: Mapping[str, str]) -> None:
    """Add ``extra`` to ``target`` in place; a name already there in any spelling is replaced.

    HTTP header names are case-insensitive, so ``{"accept": ...}`` from a caller replaces the
    client's ``Accept`` instead of both being sent. Every ``Request.headers`` the client builds
    goes through here, so no two of its names differ only in case (the aiohttp transport relies
    on it).
    """
    for name, value in extra.items():
        lower = name.lower()
        name = _OWN_SPELLING.get(lower, name)
        for existing in [k for k in target if k.lower() == lower and k != name]:
            del target[existing]
        target[name] = value


class Request:
    """One HTTP request as the pipeline built it (the transports only send it).

    ``headers`` never holds two names that differ only in case (see ``merge_headers``).
    """

    # Plain slotted classes rather than dataclasses: importing ``dataclasses`` pulls in ``inspect``
    # and ``ast`` (several ms of every cold start), and these are built once per attempt.
    __slots__ = ("body", "headers", "method", "operation", "stream", "timeout", "url")

    def __init__(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None = None,
        timeout: Timeout | None = None,
        operation: Operation | None = None,
        stream: StreamedBody | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.operation = operation
        # Set instead of ``body`` for out-of-API uploads; transports with ``supports_streaming``
        # send it chunk by chunk, others get it joined into ``body`` (see _transport.outside).
        self.stream = stream

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Request):
            return NotImplemented
        mine = (self.method, self.url, self.headers, self.body, self.timeout, self.operation, self.stream)
        theirs = (other.method, other.url, other.headers, other.body, other.timeout, other.operation, other.stream)
        return mine == theirs

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Request({self.method} {self.url}, headers={mask_headers(self.headers)!r})"


class Response:
    """One HTTP answer: status, headers, the whole body, and the request it answers.

    ``headers`` is looked up by lower-case name: a dict with lower-cased keys, or a mapping that
    ignores case (the aiohttp transport hands on aiohttp's own, which costs no copy). What reaches
    users (``RawResponse.headers``, ``APIStatusError.headers``, ``send_external``'s answer) is always
    a dict with lower-cased keys (``lower_headers``).
    """

    __slots__ = ("content", "headers", "request", "status_code")

    def __init__(self, status_code: int, headers: Mapping[str, str], content: bytes, request: Request) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.request = request

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Response):
            return NotImplemented
        return (self.status_code, self.headers, self.content, self.request) == (
            other.status_code,
            other.headers,
            other.content,
            other.request,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Response({self.status_code}, {len(self.content)} bytes)"


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in ("AsyncTransport", "StreamedBody", "SyncTransport"):
            from . import _protocols

            value = globals()[name] = getattr(_protocols, name)
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
