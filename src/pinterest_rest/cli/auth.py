"""``pinterest auth login|status|refresh|logout|revoke``: OAuth in the browser, and the stored token.

Every step is the library's (``pinterest_rest.oauth``): the consent URL and default scopes, the
code exchange, refresh, revoke, the ``Token`` record and its file (``FileTokenStore``, 0600, locked
across processes while refreshing). What is the CLI's own: the local redirect listener and the
profile's paths.

login: listen on 127.0.0.1 for the redirect, open the consent page (or print its URL with
``--no-browser``), check ``state``, exchange the code at ``POST /oauth/token`` (Basic auth with the
app's id and secret) through the client, and store the token for the profile with mode 0600.
The token itself is never printed: status shows who it belongs to, its scopes and expiry.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from ..oauth import AUTHORIZE_URL, DEFAULT_SCOPES
from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, add_global_options, subcommands

if TYPE_CHECKING:
    from argparse import Namespace

    from ..oauth import Token
    from .context import Context
    from .session import Session

DEFAULT_PORT = 8085


def run(ctx: Context, group: str, argv: list[str]) -> int:
    parser = Parser(
        ctx, prog="pinterest auth", description="Log in with OAuth, show or refresh the stored token, log out."
    )
    sub = subcommands(parser, dest="action", metavar="ACTION", required=True)
    login = sub.add_parser("login", help="log in in the browser and store the token (0600)")
    login.add_argument("--client-id", help="OAuth app id (default: $PINTEREST_CLIENT_ID or the profile's client_id)")
    login.add_argument("--client-secret", help="OAuth app secret (default: $PINTEREST_CLIENT_SECRET)")
    login.add_argument(
        "--scopes", help=f"comma-separated scopes (default: the profile's scopes or {','.join(DEFAULT_SCOPES)})"
    )
    login.add_argument("--port", type=int, help=f"port of the local redirect listener (default {DEFAULT_PORT})")
    login.add_argument("--redirect-uri", help="redirect URI registered for the app (default http://127.0.0.1:PORT/)")
    login.add_argument(
        "--authorize-url", help=f"consent page (default: the profile's authorize_url or {AUTHORIZE_URL})"
    )
    login.add_argument("--no-browser", action="store_true", help="print the URL to open instead of opening a browser")
    login.add_argument("--wait", type=float, default=300.0, metavar="SECONDS", help="how long to wait (default 300)")
    sub.add_parser("status", help="who the token belongs to, its scopes and expiry (never the token)")
    sub.add_parser("refresh", help="refresh the stored token now (it is also refreshed by itself near expiry)")
    logout = sub.add_parser("logout", help="forget the profile's stored token")
    logout.add_argument("--revoke", action="store_true", help="also revoke it at Pinterest")
    sub.add_parser("revoke", help="revoke the stored token at Pinterest, then forget it")
    for p in (parser, login, *(sub.choices[n] for n in ("status", "refresh", "logout", "revoke"))):
        add_global_options(p)
    ns = parser.parse_args(argv)
    from .session import Session

    session = Session(ctx, ns)
    if ns.action == "login":
        return login_command(ctx, session, ns)
    if ns.action == "status":
        return status_command(ctx, session)
    if ns.action == "refresh":
        return refresh_command(ctx, session)
    return logout_command(ctx, session, revoke=ns.action == "revoke" or ns.revoke)


# -- login --------------------------------------------------------------------------------------


class _Redirect:
    """The one redirect the listener waits for."""

    def __init__(self) -> None:
        self.params: dict[str, str] | None = None
        self.done = threading.Event()


def _listener(host: str, port: int, path: str, box: _Redirect) -> Any:
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path.rstrip("/") != path.rstrip("/"):
                self.send_error(404)
                return
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            ok = "code" in params
            body = (
                b"<html><body><h3>pinterest-rest: logged in.</h3>You can close this window.</body></html>"
                if ok
                else b"<html><body><h3>pinterest-rest: login failed.</h3>See the terminal.</body></html>"
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            if box.params is None:
                box.params = params
                box.done.set()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the query string holds the code: keep it out of stderr

    try:
        return HTTPServer((host, port), Handler)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port} for the OAuth redirect: {exc.strerror or exc}") from None


def login_command(ctx: Context, session: Session, ns: Namespace) -> int:
    from .. import oauth

    cfg = session.config
    stored_id, stored_secret = session.client_credentials()
    client_id = ns.client_id or stored_id
    client_secret = ns.client_secret or stored_secret
    if not client_id or not client_secret:
        raise UsageError(
            "pinterest auth login: needs the app's id and secret: --client-id/--client-secret, "
            "or PINTEREST_CLIENT_ID/PINTEREST_CLIENT_SECRET"
        )
    scope_text = ns.scopes or cfg.get("scopes")
    scopes = [s for s in scope_text.replace(" ", ",").split(",") if s] if scope_text else list(DEFAULT_SCOPES)
    redirect = ns.redirect_uri or cfg.get("redirect_uri")
    port = ns.port if ns.port is not None else DEFAULT_PORT
    if redirect:
        parts = urlsplit(redirect)
        host, path = parts.hostname or "127.0.0.1", parts.path or "/"
        port = parts.port or (80 if ns.port is None else port)
    else:
        host, path = "127.0.0.1", "/"
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise UsageError(f"pinterest auth login: the redirect URI must point at this machine, not {host}")
    authorize = ns.authorize_url or cfg.get("authorize_url") or AUTHORIZE_URL
    try:
        oauth.check_scopes(scopes)  # before opening the listener
    except oauth.OAuthError as exc:
        raise UsageError(f"pinterest auth login: {exc}") from None
    box = _Redirect()
    server = _listener("127.0.0.1" if host == "localhost" else host, port, path, box)
    port = server.server_address[1]
    if not redirect:
        redirect = f"http://127.0.0.1:{port}/"
    elif ns.port == 0:
        redirect = redirect.replace(":0/", f":{port}/", 1)
    url, state = oauth.authorization_url(client_id, redirect, scopes, authorize_url=authorize)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        if ns.no_browser:
            ctx.err(f"Open this URL in a browser to authorize pinterest-rest:\n\n    {url}\n")
        else:
            ctx.err(f"Opening the browser to authorize (or open this URL yourself):\n    {url}")
            _open(ctx, url)
        ctx.err(f"Waiting for the redirect to {redirect} ...")
        if not box.done.wait(ns.wait):
            raise CliError(f"no redirect within {ns.wait:.0f} s; run `pinterest auth login` again", ExitStatus.AUTH)
    finally:
        server.shutdown()
        server.server_close()
    params = box.params or {}
    if params.get("state") != state:
        raise CliError("the redirect's state does not match this login (possible CSRF); try again", ExitStatus.AUTH)
    if "code" not in params:
        reason = params.get("error_description") or params.get("error") or "no code in the redirect"
        raise CliError(f"authorization refused: {reason}", ExitStatus.AUTH)
    app = _app(session, client_id, client_secret)
    token = oauth.exchange_code(app, params["code"], redirect)
    if not token.access_token:
        raise CliError("the token endpoint answered without an access_token", ExitStatus.AUTH)
    path_written = cfg.save_token(token)
    cfg.save_app_credentials(client_id, client_secret)  # 0600, for refreshing without the environment
    if ns.client_id and cfg.get("client_id") != ns.client_id:
        cfg.set("client_id", ns.client_id)  # remembered for refreshing and the next login
    who = _whoami(session)
    name = who.get("username") if isinstance(who, dict) else None
    ctx.err(
        f"Logged in{' as ' + name if name else ''} (profile {cfg.profile!r}); "
        f"scopes: {','.join(token.scopes) or ','.join(scopes)}. Token stored in {path_written} (mode 0600)."
    )
    return ExitStatus.OK


def _app(session: Session, client_id: str | None, client_secret: str | None) -> Any:
    from .._auth import StaticAuth

    return session.client(auth=StaticAuth(None, client_id=client_id, client_secret=client_secret))


def _open(ctx: Context, url: str) -> None:
    if ctx.open_browser is not None:
        ctx.open_browser(url)
        return
    import webbrowser

    if not webbrowser.open(url):
        ctx.err("(no browser found: open the URL above yourself)")


# -- status / logout ----------------------------------------------------------------------------


def _whoami(session: Session) -> Any:
    from .output import plain

    try:
        return plain(session.client().user_account.get())
    except Exception as exc:  # login worked; naming the account is a courtesy
        session.ctx.err(f"(could not read the account: {exc})")
        return None


def _stored(session: Session) -> Token:
    token = session.config.load_token()
    if token is None:
        raise CliError(
            f"not logged in (profile {session.config.profile!r}): run `pinterest auth login`", ExitStatus.AUTH
        )
    return token


def status_command(ctx: Context, session: Session) -> int:
    from .output import emit, plain

    source, token = session.token_source()
    if token is None:
        raise CliError(
            f"not logged in (profile {session.config.profile!r}): run `pinterest auth login`, "
            "pass --token or set PINTEREST_ACCESS_TOKEN",
            ExitStatus.AUTH,
        )
    stored = session.config.load_token() if source.startswith("stored") else None
    account = plain(session.client().user_account.get())
    info: dict[str, Any] = {
        "profile": session.config.profile,
        "base_url": session.base_url(),
        "token_source": source,
        "username": account.get("username") if isinstance(account, dict) else None,
        "account_type": account.get("account_type") if isinstance(account, dict) else None,
    }
    if stored:
        stored = session.config.load_token() or stored  # the call above may have refreshed it
        client_id, secret = session.client_credentials()
        info["scopes"] = list(stored.scopes) or None
        info["expires_at"] = _iso(stored.expires_at)
        info["refresh_token_expires_at"] = _iso(stored.refresh_expires_at)
        info["can_refresh"] = bool(stored.refresh_token and client_id and secret)
    fmt = session.output
    if fmt == "table":
        width = max(len(k) for k in info) + 2
        for key, value in info.items():
            if value is not None:
                ctx.out(f"{key:<{width}}{' '.join(value) if isinstance(value, list) else value}")
    else:
        emit(ctx.stdout, info, fmt)
    return ExitStatus.OK


def refresh_command(ctx: Context, session: Session) -> int:
    """Refresh now, under the token file's lock (other processes using it wait, then reuse it)."""
    from .. import oauth

    store = session.config.token_store()
    client_id, secret = session.client_credentials()
    if not (client_id and secret):
        raise UsageError("pinterest auth refresh: needs the app's id and secret (PINTEREST_CLIENT_ID/_SECRET)")
    with oauth.refresh_lock(store):
        token = _stored(session)
        if not token.refresh_token:
            raise CliError("the stored token has no refresh token: run `pinterest auth login`", ExitStatus.AUTH)
        renewed = oauth.refresh(_app(session, client_id, secret), token)
        store.save(renewed)
    ctx.err(f"Refreshed the token of profile {session.config.profile!r}; it expires {_iso(renewed.expires_at)}.")
    return ExitStatus.OK


def _iso(value: Any) -> str | None:
    if not isinstance(value, (int, float)):
        return None
    from datetime import datetime, timezone

    return datetime.fromtimestamp(value, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def logout_command(ctx: Context, session: Session, *, revoke: bool) -> int:
    from .. import oauth

    cfg = session.config
    stored = cfg.load_token()
    if stored and revoke:
        client_id, secret = session.client_credentials()
        if not (client_id and secret):
            raise UsageError("pinterest auth revoke: needs PINTEREST_CLIENT_ID/PINTEREST_CLIENT_SECRET")
        app = _app(session, client_id, secret)
        oauth.revoke(app, stored)
        if stored.refresh_token:
            oauth.revoke(app, stored, refresh_token=True)
    removed = cfg.delete_token()
    done = "Revoked and forgot the token" if stored and revoke else "Logged out"
    ctx.err(f"{done} of profile {cfg.profile!r}." if removed else f"Profile {cfg.profile!r} had no stored token.")
    return ExitStatus.OK
