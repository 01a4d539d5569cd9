"""Build the HTTP request for one operation call: check the arguments, then serialise them.

Pure functions of (operation, arguments, settings); the sync and async pipelines both call
``build_request``. Every check here runs before anything is sent, and each error names the
argument at fault.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from ._errors import ValidationError
from ._transport import Request
from ._types import NOT_GIVEN, Timeout

if TYPE_CHECKING:
    from ._operation import Operation, Param

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list, tuple),
    "object": (dict, Mapping),
}


def _type_ok(value: Any, jtype: str) -> bool:
    expected = _TYPES.get(jtype)
    if expected is None:
        return True
    if isinstance(value, bool) and jtype in ("integer", "number"):
        return False
    return isinstance(value, expected)


def _check(op: Operation, p: Param, value: Any) -> None:
    if value is None:
        if p.location == "body" and not p.nullable and p.required:
            raise ValidationError(f"{op.id}: {p.attr} is required and cannot be None", argument=p.attr, operation=op.id)
        return
    if p.location == "path" and isinstance(value, int) and not isinstance(value, bool):
        return  # ids are often held as ints; they are sent as their decimal string
    if not _type_ok(value, p.type):
        raise ValidationError(
            f"{op.id}: {p.attr} must be {_article(p.type)}, not {type(value).__name__} ({value!r:.60})",
            argument=p.attr,
            operation=op.id,
        )
    if p.enum and p.type in ("string", "integer") and value not in p.enum:
        raise ValidationError(
            f"{op.id}: {p.attr}={value!r} is not one of {', '.join(map(str, p.enum))}", argument=p.attr, operation=op.id
        )
    if p.type == "array":
        for item in value:
            if p.items_type and item is not None and not _type_ok(item, p.items_type):
                raise ValidationError(
                    f"{op.id}: every {p.attr} item must be {_article(p.items_type)}, not {type(item).__name__} ({item!r:.60})",
                    argument=p.attr,
                    operation=op.id,
                )
            if p.items_enum and item not in p.items_enum:
                raise ValidationError(
                    f"{op.id}: {p.attr} item {item!r} is not one of {', '.join(map(str, p.items_enum))}",
                    argument=p.attr,
                    operation=op.id,
                )


def _article(jtype: str) -> str:
    return {"integer": "an int", "array": "a list", "object": "a dict", "boolean": "a bool", "number": "a number"}.get(
        jtype, "a str"
    )


def _query_value(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def bind(op: Operation, args: Mapping[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]], Any]:
    """Check ``args`` against the operation; return (escaped path values, query pairs, body)."""
    path: dict[str, str] = {}
    query: list[tuple[str, str]] = []
    body: Any = NOT_GIVEN
    for p in op.params:
        value = args.get(p.attr, NOT_GIVEN)
        if value is NOT_GIVEN or (value is None and p.location != "body"):
            if p.required:
                raise ValidationError(
                    f"{op.id}: missing required argument {p.attr!r}", argument=p.attr, operation=op.id
                )
            continue
        _check(op, p, value)
        if p.location == "path":
            text = str(value)
            if not text.strip():
                raise ValidationError(f"{op.id}: {p.attr} must not be empty", argument=p.attr, operation=op.id)
            path[p.name] = quote(text, safe="")
        elif p.location == "query":
            if p.type == "array":
                items = [_query_value(v) for v in value]
                if p.explode:
                    query.extend((p.name, v) for v in items)
                else:
                    query.append((p.name, ",".join(items)))
            else:
                query.append((p.name, _query_value(value)))
        else:
            if body is NOT_GIVEN:
                body = {}
            body[p.name] = value
    if op.body_mode == "whole":
        body = args.get("body", NOT_GIVEN)
        if body is NOT_GIVEN and op.body_required:
            raise ValidationError(f"{op.id}: missing required argument 'body'", argument="body", operation=op.id)
        if body is not NOT_GIVEN and not isinstance(body, (dict, list, tuple)):
            raise ValidationError(
                f"{op.id}: body must be a dict or a list, not {type(body).__name__}", argument="body", operation=op.id
            )
    elif op.body_mode == "fields" and body is NOT_GIVEN and op.body_required:
        body = {}
    return path, query, body


def build_request(
    op: Operation,
    args: Mapping[str, Any],
    *,
    base_url: str,
    headers: dict[str, str],
    timeout: Timeout | None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
) -> Request:
    path, query, body = bind(op, args)
    url = base_url + (op.path.format_map(path) if path else op.path)
    if extra_query:
        query.extend((k, _query_value(v)) for k, v in extra_query.items())
    if query:
        url += "?" + urlencode(query, quote_via=quote, safe=",")
    if extra_body:
        if body is NOT_GIVEN:
            body = {}
        if not isinstance(body, dict):
            raise ValidationError(f"{op.id}: extra_body needs an object body", argument="extra_body", operation=op.id)
        body = {**body, **extra_body}
    content: bytes | None = None
    if body is not NOT_GIVEN:
        if op.body_type == "form":
            content = urlencode({k: _query_value(v) for k, v in body.items()}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
    return Request(op.http_method, url, headers, content, timeout, op)
