"""``GET /search/partner/pins``: the top Pins for a search term, searched among the stored Pins.

The sandbox holds only the Pins its client made, so those are what a term can find: a
case-insensitive substring of the title, description or alt text, newest first (the sandbox has no
engagement to rank by), ``limit`` per page (default 10, as the spec says). ``country_code`` and
``locale`` are accepted but select nothing: stored Pins carry no country or language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ._helpers import build, list_page, view

Handler = Callable[[Context], Any]


def partner_pins(ctx: Context) -> dict[str, Any]:
    term = str(ctx.query.get("term") or "").lower()
    found = [
        build("SummaryPin", view(pin), {})
        for pin in ctx.store.list("pin", order="DESCENDING")
        if any(term in str(pin.get(f) or "").lower() for f in ("title", "description", "alt_text"))
    ]
    return list_page(ctx, found, size=int(ctx.query.get("limit", 10)))


HANDLERS: dict[str, Handler] = {"search_partner_pins": partner_pins}
