"""Deterministic values that satisfy a JSON schema, for the generic handler and seed data."""

from __future__ import annotations

import hashlib
from typing import Any

from .schemas import resolve

_DATE = "2026-01-15"
_DATETIME = "2026-01-15T12:00:00Z"


def _digits(seed: str, n: int = 18) -> str:
    value = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(value)[:n].rjust(n, "1")


def sample(schema: Any, seed: str = "x", depth: int = 0) -> Any:
    """A value valid against ``schema`` (when the schema allows one), the same for the same seed."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 40:
        return None
    if "example" in schema and depth > 0 and not isinstance(schema["example"], (dict, list)):
        return schema["example"]
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = sample(part, seed, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not None:
                return value  # a scalar constrained by several parts (e.g. an enum plus a default)
        extra = {k: v for k, v in schema.items() if k != "allOf"}
        if extra.get("properties"):
            value = sample(extra, seed, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(o).get("type") != "null"] or schema[key]
            chosen = sample(options[0], seed, depth + 1)
            own = {k: v for k, v in schema.items() if k != key}
            if isinstance(chosen, dict) and own.get("properties"):
                base = sample(own, seed, depth + 1)  # fields declared beside the union apply too
                if isinstance(base, dict):
                    chosen = {**base, **chosen}
            return chosen
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    if "const" in schema:
        return schema["const"]
    jtype = schema.get("type")
    if isinstance(jtype, list):
        jtype = next((t for t in jtype if t != "null"), "null")
    if jtype is None:
        if "properties" in schema or "additionalProperties" in schema:
            jtype = "object"
        elif "items" in schema:
            jtype = "array"
        elif any(k in schema for k in ("pattern", "format", "minLength", "maxLength")):
            jtype = "string"
        else:
            return None  # unconstrained (a description-only part of an allOf)
    if jtype == "object":
        props = schema.get("properties", {})
        out: dict[str, Any] = {k: sample(v, f"{seed}.{k}", depth + 1) for k, v in props.items()}
        additional = schema.get("additionalProperties")
        if not out and isinstance(additional, dict) and schema.get("minProperties", 0) > 0:
            out = {"1": sample(additional, seed + ".1", depth + 1)}
        return out
    if jtype == "array":
        # Past a few levels, optional arrays stay empty so recursive schemas stay small.
        count = int(schema.get("minItems", 0)) if depth > 5 else max(1, int(schema.get("minItems", 1)))
        return [sample(schema.get("items", {}), f"{seed}[{i}]", depth + 1) for i in range(count)]
    if jtype == "integer":
        return int(max(schema.get("minimum", 1), min(schema.get("maximum", 10), 10)))
    if jtype == "number":
        return float(max(schema.get("minimum", 1.5), min(schema.get("maximum", 10.5), 10.5)))
    if jtype == "boolean":
        return False
    if jtype == "null":
        return None
    return _string(schema, seed)


def _string(schema: dict[str, Any], seed: str) -> str:
    fmt = schema.get("format")
    if fmt == "date":
        return _DATE
    if fmt == "date-time":
        return _DATETIME
    if fmt in ("uri", "url"):
        return "https://example.com/" + _digits(seed, 6)
    if fmt == "email":
        return "someone@example.com"
    pattern = schema.get("pattern", "")
    max_len = int(schema.get("maxLength", 18))
    if pattern in ("^\\d+$", "^[0-9]+$", "^\\d{1,20}$") or pattern.startswith("^\\d"):
        return _digits(seed, max(1, min(18, max_len)))
    if pattern:
        return _from_pattern(pattern, seed)
    text = "sandbox-" + _digits(seed, 6)
    min_len = int(schema.get("minLength", 0))
    text = text.ljust(min_len, "x")
    return text[:max_len] if max_len < len(text) else text


def _from_pattern(pattern: str, seed: str) -> str:
    """A few pattern shapes the spec uses; anything else falls back to digits."""
    import re

    candidates = [
        _digits(seed, 18),
        _digits(seed, 10),
        "AB",
        "US",
        "en-US",
        _DATE,
        "a" * 3,
        "#ffffff",
        "0.5",
        "https://example.com/" + _digits(seed, 6),
    ]
    for c in candidates:
        try:
            if re.search(pattern, c):
                return c
        except re.error:
            break
    return _digits(seed, 18)
