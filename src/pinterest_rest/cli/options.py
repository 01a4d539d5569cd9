"""The options of one operation's command, as plain data: one definition for the argparse parser
(``parser.op_parser``) and the fast help text (``helptext``), which must not import argparse.

Path params are positional in the generated method's order; query and body fields are
``--kebab-case`` options. Each option's help is the registry's description of the field, then
its allowed values, default, range and limits, as the spec gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .argv import GLOBAL_OPTIONS, RESERVED, SHAPING, dest_of
from .index import kebab

if TYPE_CHECKING:
    from .._operation import Operation, Param

# One option as shown and parsed: (flags, metavar or None, help, kind, param or None).
# kind: "positional", "bool" (--x/--no-x), "flag" (store_true), "value", "array", "json",
# "all", "max_items", and for the global options "global".
Spec = tuple[tuple[str, ...], "str | None", str, str, "Param | None"]

HELP_OPTION: Spec = (("-h", "--help"), None, "show this help message and exit", "flag", None)


def option_for(op: Operation, p: Param) -> str:
    """The option spelling of a query or body field (``--query-token`` when ``--token`` is taken)."""
    name = kebab(p.attr)
    return f"--{p.location}-{name}" if name in RESERVED else f"--{name}"


def dest_for(p: Param) -> str:
    return "p_" + p.attr


def taken_options(op: Operation) -> frozenset[str]:
    """Option spellings this operation uses for its own parameters."""
    return frozenset(option_for(op, p) for p in op.params if p.location != "path")


def choices_text(values: Sequence[Any], limit: int = 12) -> str:
    shown = ", ".join(str(v) for v in values[:limit])
    return shown if len(values) <= limit else f"{shown}, ... ({len(values)} values)"


def short(text: str, limit: int = 110) -> str:
    """The first sentence of a description, or its start."""
    text = " ".join(text.split())
    if not text:
        return ""
    end = text.find(". ")
    if 0 < end < limit:
        return text[: end + 1]
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(_value(v) for v in value)
    return str(value)


def param_help(p: Param, extra: str = "") -> str:
    """Description; one of: ...; default: ...; range; limits; extra; required."""
    parts = [short(p.description).rstrip(".")] if p.description else []
    values = p.enum or p.items_enum
    if values:
        parts.append(f"one of: {choices_text(values)}")
    if p.default is not None and p.default != ():
        parts.append(f"default: {_value(p.default)}")
    if p.minimum is not None and p.maximum is not None:
        parts.append(f"range: {_value(p.minimum)} to {_value(p.maximum)}")
    elif p.minimum is not None:
        parts.append(f"at least {_value(p.minimum)}")
    elif p.maximum is not None:
        parts.append(f"at most {_value(p.maximum)}")
    if p.max_items is not None:
        parts.append(f"at most {p.max_items} items")
    if extra:
        parts.append(extra)
    if p.required:
        parts.append("required")
    return "; ".join(parts).replace("%", "%%")


def metavar_of(jtype: str | None) -> str:
    return {"integer": "INT", "number": "NUMBER", "boolean": "BOOL", "object": "JSON", "array": "JSON"}.get(
        jtype or "", "TEXT" if jtype == "string" else "VALUE"
    )


def op_usage(op: Operation, prog: str) -> str:
    return " ".join([prog, *(p.name.upper() for p in op.path_params), "[options]"])


def op_description(op: Operation) -> str:
    lines = [op.summary or op.id]
    if op.deprecated:
        lines[0] += " (deprecated)"
    lines += ["", f"{op.http_method} {op.path}    (operationId {op.id})"]
    if op.scopes:
        lines.append(f"OAuth scopes: {', '.join(op.scopes)}")
    return "\n".join(lines)


def op_epilog(op: Operation) -> str | None:
    if op.body_mode == "fields":
        return "--json gives the whole body; options given too override its fields."
    if op.body_mode == "whole":
        return "The body (an array or a choice of shapes) is given whole with --json FILE, - (stdin) or inline JSON."
    return None


def positional_specs(op: Operation) -> list[Spec]:
    specs: list[Spec] = []
    for p in op.path_params:
        text = short(p.description) or p.name
        if p.enum:
            text += f"; one of: {choices_text(p.enum)}"
        specs.append(((dest_for(p),), p.name.upper(), text.replace("%", "%%"), "positional", p))
    return specs


def param_spec(op: Operation, p: Param) -> Spec:
    flag = option_for(op, p)
    if p.type == "boolean":
        return ((flag, "--no-" + flag[2:]), None, param_help(p), "bool", p)
    if p.type == "array":
        splits = bool(p.items_enum) or p.items_type in ("integer", "number")
        note = "repeatable" + (", or comma-separated" if splits else "")
        if p.items_type == "object":
            note = "repeatable, one JSON object each"
        return ((flag,), metavar_of(p.items_type), param_help(p, note), "array", p)
    small = p.enum is not None and len(p.enum) <= 6
    metavar = "{" + ",".join(map(str, p.enum or ())) + "}" if small else metavar_of(p.type)
    return ((flag,), metavar, param_help(p, "JSON" if p.type == "object" else ""), "value", p)


def option_specs(op: Operation) -> list[Spec]:
    """The command's own options, after ``-h``: query and body fields, --json, --all, --max-items."""
    specs = [param_spec(op, p) for p in op.params if p.location != "path"]
    if op.body_mode is not None:
        required = "; required" if op.body_mode == "whole" and op.body_required else ""
        text = "request body as JSON: a file, - for stdin, or the JSON text itself" + required
        specs.append((("--json",), "FILE", text, "json", None))
    if op.paginated:
        specs.append((("--all",), None, "fetch every page (ndjson streams item by item)", "all", None))
        specs.append((("--max-items",), "N", "stop after N items in total (implies --all)", "max_items", None))
    return specs


def global_specs(taken: frozenset[str] = frozenset()) -> list[Spec]:
    """The global options as a command's parser accepts them after the command.

    ``taken`` holds option names the command uses for API parameters (``--query``, ``--columns``):
    the output option is then spelled ``--output-query`` / ``--output-columns`` there.
    """
    specs: list[Spec] = []
    for flags, takes, text in GLOBAL_OPTIONS:
        dest = dest_of(flags)
        if dest in SHAPING:
            flags = (SHAPING[dest],) if flags[0] in taken else (*flags, SHAPING[dest])
        metavar = {"output": "FORMAT", "timeout": "SECONDS", "max_retries": "N"}.get(dest, dest.upper())
        specs.append((flags, metavar if takes else None, text, "global", None))
    return specs
