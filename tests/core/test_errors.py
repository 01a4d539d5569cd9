"""Error mapping, local validation, and secrets kept out of every str/repr/log line."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport import Request, Response
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

TOKEN = "pina_SECRET_TOKEN_123"
SECRET = "client-secret-xyz"


def client(handler: Any, **kw: Any) -> tuple[Pinterest, MockTransport]:
    transport = MockTransport(handler)
    kw.setdefault("max_retries", 0)
    return Pinterest(
        TOKEN, base_url="http://api.test/v5", client_secret=SECRET, client_id="app", transport=transport, **kw
    ), transport


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, pr.BadRequestError),
        (401, pr.AuthenticationError),
        (403, pr.PermissionDeniedError),
        (404, pr.NotFoundError),
        (409, pr.ConflictError),
        (422, pr.UnprocessableEntityError),
        (429, pr.RateLimitError),
        (500, pr.InternalServerError),
        (502, pr.InternalServerError),
        (503, pr.InternalServerError),
        (418, pr.APIStatusError),
    ],
)
def test_status_maps_to_class(status: int, cls: type[pr.APIStatusError]) -> None:
    headers = {
        "x-request-id": "rid-1",
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "30",
    }
    c, _ = client(lambda r: (status, ({"code": 2, "message": "Board not found."}, headers)))
    with pytest.raises(cls) as info:
        c.boards.get("1")
    err = info.value
    assert type(err) is cls
    assert err.status_code == status and err.code == 2 and err.message == "Board not found."
    assert err.request_id == "rid-1"
    assert str(err).startswith("Request rid-1: Board not found. (HTTP")
    assert err.body == {"code": 2, "message": "Board not found."}
    assert err.rate_limit is not None and err.rate_limit.remaining == 0 and err.rate_limit.category == "org_read"
    assert isinstance(err, pr.PinterestError)


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html>", b'{"code": 1, "mess', b"", b"[1,2]", b'{"code": "x"}'])
def test_non_json_or_truncated_error_bodies(body: bytes) -> None:
    c, _ = client(lambda r: Response(502, {}, body, r))
    with pytest.raises(pr.InternalServerError) as info:
        c.boards.get("1")
    assert info.value.status_code == 502
    assert info.value.message  # never empty
    assert info.value.code is None


def test_auth_errors_name_required_scopes() -> None:
    c, _ = client(lambda r: (403, {"code": 3, "message": "Not permitted"}))
    with pytest.raises(pr.PermissionDeniedError) as info:
        c.boards.create(name="x")
    assert info.value.required_scopes == ("boards:read", "boards:write")
    assert "boards:write" in str(info.value)


def test_truncated_success_body_is_a_connection_error() -> None:
    c, _ = client(lambda r: Response(200, {}, b'{"id": "1", "na', r))
    with pytest.raises(pr.APIConnectionError, match="not valid JSON"):
        c.boards.get("1")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.boards.get(""), "board_id"),
        (lambda c: c.boards.get("   "), "board_id"),
        (lambda c: c.boards.get(None), "board_id"),
        (lambda c: c.boards.create(name=None), "name"),
        (lambda c: c.boards.create(name=3), "name"),
        (lambda c: c.boards.create(name="x", privacy="OPEN"), "privacy"),
        (lambda c: c.boards.list(page_size="10"), "page_size"),
        (lambda c: c.boards.list(page_size=True), "page_size"),
        (lambda c: c.campaigns.list("1", entity_statuses=["NOPE"]), "entity_statuses"),
        (lambda c: c.campaigns.create("1", body="x"), "body"),
    ],
)
def test_validation_errors_before_sending(call: Any, argument: str) -> None:
    c, transport = client(lambda r: (200, {}))
    with pytest.raises(pr.ValidationError) as info:
        call(c)
    assert info.value.argument == argument
    assert argument in str(info.value)
    assert transport.requests == []


def test_path_params_are_escaped() -> None:
    c, transport = client(lambda r: (200, {}))
    c.integrations.get("1/../2?x=y")  # its id has no pattern in the spec (board ids must be digits)
    assert transport.requests[0].url == "http://api.test/v5/integrations/1%2F..%2F2%3Fx%3Dy"


def test_missing_token_is_a_local_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PINTEREST_ACCESS_TOKEN", raising=False)
    transport = MockTransport(lambda r: (200, {}))
    c = Pinterest(base_url="http://api.test/v5", transport=transport)
    with pytest.raises(pr.MissingCredentialsError, match="PINTEREST_ACCESS_TOKEN"):
        c.boards.get("1")
    assert transport.requests == []


def test_secrets_absent_from_reprs_errors_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    c, transport = client(
        lambda r: (401, {"code": 2, "message": "Authentication failed."}), conversion_token="conv-SECRET"
    )
    with pytest.raises(pr.AuthenticationError) as info:
        c.boards.get("1")
    with pytest.raises(pr.AuthenticationError) as info2:
        c.oauth.token(grant_type="client_credentials")
    request = transport.requests[0]
    texts = [
        repr(c),
        str(c),
        repr(c.auth),
        repr(request),
        str(request),
        repr(info.value),
        str(info.value),
        repr(info2.value),
        str(info2.value),
        repr(transport.requests[1]),
        repr(info.value.request),
        caplog.text,
    ]
    for text in texts:
        for secret in (TOKEN, SECRET, "conv-SECRET", "YXBwOmNsaWVudC1zZWNyZXQteHl6"):
            assert secret not in text
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"  # the wire still carries it


def test_conversion_token_used_for_events_only() -> None:
    c, transport = client(lambda r: (200, {}), conversion_token="conv-token")
    c.conversion_events.create("1", data=[{"event_name": "checkout"}])
    c.boards.get("1")
    assert transport.requests[0].headers["Authorization"] == "Bearer conv-token"
    assert transport.requests[1].headers["Authorization"] == f"Bearer {TOKEN}"


# -- real transports: timeouts and connection errors ---------------------------------------------


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(1.0)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def slow_server() -> Any:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v5"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_sync_timeout_and_connection_error(slow_server: str) -> None:
    with Pinterest(TOKEN, base_url=slow_server, timeout=0.1, max_retries=0) as c:
        with pytest.raises(pr.APITimeoutError) as info:
            c.boards.get("1")
        assert info.value.sent is True
    with Pinterest(TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/v5", max_retries=0) as c:
        with pytest.raises(pr.APIConnectionError) as info2:
            c.boards.get("1")
        assert info2.value.sent is False and not isinstance(info2.value, pr.APITimeoutError)
        assert TOKEN not in repr(info2.value) + str(info2.value)


def test_async_timeout_and_connection_error(slow_server: str) -> None:
    async def run() -> None:
        async with AsyncPinterest(TOKEN, base_url=slow_server, timeout=0.1, max_retries=0) as c:
            with pytest.raises(pr.APITimeoutError):
                await c.boards.get("1")
        async with AsyncPinterest(TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/v5", max_retries=0) as c:
            with pytest.raises(pr.APIConnectionError) as info:
                await c.boards.get("1")
            assert info.value.sent is False

    asyncio.run(run())


def test_async_status_error() -> None:
    transport = AsyncMockTransport(lambda r: (404, {"code": 1, "message": "nope"}))

    async def run() -> None:
        c = AsyncPinterest(TOKEN, base_url="http://api.test/v5", transport=transport)
        with pytest.raises(pr.NotFoundError, match="nope"):
            await c.pins.get("1")

    asyncio.run(run())


def test_request_repr_masks_authorization() -> None:
    req = Request("GET", "http://x/v5/boards", {"Authorization": f"Bearer {TOKEN}"})
    assert TOKEN not in repr(req) and "Bearer ***" in repr(req)
