"""Per-category rate limits with Pinterest's multi-window headers; the request id header; error codes."""

from __future__ import annotations

import re

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Sandbox, SandboxConfig

HEADERS = {"authorization": "Bearer t"}


def test_headers_carry_every_window_of_the_category() -> None:
    sb = Sandbox()
    sb.clock.freeze()
    reply = sb.app.handle("GET", "/v5/ad_accounts/1/campaigns/analytics?x=1", HEADERS, b"")
    assert reply.headers["x-ratelimit-limit"].endswith("100;w=1, 300;w=60")  # ads_analytics: 300/min
    reply = sb.app.handle("GET", "/v5/boards", HEADERS, b"")
    limit = reply.headers["x-ratelimit-limit"]
    assert re.fullmatch(r"\d+, 100;w=1, 1000;w=60", limit), limit  # org_read
    assert reply.headers["x-ratelimit-remaining"] == "98"  # the universal 100/s window (all categories) binds first
    assert limit.startswith("100,")
    assert int(reply.headers["x-ratelimit-reset"]) >= 1


def test_429_with_retry_after_per_category_and_the_clock_refills() -> None:
    sb = Sandbox(config=SandboxConfig(enforce_rate_limits=True, rate_limits={"org_read": [(2, 60)]}))
    sb.clock.freeze()
    c = sb.client(max_retries=0)
    c.boards.list()
    raw = c.boards.with_raw_response.list()
    assert raw.headers["x-ratelimit-limit"] == "2, 100;w=1, 2;w=60"
    assert raw.headers["x-ratelimit-remaining"] == "0"
    with pytest.raises(pr.RateLimitError) as caught:
        c.boards.list()
    assert 1 <= int(caught.value.headers["retry-after"]) <= 60
    assert caught.value.code == 8
    c.ad_accounts.list()  # ads_read has its own budget
    sb.clock.advance(61)
    c.boards.list()  # a new window


def test_universal_limit_spans_categories() -> None:
    sb = Sandbox(config=SandboxConfig(enforce_rate_limits=True))
    sb.clock.freeze()
    statuses = [
        sb.app.handle("GET", "/v5/boards" if n % 2 else "/v5/ad_accounts", HEADERS, b"").status for n in range(101)
    ]
    assert statuses[:100] == [200] * 100 and statuses[100] == 429


def test_answers_carry_pinterests_request_id_header() -> None:
    sb = Sandbox()
    ok = sb.app.handle("GET", "/v5/boards", HEADERS, b"")
    missing = sb.app.handle("GET", "/v5/boards/123", HEADERS, b"")
    assert re.fullmatch(r"[0-9a-f]{16}", ok.headers["x-pinterest-rid"])
    assert ok.headers["x-pinterest-rid"] != missing.headers["x-pinterest-rid"]
    with pytest.raises(pr.NotFoundError) as caught:
        sb.client().boards.get("123")
    assert caught.value.request_id and len(caught.value.request_id) == 16


def test_not_found_codes_follow_the_spec() -> None:
    sb = Sandbox()
    c = sb.client()
    with pytest.raises(pr.NotFoundError) as board:
        c.boards.get("123")
    assert board.value.code == 40  # the spec's BoardNotFound example
    with pytest.raises(pr.NotFoundError) as pin:
        c.pins.get("123")
    assert pin.value.code == 50
    route = sb.app.handle("GET", "/v5/no/such/route", HEADERS, b"")
    assert route.status == 404 and b'"code": 404' in route.body


def test_module_entry_point_reads_rate_limit_overrides() -> None:
    import argparse

    from pinterest_rest.cli.sandbox_options import add_arguments, config_from

    parser = argparse.ArgumentParser()
    add_arguments(parser, db=":memory:", db_help="", seed="none")
    ns = parser.parse_args(["--rate-limit", "ads_write=5", "--rate-limit", "org_read=2/10"])
    assert config_from(ns).rate_limits == {"ads_write": [(5, 60.0)], "org_read": [(2, 10.0)]}
    assert config_from(parser.parse_args(["--rate-limit", "7"])).rate_limit == 7
    with pytest.raises(SystemExit):
        parser.parse_args(["--rate-limit", "nonsense"])
