"""Run one generated command: parsed options -> the generated method's arguments -> output.

The call goes through the real client (``getattr(getattr(client, resource), method)(*path, **kw)``),
so the CLI shares the request pipeline, its checks, retries and error mapping with Python code.
``--dry-run`` runs that same call on a transport that stops at the wire and prints the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import CliError, ExitStatus, UsageError
from .options import dest_for, option_for

if TYPE_CHECKING:
    from argparse import Namespace

    from .._operation import Operation
    from .._transport import Request
    from .context import Context
    from .output import Printer
    from .session import Session


def read_json_arg(ctx: Context, value: str, option: str = "--json") -> Any:
    """``--json`` value: ``-`` for stdin, inline JSON text, or a file name."""
    import json

    if value == "-":
        text = ctx.stdin.read()
        where = "stdin"
    elif value.lstrip()[:1] in ("{", "["):
        text = value
        where = "the inline JSON"
    else:
        try:
            with open(value, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as exc:
            raise UsageError(f"{option}: cannot read {value}: {exc.strerror or exc}") from None
        where = value
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {where} is not valid JSON ({exc})") from None


def bind(ctx: Context, op: Operation, ns: Namespace, prog: str) -> tuple[list[Any], dict[str, Any]]:
    """Positional path values and keyword arguments of the generated method, from parsed options."""
    positional = [getattr(ns, dest_for(p)) for p in op.path_params]
    kwargs: dict[str, Any] = {}
    for p in op.params:
        if p.location != "path" and hasattr(ns, dest_for(p)):
            kwargs[p.attr] = getattr(ns, dest_for(p))
    body_given = any(p.location == "body" and p.attr in kwargs for p in op.params)
    raw = getattr(ns, "json_body", None)
    if raw is not None:
        data = read_json_arg(ctx, raw)
        body_given = True
        if op.body_mode == "whole":
            kwargs["body"] = data
        else:
            if not isinstance(data, dict):
                raise UsageError(f"{prog}: --json must be a JSON object for this command, not {type(data).__name__}")
            by_name = {p.name: p for p in op.params if p.location == "body"}
            extra: dict[str, Any] = {}
            for key, value in data.items():
                param = by_name.get(key)
                if param is None:
                    extra[key] = value  # a field newer than this client: sent as given
                elif param.attr not in kwargs:  # options given on the command line win
                    kwargs[param.attr] = value
            if extra:
                kwargs["extra_body"] = extra
    if op.body_mode == "whole" and op.body_required and "body" not in kwargs:
        raise UsageError(f"{prog}: the body is required: give it with --json FILE, - or inline JSON")
    if op.body_mode == "fields" and (op.body_required or body_given):
        missing = [option_for(op, p) for p in op.params if p.location == "body" and p.required and p.attr not in kwargs]
        if missing:
            raise UsageError(
                f"{prog}: the following arguments are required: {', '.join(missing)} (as options or in --json)"
            )
    return positional, kwargs


def run_operation(ctx: Context, op: Operation, argv: list[str], prog: str) -> int:
    from .parser import op_parser

    parser = op_parser(ctx, op, prog)
    ns = parser.parse_args(argv)
    from .session import Session  # after parsing: `--help` and usage errors never load the client

    try:
        positional, kwargs = bind(ctx, op, ns, prog)
    except UsageError as exc:
        exc.usage = exc.usage or parser.format_usage()
        raise
    session = Session(ctx, ns)
    from .output import Printer

    printer = Printer.of(ctx, session.output, ns)  # a bad --query or --columns fails before sending
    walk = bool(getattr(ns, "all", False)) or getattr(ns, "max_items", None) is not None
    if walk and getattr(ns, "max_items", None) is not None:
        kwargs["max_items"] = ns.max_items
    from .._errors import ValidationError

    try:
        if session.dry_run:
            request = capture(session, op, positional, kwargs)
            print_request(ctx, request, printer)
            return ExitStatus.OK
        client = session.client()
        result = call(client, op, positional, kwargs)
    except ValidationError as exc:
        raise UsageError(f"{prog}: {spell(op, exc)}", parser.format_usage()) from None
    write_result(ctx, printer, op, result, walk)
    return ExitStatus.OK


def spell(op: Operation, exc: Exception) -> str:
    """The client's check failure, naming the argument as typed on the command line."""
    text = str(exc)
    text = text.split(": ", 1)[1] if text.startswith(op.id + ":") else text
    argument = getattr(exc, "argument", None)
    param = next((p for p in op.params if p.attr == argument), None)
    if param is not None:
        name = param.name.upper() if param.location == "path" else option_for(op, param)
        text = (
            text.replace(f"'{param.attr}'", name, 1) if f"'{param.attr}'" in text else text.replace(param.attr, name, 1)
        )
    elif argument == "body":
        text = text.replace("'body'", "the body (--json)").replace("body", "the body (--json)", 1)
    return text


def call(client: Any, op: Operation, positional: list[Any], kwargs: dict[str, Any]) -> Any:
    method = getattr(getattr(client, op.resource), op.method_name)
    return method(*positional, **kwargs)


def capture(session: Session, op: Operation, positional: list[Any], kwargs: dict[str, Any]) -> Request:
    """The request the generated method would send, stopped at the wire."""
    from .transports import Captured, CaptureTransport

    client = session.client(transport=CaptureTransport())
    try:
        call(client, op, positional, kwargs)
    except Captured as stop:
        return stop.request
    raise CliError(f"{op.id}: the call finished without sending a request")  # pragma: no cover


def request_data(request: Request) -> dict[str, Any]:
    from .._secret import masked_request  # the one masking function (also behind --debug)

    return masked_request(request)


def print_request(ctx: Context, request: Request, printer: Printer) -> None:
    from .output import dumps

    data = request_data(request)
    if printer.fmt != "table" or printer.queried:
        printer.value(data)
        return
    lines = [f"{data['method']} {data['url']}"] + [f"{k}: {v}" for k, v in data["headers"].items()]
    if data["body"] is not None:
        body = data["body"]
        lines += ["", body if isinstance(body, str) else dumps(body)]
    ctx.out("\n".join(lines))


def write_result(ctx: Context, printer: Printer, op: Operation, result: Any, walk: bool) -> None:
    from .output import items_of, plain

    if op.paginated and hasattr(result, "iter_pages"):
        if walk:
            printer.items(items_of(iter(result)))
            return
        items = [plain(i) for i in result.items]
        if printer.fmt in ("json", "yaml") and not printer.queried:
            printer.value({"items": items, "bookmark": result.bookmark})
            return
        printer.items(iter(items), result.bookmark)
        if result.bookmark and ctx.err_tty and not printer.queried:
            ctx.err(f"(more items: add --all, or --bookmark {result.bookmark})")
        return
    printer.value(plain(result))
