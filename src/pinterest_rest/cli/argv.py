"""The global options, and splitting argv into them and the command (no argparse: this runs for
``pinterest --help`` too, which must stay fast)."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UsageError

OUTPUTS = ("json", "ndjson", "table", "yaml")

# (flags, takes a value, help). Accepted before the group and after the command alike.
GLOBAL_OPTIONS: tuple[tuple[tuple[str, ...], bool, str], ...] = (
    (("--token",), True, "access token (default: $PINTEREST_ACCESS_TOKEN, then the profile's stored token)"),
    (("--profile",), True, "named profile: settings and stored token (default: $PINTEREST_PROFILE or 'default')"),
    (("--base-url",), True, "API address (default: $PINTEREST_BASE_URL, the profile's base_url, or production)"),
    (
        ("--sandbox",),
        False,
        "use the offline sandbox in-process (data kept in the config dir); --sandbox=URL for a served one",
    ),
    (
        ("-o", "--output"),
        True,
        "output format: json, ndjson, table or yaml (default: table/pretty JSON on a terminal, JSON otherwise)",
    ),
    (("--dry-run",), False, "print the request that would be sent (token masked) and send nothing"),
    (("--debug",), False, "log each request and response to stderr (secrets masked); tracebacks on errors"),
    (("--timeout",), True, "seconds to wait for an answer (default 60)"),
    (("--max-retries",), True, "retries on 429, 5xx and connection errors (default 2)"),
)
_GLOBAL_FLAGS = {flag: takes for flags, takes, _ in GLOBAL_OPTIONS for flag in flags}
GLOBAL_NAMES = frozenset(f.lstrip("-") for f in _GLOBAL_FLAGS) | {"sandbox-url", "help", "version"}
# Names an operation option may not take (it gets a location prefix instead: --query-token).
RESERVED = GLOBAL_NAMES | {"json", "all", "max-items", "h", "o"}


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
        if name == "--sandbox-url":
            takes = True
        elif name in _GLOBAL_FLAGS:
            takes = _GLOBAL_FLAGS[name]
        else:
            raise UsageError(
                f"pinterest: unknown global option {arg!r}", "usage: pinterest [options] <group> <command> ..."
            )
        front.append(arg)
        i += 1
        if takes and "=" not in arg:
            if i >= len(argv):
                raise UsageError(f"pinterest: {arg} needs a value")
            front.append(argv[i])
            i += 1
    return front, list(argv[i:])
