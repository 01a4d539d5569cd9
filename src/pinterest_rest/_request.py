"""Build the HTTP request for one operation call: check the arguments, then serialise them.

Pure functions of (operation, arguments, settings); the sync and async pipelines both call
``build_request``. Every check here runs before anything is sent, and each error names the
argument at fault. Query strings follow each parameter's OpenAPI ``style``/``explode``
(see ``_query.py``); bodies are JSON except for the two OAuth token operations.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from ._errors import ValidationError
from ._plan import Plan, plan_for
from ._transport import Request
from ._types import NOT_GIVEN, Timeout

if TYPE_CHECKING:
    from types import ModuleType

    from ._operation import Operation, Param

_q: ModuleType | None = None


def _query() -> ModuleType:
    """``_query``, imported by the first call that sends a query string or a form body: a call with
    neither (the first GET of most programs) never loads it."""
    global _q
    if _q is None:
        from . import _query as module

        _q = module
    return _q


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


def _fail(op: Operation, p: Param | str, message: str) -> ValidationError:
    name = p if isinstance(p, str) else p.attr
    sep = "" if message.startswith("=") else " "
    return ValidationError(f"{op.id}: {name}{sep}{message}", argument=name, operation=op.id)


def _check(op: Operation, plan: Plan, p: Param, value: Any) -> None:
    if value is None:
        if p.location == "body" and not p.nullable and p.required:
            raise _fail(op, p, "is required and cannot be None")
        return
    if p.location == "path" and isinstance(value, int) and not isinstance(value, bool):
        return  # ids are often held as ints; they are sent as their decimal string (checked in _path_text)
    if not _type_ok(value, p.type):
        raise _fail(op, p, f"must be {_article(p.type)}, not {type(value).__name__} ({value!r:.60})")
    if p.enum and p.type in ("string", "integer") and value not in p.enum:
        raise _fail(op, p, f"={value!r} {_not_allowed(value, p.enum)}")
    if p.type == "array":
        for item in value:
            if item is None:
                if p.location == "query":
                    raise _fail(op, p, "contains None: a query string cannot carry a null item")
                continue
            if p.items_type and not _type_ok(item, p.items_type):
                raise _fail(
                    op, p, f"items must each be {_article(p.items_type)}, not {type(item).__name__} ({item!r:.60})"
                )
            if p.items_enum and item not in p.items_enum:
                raise _fail(op, p, f"item {item!r} {_not_allowed(item, p.items_enum)}")
        _check_size(op, plan, p.attr, value)


def _not_allowed(value: Any, allowed: tuple[str | int | float, ...]) -> str:
    """The "is not one of ..." text: short sets listed whole, long ones by count; the closest suggested."""
    from ._suggest import closest  # the error path only

    match = closest(str(value), map(str, allowed))
    hint = f"; did you mean {match!r}?" if match else ""
    if len(allowed) <= 12:
        return f"is not one of {', '.join(map(str, allowed))}{hint}"
    return f"is not one of the {len(allowed)} values the API allows{hint}"


def _check_size(op: Operation, plan: Plan, name: str, value: Any) -> None:
    bounds = plan.limits(op).get(name)
    if bounds is None:
        return
    low, high = bounds
    if high is not None and len(value) > high:
        raise _fail(
            op, name, f"has {len(value)} items; Pinterest takes at most {high} per request (send them in batches)"
        )
    if low is not None and len(value) < low:
        raise _fail(op, name, f"has {len(value)} items; it needs at least {low}")


def _article(jtype: str) -> str:
    return {"integer": "an int", "array": "a list", "object": "a dict", "boolean": "a bool", "number": "a number"}.get(
        jtype, "a str"
    )


def _check_pattern(op: Operation, plan: Plan, p: Param, text: str) -> None:
    pattern = plan.pattern(p.name)
    # "$" also matches before a final newline in Python (not in the spec's ECMAScript): no newlines.
    if pattern is not None and (pattern.search(text) is None or "\n" in text):
        raise _fail(op, p, f"={text!r:.60} does not match the pattern {pattern.pattern} the API requires")


def _path_text(op: Operation, plan: Plan, p: Param, value: Any) -> str:
    text = str(value)
    if not text.strip():
        raise _fail(op, p, "must not be empty")
    if text in (".", ".."):
        # A dot segment would be collapsed by URL normalisation and hit the parent resource.
        raise _fail(op, p, f"must not be {text!r} (a dot segment would address a different resource)")
    _check_pattern(op, plan, p, text)
    try:
        return quote(text, safe="")
    except UnicodeEncodeError:
        raise _fail(op, p, "contains a lone surrogate and cannot be sent as UTF-8") from None


def bind(op: Operation, args: Mapping[str, Any], plan: Plan | None = None) -> tuple[dict[str, str], list[str], Any]:
    """Check ``args`` against the operation; return (escaped path values, encoded query pairs, body)."""
    if plan is None:
        plan = plan_for(op)
    path: dict[str, str] = {}
    query: list[str] = []
    body: Any = NOT_GIVEN
    digit_ids = plan.digit_ids
    for attr, name, location, required, p in plan.fields:
        value = args.get(attr, NOT_GIVEN)
        if value is NOT_GIVEN or (value is None and location != "body"):
            if required:
                raise _fail(op, p, "is a required argument and is missing")
            continue
        if location == "path":
            if type(value) is str and name in digit_ids and value.isdigit() and value.isascii():
                path[name] = value  # the common case: a numeric id, valid and URL-safe as it is
                continue
            _check(op, plan, p, value)
            path[name] = _path_text(op, plan, p, value)
            continue
        _check(op, plan, p, value)
        if location == "query":
            if name in plan.patterns and not isinstance(value, (list, tuple, dict)):
                _check_pattern(op, plan, p, str(value))
            try:
                (_q or _query()).encode_param(query, p, value)
            except ValueError as exc:  # a value the query string cannot carry; UnicodeEncodeError included
                raise _fail(op, p, _why(exc)) from None
        else:
            if body is NOT_GIVEN:
                body = {}
            body[name] = value
    if op.body_mode == "whole":
        body = args.get("body", NOT_GIVEN)
        if body is NOT_GIVEN and op.body_required:
            raise _fail(op, "body", "is a required argument and is missing")
        if body is not NOT_GIVEN:
            if not isinstance(body, (dict, list, tuple)):
                raise _fail(op, "body", f"must be a dict or a list, not {type(body).__name__}")
            if not isinstance(body, dict):
                _check_size(op, plan, "body", body)
    elif op.body_mode == "fields" and body is NOT_GIVEN and op.body_required:
        body = {}
    return path, query, body


def _why(exc: ValueError) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return "contains a lone surrogate and cannot be sent as UTF-8"
    return str(exc)


def _json(op: Operation, body: Any) -> bytes:
    try:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    except UnicodeEncodeError:
        where, _ = _find_bad(body, "")
        raise _fail(op, where or "body", "contains a lone surrogate and cannot be sent as UTF-8") from None
    except (TypeError, ValueError) as exc:
        where, bad = _find_bad(body, "")
        if not where:  # e.g. a circular reference: nothing to point at
            raise _fail(op, "body", f"cannot be sent as JSON: {exc}") from None
        raise _fail(op, where, f"cannot be sent as JSON ({type(bad).__name__}: {bad!r:.60})") from None


def _find_bad(value: Any, where: str) -> tuple[str, Any]:
    """The first leaf that JSON cannot carry, with a dotted path to it (the error path only)."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = _find_bad(item, f"{where}.{key}" if where else str(key))
            if found[0] or found[1] is not None:
                return found
        return "", None
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _find_bad(item, f"{where}[{i}]" if where else f"body[{i}]")
            if found[0] or found[1] is not None:
                return found
        return "", None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where, value
        return "", None
    if value is None or isinstance(value, (bool, int)):
        return "", None
    if isinstance(value, float):
        return ("", None) if value == value and value not in (float("inf"), float("-inf")) else (where, value)
    return where, value


