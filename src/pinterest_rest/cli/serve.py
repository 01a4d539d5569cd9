"""``pinterest sandbox serve``: run the offline sandbox as a real HTTP server (``pinterest_rest.sandbox``).

Its knobs are ``sandbox_options``'s (shared with ``python -m pinterest_rest.sandbox``). Once the
port is bound it prints, on stdout, the real address and the ``export PINTEREST_BASE_URL=...``
line to point other shells at it; then one line per request on stderr (time, method, path,
status, milliseconds) unless ``--quiet``. The path is logged without its query string, so
nothing a client puts there (a token, a signature) reaches the log.
"""

from __future__ import annotations

import time
from typing import IO, TYPE_CHECKING, Any, cast

from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, add_global_options

if TYPE_CHECKING:
    from ..sandbox.app import SandboxApp
    from .context import Context

USAGE = "usage: pinterest sandbox serve [--host HOST] [--port PORT] [--db FILE] [--seed demo|none] [options]"


class RequestLog:
    """Wraps the sandbox app: one line per request on ``stream``."""

    def __init__(self, app: Any, stream: IO[str]) -> None:
        self.app = app
        self.stream = stream

    @property
    def config(self) -> Any:  # the ASGI layer reads the fault settings of the app it serves
        return self.app.config

    def handle(self, method: str, url: str, headers: dict[str, str], body: bytes, origin: str = "") -> Any:
        start = time.perf_counter()
        status: Any = "---"
        try:
            reply = self.app.handle(method, url, headers, body, origin)
            status = reply.status if reply.fault is None else f"{reply.status} ({reply.fault})"
            return reply
        finally:
            ms = 1000 * (time.perf_counter() - start)
            path = url.split("?", 1)[0]
            self.stream.write(f"{time.strftime('%H:%M:%S')} {method} {path} {status} {ms:.0f} ms\n")
            self.stream.flush()


def run(ctx: Context, group: str, argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        ctx.out(
            f"{USAGE}\n\n"
            "Serve the offline sandbox (every API operation, no token or network needed).\n"
            "Point clients at it with the printed `export PINTEREST_BASE_URL=...`, --base-url URL or\n"
            "--sandbox=URL. `pinterest sandbox serve --help` lists every knob."
        )
        return ExitStatus.OK if argv else ExitStatus.USAGE
    if argv[0] != "serve":
        raise UsageError(f"pinterest sandbox: unknown command {argv[0]!r}", USAGE + "\n")
    try:
        from ..sandbox import Sandbox
        from ..sandbox.server import serve_blocking
        from .sandbox_options import add_arguments, config_from, seed_of
    except ImportError as exc:
        raise CliError(
            f"the sandbox is not available ({exc}); install its extra: pip install 'pinterest-rest[sandbox]'"
        ) from None
    parser = Parser(
        ctx,
        prog="pinterest sandbox serve",
        usage=USAGE.removeprefix("usage: "),
        description="Serve the offline sandbox over HTTP.",
    )
    add_arguments(
        parser,
        db=None,
        db_help="SQLite file to keep the data in (default: sandbox.db in the config dir, shared with "
        "--sandbox; :memory: for none)",
        seed="demo",
        request_log=True,
    )
    add_global_options(parser)
    ns = parser.parse_args(argv[1:])
    db = ns.db
    if db is None:
        import os

        cfg = ctx.config(ns.profile)
        os.makedirs(cfg.dir, exist_ok=True)
        db = cfg.sandbox_db
    seed = seed_of(ns)
    box = Sandbox(db=db, seed=seed, config=config_from(ns))
    # RequestLog has the one method the server calls on the app (``handle``)
    app = box.app if ns.quiet else cast("SandboxApp", RequestLog(box.app, ctx.stderr))

    def announce(message: str) -> None:
        url = next((w for w in message.split() if w.startswith("http")), "")
        ctx.out(f"pinterest sandbox: serving on {url} (data: {db}; seed: {seed or 'none'}); Ctrl-C stops it")
        ctx.out(f"export PINTEREST_BASE_URL={url}")
        ctx.stdout.flush()

    try:
        serve_blocking(app, ns.host, ns.port, announce)
    except OSError as exc:
        raise CliError(f"cannot listen on {ns.host}:{ns.port}: {exc.strerror or exc}") from None
    finally:
        box.close()
    return ExitStatus.OK
