"""auth login (simulated browser hitting the local listener), status, logout, stored-token refresh."""

from __future__ import annotations

import io
import json
import os
import stat
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport
from pinterest_rest.cli import main

from .conftest import CLI, ExitStatus

APP = {"PINTEREST_CLIENT_ID": "app-id", "PINTEREST_CLIENT_SECRET": "APP-SECRET-xyz"}
ISSUED = "pina_ISSUED_ACCESS_TOKEN_abc"
REFRESH = "pinr_ISSUED_REFRESH_TOKEN_def"


class FakePinterest:
    """The token endpoint and user_account, recording what they were sent."""

    def __init__(self) -> None:
        self.token_calls: list[dict[str, list[str]]] = []
        self.revoked: list[dict[str, list[str]]] = []
        self.issued = ISSUED

    def __call__(self, req: Request) -> Any:
        if req.url.endswith("/oauth/token"):
            form = parse_qs((req.body or b"").decode())
            self.token_calls.append(form)
            assert req.headers["Authorization"].startswith("Basic ")
            if form["grant_type"] == ["refresh_token"]:
                self.issued = "pina_REFRESHED_TOKEN_ghi"
            return (200, {
                "access_token": self.issued, "refresh_token": REFRESH, "token_type": "bearer",
                "expires_in": 2592000, "refresh_token_expires_in": 31536000, "scope": "boards:read,user_accounts:read",
            })  # fmt: skip
        if req.url.endswith("/oauth/token/revoke"):
            self.revoked.append(parse_qs((req.body or b"").decode()))
            return (200, None)
        if req.url.endswith("/user_account"):
            if req.headers.get("Authorization") != f"Bearer {self.issued}":
                return (401, {"code": 2, "message": "Authentication failed."})
            return (200, {"username": "pinner", "account_type": "BUSINESS"})
        if "/boards" in req.url:
            if req.headers.get("Authorization") != f"Bearer {self.issued}":
                return (401, {"code": 2, "message": "Authentication failed."})
            return (200, {"items": [], "bookmark": None})
        return (404, {"code": 1, "message": "?"})


def browser(code: str = "the-code", state: str | None = None) -> Any:
    """Plays the user's browser: the consent page 'redirects' to the local listener."""
    opened: list[str] = []

    def open_url(url: str) -> None:
        opened.append(url)
        query = parse_qs(urlsplit(url).query)
        redirect = query["redirect_uri"][0]
        params = {"code": code, "state": state or query["state"][0]}
        with urllib.request.urlopen(f"{redirect}?{urlencode(params)}", timeout=5) as resp:
            assert b"logged in" in resp.read()

    open_url.opened = opened  # type: ignore[attr-defined]
    return open_url


def login(cli: CLI, fake: FakePinterest, open_url: Any, *extra: str) -> Any:
    return cli("auth", "login", "--port", "0", *extra, env=APP, transport=MockTransport(fake), open_browser=open_url)


def test_login_stores_token_0600_and_never_prints_it(cli: CLI) -> None:
    fake = FakePinterest()
    open_url = browser()
    r = login(cli, fake, open_url, "--scopes", "boards:read,user_accounts:read")
    assert r.status == 0, r.err
    (url,) = open_url.opened
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://www.pinterest.com/oauth/?")
    assert query["client_id"] == ["app-id"] and query["response_type"] == ["code"]
    assert query["scope"] == ["boards:read,user_accounts:read"]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    (form,) = fake.token_calls
    assert form["grant_type"] == ["authorization_code"] and form["code"] == ["the-code"]
    assert form["redirect_uri"] == query["redirect_uri"]
    path = cli.config_dir / "tokens" / "default.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(path.read_text())["access_token"] == ISSUED
    assert "Logged in as pinner" in r.err
    for secret in (ISSUED, REFRESH, "APP-SECRET-xyz", "the-code"):
        assert secret not in r.all

    status = cli("auth", "status", "-o", "json", transport=MockTransport(fake))
    assert status.status == 0, status.err
    info = json.loads(status.out)
    assert info["username"] == "pinner" and info["scopes"] == ["boards:read", "user_accounts:read"]
    assert info["token_source"] == "stored token of profile 'default'" and info["expires_at"].endswith("Z")
    assert ISSUED not in status.all and REFRESH not in status.all

    # the stored token is used by every command
    listed = cli("boards", "list", transport=MockTransport(fake))
    assert listed.status == 0, listed.err

    out = cli("auth", "logout")
    assert out.status == 0 and not path.exists()
    assert cli("auth", "status", transport=MockTransport(fake)).status == ExitStatus.AUTH


