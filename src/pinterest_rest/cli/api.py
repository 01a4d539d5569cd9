"""``pinterest api METHOD PATH``: call any endpoint with the stored auth, like ``gh api``.

The call goes through ``Pinterest.request`` (see ``pinterest_rest._adhoc``), so it has the same
auth (the stored token, refreshed when due), retries, error statuses and ``--debug`` log as the
generated commands, and the same output options (``-o``, ``--query``, ``--columns``).

Fields: ``-f key=value`` adds a string, ``-F key=value`` a typed value (``true``, ``false``,
``null``, numbers, ``@FILE`` for a file's text, ``@-`` for stdin); ``key[]=value`` appends to a
list. For GET and DELETE the fields go in the query string; otherwise they are the JSON body,
merged over ``--json`` when both are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, _count, add_global_options

if TYPE_CHECKING:
    from argparse import Namespace

    from .context import Context

PROG = "pinterest api"
_QUERY_METHODS = ("GET", "DELETE")


def run(ctx: Context, group: str, argv: list[str]) -> int:
    parser = Parser(
        ctx,
        prog=PROG,
        usage=f"{PROG} METHOD PATH [-f KEY=VALUE ...] [-F KEY=VALUE ...] [--json BODY] [--paginate] [options]",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        epilog="examples:\n"
        f"  {PROG} GET /user_account\n"
        f"  {PROG} GET /boards -f privacy=PUBLIC --paginate -o ndjson\n"
        f"  {PROG} POST /boards -f name=Recipes -f privacy=SECRET\n"
        f'  {PROG} PATCH /boards/123 --json \'{{"description": "new"}}\'',
    )
    parser.add_argument("method", metavar="METHOD", help="GET, POST, PUT, PATCH or DELETE (any case)")
    parser.add_argument("path", metavar="PATH", help="e.g. /boards or /v5/boards (relative to the base URL)")
    parser.add_argument("-f", "--raw-field", action="append", default=[], metavar="KEY=VALUE", help="a string field")
    parser.add_argument(
        "-F", "--field", action="append", default=[], metavar="KEY=VALUE", help="a typed field: true, 12, null, @FILE"
    )
    parser.add_argument("--json", dest="json_body", metavar="BODY", help="the JSON body: a file, - for stdin, or text")
    parser.add_argument(
        "-H", "--header", action="append", default=[], metavar="'NAME: VALUE'", help="an extra request header"
    )
    parser.add_argument(
        "--paginate", action="store_true", help="follow bookmarks: fetch every page of a list (GET only)"
    )
    parser.add_argument("--max-items", type=_count, metavar="N", help="stop after N items (implies --paginate)")
    parser.add_argument(
        "-i", "--include", action="store_true", help="print the status line and response headers on stderr"
    )
    add_global_options(parser)
    ns = parser.parse_args(argv)
    try:
        method, path, query, body, headers = _request_parts(ctx, ns)
    except UsageError as exc:
        exc.usage = exc.usage or parser.format_usage()
        raise
    paginate = ns.paginate or ns.max_items is not None
    if paginate and method != "GET":
        raise UsageError(f"{PROG}: --paginate follows bookmarks of GET lists only", parser.format_usage())
    from .output import Printer
    from .session import Session

    session = Session(ctx, ns)
    printer = Printer.of(ctx, session.output, ns)
    kwargs: dict[str, Any] = {"query": query, "headers": headers}
    if body is not None:
        kwargs["body"] = body
    from .._errors import ValidationError

    try:
        if session.dry_run:
            return _dry_run(ctx, session, printer, method, path, kwargs)
        client = session.client()
        if paginate:
            printer.items(_pages(client, method, path, kwargs, ns.max_items))
            return ExitStatus.OK
        if ns.include:
            raw = client.request(method, path, raw=True, **kwargs)
            _show_head(ctx, raw)
            result = raw.parsed
        else:
            result = client.request(method, path, **kwargs)
    except ValidationError as exc:
        raise UsageError(f"{PROG}: {str(exc).removeprefix('request: ')}", parser.format_usage()) from None
    if _is_page(result) and printer.fmt not in ("json", "yaml") and not printer.queried:
        printer.items(iter(result["items"]), result.get("bookmark"))
    else:
        printer.value(result)
    return ExitStatus.OK


def _show_head(ctx: Context, raw: Any) -> None:
    """``--include``: the answer's status and headers, on stderr so stdout stays the body alone."""
    from .._transport import mask_headers

    ctx.stderr.write(f"HTTP {raw.status_code}\n")
    for key, value in mask_headers(dict(raw.headers)).items():
        ctx.stderr.write(f"{key}: {value}\n")
    ctx.stderr.write("\n")
    ctx.stderr.flush()


