"""The knobs of a served sandbox, defined once for ``pinterest sandbox serve`` and
``python -m pinterest_rest.sandbox``: the same flags, types, defaults and help in both.

Defaults of the behaviour knobs are read from ``SandboxConfig`` and ``Faults`` themselves, so this
table never restates them. Only where to listen and what data to start from differ by caller (the
CLI keeps its data in the config dir and starts from the demo seed; ``python -m`` starts empty in
memory), so those defaults are arguments of ``add_arguments``. Works with any ``ArgumentParser``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from ..sandbox.config import SandboxConfig

DEFAULT_PORT = 8155
SEEDS = ("demo", "none")

# (flag, SandboxConfig / Faults field, type, help). The help's default comes from the dataclass.
_CONFIG_KNOBS: tuple[tuple[str, str, Any, str], ...] = (
    (
        "--auth",
        "auth",
        ("any", "fixed", "scopes"),
        "which bearer tokens pass: any; fixed (only --fixed-token); "
        "scopes (only tokens the sandbox issued, 403 naming a missing scope)",
    ),
    ("--fixed-token", "token", str, "the one token --auth fixed accepts"),
    ("--job-polls", "job_polls", int, "status polls before a long-running job (report, media, batch) finishes"),
    ("--enforce-rate-limits", "enforce_rate_limits", bool, "answer 429 past --rate-limit requests per window"),
    ("--rate-window", "rate_window", int, "window in seconds of a --rate-limit N given for every category"),
)
_FAULT_KNOBS: tuple[tuple[str, str, Any, str], ...] = (
    ("--fault-error", "error", float, "share of requests answered 503 (0 to 1)"),
    ("--fault-reset", "reset", float, "share of connections dropped mid-answer (0 to 1)"),
    ("--fault-truncate", "truncate", float, "share of answers cut short (0 to 1)"),
    ("--fault-delay", "delay", float, "share of requests delayed by --fault-delay-seconds (0 to 1)"),
    ("--fault-delay-seconds", "delay_seconds", float, "how long a delayed request waits"),
    ("--fault-seed", "seed", int, "seed of the fault dice, so a failing run replays exactly"),
)


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text!r}")
    return value


def _rate_limit(text: str) -> tuple[str | None, int, float | None]:
    """``100`` (every category) or ``ads_write=5`` (per minute) / ``ads_write=5/10`` (per 10 s)."""
    category, sep, rest = text.rpartition("=")
    count, _, seconds = rest.partition("/")
    try:
        if sep and not category:
            raise ValueError
        n, window = int(count), float(seconds) if seconds else None
        if n < 1 or (window is not None and window <= 0) or (not sep and window is not None):
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N or CATEGORY=N[/SECONDS], not {text!r}") from None
    return (category if sep else None), n, window


def _at_least(low: int) -> Any:
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, got {text!r}")
        return value

    return check


def add_arguments(
    parser: argparse.ArgumentParser,
    *,
    db: str | None,
    db_help: str,
    seed: str,
    host: str = "127.0.0.1",
    request_log: bool = False,
) -> None:
    """Every knob of a served sandbox, on ``parser`` (``--quiet`` where the server logs requests)."""
    from ..sandbox.config import Faults, SandboxConfig

    config, faults = SandboxConfig(), Faults()
    parser.add_argument("--host", default=host, help=f"address to listen on (default {host})")
    parser.add_argument(
        "--port",
        type=_at_least(0),
        default=DEFAULT_PORT,
        metavar="PORT",
        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument("--db", default=db, metavar="FILE", help=db_help)
    parser.add_argument(
        "--seed", choices=SEEDS, default=seed,
        help="data to start from when the database is empty: demo (boards, pins, an ad account with "
        f"campaigns) or none (default {seed})",
    )  # fmt: skip
    group = parser.add_argument_group("behaviour")
    for flag, field, kind, text in _CONFIG_KNOBS:
        _add(group, flag, "knob_" + field, kind, text, getattr(config, field))
    group.add_argument(
        "--rate-limit",
        dest="rate_limit",
        type=_rate_limit,
        action="append",
        default=[],
        metavar="N|CATEGORY=N[/SECONDS]",
        help="requests allowed per window: N for every category (per --rate-window seconds), or one "
        "category's window, e.g. ads_write=5/10 (repeatable; default: Pinterest's documented limits)",
    )
    group = parser.add_argument_group("injected faults")
    for flag, field, kind, text in _FAULT_KNOBS:
        _add(group, flag, "fault_" + field, kind, text, getattr(faults, field))
    if request_log:
        parser.add_argument("--quiet", action="store_true", help="do not log one line per request on stderr")


def _add(group: Any, flag: str, dest: str, kind: Any, text: str, default: Any) -> None:
    if kind is bool:
        group.add_argument(flag, dest=dest, action="store_true", help=text)
    elif isinstance(kind, tuple):
        group.add_argument(flag, dest=dest, choices=kind, default=default, help=f"{text} (default {default})")
    elif kind is float:
        convert = _share if flag.startswith("--fault-") and not flag.endswith("seconds") else float
        metavar = "SECONDS" if flag.endswith("seconds") else "SHARE"
        group.add_argument(
            flag, dest=dest, type=convert, default=default, metavar=metavar, help=f"{text} (default {default})"
        )
    elif kind is int:
        low = 0 if dest in ("fault_seed", "knob_job_polls") else 1
        group.add_argument(
            flag, dest=dest, type=_at_least(low), default=default, metavar="N", help=f"{text} (default {default})"
        )
    else:
        group.add_argument(flag, dest=dest, default=default, metavar="TEXT", help=f"{text} (default {default})")


def config_from(ns: argparse.Namespace) -> SandboxConfig:
    """The ``SandboxConfig`` the parsed knobs describe."""
    from ..sandbox.config import Faults, SandboxConfig

    faults = Faults(**{field: getattr(ns, "fault_" + field) for _, field, _, _ in _FAULT_KNOBS})
    every: int | None = None
    per_category: dict[str, list[tuple[int, float]]] = {}
    for category, count, window in ns.rate_limit:
        if category is None:
            every = count
        else:
            per_category.setdefault(category, []).append((count, window or 60.0))
    return SandboxConfig(
        **{field: getattr(ns, "knob_" + field) for _, field, _, _ in _CONFIG_KNOBS},
        rate_limit=every,
        rate_limits=per_category,
        faults=faults,
    )


def seed_of(ns: argparse.Namespace) -> str | None:
    return None if ns.seed == "none" else str(ns.seed)


def local_seed(env: Mapping[str, str]) -> str | None:
    """The seed of the in-process sandbox (``--sandbox``): demo unless ``PINTEREST_SANDBOX_SEED=none``."""
    name = env.get("PINTEREST_SANDBOX_SEED") or "demo"
    if name not in SEEDS:
        raise UsageError(f"pinterest: PINTEREST_SANDBOX_SEED must be one of {', '.join(SEEDS)}, not {name!r}")
    return None if name == "none" else name
