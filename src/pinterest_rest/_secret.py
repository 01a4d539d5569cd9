"""Secrets in memory, and the one masking function for anything printed about a request.

``Secret`` holds a credential; its ``repr`` and ``str`` show only ``***``, so a traceback printed
with frame locals (``pytest -l``, Sentry, rich) or a careless f-string never shows it. Code that
must send the value calls ``reveal()`` at the point of use.

``AuthorizationValue`` is the header value put on a request: a real ``str`` (HTTP libraries encode
it as any other) whose ``repr`` is masked, because frame-locals printers show dicts by ``repr``.

``masked_request`` is what ``--debug`` and ``--dry-run`` print: headers, URL and body with every
credential replaced (the Authorization scheme stays visible, so "Bearer" vs "Basic" can be told).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._transport import Request

MASK = "***"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})
SECRET_FIELDS = frozenset(
    {"access_token", "refresh_token", "client_secret", "code", "password", "token", "conversion_token", "secret"}
)
# Query keys of presigned URLs (S3, CloudFront) and OAuth leftovers that grant access.
SECRET_QUERY_PARTS = ("signature", "credential", "security-token", "access_token", "client_secret")


class Secret:
    """A credential whose ``repr``/``str`` are masked; ``reveal()`` returns the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @classmethod
    def of(cls, value: str | Secret | None) -> Secret | None:
        if value is None or isinstance(value, Secret):
            return value
        return cls(value)

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    __str__ = __repr__

    def __copy__(self) -> Secret:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self

    def __reduce__(self) -> Any:  # never pickle a credential by accident
        raise TypeError("a Secret cannot be pickled")


def reveal(value: str | Secret | None) -> str | None:
    return value.reveal() if isinstance(value, Secret) else value


class AuthorizationValue(str):
    """An ``Authorization`` header value: sent as is, shown as ``'<scheme> ***'``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(_mask_credential(self))


def _mask_credential(value: str) -> str:
    scheme = value.split(" ", 1)[0] if " " in value else ""
    return f"{scheme} {MASK}".strip()


def mask_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers safe to print: credentials reduced to their scheme."""
    return {k: _mask_credential(str.__str__(v)) if k.lower() in SECRET_HEADERS else v for k, v in headers.items()}


def mask_url(url: str) -> str:
    """A URL safe to print: presigned-URL signatures and credentials in the query replaced."""
    if "?" not in url:
        return url
    base, query = url.split("?", 1)
    parts = []
    for pair in query.split("&"):
        key = pair.split("=", 1)[0]
        parts.append(f"{key}={MASK}" if any(s in key.lower() for s in SECRET_QUERY_PARTS) else pair)
    return base + "?" + "&".join(parts)


def _mask_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: MASK if k in SECRET_FIELDS and isinstance(v, str) else _mask_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    return value


def mask_body(body: bytes | None, content_type: str = "") -> Any:
    """A request body safe to print: JSON as data, forms as text, secret-looking fields masked."""
    if not body:
        return None
    text = body.decode("utf-8", "replace")
    if "x-www-form-urlencoded" in content_type:
        from urllib.parse import parse_qsl, urlencode

        pairs = [(k, MASK if k in SECRET_FIELDS else v) for k, v in parse_qsl(text, keep_blank_values=True)]
        return urlencode(pairs, safe="*")
    try:
        data = json.loads(text)
    except ValueError:
        return text[:2000]
    return _mask_value(data)


def masked_request(request: Request) -> dict[str, Any]:
    """Everything worth printing about a request, with no credential in it."""
    content_type = next((v for k, v in request.headers.items() if k.lower() == "content-type"), "")
    body = mask_body(request.body, content_type)
    if body is None and request.stream is not None:
        body = f"<{request.stream.length} bytes, streamed>"
    return {
        "method": request.method,
        "url": mask_url(request.url),
        "headers": mask_headers(request.headers),
        "body": body,
    }
