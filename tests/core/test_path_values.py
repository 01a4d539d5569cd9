"""Path values, lone surrogates and values JSON cannot carry fail before anything is sent.

Reproductions from the issue, on the sync and the async client: ``delete_section(board, "..")``
went out as ``DELETE /boards/<board>/`` and deleted the board; ``boards.get(".")`` returned the
board list parsed as a Board; a lone surrogate raised UnicodeEncodeError from inside a library.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest, ValidationError
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.sandbox import router

BASE = "http://api.test/v5"


def refused(call: Callable[[Any], Any]) -> ValidationError:
    """``call(client)`` raises the same ValidationError on both clients, and nothing is sent."""
    sync_t = MockTransport(lambda r: (200, {}))
    with pytest.raises(ValidationError) as exc:
        call(Pinterest("tok", base_url=BASE, transport=sync_t, client_id="i", client_secret="s"))
    async_t = AsyncMockTransport(lambda r: (200, {}))
    async_client = AsyncPinterest("tok", base_url=BASE, transport=async_t, client_id="i", client_secret="s")

    async def run() -> None:
        await call(async_client)

    with pytest.raises(ValidationError) as async_exc:
        asyncio.run(run())
    assert sync_t.requests == [] and async_t.requests == [], "a request was sent"
    assert str(exc.value) == str(async_exc.value)
    return exc.value


def sent_url(call: Callable[[Any], Any]) -> str:
    transport = MockTransport(lambda r: (200, {}))
    call(Pinterest("tok", base_url=BASE, transport=transport))
    return transport.requests[0].url


@pytest.mark.parametrize("dots", [".", ".."])
def test_dot_segments_are_refused(dots: str) -> None:
    exc = refused(lambda c: c.boards.delete_section("123", dots))
    assert exc.argument == "section_id" and exc.operation == "board_sections/delete"
    assert f"section_id must not be {dots!r}" in str(exc)
    assert refused(lambda c: c.boards.update_section("123", dots, name="x")).argument == "section_id"
    assert refused(lambda c: c.boards.get(dots)).argument == "board_id"


def test_dot_segments_are_refused_where_the_spec_has_no_pattern() -> None:
    exc = refused(lambda c: c.integrations.get(".."))
    assert exc.argument == "id" and "must not be '..'" in str(exc)


@pytest.mark.parametrize("value", ["abc", "12a", "-1", "\uff11\uff12", "12\n", " 12", "1/2"])
def test_values_not_matching_the_spec_pattern_are_refused(value: str) -> None:
    exc = refused(lambda c: c.boards.get(value))
    assert exc.argument == "board_id"
    assert "does not match the pattern ^\\d+$" in str(exc)


def test_negative_int_id_is_refused_and_int_ids_are_sent_as_digits() -> None:
    assert refused(lambda c: c.boards.get(-5)).argument == "board_id"
    assert sent_url(lambda c: c.boards.get(12)) == f"{BASE}/boards/12"
    assert sent_url(lambda c: c.boards.delete_section("1", "2")) == f"{BASE}/boards/1/sections/2"


def test_other_patterns_from_the_spec() -> None:
    # username: (?!^\d+$)^.+$ -- anything but digits only
    assert refused(lambda c: c.user_account.followed_interests("12345")).argument == "username"
    assert sent_url(lambda c: c.user_account.followed_interests("ann")) == f"{BASE}/users/ann/interests/follow"


def test_values_without_a_pattern_are_escaped_not_refused() -> None:
    assert sent_url(lambda c: c.integrations.get("a b/c?d")) == f"{BASE}/integrations/a%20b%2Fc%3Fd"


# -- lone surrogates ------------------------------------------------------------------------------


def test_lone_surrogate_in_a_path_value() -> None:
    exc = refused(lambda c: c.integrations.get("x\ud800"))
    assert exc.argument == "id" and "lone surrogate" in str(exc)


def test_lone_surrogate_in_a_query_value() -> None:
    exc = refused(lambda c: c.boards.list(bookmark="\udcff"))
    assert exc.argument == "bookmark" and "lone surrogate" in str(exc)
    exc = refused(lambda c: c.ad_groups.list("1", campaign_ids=["1", "\ud800"]))
    assert exc.argument == "campaign_ids"
    exc = refused(lambda c: c.catalog_reports.stats(parameters={"catalog_type": "\ud800"}))
    assert exc.argument == "parameters"


def test_lone_surrogate_in_a_body_field_names_the_field() -> None:
    exc = refused(lambda c: c.boards.create(name="ok", description="bad \ud800"))
    assert exc.argument == "description"
    assert str(exc) == "boards/create: description contains a lone surrogate and cannot be sent as UTF-8"
    source = {"source_type": "image_url", "url": "https://e.x/\udcff.png"}
    exc = refused(lambda c: c.pins.create(board_id="1", media_source=source))
    assert exc.argument == "media_source.url"


def test_lone_surrogate_in_extra_body_and_form_bodies() -> None:
    assert refused(lambda c: c.boards.create(name="n", extra_body={"x": ["\ud800"]})).argument == "x[0]"
    exc = refused(lambda c: c.oauth.token(grant_type="refresh_token", refresh_token="r\ud800"))
    assert exc.argument == "refresh_token" and "lone surrogate" in str(exc)


def test_lone_surrogate_in_headers() -> None:
    exc = refused(lambda c: c.boards.get("1", extra_headers={"X-A": "\ud800"}))
    assert exc.argument == "extra_headers"


# -- values JSON cannot carry ----------------------------------------------------------------------


def test_values_json_cannot_carry_name_where_they_are() -> None:
    when = datetime.datetime(2024, 1, 1)
    exc = refused(lambda c: c.pins.create(board_id="1", media_source={"source_type": "image_url", "url": when}))
    assert exc.argument == "media_source.url"
    assert "cannot be sent as JSON (datetime" in str(exc)
    exc = refused(lambda c: c.boards.create(name="n", extra_body={"ratio": float("nan")}))
    assert exc.argument == "ratio" and "cannot be sent as JSON (float: nan)" in str(exc)


# -- the sandbox router ----------------------------------------------------------------------------


def test_sandbox_router_has_no_trailing_slash_aliases() -> None:
    found = router.match("DELETE", "/boards/1/sections/2")
    assert isinstance(found, tuple) and found[0].id == "board_sections/delete"
    assert router.match("DELETE", "/boards/1/") is None
    assert router.match("GET", "/boards/") is None
    assert router.match("GET", "/boards/1/sections/2/") is None


def test_query_values_are_held_to_the_spec_pattern_too() -> None:
    exc = refused(lambda c: c.boards.list(ad_account_id="abc"))
    assert exc.argument == "ad_account_id" and "does not match the pattern ^\\d+$" in str(exc)
    exc = refused(lambda c: c.billing.list_invoices("1", start_due_date="31/01/2024", end_due_date="2024-02-28"))
    assert exc.argument == "start_due_date"
    assert sent_url(lambda c: c.boards.list(ad_account_id="42")) == f"{BASE}/boards?ad_account_id=42"
