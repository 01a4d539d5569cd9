"""Query strings per the spec's style/explode: one test per shape, against literal wire URLs.

The expected URLs are written out by hand from OpenAPI 3's serialisation rules (not computed by
the code under test). ``test_every_query_shape_in_the_registry_is_covered`` fails when a new spec
brings a parameter shape no test here covers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest, ValidationError
from pinterest_rest._registry import OPERATIONS
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

BASE = "http://api.test/v5"
ANSWER = {"items": [], "bookmark": None}


def wire_urls(call: Callable[[Any], Any]) -> str:
    """The URL ``call(client)`` sends, on the sync and on the async client (which must agree)."""
    sync_t = MockTransport(lambda r: (200, ANSWER))
    call(Pinterest("tok", base_url=BASE, transport=sync_t))
    async_t = AsyncMockTransport(lambda r: (200, ANSWER))
    async_client = AsyncPinterest("tok", base_url=BASE, transport=async_t)

    async def run() -> None:
        await call(async_client)

    asyncio.run(run())
    assert len(sync_t.requests) == 1 and len(async_t.requests) == 1
    assert sync_t.requests[0].url == async_t.requests[0].url
    return sync_t.requests[0].url


def refused(call: Callable[[Any], Any]) -> ValidationError:
    sync_t = MockTransport(lambda r: (200, ANSWER))
    with pytest.raises(ValidationError) as exc:
        call(Pinterest("tok", base_url=BASE, transport=sync_t))
    assert sync_t.requests == []
    async_t = AsyncMockTransport(lambda r: (200, ANSWER))
    async_client = AsyncPinterest("tok", base_url=BASE, transport=async_t)

    async def run() -> None:
        await call(async_client)

    with pytest.raises(ValidationError) as async_exc:
        asyncio.run(run())
    assert async_t.requests == [] and str(async_exc.value) == str(exc.value)
    return exc.value


# -- scalars ---------------------------------------------------------------------------------------


def test_string_integer_and_reserved_characters() -> None:
    url = wire_urls(lambda c: c.boards.list(page_size=25, bookmark="a b&c=d,e/f?g#h%"))
    assert url == f"{BASE}/boards?bookmark=a%20b%26c%3Dd%2Ce%2Ff%3Fg%23h%25&page_size=25"


def test_non_ascii_text_is_utf8_percent_encoded() -> None:
    assert wire_urls(lambda c: c.boards.list(bookmark="café")) == f"{BASE}/boards?bookmark=caf%C3%A9"


def test_booleans_are_lowercase_words() -> None:
    assert wire_urls(lambda c: c.ad_accounts.list(include_shared_accounts=False)) == (
        f"{BASE}/ad_accounts?include_shared_accounts=false"
    )
    assert wire_urls(lambda c: c.terms_of_service.get("1", include_html=True)) == (
        f"{BASE}/ad_accounts/1/terms_of_service?include_html=true"
    )


def test_numbers() -> None:
    url = wire_urls(
        lambda c: c.trends.product_category_details(product_categories=["BODY_CARE"], region="US", lookback_window=90)
    )
    assert url == f"{BASE}/trends/product_categories/details?product_categories=BODY_CARE&region=US&lookback_window=90"
    assert wire_urls(lambda c: c.boards.list(extra_query={"ratio": 0.5})) == f"{BASE}/boards?ratio=0.5"


# -- arrays ----------------------------------------------------------------------------------------


def test_form_exploded_string_array_repeats_the_key() -> None:
    url = wire_urls(lambda c: c.ad_groups.list("1", campaign_ids=["11", "22"]))
    assert url == f"{BASE}/ad_accounts/1/ad_groups?campaign_ids=11&campaign_ids=22"


def test_form_exploded_integer_array_repeats_the_key() -> None:
    url = wire_urls(lambda c: c.catalog_feeds.list_item_issues("9", item_numbers=[1, 2]))
    assert url == f"{BASE}/catalogs/processing_results/9/item_issues?item_numbers=1&item_numbers=2"


def test_form_not_exploded_string_array_joins_with_commas_and_escapes_commas_inside() -> None:
    url = wire_urls(lambda c: c.keywords.metrics("1", country_code="US", keywords=["a,b", "c d"]))
    assert url == f"{BASE}/ad_accounts/1/keywords/metrics?country_code=US&keywords=a%2Cb,c%20d"


def test_form_not_exploded_enum_array() -> None:
    url = wire_urls(
        lambda c: c.ad_groups.analytics(
            "1", start_date="2024-01-01", end_date="2024-01-31", ad_group_ids=["5"],
            columns=["SPEND_IN_DOLLAR", "CTR"], granularity="DAY",
        )
    )  # fmt: skip
    assert url == (
        f"{BASE}/ad_accounts/1/ad_groups/analytics?start_date=2024-01-01&end_date=2024-01-31"
        "&ad_group_ids=5&columns=SPEND_IN_DOLLAR,CTR&granularity=DAY"
    )


def test_form_not_exploded_integer_array() -> None:
    url = wire_urls(lambda c: c.catalog_product_groups.list(id=[1, 2, 3]))
    assert url == f"{BASE}/catalogs/product_groups?id=1,2,3"


def test_empty_array_sends_nothing_or_is_refused_below_min_items() -> None:
    assert wire_urls(lambda c: c.ad_groups.list("1", entity_statuses=[])) == f"{BASE}/ad_accounts/1/ad_groups"
    exc = refused(lambda c: c.catalog_product_groups.list(id=[]))  # the spec's minItems: 1
    assert str(exc) == "catalogs_product_groups/list: id has 0 items; it needs at least 1"


def test_none_inside_an_array_is_refused() -> None:
    # Reproduction: campaign_ids=[None] sent the text "None".
    exc = refused(lambda c: c.campaigns.list("1", campaign_ids=[None]))
    assert exc.argument == "campaign_ids"
    assert str(exc) == "campaigns/list: campaign_ids contains None: a query string cannot carry a null item"


# -- objects (deepObject) --------------------------------------------------------------------------


def test_deep_object() -> None:
    # Reproduction: the dict's Python repr went out (parameters=%7B%27catalog_type%27...).
    url = wire_urls(lambda c: c.catalog_reports.stats(parameters={"catalog_type": "RETAIL"}))
    assert url == f"{BASE}/catalogs/reports/stats?parameters[catalog_type]=RETAIL"


def test_nested_deep_object() -> None:
    parameters = {"catalog_type": "RETAIL", "report": {"report_type": "FEED_INGESTION_ISSUES", "feed_id": "5"}}
    url = wire_urls(lambda c: c.catalog_reports.stats(parameters=parameters, page_size=10))
    assert url == (
        f"{BASE}/catalogs/reports/stats?page_size=10&parameters[catalog_type]=RETAIL"
        "&parameters[report][report_type]=FEED_INGESTION_ISSUES&parameters[report][feed_id]=5"
    )


def test_deep_object_values_are_escaped() -> None:
    url = wire_urls(lambda c: c.catalog_reports.stats(parameters={"a b": "x&y", "flag": True}))
    assert url == f"{BASE}/catalogs/reports/stats?parameters[a%20b]=x%26y&parameters[flag]=true"


def test_deep_object_refuses_what_it_cannot_carry() -> None:
    exc = refused(lambda c: c.catalog_reports.stats(parameters={"catalog_type": None}))
    assert exc.argument == "parameters" and "[catalog_type] is None" in str(exc)
    exc = refused(lambda c: c.catalog_reports.stats(parameters={"ids": ["1", "2"]}))
    assert "[ids] is a list: a deepObject query value cannot hold lists" in str(exc)


# -- extra_query ----------------------------------------------------------------------------------


def test_extra_query_scalars_and_lists() -> None:
    url = wire_urls(lambda c: c.boards.list(extra_query={"a": [1, 2], "b": True, "c": "x y"}))
    assert url == f"{BASE}/boards?a=1&a=2&b=true&c=x%20y"


def test_extra_query_none_and_nested_are_refused() -> None:
    # Reproduction: extra_query={"q": None} sent the text "None".
    exc = refused(lambda c: c.boards.list(extra_query={"q": None}))
    assert exc.argument == "extra_query"
    exc = refused(lambda c: c.boards.list(extra_query={"q": {"nested": 1}}))
    assert exc.argument == "extra_query"
    exc = refused(lambda c: c.boards.list(extra_query={"q": [[1]]}))
    assert exc.argument == "extra_query"


# -- the survey ------------------------------------------------------------------------------------

COVERED = {
    ("string", None, None, None),  # test_string_integer_and_reserved_characters
    ("integer", None, None, None),  # test_string_integer_and_reserved_characters
    ("boolean", None, None, None),  # test_booleans_are_lowercase_words
    ("number", None, None, None),  # test_numbers
    ("array", "string", "form", True),  # test_form_exploded_string_array_repeats_the_key
    ("array", "integer", "form", True),  # test_form_exploded_integer_array_repeats_the_key
    ("array", "string", "form", False),  # test_form_not_exploded_*
    ("array", "integer", "form", False),  # test_form_not_exploded_integer_array
    ("object", None, None, None),  # test_deep_object, test_nested_deep_object (no recorded style)
    ("object", None, "deepObject", True),  # the same: the registry records catalog_reports' style
}


def test_every_query_shape_in_the_registry_is_covered() -> None:
    shapes = {
        (p.type, p.items_type, p.style, p.explode)
        for op in OPERATIONS.values()
        for p in op.params
        if p.location == "query"
    }
    assert shapes <= COVERED, f"query shapes without a wire test: {sorted(map(str, shapes - COVERED))}"
