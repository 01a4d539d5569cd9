"""What a handler gets: the matched operation and the request, already validated."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._operation import Operation
from .errors import bad_request

if TYPE_CHECKING:
    from .app import SandboxApp


@dataclass
class Context:
    app: SandboxApp
    op: Operation
    path: dict[str, str]
    query: dict[str, Any]
    body: Any
    headers: dict[str, str]
    origin: str  # scheme://host[:port] the request came to; used for URLs the sandbox hands out
    token: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def store(self) -> Any:
        return self.app.store

    def url(self, path: str) -> str:
        return self.origin + path

    def page(self, kind: str, parent: str | None = None, filt: Any = None) -> dict[str, Any]:
        """One page of stored objects, Pinterest style: ``{"items": [...], "bookmark": ...}``."""
        size = int(self.query.get("page_size", 25))
        offset = decode_bookmark(self.query.get("bookmark"))
        if filt is None:
            items = self.store.list(kind, parent, offset, size + 1)
        else:
            items = [d for d in self.store.list(kind, parent) if filt(d)][offset : offset + size + 1]
        more = len(items) > size
        return {"items": items[:size], "bookmark": encode_bookmark(offset + size) if more else None}


def encode_bookmark(offset: int) -> str:
    return base64.urlsafe_b64encode(f"sbx:{offset}".encode()).decode().rstrip("=")


def decode_bookmark(value: Any) -> int:
    if value in (None, ""):
        return 0
    try:
        text = base64.urlsafe_b64decode(str(value) + "=" * (-len(str(value)) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix != "sbx" or not number.isdigit():
            raise ValueError
        return int(number)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("Invalid bookmark") from None
