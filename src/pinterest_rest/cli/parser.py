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

from .argv import OUTPUTS, RESERVED, SHAPING, count, dest_of, seconds
from .errors import ParserExit, UsageError
from .options import (
    Spec,
    choices_text,
    dest_for,
    global_specs,
    op_description,
    op_epilog,
    op_usage,
    option_for,
    option_specs,
    positional_specs,
    taken_options,
)

if TYPE_CHECKING:
    from .._operation import Operation
    from .context import Context

__all__ = ["RESERVED", "Parser", "add_global_options", "dest_for", "op_parser", "option_for", "taken_options"]


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
    """The global options, also accepted after the command (see ``options.global_specs``).

    Their defaults are suppressed: a value given before the group is already in the namespace
    (``Parser.parse_args``), and a sub-command's parser must not overwrite it with a default.
    """
    group = parser.add_argument_group("global options")
    hide = argparse.SUPPRESS
    for flags, metavar, text, _, _ in global_specs(taken):
        dest = dest_of(flags)
        dest = next((name for name, alias in SHAPING.items() if dest == alias.lstrip("-").replace("-", "_")), dest)
        if metavar is None:
            group.add_argument(*flags, dest=dest, action="store_true", default=hide, help=text)
        elif dest == "output":
            group.add_argument(*flags, dest=dest, choices=OUTPUTS, metavar=metavar, default=hide, help=text)
        elif dest == "timeout":
            group.add_argument(*flags, dest=dest, type=_positive_number, metavar=metavar, default=hide, help=text)
        elif dest == "max_retries":
            group.add_argument(*flags, dest=dest, type=_count, metavar=metavar, default=hide, help=text)
        else:
            group.add_argument(*flags, dest=dest, type=_nonempty, metavar=metavar, default=hide, help=text)
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


def op_parser(ctx: Context, op: Operation, prog: str, *, with_globals: bool = True) -> Parser:
    """The parser of one operation's command, from the same specs as its help text (``options``)."""
    # An explicit usage line: argparse's own is wrapped with regexes (slow to compile at start-up).
    parser = Parser(ctx, prog=prog, usage=op_usage(op, prog), description=op_description(op), epilog=op_epilog(op))
    for (dest,), metavar, text, _, p in positional_specs(op):
        assert p is not None
        convert = _enum(str, p.enum) if p.enum else _nonempty
        parser.add_argument(dest, metavar=metavar, type=convert, help=text)
    for spec in option_specs(op):
        add_spec(parser, spec)
    if with_globals:
        add_global_options(parser, taken_options(op))
    return parser


def add_spec(group: Any, spec: Spec) -> None:
    flags, metavar, text, kind, p = spec
    if kind == "json":
        group.add_argument(*flags, dest="json_body", metavar=metavar, help=text)
        return
    if kind == "all":
        group.add_argument(*flags, action="store_true", help=text)
        return
    if kind == "max_items":
        group.add_argument(*flags, type=_count, metavar=metavar, help=text)
        return
    assert p is not None
    required = p.required and p.location == "query"
    common: dict[str, Any] = {"dest": dest_for(p), "default": argparse.SUPPRESS, "required": required, "help": text}
    if kind == "bool":
        group.add_argument(flags[0], action=argparse.BooleanOptionalAction, **common)
    elif kind == "array":
        item = _scalar(p.items_type)
        if p.items_enum:
            item = _enum(item, p.items_enum)
        splits = bool(p.items_enum) or p.items_type in ("integer", "number")
        group.add_argument(
            *flags, action="extend", type=_split(item) if splits else _one(item), metavar=metavar, **common
        )
    else:
        convert = _scalar(p.type)
        if p.enum:
            convert = _enum(convert, p.enum)
        group.add_argument(*flags, type=convert, metavar=metavar, **common)


def subcommands(parser: Parser, **kwargs: Any) -> Any:
    """``add_subparsers`` whose sub-parsers are ``Parser``\\s writing to the same context."""
    from functools import partial

    return parser.add_subparsers(parser_class=partial(Parser, parser.ctx), **kwargs)  # type: ignore[call-overload]
