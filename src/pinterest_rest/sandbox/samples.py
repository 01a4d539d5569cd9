"""Deterministic values that satisfy a JSON schema, for generic answers and reference data.

Values look like Pinterest's: the spec's own ``example`` where it fits the schema (scalar examples,
and object examples for free-form maps such as ``{"US": 100}``), else a value chosen by format and
field name: https URLs for links and images, ISO country codes, ``US-CA``-style geo codes, locales,
currencies, e-mail addresses, readable names. Never a placeholder like ``sandbox-123456``.

``sample(schema, seed, hint=...)`` chooses, inside a ``oneOf``/``anyOf``, the branch whose enum
fields accept the hint's values (a HOTEL product group gets the HOTEL branch, so every enum value
stays inside it) and fills the hint's own values into the sample.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .schemas import resolve

_DATE = "2026-01-15"
_DATETIME = "2026-01-15T12:00:00Z"


def _digits(seed: str, n: int = 18) -> str:
    value = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(value)[:n].rjust(n, "1")


def _field(seed: str) -> str:
    """The field a seed describes: ``op.items[0].image_url`` -> ``image_url``."""
    return re.sub(r"\[\d+\]", "", seed).rsplit(".", 1)[-1].lower()


def _branch(options: list[Any], hint: Any) -> Any:
    """The option whose declared enum/const fields accept the hint's values (the first otherwise)."""
    if not isinstance(hint, dict) or not hint:
        return options[0]
    best, best_score = options[0], -1
    for option in options:
        props = _properties(option)
        score = 0
        for key, value in hint.items():
            sub = resolve(props.get(key))
            if not isinstance(sub, dict) or isinstance(value, (dict, list)):
                continue
            allowed = sub.get("enum", [sub["const"]] if "const" in sub else None)
            if allowed is not None:
                if value not in allowed:
                    score = -1
                    break
                score += 1
        if score > best_score:
            best, best_score = option, score
    return best


def _properties(schema: Any, depth: int = 0) -> dict[str, Any]:
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 10:
        return {}
    out = dict(schema.get("properties") or {})
    for part in schema.get("allOf", ()):
        for k, v in _properties(part, depth + 1).items():
            out.setdefault(k, v)
    return out


