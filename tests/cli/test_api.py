"""``pinterest api METHOD PATH`` and the ``Pinterest.request`` it runs on."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._errors import NotFoundError, ValidationError
from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

from .conftest import CLI, TOKEN, ExitStatus


def test_get_with_fields_in_the_query(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"username": "ada"}))
    r = cli("api", "get", "/user_account", "-f", "ad_account_id=12", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert json.loads(r.out) == {"username": "ada"}
    req = t.requests[0]
    assert (req.method, req.url) == ("GET", "https://api.pinterest.com/v5/user_account?ad_account_id=12")
    assert req.headers["Authorization"] == f"Bearer {TOKEN}"


def test_path_spellings(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {}))
    for path in ("/boards/1", "boards/1", "/v5/boards/1", "https://api.pinterest.com/v5/boards/1"):
        assert cli("api", "GET", path, "--token", TOKEN, transport=t).status == 0
    assert {req.url for req in t.requests} == {"https://api.pinterest.com/v5/boards/1"}


def test_post_fields_become_the_json_body(cli: CLI) -> None:
    t = MockTransport(lambda req: (201, {"id": "b1"}))
    r = cli("api", "POST", "/boards", "--json", '{"description": "d", "privacy": "PUBLIC"}', "-f", "name=Recipes",
            "-F", "privacy=SECRET", "-F", "n=3", "-F", "ok=true", "-f", "tags[]=a", "-f", "tags[]=b",
            "--token", TOKEN, transport=t)  # fmt: skip
    assert r.status == 0, r.err
    body = json.loads(t.requests[0].body or b"")
    assert body == {"description": "d", "privacy": "SECRET", "name": "Recipes", "n": 3, "ok": True, "tags": ["a", "b"]}
    assert t.requests[0].headers["Content-Type"] == "application/json"


def test_typed_field_from_a_file(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("from a file")
    t = MockTransport(lambda req: (200, {}))
    r = cli("api", "PATCH", "/boards/1", "-F", f"description=@{tmp_path / 'd.txt'}", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert json.loads(t.requests[0].body or b"") == {"description": "from a file"}


def test_paginate_follows_bookmarks(cli: CLI) -> None:
    def handler(req: Request) -> Any:
        n = int(req.url.split("bookmark=")[1]) if "bookmark=" in req.url else 0
        return (200, {"items": [{"id": str(n)}], "bookmark": str(n + 1) if n < 2 else None})

    t = MockTransport(handler)
    r = cli("api", "GET", "/boards", "--paginate", "-o", "ndjson", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert [json.loads(line)["id"] for line in r.out.splitlines()] == ["0", "1", "2"]
    assert len(t.requests) == 3 and t.requests[2].url.endswith("/boards?bookmark=2")
    r = cli("api", "GET", "/boards", "--max-items", "2", "--query", "items[].id", "--token", TOKEN, transport=t)
    assert json.loads(r.out) == ["0", "1"]


def test_paginate_needs_get(cli: CLI) -> None:
    r = cli("api", "POST", "/boards", "--paginate", "--token", TOKEN)
    assert r.status == ExitStatus.USAGE and "GET lists only" in r.err


def test_retries_and_error_statuses_come_from_the_pipeline(cli: CLI) -> None:
    answers = [(503, {"code": 1, "message": "busy"}), (200, {"ok": True})]
    t = MockTransport(lambda req: answers.pop(0))
    r = cli("api", "GET", "/boards/1", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert len(t.requests) == 2
    t404 = MockTransport(lambda req: (404, {"code": 40, "message": "Board not found."}))
    r = cli("api", "GET", "/boards/nope", "--token", TOKEN, transport=t404)
    assert r.status == ExitStatus.NOT_FOUND
    assert "HTTP 404, Pinterest code 40: Board not found." in r.err


def test_stored_token_is_used(cli: CLI) -> None:
    tokens = cli.config_dir / "tokens"
    tokens.mkdir(parents=True)
    (tokens / "default.json").write_text(json.dumps({"access_token": TOKEN, "token_type": "bearer"}))
    t = MockTransport(lambda req: (200, {}))
    r = cli("api", "GET", "/user_account", transport=t)
    assert r.status == 0, r.err
    assert t.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_dry_run_sends_nothing_and_masks_the_token(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {}))
    r = cli("--dry-run", "-o", "json", "api", "DELETE", "/pins/9", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert t.requests == []
    shown = json.loads(r.out)
    assert (shown["method"], shown["url"]) == ("DELETE", "https://api.pinterest.com/v5/pins/9")
    assert TOKEN not in r.out


def test_known_oauth_path_uses_basic_auth(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"access_token": "x"}))
    env = {"PINTEREST_CLIENT_ID": "app", "PINTEREST_CLIENT_SECRET": "shh"}
    r = cli("api", "POST", "/oauth/token", "-f", "grant_type=client_credentials", env=env, transport=t)
    assert r.status == 0, r.err
    assert t.requests[0].headers["Authorization"] == "Basic " + base64.b64encode(b"app:shh").decode()


def test_page_answers_render_as_rows_in_a_table(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"items": [{"id": "1", "name": "a"}], "bookmark": None}))
    r = cli("api", "GET", "/boards", "-o", "table", "--token", TOKEN, transport=t)
    assert r.out.splitlines() == ["ID  NAME", "1   a"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("api", "FETCH", "/boards"), "METHOD must be GET, POST, PUT, PATCH or DELETE"),
        (("api", "GET", "/boards", "-f", "novalue"), "-f expects KEY=VALUE"),
        (("api", "GET", "/boards", "-H", "nocolon"), "-H expects 'Name: value'"),
        (("api", "GET", "/"), "path must not be empty"),
        (("api", "GET", "https://evil.example/v5/boards"), "is not under the client's base URL"),
    ],
)
def test_bad_input_is_a_usage_error(cli: CLI, argv: tuple[str, ...], message: str) -> None:
    t = MockTransport(lambda req: (200, {}))
    r = cli(*argv, "--token", TOKEN, transport=t)
    assert r.status == ExitStatus.USAGE, r.err
    assert message in r.err and t.requests == []


# -- the library method --------------------------------------------------------------------------


def test_client_request_sync() -> None:
    t = MockTransport(lambda req: (200, {"items": [], "bookmark": None}))
    client = Pinterest(TOKEN, transport=t)
    assert client.request("GET", "/boards?privacy=PUBLIC", query={"page_size": 5, "x": ["a", "b"]}) == {
        "items": [],
        "bookmark": None,
    }
    assert t.requests[0].url == "https://api.pinterest.com/v5/boards?privacy=PUBLIC&page_size=5&x=a&x=b"
    raw = client.request("GET", "/boards", raw=True)
    assert raw.status_code == 200 and raw.parsed == {"items": [], "bookmark": None}
    with pytest.raises(ValidationError):
        client.request("TRACE", "/boards")
    missing = Pinterest(TOKEN, transport=MockTransport(lambda req: (404, {"code": 40, "message": "nope"})))
    with pytest.raises(NotFoundError):
        missing.request("GET", "/boards/x")


def test_client_request_text_and_empty_bodies() -> None:
    client = Pinterest(TOKEN, transport=MockTransport(lambda req: (200, b"plain text")))
    assert client.request("GET", "/x") == "plain text"
    client = Pinterest(TOKEN, transport=MockTransport(lambda req: (204, b"")))
    assert client.request("DELETE", "/boards/1") is None


def test_client_request_async() -> None:
    t = AsyncMockTransport(lambda req: (201, {"id": "1"}))

    async def go() -> Any:
        async with AsyncPinterest(TOKEN, transport=t) as client:
            return await client.request("POST", "/boards", body={"name": "n"})

    assert asyncio.run(go()) == {"id": "1"}
    assert json.loads(t.requests[0].body or b"") == {"name": "n"}


def test_client_request_uses_the_matching_operations_credentials() -> None:
    import sys

    t = MockTransport(lambda req: (200, {}))
    client = Pinterest(TOKEN, conversion_token="conv-token", transport=t)
    client.request("POST", "/ad_accounts/123/events", body={"data": []})
    assert t.requests[0].headers["Authorization"] == "Bearer conv-token"
    # matched on the registry's index: only the matching operation's area is loaded
    assert "pinterest_rest._registry.conversion_events" in sys.modules


def test_include_prints_status_and_headers_on_stderr(cli: CLI) -> None:
    from pinterest_rest._transport import Response

    def handler(req: Request) -> Any:
        return Response(200, {"content-type": "application/json", "x-request-id": "rid-1"}, b'{"ok": true}', req)

    r = cli("api", "GET", "/user_account", "-i", "--token", TOKEN, transport=MockTransport(handler))
    assert r.status == 0, r.err
    assert json.loads(r.out) == {"ok": True}
    assert r.err.startswith("HTTP 200\n") and "x-request-id: rid-1" in r.err
