"""What a handler gets: the matched operation and the request, already validated.

``Context`` knows the app only through the small ``AppView`` protocol (its store, config and,
once the app has one, its clock), so this module imports nothing that imports it back: the
handlers depend on ``Context``, ``SandboxApp`` depends on the handlers, and there is no cycle.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .._operation import Operation
from .config import SandboxConfig
from .errors import bad_request
from .store import Order, Store, rules

Filter = Callable[[dict[str, Any]], bool]


class AppView(Protocol):
    """The parts of ``SandboxApp`` a handler may use."""

    store: Store
    config: SandboxConfig


def now(app: object) -> float:
    """Epoch seconds on the sandbox clock (``app.clock``) when the app has one, else real time."""
    clock = getattr(app, "clock", None)
    return float(clock.now()) if clock is not None else time.time()


@dataclass
class Context:
    app: AppView
    op: Operation
    path: dict[str, str]
    query: dict[str, Any]
    body: Any
    headers: dict[str, str]
    origin: str  # scheme://host[:port] the request came to; used for URLs the sandbox hands out
    token: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def store(self) -> Store:
        return self.app.store

    def now(self) -> float:
        return now(self.app)

    def url(self, path: str) -> str:
        return self.origin + path

    def page(
        self,
        kind: str,
        parent: str | None = None,
        filt: Filter | None = None,
        view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """One page of stored objects, Pinterest style: ``{"items": [...], "bookmark": ...}``.

        ``order=DESCENDING`` (where the operation declares ``order``) lists newest id first. A
        filter from ``spec_filter`` carries ``where``, run as an indexed store query when the
        kind declares those fields; any other filter is applied while reading the kind.
        """
        size = int(self.query.get("page_size", 25))
        offset = decode_bookmark(self.query.get("bookmark"))
        order: Order = "DESCENDING" if str(self.query.get("order", "")).upper() == "DESCENDING" else "ASCENDING"
        where = getattr(filt, "where", None)
        if filt is None:
            # Ids are handed out increasing, so insertion order is id order both ways.
            items = self.store.list(kind, parent, offset, size + 1, order=order)
        elif where is not None and set(where) <= set(rules(kind).index):
            items = self.store.find(kind, where, parent=parent, order=order, offset=offset, limit=size + 1)
        else:
            found = [d for d in self.store.list(kind, parent, order=order) if filt(d)]
            items = found[offset : offset + size + 1]
        more = len(items) > size
        shown = items[:size]
        return {
            "items": [view(d) for d in shown] if view else shown,
            "bookmark": encode_bookmark(offset + size) if more else None,
        }


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