def _is_page(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("items"), list) and "bookmark" in value


def _pages(client: Any, method: str, path: str, kwargs: dict[str, Any], limit: int | None) -> Iterator[Any]:
    """Every item across pages, following ``bookmark`` until it is empty (or ``limit`` items)."""
    query = dict(kwargs["query"] or {})
    seen = 0
    while True:
        result = client.request(method, path, **{**kwargs, "query": query})
        if not _is_page(result):
            raise CliError(f"{PROG}: --paginate: {path} did not answer a page ({{items, bookmark}})")
        for item in result["items"]:
            if limit is not None and seen >= limit:
                return
            yield item
            seen += 1
        bookmark = result.get("bookmark")
        if not bookmark or (limit is not None and seen >= limit):
            return
        query["bookmark"] = bookmark


def _dry_run(ctx: Context, session: Any, printer: Any, method: str, path: str, kwargs: dict[str, Any]) -> int:
    from .commands import print_request
    from .transports import Captured, CaptureTransport

    client = session.client(transport=CaptureTransport())
    try:
        client.request(method, path, **kwargs)
    except Captured as stop:
        print_request(ctx, stop.request, printer)
        return ExitStatus.OK
    raise CliError(f"{PROG}: the call finished without sending a request")  # pragma: no cover


def _request_parts(ctx: Context, ns: Namespace) -> tuple[str, str, dict[str, Any] | None, Any, dict[str, str] | None]:
    method = ns.method.upper()
    if method not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        raise UsageError(f"{PROG}: METHOD must be GET, POST, PUT, PATCH or DELETE, not {ns.method!r}")
    fields: dict[str, Any] = {}
    for text in ns.raw_field:
        _put(fields, *_split_field(text, "-f"))
    for text in ns.field:
        key, value = _split_field(text, "-F")
        _put(fields, key, _typed(ctx, value))
    headers: dict[str, str] = {}
    for text in ns.header:
        name, sep, value = text.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"{PROG}: -H expects 'Name: value', got {text!r}")
        headers[name.strip()] = value.strip()
    body: Any = None
    if ns.json_body is not None:
        from .commands import read_json_arg

        body = read_json_arg(ctx, ns.json_body)
    query: dict[str, Any] | None = None
    if method in _QUERY_METHODS:
        query = fields or None
    elif fields:
        if body is not None and not isinstance(body, dict):
            raise UsageError(f"{PROG}: fields need --json to be an object, not {type(body).__name__}")
        body = {**(body or {}), **fields}
    return method, ns.path, query, body, headers or None


def _split_field(text: str, flag: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise UsageError(f"{PROG}: {flag} expects KEY=VALUE, got {text!r}")
    return key, value


def _put(fields: dict[str, Any], key: str, value: Any) -> None:
    if key.endswith("[]"):
        existing = fields.setdefault(key[:-2], [])
        if not isinstance(existing, list):
            raise UsageError(f"{PROG}: {key[:-2]} given both as a value and as a list")
        existing.append(value)
    else:
        fields[key] = value


def _typed(ctx: Context, value: str) -> Any:
    """``-F`` values: JSON literals and numbers typed, ``@FILE``/``@-`` read, anything else a string."""
    if value.startswith("@"):
        if value == "@-":
            return ctx.stdin.read()
        try:
            with open(value[1:], encoding="utf-8") as fh:
                return fh.read()
        except OSError as exc:
            raise UsageError(f"{PROG}: -F: cannot read {value[1:]}: {exc.strerror or exc}") from None
    literals: dict[str, Any] = {"true": True, "false": False, "null": None}
    if value in literals:
        return literals[value]
    import re

    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+([eE][-+]?\d+)?", value):
        return float(value)
    return value
