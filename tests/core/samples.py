"""Minimal values that satisfy a registry parameter or a generated JSON schema (test data only)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pinterest_rest._operation import Param

_SCHEMAS: dict[str, Any] | None = None


def schemas() -> dict[str, Any]:
    global _SCHEMAS
    if _SCHEMAS is None:
        _SCHEMAS = json.loads(resources.files("pinterest_rest").joinpath("_data/schemas.json").read_text("utf-8"))
    return _SCHEMAS


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


def sample(schema: Any, depth: int = 0) -> Any:
    """A value shaped like ``schema``: every property present, one item per array."""
    defs = schemas()["$defs"]
    while isinstance(schema, dict) and "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    if not isinstance(schema, dict) or depth > 6:
        return None
    for key in ("allOf",):
        if key in schema:
            merged: dict[str, Any] = {}
            for part in schema[key]:
                value = sample(part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return sample(schema[key][0], depth + 1)
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    jtype = schema.get("type")
    if isinstance(jtype, list):
        jtype = next((t for t in jtype if t != "null"), None)
    if jtype == "array" or (jtype is None and "items" in schema):
        return [sample(schema.get("items", {}), depth + 1)]
    if jtype == "object" or "properties" in schema:
        return {k: sample(v, depth + 1) for k, v in schema.get("properties", {}).items()}
    return {"string": "abc", "integer": 3, "number": 2.5, "boolean": False}.get(jtype or "")
