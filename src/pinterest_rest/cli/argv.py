"""The global options, and splitting argv into them and the command (no argparse: this runs for
``pinterest --help`` too, which must stay fast).

Global options given before the group are parsed here, once, into ``Context.globals``; every
command's parser starts from those values (see ``parser.Parser.parse_args``), so they reach every
group alike -- generated commands, ``auth``, ``reports``, ``media``, ``sandbox``, ``config``.
The same options given after the command override them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import UsageError

OUTPUTS = ("json", "ndjson", "table", "yaml", "csv", "tsv")

# (flags, takes a value, help). Accepted before the group and after the command alike.
GLOBAL_OPTIONS: tuple[tuple[tuple[str, ...], bool, str], ...] = (
    (("--token",), True, "access token (default: $PINTEREST_ACCESS_TOKEN, then the profile's stored token)"),
    (("--profile",), True, "named profile: settings and stored token (default: $PINTEREST_PROFILE or 'default')"),
    (("--base-url",), True, "API address (default: $PINTEREST_BASE_URL, the profile's base_url, or production)"),
    (
        ("--sandbox",),
        False,
        "use the offline sandbox in-process, with demo data on first use (kept in the config dir); "
        "--sandbox=URL for a served one",
    ),
    (
        ("-o", "--output"),
        True,
        "output format: json, ndjson, table, yaml, csv or tsv (default: table on a terminal, JSON otherwise)",
    ),
    (
        ("--query",),
        True,
        "JMESPath expression applied to the result before any output format, e.g. 'items[].[id,name]'",
    ),
    (
        ("--columns",),
        True,
        "comma-separated columns for table, csv and tsv output (default: id, name/title/username, "
        "status, then what fits the width)",
    ),
    (("--dry-run",), False, "print the request that would be sent (token masked) and send nothing"),
    (("--debug",), False, "log each request and response to stderr (secrets masked); tracebacks on errors"),
    (("--timeout",), True, "seconds to wait for an answer (default 60)"),
    (("--max-retries",), True, "retries on 429, 5xx and connection errors (default 2)"),
)
# Output-shaping options whose names some operations also use for an API parameter (analytics
# `columns`, search `query`): there the API parameter keeps the plain name after the command, and
# the output option is spelled `--output-query` / `--output-columns` (or given before the group).
SHAPING = {"query": "--output-query", "columns": "--output-columns"}

_GLOBAL_FLAGS = {flag: takes for flags, takes, _ in GLOBAL_OPTIONS for flag in flags}
_GLOBAL_FLAGS.update({alias: True for alias in SHAPING.values()})
_GLOBAL_FLAGS["--sandbox-url"] = True
GLOBAL_NAMES = frozenset(f.lstrip("-") for f in _GLOBAL_FLAGS) | {"help", "version"}
# Names an operation option may not take (it gets a location prefix instead: --query-token).
RESERVED = (GLOBAL_NAMES - set(SHAPING)) | {"json", "all", "max-items", "h", "o"}


def dest_of(flags: Sequence[str]) -> str:
    return flags[-1].lstrip("-").replace("-", "_")


# Every global option's value when not given (a Namespace attribute always exists).
DEFAULTS: dict[str, Any] = {dest_of(flags): (None if takes else False) for flags, takes, _ in GLOBAL_OPTIONS}
DEFAULTS["sandbox_url"] = None
_DEST = {flag: dest_of(flags) for flags, _, _ in GLOBAL_OPTIONS for flag in flags}
_DEST.update({alias: name for name, alias in SHAPING.items()})
_DEST["--sandbox-url"] = "sandbox_url"


def normalize(argv: Sequence[str]) -> list[str]:
    """``--sandbox=URL`` -> ``--sandbox-url URL`` (so a bare ``--sandbox`` never eats a positional)."""
    out: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--":
            out.extend(argv[i:])
            break
        if arg.startswith("--sandbox="):
            out += ["--sandbox-url", arg.split("=", 1)[1]]
        else:
            out.append(arg)
    return out


def check_encoding(argv: Sequence[str]) -> None:
    """Python decodes argv bytes that are not valid in the locale's encoding to lone surrogates;
    such an argument cannot be printed or sent, so it is a usage error, named by position."""
    for i, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UsageError(f"pinterest: argument {i} ({shown!r}) is not valid UTF-8") from None


def split_globals(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Global options before the first word, and the rest (``--help``/``--version`` stay in front)."""
    front: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "--":
            break
        name = arg.split("=", 1)[0]
        if not arg.startswith("--") and len(arg) > 2 and arg[:2] in _GLOBAL_FLAGS:  # -ojson
            front.append(arg)
            i += 1
            continue
        if name in ("-h", "--help", "--version"):
            front.append(arg)
            i += 1
            continue
        if name not in _GLOBAL_FLAGS:
            raise UsageError(
                f"pinterest: unknown global option {arg!r}", "usage: pinterest [options] <group> <command> ...\n"
            )
        front.append(arg)
        i += 1
        if _GLOBAL_FLAGS[name] and "=" not in arg:
            if i >= len(argv):
                raise UsageError(f"pinterest: {arg} needs a value")
            front.append(argv[i])
            i += 1
    return front, list(argv[i:])


def parse_globals(front: Sequence[str]) -> dict[str, Any]:
    """The values of the global options in ``front`` (as split off by ``split_globals``), checked."""
    values = dict(DEFAULTS)
    i = 0
    while i < len(front):
        arg = front[i]
        i += 1
        if arg in ("-h", "--help", "--version"):
            continue
        if not arg.startswith("--") and len(arg) > 2:  # -ojson
            flag, value = arg[:2], arg[2:]
        elif "=" in arg:
            flag, value = arg.split("=", 1)
        else:
            flag, value = arg, None
            if _GLOBAL_FLAGS[flag]:
                value = front[i]
                i += 1
        dest = _DEST[flag]
        values[dest] = True if value is None else check_global(flag, dest, value)
    return values


def check_global(flag: str, dest: str, value: str) -> Any:
    """One global option's value, converted; a bad one is a usage error naming the option."""
    try:
        if dest == "output":
            if value not in OUTPUTS:
                raise ValueError(f"invalid choice {value!r} (choose from {', '.join(OUTPUTS)})")
            return value
        if dest == "timeout":
            return seconds(value)
        if dest == "max_retries":
            return count(value)
        if dest in ("query", "columns") and not value.strip():
            raise ValueError("must not be empty")
    except ValueError as exc:
        raise UsageError(f"pinterest: argument {flag}: {exc}", "usage: pinterest [options] <group> ...\n") from None
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number of seconds, got {text!r}") from None
    if value <= 0:
        raise ValueError(f"must be more than 0, got {text!r}")
    return value


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise ValueError(f"must be 0 or more, got {text!r}")
    return value
