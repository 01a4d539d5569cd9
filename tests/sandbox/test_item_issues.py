"""Item issues of a feed processing result: the stored items Pinterest would refuse, and why,
consistent with the result's ingested count and with which items are products."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest import NotFoundError
from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.samples import sample

GOOD = {"title": "Shirt", "description": "Linen", "link": "https://e.com/p", "image_link": ["https://e.com/i.jpg"],
        "price": "10 USD", "availability": "in stock", "brand": "Acme"}  # fmt: skip


def _run(sb: Sandbox, items: list[dict[str, Any]]) -> tuple[str, Any]:
    c = sb.client()
    body = {"country": "US", "language": "EN", "catalog_type": "RETAIL", "operation": "UPSERT", "items": items}
    c.catalog_items.get_batch(c.catalog_items.create_batch(body=body).batch_id)
    feed_body = sample(schemas.operation("feeds/create")["request"], "feed")
    feed_body["catalog_type"] = "RETAIL"
    feed = c.catalog_feeds.create(body=feed_body)
    c.catalog_feeds.ingest(feed.id)
    return feed.id, c.catalog_feeds.list_processing_results(feed.id).items[0]


def test_issues_name_each_missing_or_invalid_attribute(sandbox: Sandbox) -> None:
    no_title = {k: v for k, v in GOOD.items() if k != "title"}
    items = [
        {"item_id": "ok", "attributes": GOOD},
        {"item_id": "bad-price", "attributes": {**GOOD, "price": "ten dollars"}},
        {"item_id": "no-title", "attributes": {**no_title, "availability": "sometimes"}},
    ]
    feed, result = _run(sandbox, items)
    assert result.product_counts.to_dict() == {"original": 3, "ingested": 1}
    c = sandbox.client()
    issues = list(c.catalog_feeds.list_item_issues(result.id))
    assert [(i.item_number, i.item_id) for i in issues] == [(2, "bad-price"), (3, "no-title")]
    assert issues[0].errors.to_dict() == {
        "PRODUCT_PRICE_INVALID": {"attribute_name": "PRICE", "provided_value": "ten dollars"}
    }
    assert set(issues[1].errors.to_dict()) == {"TITLE_MISSING", "AVAILABILITY_INVALID"}
    assert issues[1].errors.to_dict()["AVAILABILITY_INVALID"]["provided_value"] == "sometimes"
    only = list(c.catalog_feeds.list_item_issues(result.id, item_validation_issue="TITLE_MISSING"))
    assert [(i.item_id, list(i.errors.to_dict())) for i in only] == [("no-title", ["TITLE_MISSING"])]
    assert [i.item_id for i in c.catalog_feeds.list_item_issues(result.id, item_numbers=[2])] == ["bad-price"]
    # the invalid items are no products of a group that would hold them
    group = c.catalog_product_groups.create(
        name="All", feed_id=feed, filters={"any_of": [{"BRAND": {"values": ["Acme"]}}]}
    )
    assert [p.metadata.item_id for p in c.catalog_product_groups.list_products(group.id)] == ["ok"]


def test_a_clean_feed_has_no_issues_and_an_unknown_result_is_404(sandbox: Sandbox) -> None:
    _, result = _run(sandbox, [{"item_id": "ok", "attributes": GOOD}])
    c = sandbox.client()
    assert list(c.catalog_feeds.list_item_issues(result.id)) == []
    with pytest.raises(NotFoundError, match="Processing result"):
        c.catalog_feeds.list_item_issues("424242").items  # noqa: B018


def test_report_stats_count_the_runs_issues_per_code(sandbox: Sandbox) -> None:
    no_title = {k: v for k, v in GOOD.items() if k != "title"}
    items = [{"item_id": "a", "attributes": no_title}, {"item_id": "b", "attributes": {**no_title, "price": "x"}},
             {"item_id": "c", "attributes": GOOD}]  # fmt: skip
    feed, result = _run(sandbox, items)
    c = sandbox.client()
    params: Any = {"catalog_type": "RETAIL", "report": {"report_type": "FEED_INGESTION_ISSUES", "feed_id": feed}}
    stats = [s.to_dict() for s in c.catalog_reports.stats(parameters=params)]
    found = [(s["code_label"], s["occurrences"], s["severity"]) for s in stats]
    assert found == [("PRODUCT_PRICE_INVALID", 1, "ERROR"), ("TITLE_MISSING", 2, "ERROR")]
    named = {**params, "report": {**params["report"], "processing_result_id": result.id}}
    assert [s.to_dict() for s in c.catalog_reports.stats(parameters=named)] == stats
    with pytest.raises(NotFoundError, match="Processing result"):
        other = {**params, "report": {**params["report"], "processing_result_id": "424242"}}
        c.catalog_reports.stats(parameters=other).items  # noqa: B018
    distribution: Any = {"catalog_type": "RETAIL", "report": {"report_type": "DISTRIBUTION_ISSUES"}}
    assert list(c.catalog_reports.stats(parameters=distribution)) == []