def build_request(
    op: Operation,
    args: Mapping[str, Any],
    *,
    base_url: str,
    headers: dict[str, str],
    timeout: Timeout | None,
    extra_query: Mapping[str, Any] | None = None,
    extra_body: Mapping[str, Any] | None = None,
    plan: Plan | None = None,
) -> Request:
    return build(op, plan or plan_for(op), args, base_url, headers, timeout, extra_query, extra_body)


def build(
    op: Operation,
    plan: Plan,
    args: Mapping[str, Any],
    base_url: str,
    headers: dict[str, str],
    timeout: Timeout | None,
    extra_query: Mapping[str, Any] | None,
    extra_body: Mapping[str, Any] | None,
) -> Request:
    """``build_request`` with positional arguments: the pipeline's call on every request."""
    path, query, body = bind(op, args, plan)
    parts = plan.path_parts
    if len(parts) == 1:
        url = base_url + parts[0]
    elif len(parts) == 3:  # one path parameter: most operations
        url = base_url + parts[0] + path[parts[1]] + parts[2]
    else:
        url = base_url + "".join(part if i % 2 == 0 else path[part] for i, part in enumerate(parts))
    if extra_query:
        _query().encode_extra_query(query, extra_query)
    if query:
        url += "?" + "&".join(query)
    if extra_body:
        if body is NOT_GIVEN:
            body = {}
        if not isinstance(body, dict):
            raise _fail(op, "extra_body", "needs an object body; this operation's body is a list")
        body = {**body, **extra_body}
    content: bytes | None = None
    if body is not NOT_GIVEN:
        if op.body_type == "form":
            try:
                text_of = _query().text_of
                content = urlencode({k: text_of(v) for k, v in body.items()}).encode()
            except ValueError as exc:
                where, _ = _find_bad(body, "")
                raise _fail(op, where or "body", _why(exc)) from None
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            content = _json(op, body)
            headers["Content-Type"] = "application/json"
    return Request(op.http_method, url, headers, content, timeout, op)
