"""Transports the CLI wraps around the client's: ``--debug`` logging and the ``--dry-run`` stop.

Both sit below the whole request pipeline, so what they see is exactly what would go on the wire.
"""

from __future__ import annotations

import json
import time
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._transport import Request, Response, SyncTransport

SECRET_FIELDS = frozenset(
    {"access_token", "refresh_token", "client_secret", "code", "password", "token", "conversion_token"}
)


def mask_body(body: bytes | None, form: bool) -> str:
    """A request body safe to log: secret-looking fields replaced by ***."""
    if not body:
        return ""
    text = body.decode("utf-8", "replace")
    if form:
        from urllib.parse import parse_qsl, urlencode

        pairs = [(k, "***" if k in SECRET_FIELDS else v) for k, v in parse_qsl(text, keep_blank_values=True)]
        return urlencode(pairs, safe="*")
    try:
        data = json.loads(text)
    except ValueError:
        return text[:2000]
    return json.dumps(_mask(data), ensure_ascii=False)[:2000]


_SECRET_QUERY = ("signature", "credential", "security-token", "access_token", "client_secret")


def mask_url(url: str) -> str:
    """A URL safe to log: presigned-URL signatures and credentials in the query replaced by ***."""
    if "?" not in url:
        return url
    base, query = url.split("?", 1)
    parts = []
    for pair in query.split("&"):
        key = pair.split("=", 1)[0]
        parts.append(f"{key}=***" if any(s in key.lower() for s in _SECRET_QUERY) else pair)
    return base + "?" + "&".join(parts)


def _mask(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_FIELDS and isinstance(v, str) else _mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


class DebugTransport:
    """Logs each request and response line to stderr, credentials masked, then delegates."""

    def __init__(self, inner: SyncTransport, stream: IO[str]) -> None:
        self.inner = inner
        self.stream = stream

    def send(self, request: Request) -> Response:
        from .._transport import mask_headers

        write = self.stream.write
        write(f"> {request.method} {mask_url(request.url)}\n")
        for key, value in mask_headers(request.headers).items():
            write(f"> {key}: {value}\n")
        form = "x-www-form-urlencoded" in request.headers.get("Content-Type", "")
        if request.body:
            write(f"> {mask_body(request.body, form)}\n")
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
