"""``pinterest``: find the command in argv, build only its parser, run it, map failures to statuses.

    pinterest [global options] <group> <command> [PATH_PARAM ...] [options]

``main`` takes its whole environment as arguments so tests run the CLI in-process; the console
script calls it with none and ``sys.exit``\\s with the status it returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from .argv import check_encoding, normalize, parse_globals, split_globals
from .context import Context
from .errors import ExitStatus, ParserExit, UsageError, classify
from .names import DOCS_URL, aliases, group_name

if TYPE_CHECKING:
    from .._transport import SyncTransport
    from .index import Index

# Hand-written groups beside the generated ones: name -> (module, one-line help).
BUILTINS: dict[str, tuple[str, str]] = {
    "api": ("api", "call any endpoint with the stored auth: pinterest api GET /boards --paginate"),
    "auth": ("auth", "log in with OAuth in the browser, show who you are, log out"),
    "ops": ("builtins", "list every operation: command, VERB /path, operationId"),
    "reports": ("workflows", "run an analytics report, wait for it, download it"),
    "sandbox": ("serve", "serve the offline sandbox over HTTP"),
    "config": ("builtins", "show and change settings and profiles"),
    "completion": ("completion", "print a bash, zsh or fish completion script"),
}
# Hand-written commands inside generated groups: (resource, command) -> (module, help).
EXTRA_COMMANDS: dict[tuple[str, str], tuple[str, str]] = {
    ("media", "upload"): ("workflows", "upload a video file: register, upload, optionally --wait until ready"),
}
USAGE = "usage: pinterest [global options] <group> <command> [arguments] [options]"


def main(
    argv: Sequence[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    isatty: bool | None = None,
    _transport: SyncTransport | None = None,
    _open_browser: Callable[[str], Any] | None = None,
) -> int:
    """Run the CLI; return the exit status. The ``_`` keywords are test hooks."""
    if env is None:
        import os

        env = os.environ
    ctx = Context(
        env=env,
        stdin=stdin if stdin is not None else sys.stdin,
        stdout=stdout if stdout is not None else sys.stdout,
        stderr=stderr if stderr is not None else sys.stderr,
        isatty=isatty,
        transport=_transport,
        open_browser=_open_browser,
    )
    args = normalize(sys.argv[1:] if argv is None else argv)
    ctx.debug = "--debug" in args[: args.index("--") if "--" in args else len(args)]
    try:
        check_encoding(args)
        status = dispatch(ctx, args)
        ctx.stdout.flush()
        return int(status)
    except ParserExit as done:
        return done.status
    except BrokenPipeError:
        _silence_stdout(ctx)
        return int(ExitStatus.OK)
    except (Exception, KeyboardInterrupt) as exc:
        return report(ctx, exc)


def report(ctx: Context, exc: BaseException) -> int:
    status, message = classify(exc)
    if ctx.debug and not isinstance(exc, (UsageError, KeyboardInterrupt)):
        import traceback

        ctx.stderr.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    if isinstance(exc, UsageError) and exc.usage:
        ctx.stderr.write(exc.usage if exc.usage.endswith("\n") else exc.usage + "\n")
    message = " ".join(message.split())
    if status == ExitStatus.INTERRUPTED:
        ctx.err(f"pinterest: {message}")
    elif message.startswith("pinterest") and ": " in message:  # "pinterest boards list: what" (argparse style)
        prog, rest = message.split(": ", 1)
        ctx.err(f"{prog}: error: {rest}")
    else:
        ctx.err(f"pinterest: error: {message}")
    return int(status)


def _silence_stdout(ctx: Context) -> None:
    # The reader went away (`pinterest ... | head`): stop quietly, and keep Python from
    # complaining while flushing stdout at exit.
    if ctx.stdout is sys.stdout:
        import os

        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def dispatch(ctx: Context, argv: list[str]) -> int:
    front, rest = split_globals(argv)
    ctx.globals = parse_globals(front)
    wants_help = any(a in ("-h", "--help") for a in front)
    if "--version" in front:
        from .. import __version__

        ctx.out(f"pinterest-rest {__version__}")
        return ExitStatus.OK
    if not rest:
        if wants_help:
            ctx.stdout.write(top_help(ctx))
            return ExitStatus.OK
        ctx.stderr.write(top_help(ctx))
        return ExitStatus.USAGE
    group, words = rest[0], rest[1:]
    # The global options now live in ctx.globals; only a leading --help travels on.
    front = ["--help"] if wants_help else []
    if group == "help":
        return dispatch(ctx, [*argv[: len(argv) - len(rest)], *words, "--help"])
    if group in BUILTINS:
        module = _module(BUILTINS[group][0])
        status: int = module.run(ctx, group, front + words)
        return status
    index = ctx.index
    resource = index.resource(group)
    if resource is None:
        raise UsageError(f"pinterest: unknown group {group!r}{_suggest(group, _group_names(index))}", USAGE + "\n")
    prog = f"pinterest {group}"
    # `pinterest ad-accounts campaigns list ID`: resources living under /ad_accounts/{id}
    if resource == "ad_accounts" and words and index.method_for_command("ad_accounts", words[0]) is None:
        nested = index.resource(words[0])
        if nested in index.ad_scoped:
            resource, prog, words = nested, f"{prog} {words[0]}", words[1:]
    command = next((w for w in words if not w.startswith("-")), None)
    if command is None or command != words[0]:
        if command is None and any(w in ("-h", "--help") for w in words + front):
            ctx.stdout.write(group_help(ctx, resource, prog))
            return ExitStatus.OK
        if command is None:
            ctx.stderr.write(group_help(ctx, resource, prog))
            return ExitStatus.USAGE
        raise UsageError(
            f"{prog}: options go after the command: {prog} {command} ...", f"usage: {prog} <command> ...\n"
        )
    extra = EXTRA_COMMANDS.get((resource, command))
    if extra is not None:
        status = _module(extra[0]).run_extra(ctx, resource, command, f"{prog} {command}", front + words[1:])
        return status
    method = index.method_for_command(resource, command)
    if method is None:
        choices = [c.replace("_", "-") for c in index.groups[resource]]
        raise UsageError(
            f"{prog}: unknown command {command!r}{_suggest(command, choices)}",
            f"usage: {prog} <command> ...  (pinterest {group} --help lists them)\n",
        )
    op = index.find(resource, method)
    assert op is not None
    args = front + words[1:]
    if any(a in ("-h", "--help") for a in args[: args.index("--") if "--" in args else len(args)]):
        from .helptext import op_help  # the parser's own text, without importing argparse or the client

        ctx.stdout.write(op_help(op, f"{prog} {command}"))
        return ExitStatus.OK
    from .commands import run_operation

    return run_operation(ctx, op, args, f"{prog} {command}")


def _module(name: str) -> Any:
    import importlib

    return importlib.import_module(f"{__package__}.{name}")


def _group_names(index: Index) -> list[str]:
    return [n for r in index.groups for n in (group_name(r), *aliases(r))] + list(BUILTINS)


def _suggest(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=3)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def top_help(ctx: Context) -> str:
    from .argv import GLOBAL_OPTIONS

    index = ctx.index
    lines = [
        USAGE,
        "",
        "The Pinterest REST API v5 from the shell: one command per API operation, generated from the",
        "client's operation registry, plus workflows (auth, reports, media upload, sandbox).",
        "",
        "API groups (`pinterest <group> --help` lists the commands):",
    ]
    names = {r: group_name(r) for r in index.groups}
    width = max(len(n) for n in [*names.values(), *BUILTINS]) + 2
    for resource in sorted(index.groups, key=names.__getitem__):
        count = len(index.groups[resource])
        note = f"{count:>2} command{'s' if count != 1 else ' '}"
        if resource in index.ad_scoped:
            note += "   (also: pinterest ad-accounts " + names[resource] + " ...)"
        if aliases(resource):
            note += f"   (was: {', '.join(aliases(resource))})"
        lines.append(f"  {names[resource]:<{width}}{note}")
    lines += ["", "Other commands:"]
    lines += [f"  {name:<{width}}{BUILTINS[name][1]}" for name in sorted(BUILTINS)]
    lines += ["", "Global options (before the group or after the command):"]
    for flags, takes, text in GLOBAL_OPTIONS:
        spell = ", ".join(flags) + (" VALUE" if takes else "")
        lines.append(f"  {spell:<{width + 6}}{text}")
    lines += [
        f"  {'-h, --help':<{width + 6}}show help (for any group or command)",
        f"  {'--version':<{width + 6}}show the version",
        "",
        "Exit statuses: 0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 rate limited, 6 other API error,",
        "7 server error, 8 network/timeout, 130 interrupted.",
        "",
        f"Docs: {DOCS_URL}",
    ]
    return "\n".join(lines) + "\n"


def group_help(ctx: Context, resource: str, prog: str) -> str:
    index = ctx.index
    lines = [f"usage: {prog} <command> [arguments] [options]", "", "Commands:"]
    rows: list[tuple[str, str, str]] = []
    for method in index.groups[resource]:
        op = index.find(resource, method)
        assert op is not None
        args = " ".join(p.name.upper() for p in op.path_params)
        rows.append((f"{method.replace('_', '-')} {args}".rstrip(), op.summary, f"{op.http_method} {op.path}"))
    for (res, command), (_, text) in EXTRA_COMMANDS.items():
        if res == resource:
            rows.append((command, text, "(workflow)"))
    width = max(len(r[0]) for r in rows) + 2
    lines += [f"  {name:<{width}}{summary}  [{route}]" for name, summary, route in rows]
    if resource == "ad_accounts":
        lines += [
            "",
            "Resources under /ad_accounts/{ad_account_id}, also reachable as",
            f"`{prog} <resource> <command> AD_ACCOUNT_ID ...`:",
        ]
        row = " "
        for name in sorted(group_name(r) for r in index.ad_scoped):
            if len(row) + len(name) > 90:
                lines.append(row.rstrip())
                row = " "
            row += f" {name}"
        lines.append(row.rstrip())
    lines += ["", f"`{prog} <command> --help` shows a command's arguments."]
    return "\n".join(lines) + "\n"
