"""Stateful handlers, by operationId. Operations not listed here get the generic handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from . import ads, content, crud, jobs, oauth, promotions

Handler = Callable[[Context], Any]

HANDLERS: dict[str, Handler] = {
    **content.HANDLERS,
    **ads.HANDLERS,
    **crud.HANDLERS,
    **jobs.HANDLERS,
    **oauth.HANDLERS,
    **promotions.HANDLERS,
}
