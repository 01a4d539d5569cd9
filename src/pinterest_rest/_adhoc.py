"""``client.request(method, path, ...)``: any endpoint, through the same pipeline as the generated
methods (auth with token refresh, retries, rate-limit bookkeeping, the error tree).

For an endpoint newer than this client, or one the spec does not describe. The request is built
from a one-off operation record: when ``method`` and ``path`` match an operation of the registry
(``/boards/123`` matches ``/boards/{board_id}``), its security and rate-limit category are used,
so ``/oauth/token`` gets Basic auth and ``/ad_accounts/{id}/events`` the conversion token; any
other path is called with the bearer token. Nothing is checked against the spec beyond that:
the method is one of GET, POST, PUT, PATCH, DELETE and the path is not empty. The body, when
given, is sent as JSON. Writes are retried only when provably unsent, as for generated methods.

The answer is the decoded JSON, the body as text when it is not JSON, or None when it is empty;
``raw=True`` returns a ``RawResponse`` (status, headers, parsed body, rate limit, request id).

The ``request`` methods themselves are in ``_client.py``; this module is imported on their first
call, so creating a client does not load it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlsplit

from ._errors import ValidationError
from ._types import NotGiven

if TYPE_CHECKING:
    from ._async_pipeline import AsyncPipeline
    from ._operation import Operation
    from ._pipeline import RawResponse, SyncPipeline
    from ._types import TimeoutTypes

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
QueryValue = str | int | float | bool | list[Any] | tuple[Any, ...] | None


def known_operation(method: str, path: str) -> Operation | None:
    """The registry operation whose template matches ``method path`` (the most literal one).

    Matched against the registry's index (method and path of every operation), so only the one
    matching record's area is loaded, not the whole registry.
    """
    from ._registry import INDEX, get

    parts = path.strip("/").split("/")
    best: tuple[int, str] | None = None
    for op_id, (_area, _method_name, verb, template_path) in INDEX.items():
        if verb != method:
            continue
        template = template_path.strip("/").split("/")
        if len(template) != len(parts):
            continue
        holes = 0
        for want, got in zip(template, parts):
            if want.startswith("{") and want.endswith("}"):
                holes += 1
            elif want != got:
                break
        else:
            if best is None or holes < best[0]:
                best = (holes, op_id)
    return get(best[1]) if best else None


def adhoc_operation(
    method: str, path: str, query: Mapping[str, QueryValue] | None, has_body: bool, base_url: str
) -> tuple[Operation, dict[str, Any]]:
    """A one-off operation record for ``method path`` and the arguments it is called with."""
    from ._operation import Operation, Param  # here: importing the client must not load the records

    verb = method.upper()
    if verb not in METHODS:
        raise ValidationError(f"request: method must be one of {', '.join(METHODS)}, not {method!r}", argument="method")
    path = _relative(path, base_url)
    merged: dict[str, Any] = {}
    if "?" in path:  # a query string in the path joins the query mapping (repeated keys as lists)
        path, text = path.split("?", 1)
        for key, value in parse_qsl(text, keep_blank_values=True):
            merged[key] = (
                [*merged[key], value]
                if isinstance(merged.get(key), list)
                else ([merged[key], value] if key in merged else value)
            )
    merged.update(query or {})
    known = known_operation(verb, path)
    args: dict[str, Any] = {}
    params: list[Param] = []
    for name, value in merged.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            params.append(Param(name, "query", "array", explode=True, py_name=f"q{len(params)}"))
        else:
            params.append(Param(name, "query", "any", py_name=f"q{len(params)}"))
        args[f"q{len(params) - 1}"] = value
    op = Operation(
        known.id if known else f"request {verb} {path}",  # the id steers auth (events/create) and errors
        known.resource if known else "",
        known.method_name if known else "request",
        verb,
        quote(path, safe="/:@!$&'()*+,;=-._~%"),
        params=tuple(params),
        body_type="json" if has_body else None,
        body_mode="whole" if has_body else None,
        response_kind="lenient",
        security=known.security if known else (("pinterest_oauth2", ()),),
        ratelimit_category=known.ratelimit_category if known else "",
    )
    return op, args


def _relative(path: str, base_url: str) -> str:
    """``/boards``, ``boards``, ``/v5/boards`` and ``https://api.pinterest.com/v5/boards`` alike."""
    if not path or not path.strip("/ "):
        raise ValidationError("request: path must not be empty", argument="path")
    if path.startswith(base_url):
        path = path[len(base_url) :]
    elif "://" in path:
        raise ValidationError(f"request: {path!r} is not under the client's base URL {base_url}", argument="path")
    if not path.startswith("/"):
        path = "/" + path
    prefix = urlsplit(base_url).path.rstrip("/")  # "/v5"
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return path


def _options(
    headers: Mapping[str, str] | None, timeout: TimeoutTypes | NotGiven, retries: int | NotGiven
) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if headers:
        options["extra_headers"] = dict(headers)
    if not isinstance(timeout, NotGiven):
        options["timeout"] = timeout
    if not isinstance(retries, NotGiven):
        options["max_retries"] = retries
    return options


def request(
    pipeline: SyncPipeline,
    method: str,
    path: str,
    query: Mapping[str, QueryValue] | None,
    body: Any,
    headers: Mapping[str, str] | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int | NotGiven,
    raw: bool,
) -> Any:
    """``Pinterest.request`` (which imports this module on its first call, not at import)."""
    op, args = adhoc_operation(method, path, query, not isinstance(body, NotGiven), pipeline.settings.base_url)
    if not isinstance(body, NotGiven):
        args["body"] = body
    call = pipeline.prepare(op, args, _options(headers, timeout, max_retries))
    response = pipeline.send(call)  # decodes into call.data (JSON, else text; None when empty)
    return pipeline.raw(op, response, call.data) if raw else call.data


async def request_async(
    pipeline: AsyncPipeline,
    method: str,
    path: str,
    query: Mapping[str, QueryValue] | None,
    body: Any,
    headers: Mapping[str, str] | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int | NotGiven,
    raw: bool,
) -> Any:
    """``AsyncPinterest.request``."""
    op, args = adhoc_operation(method, path, query, not isinstance(body, NotGiven), pipeline.settings.base_url)
    if not isinstance(body, NotGiven):
        args["body"] = body
    call = pipeline.prepare(op, args, _options(headers, timeout, max_retries))
    response = await pipeline.send(call)  # decodes into call.data (JSON, else text; None when empty)
    result: RawResponse[Any] | Any = pipeline.raw(op, response, call.data) if raw else call.data
    return result