def test_login_with_profile(cli: CLI) -> None:
    fake = FakePinterest()
    r = login(cli, fake, browser(), "--profile", "work")
    assert r.status == 0, r.err
    assert (cli.config_dir / "tokens" / "work.json").exists()
    assert not (cli.config_dir / "tokens" / "default.json").exists()
    assert cli("boards", "list", transport=MockTransport(fake)).status == ExitStatus.AUTH
    assert cli("boards", "list", "--profile", "work", transport=MockTransport(fake)).status == 0
    assert cli("boards", "list", env={"PINTEREST_PROFILE": "work"}, transport=MockTransport(fake)).status == 0


def test_login_rejects_wrong_state(cli: CLI) -> None:
    fake = FakePinterest()
    r = login(cli, fake, browser(state="forged"))
    assert r.status == ExitStatus.AUTH
    assert "state does not match" in r.err
    assert fake.token_calls == []


def test_login_no_browser_prints_url(tmp_path: Path, cache_dir: Path) -> None:
    err = io.StringIO()
    fake = FakePinterest()
    result: list[int] = []
    env = {**APP, "PINTEREST_CONFIG_DIR": str(tmp_path), "PINTEREST_CACHE_DIR": str(cache_dir)}

    def run() -> None:
        result.append(
            main(
                ["auth", "login", "--no-browser", "--port", "0"],
                env=env,
                stdout=io.StringIO(),
                stderr=err,
                isatty=False,
                _transport=MockTransport(fake),
            )
        )

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 10
    while "https://www.pinterest.com/oauth/?" not in err.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    url = next(w for w in err.getvalue().split() if w.startswith("https://www.pinterest.com/oauth/?"))
    browser()(url)  # the user opens it elsewhere
    thread.join(10)
    assert result == [0], err.getvalue()


def test_login_needs_app_credentials(cli: CLI) -> None:
    r = cli("auth", "login", "--port", "0")
    assert r.status == ExitStatus.USAGE
    assert "--client-id" in r.err


def test_expired_stored_token_is_refreshed_and_saved(cli: CLI) -> None:
    fake = FakePinterest()
    assert login(cli, fake, browser()).status == 0
    path = cli.config_dir / "tokens" / "default.json"
    data = json.loads(path.read_text())
    data["expires_at"] = int(time.time()) - 10
    path.write_text(json.dumps(data))
    r = cli("boards", "list", transport=MockTransport(fake))
    assert r.status == 0, r.err
    assert fake.token_calls[-1]["grant_type"] == ["refresh_token"]
    saved = json.loads(path.read_text())
    assert saved["access_token"] == "pina_REFRESHED_TOKEN_ghi" and saved["expires_at"] > time.time()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "pina_REFRESHED_TOKEN_ghi" not in r.all


def test_token_precedence(cli: CLI) -> None:
    seen: list[str] = []

    def handler(req: Request) -> Any:
        seen.append(req.headers["Authorization"])
        return (200, {"items": [], "bookmark": None})

    t = MockTransport(handler)
    cli("boards", "list", "--token", "flag", env={"PINTEREST_ACCESS_TOKEN": "env"}, transport=t)
    cli("boards", "list", env={"PINTEREST_ACCESS_TOKEN": "env"}, transport=t)
    assert seen == ["Bearer flag", "Bearer env"]


# -- one token lifecycle (issue 15, item 1) -----------------------------------------------------

# A token file as the CLI's first format wrote it: its own key names, the app secret inside.
LEGACY = {
    "access_token": ISSUED,
    "refresh_token": REFRESH,
    "token_type": "bearer",
    "scope": "boards:read,user_accounts:read",
    "expires_at": 4102444800,
    "refresh_token_expires_at": 4133980800,
    "client_id": "app-id",
    "client_secret": "APP-SECRET-xyz",
    "obtained_at": 1767225600,
}


def test_the_library_reads_a_token_the_cli_stored_with_its_scopes_and_refresh_expiry(cli: CLI) -> None:
    from pinterest_rest.oauth import FileTokenStore

    assert login(cli, FakePinterest(), browser()).status == 0
    token = FileTokenStore(cli.config_dir / "tokens" / "default.json").load()
    assert token is not None and token.access_token == ISSUED and token.refresh_token == REFRESH
    assert token.scopes == ("boards:read", "user_accounts:read")
    assert token.refresh_expires_at is not None and token.refresh_expires_at > time.time() + 300 * 86400
    raw = json.loads((cli.config_dir / "tokens" / "default.json").read_text())
    assert raw == token.to_dict()  # one file format: exactly the library's record
    app = json.loads((cli.config_dir / "apps" / "default.json").read_text())
    assert app == {"client_id": "app-id", "client_secret": "APP-SECRET-xyz"}
    assert stat.S_IMODE(os.stat(cli.config_dir / "apps" / "default.json").st_mode) == 0o600


