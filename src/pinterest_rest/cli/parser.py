"""argparse parsers built from one registry record, for the one command being run.

Every operation becomes ``pinterest <resource> <method> [PATH_PARAM ...] [--option VALUE ...]``:
path params are positional in the generated method's order; query and body fields are
``--kebab-case`` options typed from the registry (enums checked, booleans as ``--x/--no-x``, arrays
repeatable, objects as JSON); ``--json FILE|-|'{...}'`` gives the whole body. Bad values fail here,
before any request, with the option's name in the message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import ParserExit, UsageError
from .index import kebab

if TYPE_CHECKING:
    from .._operation import Operation, Param
    from .context import Context

from .argv import GLOBAL_OPTIONS, OUTPUTS, RESERVED, SHAPING, count, dest_of, seconds


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions as written; option help wrapped by a plain greedy wrap.

    argparse wraps with ``textwrap`` and regexes that a fresh process must import and compile,
    a visible share of ``pinterest <group> <command> --help``; this wrap needs neither.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        return [*lines, current] if current else lines


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes to the injected streams and raises instead of exiting."""

    def __init__(self, ctx: Context, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(**kwargs)
        self.ctx = ctx

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        """Start from the global options given before the group (``Context.globals``): the options
        of this command, global ones included, override them; missing ones keep them."""
        if namespace is None:
            from .argv import DEFAULTS

            namespace = argparse.Namespace(**{**DEFAULTS, **self.ctx.globals})
        return super().parse_args(args, namespace)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (self.ctx.stderr if file is sys.stderr else self.ctx.stdout).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.ctx.stderr.write(message)
        raise ParserExit(status)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}", self.format_usage())


def add_global_options(parser: argparse.ArgumentParser, taken: frozenset[str] = frozenset()) -> None:
    """The global options, also accepted after the command.

    Their defaults are suppressed: a value given before the group is already in the namespace
    (``Parser.parse_args``), and a sub-command's parser must not overwrite it with a default.
    ``taken`` holds option names the command uses for API parameters (``--query``, ``--columns``):
    the output option is then spelled ``--output-query`` / ``--output-columns`` there.
    """
    group = parser.add_argument_group("global options")
    hide = argparse.SUPPRESS
    for flags, takes, text in GLOBAL_OPTIONS:
        dest = dest_of(flags)
        if dest in SHAPING:
            flags = (SHAPING[dest],) if flags[0] in taken else (*flags, SHAPING[dest])
        if not takes:
            group.add_argument(*flags, dest=dest, action="store_true", default=hide, help=text)
        elif dest == "output":
            group.add_argument(*flags, dest=dest, choices=OUTPUTS, metavar="FORMAT", default=hide, help=text)
        elif dest == "timeout":
            group.add_argument(*flags, dest=dest, type=_positive_number, metavar="SECONDS", default=hide, help=text)
        elif dest == "max_retries":
            group.add_argument(*flags, dest=dest, type=_count, metavar="N", default=hide, help=text)
        else:
            group.add_argument(*flags, dest=dest, type=_nonempty, metavar=dest.upper(), default=hide, help=text)
    group.add_argument("--sandbox-url", dest="sandbox_url", default=hide, help=hide)


# -- value types ----------------------------------------------------------------------------------


