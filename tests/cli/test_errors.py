"""Every exit status, one line on stderr, no traceback unless --debug, nothing sent on usage errors."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest._errors import APIConnectionError, APITimeoutError
from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN, ExitStatus


def api(status: int, body: Any = None, headers: dict[str, str] | None = None) -> MockTransport:
    payload = body if body is not None else {"code": 99, "message": f"status {status} message"}
    return MockTransport(lambda req: MockTransport.json(status, payload, headers))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, ExitStatus.API_ERROR),
        (401, ExitStatus.AUTH),
        (403, ExitStatus.AUTH),
        (404, ExitStatus.NOT_FOUND),
        (409, ExitStatus.API_ERROR),
        (422, ExitStatus.API_ERROR),
        (429, ExitStatus.RATE_LIMITED),
        (500, ExitStatus.SERVER_ERROR),
        (503, ExitStatus.SERVER_ERROR),
    ],
)
def test_api_status_classes(cli: CLI, status: int, expected: int) -> None:
    transport = api(status, headers={"x-request-id": "rid-1", "retry-after": "0"})
    r = cli("boards", "get", "123", "--token", TOKEN, "--max-retries", "0", transport=transport)
    assert r.status == expected
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[
        0
    ] == f"pinterest: error: HTTP {status}, Pinterest code 99: status {status} message (request rid-1)" or (
        status in (401, 403) and "needs scopes boards:read" in lines[0]
    )
    assert "Traceback" not in r.err and TOKEN not in r.err


@pytest.mark.parametrize("exc", [APIConnectionError("refused", sent=False), APITimeoutError()])
def test_network_errors(cli: CLI, exc: Exception) -> None:
    r = cli("boards", "get", "1", "--token", TOKEN, "--max-retries", "0", transport=MockTransport(lambda req: exc))
    assert r.status == ExitStatus.NETWORK
    assert r.err.startswith("pinterest: error: network error:")


def test_interrupted(cli: CLI) -> None:
    def handler(req: Any) -> Any:
        raise KeyboardInterrupt

    r = cli("boards", "get", "1", "--token", TOKEN, transport=MockTransport(handler))
    assert r.status == ExitStatus.INTERRUPTED == 130
    assert r.err.strip() == "pinterest: interrupted"


def test_no_token_is_auth_error_and_sends_nothing(cli: CLI) -> None:
    transport = MockTransport()
    r = cli("boards", "get", "1", transport=transport)
    assert r.status == ExitStatus.AUTH
    assert "pinterest auth login" in r.err
    assert transport.requests == []


def test_basic_auth_op_without_app_credentials(cli: CLI) -> None:
    r = cli("oauth", "token", "--grant-type", "client_credentials", transport=MockTransport())
    assert r.status == ExitStatus.AUTH
    assert "PINTEREST_CLIENT_ID" in r.err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["boards", "get"], "BOARD_ID"),
        (["boards", "create"], "--name"),
        (["boards", "list", "--page-size", "ten"], "--page-size: expected an integer, got 'ten'"),
        (["boards", "list", "--privacy", "OPEN"], "--privacy: invalid choice 'OPEN'"),
        (["ad-accounts", "campaigns", "list", "1", "--entity-statuses", "ACTIVE,NOPE"], "--entity-statuses"),
        (
            ["pins", "create", "--board-id", "1", "--media-source", "{not json"],
            "--media-source: expected a JSON object",
        ),
        (["trends", "trending-product-categories"], "--region"),
        (["boards", "lst"], "did you mean list"),
        (["bords", "list"], "did you mean boards"),
        (["boards", "list", "--nope"], "unrecognized arguments: --nope"),
        (["ad-groups", "create", "1"], "--json"),
        (["boards", "create", "--json", "/no/such/file.json"], "cannot read /no/such/file.json"),
        (["boards", "create", "--json", "[1]"], "--json must be a JSON object"),
    ],
)
def test_usage_errors_name_the_option_and_send_nothing(cli: CLI, argv: list[str], needle: str) -> None:
    transport = MockTransport()
    r = cli(*argv, "--token", TOKEN, transport=transport)
    assert r.status == ExitStatus.USAGE, r.err
    assert needle in r.err
    assert transport.requests == []
    assert "Traceback" not in r.err


def test_client_validation_error_maps_to_usage(cli: CLI) -> None:
    # An empty path parameter passes argparse only as whitespace; the client rejects it before sending.
    transport = MockTransport()
    r = cli("boards", "get", " ", "--token", TOKEN, transport=transport)
    assert r.status == ExitStatus.USAGE
    assert transport.requests == []


def test_client_check_of_a_json_field_names_the_option(cli: CLI) -> None:
    transport = MockTransport()
    r = cli("boards", "create", "--json", '{"name": 5}', "--token", TOKEN, transport=transport)
    assert r.status == ExitStatus.USAGE
    assert "pinterest boards create: error: --name must be a str, not int" in r.err
    assert transport.requests == []


def test_traceback_only_with_debug(cli: CLI) -> None:
    r = cli("boards", "get", "1", "--token", TOKEN, "--debug", "--max-retries", "0", transport=api(500))
    assert r.status == ExitStatus.SERVER_ERROR
    assert "Traceback" in r.err and TOKEN not in r.err


def test_debug_logs_requests_with_secrets_masked(cli: CLI) -> None:
    transport = MockTransport(lambda req: (200, {"access_token": "new-secret", "token_type": "bearer"}))
    r = cli(
        "oauth", "token", "--grant-type", "refresh_token", "--refresh-token", "REFRESH-SECRET", "--debug",
        env={"PINTEREST_CLIENT_ID": "app", "PINTEREST_CLIENT_SECRET": "APP-SECRET"}, transport=transport,
    )  # fmt: skip
    assert r.status == 0, r.err
    assert "> POST http://" not in r.err and "> POST https://api.pinterest.com/v5/oauth/token" in r.err
    assert "Authorization: Basic ***" in r.err
    assert "refresh_token=***" in r.err
    assert "REFRESH-SECRET" not in r.err and "APP-SECRET" not in r.err
    assert "< 200" in r.err


def test_debug_never_prints_the_token(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"username": "me"}))
    r = cli("user-account", "get", "--debug", env={"PINTEREST_ACCESS_TOKEN": TOKEN}, transport=t)
    assert r.status == 0
    assert "Authorization: Bearer ***" in r.err
    assert TOKEN not in r.all
