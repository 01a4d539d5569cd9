"""python -m pinterest_rest.sandbox [--host H] [--port P] [--db PATH] [--seed demo] [--auth any|fixed|scopes] ...

The knobs are defined once, with ``pinterest sandbox serve`` (``pinterest_rest.cli.sandbox_options``).
"""

from __future__ import annotations

import argparse
import sys

from ..cli.sandbox_options import add_arguments, config_from, seed_of
from .sandbox import serve_forever


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pinterest_rest.sandbox", description="Serve an offline Pinterest API v5."
    )
    add_arguments(parser, db=":memory:", db_help="SQLite file to keep state across restarts", seed="none")
    args = parser.parse_args(argv)
    serve_forever(
        args.host, args.port, args.db, seed_of(args), config_from(args), announce=lambda m: print(m, flush=True)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
