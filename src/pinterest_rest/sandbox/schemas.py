"""The generated JSON schemas (``_data/schemas.json``) and validators over them, loaded once.

Keys name a schema: ``"op:<operationId>|request"``, ``"op:<id>|response"``, ``"op:<id>|query:<name>"``,
``"op:<id>|path:<name>"`` or ``"def:<ComponentName>"``.

Three corrections to the generated schemas happen here, when a validator is built:

* ``oneOf`` is read as ``anyOf``: the spec's branches often overlap (a body valid under two of them),
  which a strict validator rejects although Pinterest accepts it.
* ``nullable: true`` beside ``allOf``/``$ref`` (emitted as ``type: [T, "null"]`` next to them) really
  accepts null: the null is moved into its own ``anyOf`` branch, because the ``allOf`` part would
  otherwise still reject it.
* formats are checked: ``date`` (YYYY-MM-DD) and ``date-time`` (RFC 3339, so with a UTC offset).

``errors`` explains a failure without echoing the value: the field's dotted path and what the spec
wants there ("must be one of ...", "is required", "must match pattern ..."), choosing inside an
``anyOf``/``oneOf`` the branch the value's discriminator-like enum fields select, else the branch with
the fewest problems. ``unknown_fields`` lists body keys no schema declares.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

_lock = threading.Lock()
_doc: dict[str, Any] | None = None


def document() -> dict[str, Any]:
    global _doc
    if _doc is None:
        with _lock:
            if _doc is None:
                text = resources.files("pinterest_rest").joinpath("_data/schemas.json").read_text("utf-8")
                _doc = json.loads(text)
    return _doc


def defs() -> dict[str, Any]:
    result: dict[str, Any] = document()["$defs"]
    return result


def operation(op_id: str) -> dict[str, Any]:
    result: dict[str, Any] = document()["operations"][op_id]
    return result


def resolve(schema: Any) -> Any:
    """Follow ``$ref`` to the definition it names."""
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 50:
        schema = defs()[schema["$ref"].rsplit("/", 1)[-1]]
        seen += 1
    return schema


def _prepare(node: Any) -> Any:
    """oneOf read as anyOf, and nullable-beside-allOf/$ref made to accept null (see the module doc)."""
    if isinstance(node, list):
        return [_prepare(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {("anyOf" if k == "oneOf" else k): _prepare(v) for k, v in node.items()}
    jtype = out.get("type")
    if isinstance(jtype, list) and "null" in jtype and any(k in out for k in ("allOf", "$ref", "anyOf")):
        rest = [t for t in jtype if t != "null"]
        inner = {**out, "type": rest[0] if len(rest) == 1 else rest}
        return {"anyOf": [inner, {"type": "null"}]}
    return out


@lru_cache(maxsize=1)
def _prepared_defs() -> dict[str, Any]:
    result: dict[str, Any] = _prepare(defs())
    return result


_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _format_checker() -> Any:
    from jsonschema import FormatChecker  # type: ignore[import-untyped]  # optional: [sandbox] extra

    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    checker.checks("date-time")(_is_date_time)
    return checker


def schema_for(key: str) -> Any:
    """The raw (generated) schema a key names."""
    kind, _, name = key.partition(":")
    if kind == "def":
        return {"$ref": f"#/$defs/{name}"}
    op_id, _, part = name.rpartition("|")
    node = operation(op_id)
    return node["params"][part] if part.startswith(("query:", "path:")) else node[part]


@lru_cache(maxsize=4096)
def _validator(key: str, formats: bool = True) -> Any:
    from jsonschema import Draft202012Validator

    schema = schema_for(key)
    if isinstance(schema, dict):
        schema = {**_prepare(schema), "$defs": _prepared_defs()}
    return Draft202012Validator(schema, format_checker=_format_checker() if formats else None)


def errors(key: str, value: Any, formats: bool = True) -> list[str]:
    """Problems of ``value`` against the schema ``key`` names, as "field: what the spec wants" (at most 3)."""
    found = sorted(_validator(key, formats).iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
    return [describe(e) for e in found[:3]]


def is_valid(key: str, value: Any) -> bool:
    return bool(_validator(key).is_valid(value))


# -- messages ------------------------------------------------------------------------------------


def _where(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _list(values: Any, limit: int = 6) -> str:
    shown = [json.dumps(v) for v in list(values)[:limit]]
    more = len(list(values)) - limit
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def _pick_branch(err: Any) -> Any | None:
    """The sub-error to explain an anyOf/oneOf failure with: the discriminated or closest branch."""
    branches: dict[int, list[Any]] = {}
    for sub in err.context or ():
        index = sub.schema_path[0] if sub.schema_path else 0
        branches.setdefault(int(index) if isinstance(index, int) else 0, []).append(sub)
    if not branches:
        return None
    base = len(err.absolute_path)

    def discriminator_miss(subs: list[Any]) -> bool:
        # A branch whose enum/const field one level down rejects the value was not the one meant.
        return any(s.validator in ("enum", "const") and len(s.absolute_path) == base + 1 for s in subs)

    candidates = {i: subs for i, subs in branches.items() if not discriminator_miss(subs)} or branches
    index = min(candidates, key=lambda i: (len(candidates[i]), -max(len(s.absolute_path) for s in candidates[i])))
    return sorted(candidates[index], key=lambda s: (-len(s.absolute_path), list(map(str, s.absolute_path))))[0]


def describe(err: Any) -> str:
    """One short sentence naming the field and what is wrong, never the value sent."""
    depth = 0
    while err.validator in ("anyOf", "oneOf") and depth < 20:
        chosen = _pick_branch(err)
        if chosen is None:
            break
        err, depth = chosen, depth + 1
    where = _where(err.absolute_path)
    kind, want = err.validator, err.validator_value
    if kind == "required":
        missing = next((k for k in want if isinstance(err.instance, dict) and k not in err.instance), "?")
        return f"{_where([*err.absolute_path, missing])} is required"
    if kind == "type":
        types = want if isinstance(want, list) else [want]
        text = f"must be {' or '.join(types)}"
    elif kind == "enum":
        text = f"must be one of {_list(want)}"
    elif kind == "const":
        text = f"must be {json.dumps(want)}"
    elif kind == "pattern":
        text = f"must match pattern {want}"
    elif kind == "format":
        text = {
            "date": "must be a date (YYYY-MM-DD)",
            "date-time": "must be an RFC 3339 date-time with a UTC offset",
        }.get(want, f"must be a {want}")
    elif kind in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        unit = {"Len": "characters", "Ite": "items", "Pro": "fields"}[kind[3:6]]
        text = f"must have {'at least' if kind.startswith('min') else 'at most'} {want} {unit}"
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[kind]
        text = f"must be {word} {want}"
    elif kind == "multipleOf":
        text = f"must be a multiple of {want}"
    elif kind == "uniqueItems":
        text = "must not repeat items"
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        text = "has a field the spec does not declare"
    elif kind == "not":
        text = "is not allowed here"
    else:
        text = f"does not match the spec ({kind})"
    return f"{where} {text}" if where else text[0].upper() + text[1:] if text else text


# -- unknown keys --------------------------------------------------------------------------------


# Base schema -> its subtypes, for the two schemas the spec types only through a ``discriminator``
# mapping (no oneOf), which the generated schemas drop; the subtypes' fields are real fields of
# the base. tests/sandbox/test_engine_validation.py checks this table against the spec.
SUBTYPES: dict[str, tuple[str, ...]] = {
    "OauthAccessTokenRequest": (
        "OauthAccessTokenRequestCode",
        "OauthAccessTokenRequestRefresh",
        "OauthAccessTokenRequestClientCredentials",
    ),
    "OauthAccessTokenResponse": (
        "OauthAccessTokenResponseCode",
        "OauthAccessTokenResponseRefresh",
        "OauthAccessTokenResponseClientCredentials",
        "OauthAccessTokenResponseIntegrationRefresh",
    ),
}


def _parts(schema: Any, subtypes: bool = False, seen: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """The schema and every allOf/anyOf/oneOf part of it, $refs followed once each (and, with
    ``subtypes``, the definitions that extend a referenced one)."""
    seen = set() if seen is None else seen
    if isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        seen.add(name)
        if subtypes:
            for child in SUBTYPES.get(name, ()):
                yield from _parts({"$ref": f"#/$defs/{child}"}, subtypes, seen)
        schema = defs().get(name)
    if not isinstance(schema, dict):
        return
    yield schema
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, ()):
            yield from _parts(part, subtypes, seen)


def unknown_fields(schema: Any, value: Any, path: tuple[Any, ...] = (), depth: int = 0) -> list[str]:
    """Dotted paths of object keys in ``value`` that ``schema`` (with all its parts) does not declare.

    An object whose schema allows extra keys (``additionalProperties`` not false, or
    ``patternProperties``) or declares no properties at all (a free-form map) accepts any key.
    """
    if depth > 30:
        return []
    parts = list(_parts(schema, subtypes=True))
    if isinstance(value, list):
        found: list[str] = []
        item_schemas = [p["items"] for p in parts if isinstance(p.get("items"), dict)]
        for i, item in enumerate(value):
            if item_schemas:  # union branches may each declare items: the one that fits best judges
                found += _fewest([unknown_fields(s, item, (*path, i), depth + 1) for s in item_schemas])
        return found
    if not isinstance(value, dict):
        return []
    props: dict[str, list[Any]] = {}
    for p in parts:
        for name, sub in (p.get("properties") or {}).items():
            props.setdefault(name, []).append(sub)
    open_map = any(
        ("additionalProperties" in p and p["additionalProperties"] is not False) or "patternProperties" in p
        for p in parts
    )
    if not props or open_map:
        return []
    found = []
    for key, item in value.items():
        if key not in props:
            found.append(_where([*path, key]))
            continue
        # a key declared by several union branches (PinMediaSource's ``items``): the best fit judges
        found += _fewest([unknown_fields(s, item, (*path, key), depth + 1) for s in props[key]])
    return found


def _fewest(candidates: list[list[str]]) -> list[str]:
    """The shortest list of unknown fields: the union branch that fits the value best."""
    return min(candidates, key=len)


def property_schemas(schema: Any) -> dict[str, Any]:
    """Each declared property of an object schema (all parts merged; the first declaration wins)."""
    out: dict[str, Any] = {}
    for p in _parts(schema):
        for name, sub in (p.get("properties") or {}).items():
            out.setdefault(name, sub)
    return out


@lru_cache(maxsize=4096)
def _null_ok(op_id: str, name: str) -> bool | None:
    """Whether the stored object an update answers with may hold null in ``name`` (None: not declared)."""
    entity = entity_schema(op_id)
    sub = property_schemas(entity).get(name) if entity is not None else None
    if sub is None:
        return None
    from jsonschema import Draft202012Validator

    schema = {**_prepare(sub), "$defs": _prepared_defs()} if isinstance(sub, dict) else sub
    return bool(Draft202012Validator(schema).is_valid(None))


def null_ok(op_id: str, name: str) -> bool | None:
    return _null_ok(op_id, name)


def entity_schema(op_id: str) -> Any:
    """The object an operation answers with: the response, a page's or batch's item, or its ``data``."""
    node = operation(op_id)["response"]
    if node is None:
        return None
    props = property_schemas(node)
    items = resolve(props.get("items")) if "items" in props else None
    if isinstance(items, dict) and isinstance(items.get("items"), dict):
        node = items["items"]
        inner = property_schemas(node)
        if "data" in inner:
            node = inner["data"]
    return node
