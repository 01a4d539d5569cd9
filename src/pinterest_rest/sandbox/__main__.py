"""python -m pinterest_rest.sandbox [--host H] [--port P] [--db PATH] [--seed demo] [--auth any|fixed|scopes]"""

from __future__ import annotations

import argparse
import sys

from .config import SandboxConfig
from .sandbox import serve_forever


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
    parser.add_argument("--enforce-rate-limits", action="store_true")
    args = parser.parse_args(argv)
    config = SandboxConfig(auth=args.auth, job_polls=args.job_polls, enforce_rate_limits=args.enforce_rate_limits)
    serve_forever(args.host, args.port, args.db, args.seed, config, announce=lambda m: print(m, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
