"""Argument values for registry parameters; schema samples come from the sandbox's generator."""

from __future__ import annotations

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
    if p.type == "array":
        return [_scalar(p.items_type, p.items_enum)] if p.items_type != "object" else [{"k": "v"}]
    if p.location == "path":
        return p.enum[0] if p.enum else "123"
    return _scalar(p.type, p.enum)
