"""``pinterest sandbox serve``: run the offline sandbox as a real HTTP server (``pinterest_rest.sandbox``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, add_global_options

if TYPE_CHECKING:
    from .context import Context

DEFAULT_PORT = 8155


def run(ctx: Context, group: str, argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        ctx.out(
            "usage: pinterest sandbox serve [--host HOST] [--port PORT] [--db FILE] [--seed demo]\n\n"
            "Serve the offline sandbox (every API operation, no token or network needed).\n"
            "Point clients at it with --base-url http://HOST:PORT/v5 or --sandbox=http://HOST:PORT/v5."
        )
        return ExitStatus.OK if argv else ExitStatus.USAGE
    if argv[0] != "serve":
        raise UsageError(f"pinterest sandbox: unknown command {argv[0]!r}", "usage: pinterest sandbox serve ...\n")
    parser = Parser(ctx, prog="pinterest sandbox serve", description="Serve the offline sandbox over HTTP.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks one)")
    parser.add_argument(
        "--db", help="SQLite file to keep the data in (default: sandbox.db in the config dir; :memory: for none)"
    )
    parser.add_argument("--seed", choices=["demo"], help="load demo data (boards, pins, an ad account ...)")
    add_global_options(parser)
    ns = parser.parse_args(argv[1:])
    try:
        from ..sandbox import serve_forever  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise CliError(
            f"the sandbox is not available ({exc}); install its extra: pip install 'pinterest-rest[sandbox]'"
        ) from None
    db = ns.db
    if db is None:
        import os

        cfg = ctx.config(ns.profile)
        os.makedirs(cfg.dir, exist_ok=True)
        db = cfg.sandbox_db
    ctx.err(f"pinterest sandbox: serving on http://{ns.host}:{ns.port}/v5 (data: {db}); Ctrl-C stops it")
    serve_forever(ns.host, ns.port, db, ns.seed, None)
    return ExitStatus.OK
