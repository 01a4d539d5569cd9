"""``pinterest <group> <command> --help`` without argparse.

Importing argparse (with gettext and locale) and building a parser of a few dozen options costs
more than the rest of the CLI's start-up together, and ``--help`` is what people run most while
learning a command. This renders the same text argparse would for the parser ``parser.op_parser``
builds, from the same option specs (``options``); a test checks the two agree for every operation.
The layout rules mirror ``argparse.HelpFormatter`` with ``parser.Formatter``'s settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .options import (
    HELP_OPTION,
    Spec,
    global_specs,
    op_description,
    op_epilog,
    op_usage,
    option_specs,
    positional_specs,
    taken_options,
)

if TYPE_CHECKING:
    from .._operation import Operation

WIDTH = 100  # parser.Formatter's width
MAX_HELP_POSITION = 32
INDENT = 2


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (``parser.Formatter._split_lines``)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def invocation(spec: Spec) -> str:
    flags, metavar, _, kind, _ = spec
    if kind == "positional":
        return metavar or flags[0]
    if metavar is None:
        return ", ".join(flags)
    return ", ".join(f"{flag} {metavar}" for flag in flags)


def render(usage: str, description: str | None, sections: list[tuple[str, list[Spec]]], epilog: str | None) -> str:
    longest = max((len(invocation(s)) + INDENT for _, specs in sections for s in specs), default=0)
    help_position = min(longest + 2, MAX_HELP_POSITION)
    help_width = max(WIDTH - help_position, 11)
    action_width = help_position - INDENT - 2
    parts = [f"usage: {usage}\n\n"]
    if description:
        parts.append(description + "\n\n")
    for title, specs in sections:
        if not specs:
            continue
        parts.append(f"{title}:\n")
        for spec in specs:
            head = invocation(spec)
            text = spec[2].replace("%%", "%")
            if not text:
                parts.append(f"{' ' * INDENT}{head}\n")
                continue
            lines = wrap(text, help_width)
            if len(head) <= action_width:
                parts.append(f"{' ' * INDENT}{head:<{action_width}}  {lines[0] if lines else ''}\n")
            else:
                parts.append(f"{' ' * INDENT}{head}\n")
                if lines:
                    parts.append(f"{' ' * help_position}{lines[0]}\n")
            parts += [f"{' ' * help_position}{line}\n" for line in lines[1:]]
        parts.append("\n")
    if epilog:
        parts.append(epilog + "\n")
    text = "".join(parts)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


def op_help(op: Operation, prog: str) -> str:
    """The help of one operation's command, as ``op_parser(ctx, op, prog).format_help()`` gives it."""
    sections = [
        ("positional arguments", positional_specs(op)),
        ("options", [HELP_OPTION, *option_specs(op)]),
        ("global options", global_specs(taken_options(op))),
    ]
    return render(op_usage(op, prog), op_description(op), sections, op_epilog(op))
