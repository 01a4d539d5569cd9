"""Requests outside the API: URLs Pinterest hands out (presigned upload URLs, report, bulk and
export downloads). The one entry point is ``client.send_external(...)``, which lands here.

They go through the client's own transport, so they get its timeouts, connection pool, proxy and
TLS settings (and in-process sandboxes and test transports see them), but never the API's
credentials: the request is built here with no ``Authorization`` header, and the pipeline (which
adds it) is not involved. An upload body may be a ``StreamedBody``: it is sent as it is read with
its Content-Length (S3 POST policies refuse chunked bodies) on transports that stream, and joined
in memory for the ones that do not (the sandbox, mocks).

They are retried by the API's rules (docs/retries.md): a download (GET) after a connection error
or a 408/429/5xx, an upload only when it provably did not arrive or got a 429; a streamed body is
read again from its start for each attempt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._errors import ValidationError, status_error
from . import Request, Response, merge_headers

if TYPE_CHECKING:
    from .._types import Timeout
    from . import AsyncTransport, StreamedBody, SyncTransport


def build(
    method: str,
    url: str,
    headers: Mapping[str, str] | None,
    body: bytes | StreamedBody | None,
    timeout: Timeout | None,
) -> Request:
    if not isinstance(url, str) or not url.lower().startswith(("https://", "http://")):
        raise ValidationError(f"send_external needs an http(s) URL, not {url!r}", argument="url")
    sent_headers = {"Accept": "*/*"}
    if headers:
        merge_headers(sent_headers, headers)
    if body is None or isinstance(body, (bytes, bytearray)):
        return Request(method.upper(), url, sent_headers, bytes(body) if body is not None else None, timeout)
    if not (hasattr(body, "length") and hasattr(body, "__iter__")):
        raise ValidationError("body must be bytes or a streamed body with a length", argument="body")
    sent_headers["Content-Length"] = str(body.length)
    return Request(method.upper(), url, sent_headers, None, timeout, stream=body)


def _for(transport: Any, request: Request) -> Request:
    """Join a streamed body for transports that cannot stream it."""
    if request.stream is not None and not getattr(transport, "supports_streaming", False):
        request.body = b"".join(request.stream)
        request.stream = None
    return request


def ok(response: Response) -> bool:
    return response.status_code < 300


def error(response: Response) -> Exception:
    """The error for a 3xx/4xx/5xx answer (no operation: the file host is not the API)."""
    return status_error(response)


def send(transport: SyncTransport, request: Request) -> Response:
    """One attempt (the pipeline loops, with the API's retry rules); ``APIConnectionError`` if no answer."""
    return transport.send(_for(transport, request))


async def asend(transport: AsyncTransport, request: Request) -> Response:
    return await transport.send(_for(transport, request))