def sample(schema: Any, seed: str = "x", depth: int = 0, hint: Any = None) -> Any:
    """A value valid against ``schema`` (when the schema allows one), the same for the same seed."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 40:
        return None
    example = schema.get("example")
    if (
        depth > 0
        and example is not None
        and not isinstance(example, (dict, list))
        and _field(seed) not in _SEEDED
        and _fits(schema, example)
    ):
        return example
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = sample(part, seed, depth + 1, hint)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not None:
                return value  # a scalar constrained by several parts (e.g. an enum plus a default)
        extra = {k: v for k, v in schema.items() if k != "allOf"}
        if extra.get("properties"):
            value = sample(extra, seed, depth + 1, hint)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(o).get("type") != "null"] or schema[key]
            chosen = sample(_branch(options, hint), seed, depth + 1, hint)
            own = {k: v for k, v in schema.items() if k != key}
            if isinstance(chosen, dict) and own.get("properties"):
                base = sample(own, seed, depth + 1, hint)  # fields declared beside the union apply too
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
        sub_hint = hint if isinstance(hint, dict) else {}
        out: dict[str, Any] = {k: sample(v, f"{seed}.{k}", depth + 1, sub_hint.get(k)) for k, v in props.items()}
        additional = schema.get("additionalProperties")
        if not props and isinstance(example, dict) and example:
            return dict(example)  # a free-form map: the spec's example shows its real keys
        if not out and isinstance(additional, dict) and schema.get("minProperties", 0) > 0:
            out = {"US": sample(additional, seed + ".US", depth + 1)}
        return out
    if jtype == "array":
        # Past a few levels, optional arrays stay empty so recursive schemas stay small.
        count = int(schema.get("minItems", 0)) if depth > 5 else max(1, int(schema.get("minItems", 1)))
        items = schema.get("items", {})
        if (
            isinstance(example, list)
            and example
            and len(example) >= count
            and all(_fits(resolve(items), e) for e in example)
        ):
            return list(example)
        return [sample(items, f"{seed}[{i}]", depth + 1) for i in range(count)]
    if jtype == "integer":
        return int(max(schema.get("minimum", 1), min(schema.get("maximum", 10), 10)))
    if jtype == "number":
        return float(max(schema.get("minimum", 1.5), min(schema.get("maximum", 10.5), 10.5)))
    if jtype == "boolean":
        return False
    if jtype == "null":
        return None
    return _string(schema, seed)


def _fits(schema: Any, value: Any) -> bool:
    """A cheap check that a spec example satisfies its own schema (type, enum, pattern, lengths, format)."""
    if not isinstance(schema, dict):
        return True
    jtype = schema.get("type")
    types = jtype if isinstance(jtype, list) else [jtype] if jtype else []
    kinds: dict[str, type | tuple[type, ...]] = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "object": dict,
        "array": list,
    }
    if types and not any(isinstance(value, kinds.get(t, object)) for t in types if t != "null"):
        return False
    if isinstance(value, bool) and types and "boolean" not in types:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, str):
        if len(value) < int(schema.get("minLength", 0)) or len(value) > int(schema.get("maxLength", 10**9)):
            return False
        if "pattern" in schema:
            try:
                if not re.search(schema["pattern"], value):
                    return False
            except re.error:
                return False
        fmt = schema.get("format")
        if fmt == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return False
        if fmt == "date-time" and not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value
        ):
            return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    return True


# Fields whose values should differ between objects (names are often unique per owner): seeded
# readable values, not the spec's one example.
_SEEDED = frozenset({"name", "title"})

# field-name rules, in order: (regex over the field name, value maker)
_BY_NAME: list[tuple[str, Any]] = [
    (r"(^|_)(email)($|_)", lambda s: "someone@example.com"),
    (r"(url|link|href|uri|website|domain_url)s?$", lambda s: f"https://www.example.com/p/{_digits(s, 8)}"),
    (r"(image|thumbnail|cover|icon|avatar|logo)", lambda s: f"https://i.example.com/images/{_digits(s, 8)}.jpg"),
    (r"(^|_)(website|domain|host)($|_)", lambda s: "www.example.com"),
    (r"(^|_)country(_code)?s?$|^countries$", lambda s: "US"),
    (r"(^|_)(geo|region|geos|regions)($|_)", lambda s: "US-CA"),
    (r"(^|_)location$", lambda s: f"https://www.example.com/feeds/{_digits(s, 6)}.csv"),
    (r"(^|_)locale", lambda s: "en-US"),
    (r"(^|_)language", lambda s: "en"),
    (r"(^|_)currency", lambda s: "USD"),
    (r"(^|_)(time_?zone|tz)($|_)", lambda s: "America/New_York"),
    (r"(^|_)username$", lambda s: "sandbox_user"),
    (r"(^|_)(color|colour|hex)", lambda s: "#E60023"),
    (r"(^|_)phone", lambda s: "+15555550123"),
    (r"(^|_)(zip|postal)", lambda s: "94107"),
    (r"(^|_)city$", lambda s: "San Francisco"),
    (r"(^|_)state$", lambda s: "CA"),
    (r"(^|_)(id|ids|token|key)$", lambda s: _digits(s, 13)),
    (r"(^|_)(first_name|last_name|full_name|business_name|display_name)$", lambda s: "Alex Example"),
    (r"(^|_)(name|title|label|headline)$", lambda s: f"Sample {_field(s).replace('_', ' ')} {_digits(s, 6)}"),
    (r"(description|text|message|note|comment|body|summary|details)", lambda s: "Sample text for the sandbox."),
    (
        r"(keyword|term|query|interest|topic|category|tag)s?$",
        lambda s: ["home decor", "recipes", "travel"][int(_digits(s, 1)) % 3],
    ),
]


def _string(schema: dict[str, Any], seed: str) -> str:
    fmt = schema.get("format")
    if fmt == "date":
        return _DATE
    if fmt == "date-time":
        return _DATETIME
    if fmt in ("uri", "url"):
        return f"https://www.example.com/p/{_digits(seed, 8)}"
    if fmt == "email":
        return "someone@example.com"
    pattern = schema.get("pattern", "")
    max_len = int(schema.get("maxLength", 10**6))
    min_len = int(schema.get("minLength", 0))
    if pattern in ("^\\d+$", "^[0-9]+$", "^\\d{1,20}$") or pattern.startswith("^\\d"):
        return _digits(seed, max(1, min(18, max_len)))
    if pattern:
        return _from_pattern(pattern, seed)
    raw = re.sub(r"\[\d+\]", "", seed).rsplit(".", 1)[-1]
    if raw in ("GEO", "LOCATION"):  # targeting-spec keys: Pinterest's geo codes
        return "US-CA" if raw == "GEO" else "US"
    name = _field(seed)
    for rule, make in _BY_NAME:
        if re.search(rule, name):
            text: str = make(seed)
            if min_len <= len(text) <= max_len:
                return text
    text = f"{name.replace('_', ' ')} {_digits(seed, 4)}".strip() if name else _digits(seed, 8)
    text = text.ljust(min_len, "x")
    return text[:max_len]


def _from_pattern(pattern: str, seed: str) -> str:
    """A few pattern shapes the spec uses; anything else falls back to digits."""
    candidates = [
        _digits(seed, 18),
        _digits(seed, 13),
        _digits(seed, 10),
        "US",
        "en-US",
        "AB",
        _DATE,
        "abc",
        "#ffffff",
        "0.5",
        f"https://www.example.com/p/{_digits(seed, 6)}",
    ]
    for c in candidates:
        try:
            if re.search(pattern, c):
                return c
        except re.error:
            break
    return _digits(seed, 18)
