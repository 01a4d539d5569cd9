"""Small hand-written commands: ``pinterest ops`` and ``pinterest config``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ExitStatus
from .index import command_of
from .parser import Parser, add_global_options, subcommands

if TYPE_CHECKING:
    from .context import Context


def run(ctx: Context, group: str, argv: list[str]) -> int:
    return ops(ctx, argv) if group == "ops" else config(ctx, argv)


def ops(ctx: Context, argv: list[str]) -> int:
    from .output import Printer, choose

    parser = Parser(ctx, prog="pinterest ops", description="Every operation: its command, VERB /path and operationId.")
    parser.add_argument("filter", nargs="?", help="only operations whose command, path or id contains this text")
    add_global_options(parser)
    ns = parser.parse_args(argv)
    rows = []
    for op in ctx.index.all():
        row = {
            "command": f"pinterest {command_of(op)}",
            "method": op.http_method,
            "path": op.path,
            "operation_id": op.id,
            "summary": op.summary,
        }
        if ns.filter and not any(ns.filter.lower() in str(v).lower() for v in row.values()):
            continue
        rows.append(row)
    printer = Printer.of(ctx, choose(ns.output, None, ctx.tty), ns)
    if printer.fmt == "table" and not printer.queried and printer.columns is None:
        width = max((len(r["command"]) for r in rows), default=0) + 2
        for r in rows:
            ctx.out(f"{r['command']:<{width}}{r['method']:<7}{r['path']}")
    else:
        printer.value(rows)
    return ExitStatus.OK


def config(ctx: Context, argv: list[str]) -> int:
    from .config import PROFILE_KEYS
    from .output import Printer, choose

    parser = Parser(
        ctx,
        prog="pinterest config",
        description="Settings of a profile (--profile, default: 'default'), kept in "
        f"{ctx.config_dir}/config.json.\nKeys:\n" + "\n".join(f"  {k:<14}{v}" for k, v in PROFILE_KEYS.items()),
    )
    sub = subcommands(parser, dest="action", metavar="ACTION", required=True)
    sub.add_parser("show", help="print the profile's settings (and where its token comes from)")
    p_set = sub.add_parser("set", help="set KEY VALUE")
    p_set.add_argument("key", choices=list(PROFILE_KEYS), metavar="KEY")
    p_set.add_argument("value")
    p_unset = sub.add_parser("unset", help="remove KEY")
    p_unset.add_argument("key", metavar="KEY")
    sub.add_parser("profiles", help="list profiles (* marks the one in use)")
    p_default = sub.add_parser("use", help="make PROFILE the default profile")
    p_default.add_argument("name", metavar="PROFILE")
    sub.add_parser("path", help="print the config directory")
    for p in (parser, *sub.choices.values()):
        add_global_options(p)
    ns = parser.parse_args(argv)
    cfg = ctx.config(ns.profile)
    fmt = choose(ns.output, None, ctx.tty)
    if ns.action == "show":
        from .session import Session

        source, _ = Session(ctx, ns).token_source()
        data = {"profile": cfg.profile, "settings": cfg.profiles.get(cfg.profile, {}), "token": source}
        Printer.of(ctx, fmt, ns).value(data)
    elif ns.action == "set":
        value: object = ns.value
        if ns.key == "max_retries":
            value = int(ns.value)
        elif ns.key == "timeout":
            value = float(ns.value)
        cfg.set(ns.key, value)
    elif ns.action == "unset":
        cfg.unset(ns.key)
    elif ns.action == "profiles":
        names = sorted(set(cfg.profiles) | {cfg.profile} | _token_profiles(cfg.dir))
        for name in names:
            ctx.out(("* " if name == cfg.profile else "  ") + name)
    elif ns.action == "use":
        cfg.data["default_profile"] = ns.name
        cfg.save()
    else:
        ctx.out(cfg.dir)
    return ExitStatus.OK


def _token_profiles(directory: str) -> set[str]:
    import os

    try:
        return {n[:-5] for n in os.listdir(os.path.join(directory, "tokens")) if n.endswith(".json")}
    except OSError:
        return set()
