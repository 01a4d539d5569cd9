"""Turn the global options, environment and profile into a ready ``Pinterest`` client.

Precedence, highest first:
    token:     --token, $PINTEREST_ACCESS_TOKEN, the profile's stored token (refreshed when it can be)
    base URL:  --base-url, --sandbox[=URL], $PINTEREST_BASE_URL, the profile's base_url, production
Nothing here reads ``os.environ``: the injected environment is the only source, and the client is
always given explicit values so it does not fall back to the process environment either.
"""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING, Any

from .errors import CliError

if TYPE_CHECKING:
    from .._auth import Auth
    from .._client import Pinterest
    from .._transport import SyncTransport
    from .config import Config
    from .context import Context


class Session:
    """The settings of one run, from the parsed global options (missing ones count as not given)."""

    def __init__(self, ctx: Context, ns: Namespace) -> None:
        self.ctx = ctx
        self.ns = ns
        self.config: Config = ctx.config(getattr(ns, "profile", None))
        self.debug = bool(getattr(ns, "debug", False))
        self.dry_run = bool(getattr(ns, "dry_run", False))

    def option(self, name: str) -> Any:
        return getattr(self.ns, name, None)

    @property
    def output(self) -> str:
        from .output import choose

        return choose(self.option("output"), self.config.get("output"), self.ctx.tty)

    # -- where ----------------------------------------------------------------------------------

    def in_process_sandbox(self) -> bool:
        return bool(self.option("sandbox")) and not self.option("sandbox_url") and not self.option("base_url")

    def base_url(self) -> str:
        from .._pipeline import DEFAULT_BASE_URL

        url = (
            self.option("base_url")
            or self.option("sandbox_url")
            or (SANDBOX_LOCAL if self.option("sandbox") else None)
            or self.ctx.env.get("PINTEREST_BASE_URL")
            or self.config.get("base_url")
            or DEFAULT_BASE_URL
        )
        return str(url).rstrip("/")

    # -- who ------------------------------------------------------------------------------------

    def client_credentials(self) -> tuple[str | None, str | None]:
        self.config.token_store()  # moves the app secret out of a token file in the old format
        saved_id, saved_secret = self.config.app_credentials()
        client_id = self.ctx.env.get("PINTEREST_CLIENT_ID") or self.config.get("client_id") or saved_id
        secret = self.ctx.env.get("PINTEREST_CLIENT_SECRET") or saved_secret
        return client_id, secret

    def token_source(self) -> tuple[str, str | None]:
        """(where the token comes from, the token) -- the token is never printed."""
        if self.option("token"):
            return "--token", self.option("token")
        if self.ctx.env.get("PINTEREST_ACCESS_TOKEN"):
            return "PINTEREST_ACCESS_TOKEN", self.ctx.env["PINTEREST_ACCESS_TOKEN"]
        stored = self.config.load_token()
        if stored:
            return f"stored token of profile {self.config.profile!r}", stored.access_token
        if self.option("sandbox"):
            return "sandbox default", "sandbox-token"
        return "none", None

    def app(self, transport: SyncTransport | None = None) -> Pinterest:
        """A client carrying only the app's id and secret: for the /oauth/token calls."""
        from .._auth import StaticAuth

        client_id, secret = self.client_credentials()
        return self.client(transport, auth=StaticAuth(None, client_id=client_id, client_secret=secret))

    def auth(self, transport: SyncTransport | None = None) -> Auth:
        from .._auth import StaticAuth

        client_id, secret = self.client_credentials()
        source, token = self.token_source()
        conversion = self.ctx.env.get("PINTEREST_CONVERSION_TOKEN")
        if self.dry_run:
            # Show the request as it would go out, credentials masked, even with none configured.
            return StaticAuth(
                token or "dry-run",
                client_id=client_id or "dry-run",
                client_secret=secret or "dry-run",
                conversion_token=conversion,
            )
        if source.startswith("stored"):
            # The library's refreshing auth on the profile's token file: refreshed near expiry
            # and once on a 401, under a lock shared with every other process using the file.
            from ..oauth import RefreshingAuth

            auth = RefreshingAuth(self.app(transport), self.config.token_store())
            auth.conversion_token = conversion
            return auth
        return StaticAuth(token, client_id=client_id, client_secret=secret, conversion_token=conversion)

    # -- the client -----------------------------------------------------------------------------

    def transport(self) -> SyncTransport:
        transport: SyncTransport
        if self.ctx.transport is not None:
            transport = self.ctx.transport
        elif self.in_process_sandbox():
            transport = sandbox_transport(self)
        else:
            from .._transport.urllib3 import Urllib3Transport

            transport = Urllib3Transport()
        if self.debug:
            from .transports import DebugTransport

            transport = DebugTransport(transport, self.ctx.stderr)
        return transport

    def client(self, transport: SyncTransport | None = None, auth: Auth | None = None) -> Pinterest:
        from .._client import Pinterest

        kwargs: dict[str, Any] = {}
        timeout = self.option("timeout") or self.config.get("timeout")
        if timeout:
            kwargs["timeout"] = float(timeout)
        retries = self.option("max_retries")
        if retries is None:
            retries = self.config.get("max_retries")
        if retries is not None:
            kwargs["max_retries"] = int(retries)
        ad_account = self.config.get("ad_account_id")
        transport = transport or self.transport()
        return Pinterest(
            base_url=self.base_url(),
            auth=auth or self.auth(transport),
            transport=transport,
            ad_account_id=str(ad_account) if ad_account else None,
            **kwargs,
        )


SANDBOX_LOCAL = "http://sandbox.invalid/v5"  # base URL of the in-process sandbox (never resolved)


def sandbox_transport(session: Session) -> SyncTransport:
    """A transport answered by the in-process sandbox, its data kept in the config dir."""
    try:
        from ..sandbox import Sandbox
        from ..sandbox.transport import SandboxTransport
    except ImportError:
        raise CliError(
            "--sandbox needs pinterest_rest.sandbox (and its extra: pip install 'pinterest-rest[sandbox]'); "
            "or point --sandbox=URL at a running `pinterest sandbox serve`"
        ) from None
    import os

    os.makedirs(session.config.dir, exist_ok=True)
    from .sandbox_options import local_seed

    box = Sandbox(db=session.config.sandbox_db, seed=local_seed(session.ctx.env))
    return SandboxTransport(box.app)