def _positive_number(text: str) -> float:
    try:
        return seconds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        return count(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _nonempty(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text


def parse_number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None


def parse_json(text: str, what: str = "JSON") -> Any:
    import json

    try:
        return json.loads(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text[:40]!r} ({exc})") from None


def _object(text: str) -> Any:
    value = parse_json(text, "a JSON object")
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError(f"expected a JSON object, got {type(value).__name__}")
    return value


def _any(text: str) -> Any:
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text


def _scalar(jtype: str | None) -> Callable[[str], Any]:
    if jtype == "integer":
        return _integer
    if jtype == "number":
        return parse_number
    if jtype == "boolean":
        return _boolean
    if jtype == "object":
        return _object
    if jtype == "string":
        return str
    return _any


def _boolean(text: str) -> bool:
    low = text.lower()
    if low in ("true", "1", "yes"):
        return True
    if low in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def choices_text(values: Sequence[Any], limit: int = 12) -> str:
    shown = ", ".join(str(v) for v in values[:limit])
    return shown if len(values) <= limit else f"{shown}, ... ({len(values)} values)"


def _enum(convert: Callable[[str], Any], values: Sequence[Any]) -> Callable[[str], Any]:
    def check(text: str) -> Any:
        value = convert(text)
        if value not in values:
            raise argparse.ArgumentTypeError(f"invalid choice {text!r} (choose from {choices_text(values)})")
        return value

    return check


def _split(convert: Callable[[str], Any]) -> Callable[[str], list[Any]]:
    def split(text: str) -> list[Any]:
        return [convert(part.strip()) for part in text.split(",") if part.strip()]

    return split


def _one(convert: Callable[[str], Any]) -> Callable[[str], list[Any]]:
    def one(text: str) -> list[Any]:
        return [convert(text)]

    return one


# -- the parser of one operation ------------------------------------------------------------------


def option_for(op: Operation, p: Param) -> str:
    """The option spelling of a query or body field (``--query-token`` when ``--token`` is taken)."""
    name = kebab(p.attr)
    return f"--{p.location}-{name}" if name in RESERVED else f"--{name}"


def dest_for(p: Param) -> str:
    return "p_" + p.attr


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    end = text.find(". ")
    if 0 < end < limit:
        return text[: end + 1]
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _help(p: Param, extra: str = "") -> str:
    parts = [_short(p.description)] if p.description else []
    values = p.enum or p.items_enum
    if values:
        parts.append(f"one of: {choices_text(values)}")
    if extra:
        parts.append(extra)
    if p.required:
        parts.append("required")
    return "; ".join(parts).replace("%", "%%")


def _metavar(jtype: str | None) -> str:
    return {"integer": "INT", "number": "NUMBER", "boolean": "BOOL", "object": "JSON", "array": "JSON"}.get(
        jtype or "", "TEXT" if jtype == "string" else "VALUE"
    )


def op_description(op: Operation) -> str:
    lines = [op.summary or op.id]
    if op.deprecated:
        lines[0] += " (deprecated)"
    lines += ["", f"{op.http_method} {op.path}    (operationId {op.id})"]
    if op.scopes:
        lines.append(f"OAuth scopes: {', '.join(op.scopes)}")
    return "\n".join(lines)


def op_parser(ctx: Context, op: Operation, prog: str, *, with_globals: bool = True) -> Parser:
    epilog = None
    if op.body_mode == "fields":
        epilog = "--json gives the whole body; options given too override its fields."
    elif op.body_mode == "whole":
        epilog = "The body (an array or a choice of shapes) is given whole with --json FILE, - (stdin) or inline JSON."
    # An explicit usage line: argparse's own is wrapped with regexes (slow to compile at start-up).
    usage = " ".join([prog, *(p.name.upper() for p in op.path_params), "[options]"])
    parser = Parser(ctx, prog=prog, usage=usage, description=op_description(op), epilog=epilog)
    for p in op.path_params:
        convert = _enum(str, p.enum) if p.enum else _nonempty
        text = _short(p.description) or p.name
        if p.enum:
            text += f"; one of: {choices_text(p.enum)}"
        parser.add_argument(dest_for(p), metavar=p.name.upper(), type=convert, help=text.replace("%", "%%"))
    options = parser
    for p in op.params:
        if p.location == "path":
            continue
        add_param_option(options, op, p, required=p.required and p.location == "query")
    if op.body_mode is not None:
        options.add_argument(
            "--json",
            dest="json_body",
            metavar="FILE",
            help="request body as JSON: a file, - for stdin, or the JSON text itself"
            + ("; required" if op.body_mode == "whole" and op.body_required else ""),
        )
    if op.paginated:
        options.add_argument("--all", action="store_true", help="fetch every page (ndjson streams item by item)")
        options.add_argument(
            "--max-items", type=_count, metavar="N", help="stop after N items in total (implies --all)"
        )
    if with_globals:
        add_global_options(parser, taken_options(op))
    return parser


def taken_options(op: Operation) -> frozenset[str]:
    """Option spellings this operation uses for its own parameters."""
    return frozenset(option_for(op, p) for p in op.params if p.location != "path")


def add_param_option(group: Any, op: Operation, p: Param, *, required: bool) -> None:
    flag = option_for(op, p)
    common: dict[str, Any] = {"dest": dest_for(p), "default": argparse.SUPPRESS, "required": required}
    if p.type == "boolean":
        group.add_argument(flag, action=argparse.BooleanOptionalAction, help=_help(p), **common)
        return
    if p.type == "array":
        item = _scalar(p.items_type)
        if p.items_enum:
            item = _enum(item, p.items_enum)
        splits = bool(p.items_enum) or p.items_type in ("integer", "number")
        note = "repeatable" + (", or comma-separated" if splits else "")
        if p.items_type == "object":
            note = "repeatable, one JSON object each"
        group.add_argument(
            flag,
            action="extend",
            type=_split(item) if splits else _one(item),
            metavar=_metavar(p.items_type),
            help=_help(p, note),
            **common,
        )
        return
    convert = _scalar(p.type)
    if p.enum:
        convert = _enum(convert, p.enum)
        metavar = "{" + ",".join(map(str, p.enum)) + "}" if len(p.enum) <= 6 else _metavar(p.type)
    else:
        metavar = _metavar(p.type)
    group.add_argument(
        flag, type=convert, metavar=metavar, help=_help(p, "JSON" if p.type == "object" else ""), **common
    )


def subcommands(parser: Parser, **kwargs: Any) -> Any:
    """``add_subparsers`` whose sub-parsers are ``Parser``\\s writing to the same context."""
    from functools import partial

    return parser.add_subparsers(parser_class=partial(Parser, parser.ctx), **kwargs)  # type: ignore[call-overload]
