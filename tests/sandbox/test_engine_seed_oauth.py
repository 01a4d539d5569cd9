"""Seeding with every config and entry point; the OAuth dance over HTTP against a served sandbox."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

import pinterest_rest as pr
from pinterest_rest import oauth
from pinterest_rest.sandbox import Faults, Sandbox, SandboxConfig


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _consent(origin: str, scopes: list[str], state: str = "st-1") -> tuple[int, str]:
    url, _ = oauth.authorization_url("sandbox-app", "https://app.example.com/cb?x=1", scopes, state)
    url = url.replace("https://www.pinterest.com", origin)
    try:
        with _opener.open(url) as answer:
            return answer.status, answer.headers.get("location", "")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("location") or ""


def _exchange(base_url: str, form: dict[str, str]) -> dict[str, Any]:
    basic = base64.b64encode(b"sandbox-app:sandbox-secret").decode()
    request = urllib.request.Request(
        base_url + "/oauth/token",
        data=urlencode(form).encode(),
        headers={"authorization": f"Basic {basic}", "content-type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request) as answer:
        result: dict[str, Any] = json.loads(answer.read())
    return result


@pytest.mark.parametrize(
    "config",
    [
        SandboxConfig(auth="scopes"),
        SandboxConfig(auth="fixed", token="other"),
        SandboxConfig(faults=Faults(error=0.5, reset=0.3, seed=3)),
        SandboxConfig(enforce_rate_limits=True, rate_limit=1),
    ],
    ids=["scopes", "fixed", "faults", "rate-limited"],
)
def test_seed_works_with_every_config(config: SandboxConfig) -> None:
    sb = Sandbox(seed="demo", config=config)
    assert sb.state.boards.count() == 3 and sb.state.pins.count() == 8
    assert sb.state.ad_accounts.count() == 1 and sb.state.campaigns.count() == 2


def test_consent_redirects_with_a_code_granting_exactly_the_scopes_asked() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes"))
    with sb.serve() as base_url:
        origin = base_url.removesuffix("/v5")
        status, location = _consent(origin, ["boards:read", "pins:read"])
        assert status == 302
        target = urlsplit(location)
        assert (target.scheme, target.netloc, target.path) == ("https", "app.example.com", "/cb")
        params = parse_qs(target.query)
        assert params["x"] == ["1"] and params["state"] == ["st-1"]
        grant = _exchange(
            base_url,
            {
                "grant_type": "authorization_code",
                "code": params["code"][0],
                "redirect_uri": "https://app.example.com/cb?x=1",
            },
        )
        assert grant["scope"] == "boards:read,pins:read" and grant["refresh_token"]
        client = pr.Pinterest(access_token=grant["access_token"], base_url=base_url, max_retries=0)
        client.boards.list()
        with pytest.raises(pr.PermissionDeniedError, match="boards:write"):
            client.boards.create(name="Nope")
        refreshed = _exchange(base_url, {"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]})
        assert refreshed["access_token"] != grant["access_token"]
        client.close()
        # A code is good once, and only with the redirect URI it was issued for.
        with pytest.raises(urllib.error.HTTPError):
            _exchange(base_url, {"grant_type": "authorization_code", "code": params["code"][0], "redirect_uri": "x"})


def test_consent_refuses_bad_requests() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes"))
    ok = sb.app.handle(
        "GET",
        "/oauth/?client_id=sandbox-app&redirect_uri=https%3A%2F%2Fa.b%2Fc&response_type=code&scope=boards%3Aread",
        {},
        b"",
    )
    assert ok.status == 302
    for query, problem in (
        ("client_id=other&redirect_uri=https%3A%2F%2Fa.b%2Fc&response_type=code&scope=boards%3Aread", b"client_id"),
        ("client_id=sandbox-app&redirect_uri=nope&response_type=code&scope=boards%3Aread", b"redirect_uri"),
        (
            "client_id=sandbox-app&redirect_uri=https%3A%2F%2Fa.b%2Fc&response_type=token&scope=boards%3Aread",
            b"response_type",
        ),
        ("client_id=sandbox-app&redirect_uri=https%3A%2F%2Fa.b%2Fc&response_type=code&scope=boards%3Afly", b"scope"),
    ):
        reply = sb.app.handle("GET", "/oauth/?" + query, {}, b"")
        assert reply.status == 400 and problem in reply.body, query


def test_any_mode_grants_the_scopes_the_consent_asked_for() -> None:
    sb = Sandbox()
    location = sb.app.handle(
        "GET", "/oauth/?client_id=x&redirect_uri=https%3A%2F%2Fa.b%2Fc&response_type=code&scope=pins%3Aread", {}, b""
    ).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    client = sb.client()
    token = oauth.exchange_code(client, code, "https://a.b/c")
    assert token.scopes == ("pins:read",)


def test_codes_expire_on_the_sandbox_clock() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes"))
    code = sb.issue_code(["boards:read"])
    sb.clock.advance(601)
    with pytest.raises(pr.PinterestError, match="expired"):
        oauth.exchange_code(sb.client(), code, "https://a.b/c")


def test_tokens_expire_on_the_sandbox_clock() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=60))
    client = sb.client(access_token=sb.issue_token(), max_retries=0)
    client.user_account.get()
    sb.clock.advance(61)
    with pytest.raises(pr.AuthenticationError, match="expired"):
        client.user_account.get()


def test_module_entry_point_serves_a_seeded_scopes_sandbox() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pinterest_rest.sandbox", "--auth", "scopes", "--seed", "demo", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "Pinterest sandbox on http://" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        base_url = line.split()[3]
        status, location = _consent(base_url.removesuffix("/v5"), ["boards:read"])
        assert status == 302
        code = parse_qs(urlsplit(location).query)["code"][0]
        grant = _exchange(
            base_url,
            {"grant_type": "authorization_code", "code": code, "redirect_uri": "https://app.example.com/cb?x=1"},
        )
        client = pr.Pinterest(access_token=grant["access_token"], base_url=base_url)
        assert sorted(b.name for b in client.boards.list()) == ["Home workshop", "Recipes", "Travel ideas"]
        client.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