def test_a_token_file_in_the_old_cli_format_is_read_and_rewritten_once(cli: CLI) -> None:
    from pinterest_rest.oauth import FileTokenStore, Token

    path = cli.config_dir / "tokens" / "default.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(LEGACY))
    # The library alone already reads the old format without losing anything.
    old = FileTokenStore(path).load()
    assert old is not None and old.scopes == ("boards:read", "user_accounts:read")
    assert old.refresh_expires_at == 4133980800

    fake = FakePinterest()
    status = cli("auth", "status", "-o", "json", transport=MockTransport(fake))
    assert status.status == 0, status.err
    info = json.loads(status.out)
    assert info["scopes"] == ["boards:read", "user_accounts:read"] and info["can_refresh"] is True
    assert info["refresh_token_expires_at"] == "2101-01-01T00:00:00Z"
    rewritten = json.loads(path.read_text())
    assert rewritten == Token.from_dict(LEGACY).to_dict()
    assert "client_secret" not in rewritten and "obtained_at" not in rewritten
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    mtime = path.stat().st_mtime_ns
    assert cli("boards", "list", transport=MockTransport(fake)).status == 0
    assert path.stat().st_mtime_ns == mtime  # once: a file in the new format is left alone

    # The secret moved beside it still lets the token refresh without the environment.
    data = json.loads(path.read_text())
    data["expires_at"] = time.time() - 5
    path.write_text(json.dumps(data))
    assert cli("boards", "list", transport=MockTransport(fake)).status == 0
    assert fake.token_calls[-1]["grant_type"] == ["refresh_token"]
    assert json.loads(path.read_text())["access_token"] == "pina_REFRESHED_TOKEN_ghi"


def test_auth_refresh_and_revoke_run_on_the_library(cli: CLI) -> None:
    fake = FakePinterest()
    assert login(cli, fake, browser()).status == 0
    path = cli.config_dir / "tokens" / "default.json"
    r = cli("auth", "refresh", transport=MockTransport(fake))
    assert r.status == 0, r.err
    assert fake.token_calls[-1]["grant_type"] == ["refresh_token"] and fake.token_calls[-1]["refresh_token"] == [
        REFRESH
    ]
    assert json.loads(path.read_text())["access_token"] == "pina_REFRESHED_TOKEN_ghi"
    assert "pina_REFRESHED_TOKEN_ghi" not in r.all and REFRESH not in r.all
    r = cli("auth", "revoke", transport=MockTransport(fake))
    assert r.status == 0, r.err
    assert [f["token_type_hint"] for f in fake.revoked] == [["access_token"], ["refresh_token"]]
    assert fake.revoked[0]["token"] == ["pina_REFRESHED_TOKEN_ghi"]
    assert not path.exists() and not (cli.config_dir / "apps" / "default.json").exists()
    assert REFRESH not in r.all


def test_login_rejects_an_unknown_scope_before_listening(cli: CLI) -> None:
    fake = FakePinterest()
    r = login(cli, fake, browser(), "--scopes", "boards:read,boards:everything")
    assert r.status == ExitStatus.USAGE and "boards:everything" in r.err
    assert fake.token_calls == []


def test_authorize_url_and_default_scopes_are_defined_once() -> None:
    import pinterest_rest

    root = Path(pinterest_rest.__file__).parent
    holders = [
        p.relative_to(root).as_posix() for p in root.rglob("*.py") if "www.pinterest.com/oauth" in p.read_text("utf-8")
    ]
    assert holders == ["oauth.py"]
    from pinterest_rest.cli import auth
    from pinterest_rest.oauth import DEFAULT_SCOPES

    assert auth.DEFAULT_SCOPES is DEFAULT_SCOPES


def test_cli_auth_and_session_do_not_import_each_other() -> None:
    import ast

    import pinterest_rest.cli as cli_pkg

    def imports(name: str) -> set[str]:
        tree = ast.parse((Path(cli_pkg.__file__).parent / f"{name}.py").read_text("utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found.add(node.module or "")
        return found

    assert "auth" not in imports("session")
