"""python -m pinterest_rest.sandbox [--host H] [--port P] [--db PATH] [--seed demo] [--auth any|fixed|scopes]
[--rate-limit CATEGORY=N[/SECONDS]]... [--enforce-rate-limits] [--job-polls N]"""

from __future__ import annotations

import argparse
import sys

from .config import SandboxConfig
from .sandbox import serve_forever


def _rate_limit(text: str) -> tuple[str, tuple[int, float]]:
    """``ads_write=5`` (per minute) or ``ads_write=5/10`` (per 10 seconds)."""
    category, sep, rest = text.partition("=")
    count, _, seconds = rest.partition("/")
    try:
        if not sep or not category:
            raise ValueError
        return category, (int(count), float(seconds or 60))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CATEGORY=N or CATEGORY=N/SECONDS, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pinterest_rest.sandbox", description="Serve an offline Pinterest API v5."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8155, help="0 picks a free port")
    parser.add_argument("--db", default=":memory:", help="SQLite file to keep state across restarts")
    parser.add_argument("--seed", choices=["demo"], help="load demo data")
    parser.add_argument("--auth", choices=["any", "fixed", "scopes"], default="any")
    parser.add_argument("--job-polls", type=int, default=1, help="status polls before a job finishes")
    parser.add_argument(
        "--rate-limit",
        type=_rate_limit,
        action="append",
        default=[],
        metavar="CATEGORY=N[/SECONDS]",
        help="override one category's window (repeatable), e.g. ads_write=5/10",
    )
    parser.add_argument("--enforce-rate-limits", action="store_true", help="answer 429 past a window")
    args = parser.parse_args(argv)
    limits: dict[str, list[tuple[int, float]]] = {}
    for category, window in args.rate_limit:
        limits.setdefault(category, []).append(window)
    config = SandboxConfig(
        auth=args.auth, job_polls=args.job_polls, enforce_rate_limits=args.enforce_rate_limits, rate_limits=limits
    )
    serve_forever(args.host, args.port, args.db, args.seed, config, announce=lambda m: print(m, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
