"""Argument values for registry parameters; schema samples come from the sandbox's generator."""

from __future__ import annotations

import re
from typing import Any

from pinterest_rest._operation import Param
from pinterest_rest.sandbox.samples import sample as sample
from pinterest_rest.sandbox.schemas import document


def schemas() -> dict[str, Any]:
    return document()


def _scalar(jtype: str | None, enum: tuple[str, ...] | None) -> Any:
    if enum:
        return enum[0]
    return {"integer": 7, "number": 1.5, "boolean": True, "object": {"k": "v"}}.get(jtype or "", "12345")


def arg_value(p: Param) -> Any:
    if p.type == "array":  # two items: some arrays need at least two (the spec's minItems)
        return [_scalar(p.items_type, p.items_enum)] * 2 if p.items_type != "object" else [{"k": "v"}] * 2
    if p.location == "path":
        if p.enum:
            return p.enum[0]
        return fitting(p, "123")
    if p.type == "string" and p.pattern and not p.enum:
        return fitting(p, "12345")
    return _scalar(p.type, p.enum)


def fitting(p: Param, preferred: str) -> str:
    """``preferred`` if the spec's pattern for ``p`` allows it, else a value that fits (ids, dates)."""
    return next(
        v for v in (preferred, "123", "2024-01-31", "abc") if not p.pattern or re.search(p.pattern, v, re.ASCII)
    )
