"""What a request carries, parsed and checked as strictly as the spec, no stricter, no looser.

* path values and query parameters against their schemas (arrays repeated or comma-joined; object
  parameters in ``style: deepObject`` form, ``parameters[catalog_type]=RETAIL``, or as JSON text);
* the body against the request schema (formats included; a null where the request schema does not
  allow one is a 400 naming the field), then two rules the schema cannot say: a key no schema
  declares is a 400 naming it (the sandbox's choice: Pinterest may ignore unknown keys, but a
  misspelt field silently dropped makes a wrong client pass its test), and in an update (PATCH) a
  null the request allows clears the field where the stored object may hold null and otherwise
  leaves it unchanged, so no answer ever carries a null the response schema forbids.

Messages name the parameter or field and what the spec wants there; they never repeat the value
sent (which may be long, or a secret).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from .._operation import Operation, Param
from . import schemas
from .errors import bad_request

# Fields Pinterest documents in an operation's description but its schema does not declare.
DOCUMENTED_EXTRA: dict[str, frozenset[str]] = {
    "oauth/token": frozenset({"continuous_refresh"}),  # "set the continuous_refresh parameter to true"
}

_DEEP = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])+)$")


def check_path(op: Operation, values: dict[str, str]) -> None:
    for p in op.path_params:
        problems = schemas.errors(f"op:{op.id}|path:{p.name}", values.get(p.name, ""))
        if problems:
            raise bad_request(f"Invalid path parameter {p.name}: {problems[0]}")


def parse_query(op: Operation, raw: str) -> dict[str, Any]:
    values: dict[str, list[str]] = {}
    deep: dict[str, dict[str, Any]] = {}
    for key, text in parse_qsl(raw, keep_blank_values=True):
        match = _DEEP.match(key)
        if match:
            node = deep.setdefault(match.group(1), {})
            keys = re.findall(r"\[([^\[\]]*)\]", match.group(2))
            for k in keys[:-1]:
                child = node.setdefault(k, {})
                node = child if isinstance(child, dict) else {}
            node[keys[-1]] = text
        else:
            values.setdefault(key, []).append(text)
    out: dict[str, Any] = {}
    for p in op.params:
        if p.location != "query":
            continue
        if p.type == "object" and p.name in deep:
            value: Any = _typed_object(op, p, deep[p.name])
        elif p.name in values:
            value = _convert(p, values[p.name])
            if value == [] and values[p.name] == [""]:
                # ``name=`` is an empty list, or a list of one empty string: whichever the spec allows.
                key = f"op:{op.id}|query:{p.name}"
                value = [] if not schemas.errors(key, []) or schemas.errors(key, [""]) else [""]
        else:
            if p.required:
                raise bad_request(f"Missing required query parameter: {p.name}")
            continue
        problems = schemas.errors(f"op:{op.id}|query:{p.name}", value)
        if problems:
            raise bad_request(f"Invalid query parameter {p.name}: {problems[0]}")
        out[p.name] = value
    return out


def _typed_object(op: Operation, p: Param, raw: dict[str, Any]) -> dict[str, Any]:
    """deepObject values arrive as text: give each the JSON type its property's schema declares."""
    props = schemas.property_schemas(schemas.schema_for(f"op:{op.id}|query:{p.name}"))
    out: dict[str, Any] = {}
    for key, value in raw.items():
        sub = schemas.resolve(props.get(key)) if key in props else None
        jtype = sub.get("type") if isinstance(sub, dict) else None
        jtype = next((t for t in jtype if t != "null"), None) if isinstance(jtype, list) else jtype
        out[key] = value if isinstance(value, dict) else _scalar(jtype, value)
    return out


def parse_body(op: Operation, raw: bytes) -> Any:
    if op.body_type is None:
        return None
    if not raw:
        if op.body_required:
            raise bad_request("Missing request body")
        return None
    if op.body_type == "form":
        body: Any = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    else:
        try:
            body = json.loads(raw)
        except ValueError:
            raise bad_request("Request body is not valid JSON") from None
    return check_body(op, body)


def check_body(op: Operation, body: Any) -> Any:
    """The body if the spec allows it (with update nulls the stored object cannot hold removed)."""
    problems = schemas.errors(f"op:{op.id}|request", body)
    if problems:
        raise bad_request(f"Invalid request body: {problems[0]}")
    unknown = schemas.unknown_fields(schemas.schema_for(f"op:{op.id}|request"), body)
    unknown = [u for u in unknown if u not in DOCUMENTED_EXTRA.get(op.id, ())]
    if unknown:
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        raise bad_request(f"Invalid request body: unknown field {unknown[0][:80]}{more}")
    if op.http_method == "PATCH":
        # The request schema allowed these nulls (else the check above named the field). Where the
        # stored object may hold null, null clears the field; where it may not, the null means
        # "not sent" (Pinterest's own generated client sends null for every field it leaves unset).
        for item, name in _nulls(body):
            if schemas.null_ok(op.id, name) is False:
                del item[name]
    return body


def _nulls(body: Any) -> list[tuple[dict[str, Any], str]]:
    """(object, field) of top-level null fields of an update body (an object or a batch array)."""
    objects = (
        [body] if isinstance(body, dict) else [b for b in body if isinstance(b, dict)] if isinstance(body, list) else []
    )
    return [(obj, k) for obj in objects for k, v in list(obj.items()) if v is None]


def _convert(p: Param, raw: list[str]) -> Any:
    """Query strings to typed values, as Pinterest reads them (arrays repeated or comma-joined)."""
    if p.type == "array":
        # ``name=`` (an empty value) is how an empty list travels in a query string.
        items = [part for value in raw if value != "" for part in (value.split(",") if "," in value else [value])]
        return [_scalar(p.items_type, v) for v in items]
    return _scalar(p.type, raw[-1])


def _scalar(jtype: str | None, value: str) -> Any:
    if jtype == "integer":
        try:
            return int(value)
        except ValueError:
            return value  # left as text: the schema check then names the parameter
    if jtype == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if jtype == "boolean":
        return {"true": True, "false": False}.get(value.lower(), value)
    if jtype == "object":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
