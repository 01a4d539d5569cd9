"""OAuth lifecycle against the sandbox, and single-flight refresh under concurrency."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import pinterest_rest as pr
from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.oauth import (
    FileTokenStore,
    MemoryTokenStore,
    OAuthError,
    RefreshingAuth,
    Token,
    authorization_url,
    client_credentials,
    exchange_code,
    refresh,
    revoke,
    scopes,
)
from pinterest_rest.sandbox import Sandbox, SandboxConfig


def test_authorization_url_checks_scopes_against_the_spec() -> None:
    assert "boards:read" in scopes() and "ads:write" in scopes()
    url, state = authorization_url("app-1", "https://e.com/cb", ["boards:read", "pins:read"])
    q = parse_qs(urlsplit(url).query)
    assert q["client_id"] == ["app-1"] and q["scope"] == ["boards:read,pins:read"] and q["state"] == [state]
    assert q["response_type"] == ["code"] and url.startswith("https://www.pinterest.com/oauth/?")
    with pytest.raises(OAuthError, match="boards:everything"):
        authorization_url("app-1", "https://e.com/cb", ["boards:everything"])


def test_code_exchange_refresh_rotation_client_credentials_revoke() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes"))
    app = sb.client(access_token=None)
    token = exchange_code(app, sb.issue_code(["boards:read", "user_accounts:read"]), "https://e.com/cb")
    assert token.refresh_token and token.expires_at and "boards:read" in token.scopes
    assert sb.client(access_token=token.access_token).user_account.get().username
    renewed = refresh(app, token, continuous_refresh=True)
    assert renewed.refresh_token != token.refresh_token and renewed.access_token != token.access_token
    assert client_credentials(app, ["boards:read"]).scopes == ("boards:read",)
    revoke(app, renewed)
    with pytest.raises(pr.AuthenticationError):
        sb.client(access_token=renewed.access_token).user_account.get()


def test_refreshing_auth_refreshes_before_expiry_and_saves_rotation(tmp_path: Path) -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=3600))
    app = sb.client(access_token=None)
    token = exchange_code(app, sb.issue_code(), "https://e.com/cb")
    token.expires_at = time.time() + 5  # inside the refresh margin
    store = FileTokenStore(tmp_path / "tok.json")
    store.save(token)
    auth = RefreshingAuth(app, store)
    user = sb.client(auth=auth)
    assert user.boards.list() is not None
    assert auth.refresh_count == 1
    saved = store.load()
    assert saved is not None and saved.refresh_token != token.refresh_token  # the rotated one is kept
    assert stat.S_IMODE(os.stat(tmp_path / "tok.json").st_mode) == 0o600


def _token_server(calls: list[int], lock: threading.Lock) -> Any:
    def handler(req: Any) -> Any:
        if req.url.endswith("/oauth/token"):
            with lock:
                calls.append(1)
            time.sleep(0.05)  # a slow token endpoint makes overlapping refreshes likely
            return (
                200,
                {
                    "access_token": "fresh",
                    "refresh_token": "r2",
                    "expires_in": 3600,
                    "scope": "boards:read",
                    "token_type": "bearer",
                },
            )
        if req.headers.get("Authorization") != "Bearer fresh":
            return (401, {"code": 2, "message": "expired"})
        return (200, {"id": "1"})

    return handler


def test_single_flight_refresh_under_32_threads() -> None:
    calls: list[int] = []
    transport = MockTransport(_token_server(calls, threading.Lock()))
    app = Pinterest(client_id="id", client_secret="s", base_url="http://x/v5", transport=transport)
    expired = Token("stale", "r1", expires_at=time.time() - 10)
    client = Pinterest(auth=RefreshingAuth(app, MemoryTokenStore(expired)), base_url="http://x/v5", transport=transport)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(client.boards.get("1").id)) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["1"] * 32
    assert len(calls) == 1


def test_single_flight_refresh_on_401_under_32_asyncio_tasks() -> None:
    calls: list[int] = []
    handler = _token_server(calls, threading.Lock())
    sync_app = Pinterest(client_id="id", client_secret="s", base_url="http://x/v5", transport=MockTransport(handler))
    async_app = AsyncPinterest(
        client_id="id", client_secret="s", base_url="http://x/v5", transport=AsyncMockTransport(handler)
    )
    # Not expired by the clock: the server's 401 is what triggers the refresh.
    token = Token("stale", "r1", expires_at=time.time() + 3600)
    auth = RefreshingAuth(sync_app, MemoryTokenStore(token), async_app=async_app)
    client = AsyncPinterest(auth=auth, base_url="http://x/v5", transport=AsyncMockTransport(handler))

    async def run() -> list[Any]:
        return await asyncio.gather(*[client.boards.get("1") for _ in range(32)])

    assert [b.id for b in asyncio.run(run())] == ["1"] * 32
    assert len(calls) == 1


def test_no_token_in_repr_logs_or_errors(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    token = Token("pina_SECRET_ACCESS", "pinr_SECRET_REFRESH", expires_at=time.time() + 100)
    store = FileTokenStore(tmp_path / "t.json")
    store.save(token)
    app = Pinterest(
        client_id="id",
        client_secret="SECRET_CLIENT",
        base_url="http://x/v5",
        transport=MockTransport(lambda r: (401, {"code": 2, "message": "no"})),
    )
    auth = RefreshingAuth(app, store)
    c = Pinterest(
        auth=auth, base_url="http://x/v5", transport=MockTransport(lambda r: (403, {"code": 3, "message": "nope"}))
    )
    with pytest.raises(pr.PermissionDeniedError) as info:
        c.boards.list()
    text = " ".join(
        [repr(token), str(token), repr(auth), repr(store), repr(info.value), str(info.value), caplog.text, repr(c)]
    )
    for secret in ("pina_SECRET_ACCESS", "pinr_SECRET_REFRESH", "SECRET_CLIENT"):
        assert secret not in text
