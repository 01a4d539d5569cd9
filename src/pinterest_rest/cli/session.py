"""Turn the global options, environment and profile into a ready ``Pinterest`` client.

Precedence, highest first:
    token:     --token, $PINTEREST_ACCESS_TOKEN, the profile's stored token (refreshed when it can be)
    base URL:  --base-url, --sandbox[=URL], $PINTEREST_BASE_URL, the profile's base_url, production
Nothing here reads ``os.environ``: the injected environment is the only source, and the client is
always given explicit values so it does not fall back to the process environment either.
"""

from __future__ import annotations

import json
import time
from argparse import Namespace
from typing import IO, TYPE_CHECKING, Any

from .._auth import Auth
from .errors import CliError

if TYPE_CHECKING:
    from .._client import Pinterest
    from .._transport import Request, Response, SyncTransport
    from .config import Config
    from .context import Context

SECRET_FIELDS = frozenset(
    {"access_token", "refresh_token", "client_secret", "code", "password", "token", "conversion_token"}
)
_REFRESH_MARGIN = 60.0  # refresh a stored token this many seconds before it expires


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
        stored = self.config.load_token() or {}
        client_id = self.ctx.env.get("PINTEREST_CLIENT_ID") or self.config.get("client_id") or stored.get("client_id")
        secret = self.ctx.env.get("PINTEREST_CLIENT_SECRET") or stored.get("client_secret")
        return client_id, secret

    def token_source(self) -> tuple[str, str | None]:
        """(where the token comes from, the token) -- the token is never printed."""
        if self.option("token"):
            return "--token", self.option("token")
        if self.ctx.env.get("PINTEREST_ACCESS_TOKEN"):
            return "PINTEREST_ACCESS_TOKEN", self.ctx.env["PINTEREST_ACCESS_TOKEN"]
        stored = self.config.load_token()
        if stored:
            return f"stored token of profile {self.config.profile!r}", str(stored["access_token"])
        if self.option("sandbox"):
            return "sandbox default", "sandbox-token"
        return "none", None

    def auth(self) -> Auth:
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
            return StoredTokenAuth(self, client_id, secret, conversion)
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
        return Pinterest(
            base_url=self.base_url(),
            auth=auth or self.auth(),
            transport=transport or self.transport(),
            ad_account_id=str(ad_account) if ad_account else None,
            **kwargs,
        )


SANDBOX_LOCAL = "http://sandbox.invalid/v5"  # base URL of the in-process sandbox (never resolved)


def sandbox_transport(session: Session) -> SyncTransport:
    """A transport answered by the in-process sandbox, its data kept in the config dir."""
    try:
        from ..sandbox import Sandbox  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise CliError(
            "--sandbox needs pinterest_rest.sandbox (and its extra: pip install 'pinterest-rest[sandbox]'); "
            "or point --sandbox=URL at a running `pinterest sandbox serve`"
        ) from None
    import os

    os.makedirs(session.config.dir, exist_ok=True)
    box = Sandbox(db=session.config.sandbox_db)
    transport: SyncTransport = box.client()._pipeline.transport
    return transport


class StoredTokenAuth(Auth):
    """The profile's stored token; refreshed (and re-saved, 0600) near expiry and once on a 401."""

    def __init__(self, session: Session, client_id: str | None, secret: str | None, conversion: str | None) -> None:
        self.client_id = client_id
        self.client_secret = secret
        self.conversion_token = conversion
        self._session = session
        self._token: dict[str, Any] = session.config.load_token() or {}

    def _can_refresh(self) -> bool:
        return bool(self._token.get("refresh_token") and self.client_id and self.client_secret)

    def bearer_token(self) -> str | None:
        expires = self._token.get("expires_at")
        if isinstance(expires, (int, float)) and expires - time.time() < _REFRESH_MARGIN and self._can_refresh():
            self._refresh()
        token = self._token.get("access_token")
        return str(token) if token else None

    def refresh(self, failed_token: str | None) -> bool:
        if not self._can_refresh():
            return False
        self._refresh()
        return True

    def scopes(self) -> tuple[str, ...] | None:
        scope = self._token.get("scope")
        return tuple(scope.replace(",", " ").split()) if isinstance(scope, str) else None

    def _refresh(self) -> None:
        from .auth import refresh_stored_token

        self._token = refresh_stored_token(self._session, self._token, self.client_id, self.client_secret)


# -- --debug ------------------------------------------------------------------------------------


def mask_body(body: bytes | None, form: bool) -> str:
    """A request body safe to log: secret-looking fields replaced by ***."""
    if not body:
        return ""
    text = body.decode("utf-8", "replace")
    if form:
        from urllib.parse import parse_qsl, urlencode

        pairs = [(k, "***" if k in SECRET_FIELDS else v) for k, v in parse_qsl(text, keep_blank_values=True)]
        return urlencode(pairs, safe="*")
    try:
        data = json.loads(text)
    except ValueError:
        return text[:2000]
    return json.dumps(_mask(data), ensure_ascii=False)[:2000]


_SECRET_QUERY = ("signature", "credential", "security-token", "access_token", "client_secret")


def mask_url(url: str) -> str:
    """A URL safe to log: presigned-URL signatures and credentials in the query replaced by ***."""
    if "?" not in url:
        return url
    base, query = url.split("?", 1)
    parts = []
    for pair in query.split("&"):
        key = pair.split("=", 1)[0]
        parts.append(f"{key}=***" if any(s in key.lower() for s in _SECRET_QUERY) else pair)
    return base + "?" + "&".join(parts)


def _mask(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_FIELDS and isinstance(v, str) else _mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


class DebugTransport:
    """Logs each request and response line to stderr, credentials masked, then delegates."""

    def __init__(self, inner: SyncTransport, stream: IO[str]) -> None:
        self.inner = inner
        self.stream = stream

    def send(self, request: Request) -> Response:
        from .._transport import mask_headers

        write = self.stream.write
        write(f"> {request.method} {mask_url(request.url)}\n")
        for key, value in mask_headers(request.headers).items():
            write(f"> {key}: {value}\n")
        form = "x-www-form-urlencoded" in request.headers.get("Content-Type", "")
        if request.body:
            write(f"> {mask_body(request.body, form)}\n")
        start = time.perf_counter()
        try:
            response = self.inner.send(request)
        except Exception as exc:
            write(f"< {type(exc).__name__}: {exc} after {1000 * (time.perf_counter() - start):.0f} ms\n")
            raise
        rid = response.headers.get("x-request-id") or response.headers.get("x-pinterest-rid")
        write(
            f"< {response.status_code} ({len(response.content)} bytes, "
            f"{1000 * (time.perf_counter() - start):.0f} ms{', request id ' + rid if rid else ''})\n"
        )
        self.stream.flush()
        return response

    def close(self) -> None:
        self.inner.close()


class Captured(Exception):
    """Raised by ``CaptureTransport`` to stop a call at the wire, carrying the request."""

    def __init__(self, request: Request) -> None:
        super().__init__("captured")
        self.request = request


class CaptureTransport:
    """``--dry-run``: the generated method runs the whole pipeline; the request stops here."""

    def send(self, request: Request) -> Response:
        raise Captured(request)

    def close(self) -> None:
        pass
