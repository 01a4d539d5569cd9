"""``Sandbox``: one offline Pinterest, usable in-process (no port) or over real HTTP."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from .._async_client import AsyncPinterest
from .._client import Pinterest
from .app import SandboxApp
from .clock import Clock
from .config import SandboxConfig
from .requirements import require_extra
from .store import State, Store

IN_PROCESS_URL = "http://sandbox.local/v5"


class Sandbox:
    """An offline Pinterest API v5.

    sb = Sandbox(seed="demo")
    client = sb.client()                 # in-process, no port
    with sb.serve(port=0) as base_url:   # real HTTP on 127.0.0.1
        ...
    sb.state.pins.count()
    """

    def __init__(
        self,
        db: str = ":memory:",
        seed: str | None = None,
        config: SandboxConfig | None = None,
        *,
        frozen_at: float | None = None,
    ) -> None:
        require_extra()
        self.config = config or SandboxConfig()
        self.store = Store(db)
        self.clock = Clock(frozen_at=frozen_at)  # ``sb.clock.advance(301)``: expire links and tokens without sleeping
        self.app = SandboxApp(self.store, self.config, self.clock)
        self.state = State(self.store)
        if seed:
            from .seed import load

            load(self.app, seed)

    def _client_kwargs(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs.setdefault("access_token", self.config.token)
        kwargs.setdefault("base_url", IN_PROCESS_URL)
        kwargs.setdefault("client_id", self.config.client_id)
        kwargs.setdefault("client_secret", self.config.client_secret)
        return kwargs

    def client(self, **kwargs: Any) -> Pinterest:
        """A Pinterest client wired to this sandbox in-process."""
        from .transport import SandboxTransport

        return Pinterest(transport=SandboxTransport(self.app), **self._client_kwargs(kwargs))

    def async_client(self, **kwargs: Any) -> AsyncPinterest:
        from .transport import AsyncSandboxTransport

        return AsyncPinterest(transport=AsyncSandboxTransport(self.app), **self._client_kwargs(kwargs))

    @contextlib.contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve over real HTTP in a background thread; yields the base URL (``.../v5``)."""
        from .server import serve_in_thread

        require_extra(serve=True)

        with serve_in_thread(self.app, host, port) as url:
            yield url

    def issue_code(self, scopes: list[str] | None = None) -> str:
        """An authorization code, as Pinterest's consent screen would redirect with."""
        from .consent import issue_code
        from .handlers.oauth import DEFAULT_SCOPES

        return issue_code(self.app, scopes or DEFAULT_SCOPES)

    def issue_token(self, scopes: list[str] | None = None) -> str:
        """An access token the sandbox knows (needed in the "scopes" auth mode)."""
        from .handlers.oauth import DEFAULT_SCOPES, issue

        grant = issue(
            self.store,
            self.config,
            scopes or DEFAULT_SCOPES,
            refresh=False,
            response_type="client_credentials",
            now=self.clock.now(),
        )
        token: str = grant["access_token"]
        return token

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Sandbox(db={self.store.path!r})"


def serve_forever(
    host: str = "127.0.0.1",
    port: int = 8155,
    db: str = ":memory:",
    seed: str | None = None,
    config: SandboxConfig | None = None,
    announce: Any = print,
) -> None:
    """Serve a sandbox until SIGINT/SIGTERM (``pinterest sandbox serve``, ``python -m pinterest_rest.sandbox``)."""
    from .server import serve_blocking

    require_extra(serve=True)

    sandbox = Sandbox(db=db, seed=seed, config=config)
    try:
        serve_blocking(sandbox.app, host, port, announce)
    finally:
        sandbox.close()
