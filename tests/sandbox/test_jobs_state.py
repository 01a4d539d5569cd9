"""Jobs reflect their request: what a job produces is derived from stored state."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pinterest_rest.sandbox import Sandbox

IMAGE = {"source_type": "image_url", "url": "https://e.com/a.jpg"}
# The attributes Pinterest requires of a retail item (items_issues reports the others).
VALID_ITEM = {"title": "t", "description": "d", "link": "https://e.com/p", "image_link": ["https://e.com/i.jpg"],
              "price": "10 USD", "availability": "in stock"}  # fmt: skip


def _tree(sb: Sandbox) -> dict[str, Any]:
    c = sb.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    campaigns = []
    for name in ("A", "B"):
        made = c.campaigns.create(
            account, body=[{"ad_account_id": account, "name": name, "objective_type": "AWARENESS"}]
        )
        campaigns.append(made.items[0].data.id)
    group_body = [
        {"name": "g", "campaign_id": campaigns[0], "budget_in_micro_currency": 1, "billable_event": "IMPRESSION"}
    ]
    group = c.ad_groups.create(account, body=group_body).items[0].data.id
    pin = c.pins.create(board_id=c.boards.create(name="Ads").id, media_source=IMAGE).id
    ad = (
        c.ads.create(account, body=[{"ad_group_id": group, "pin_id": pin, "creative_type": "REGULAR"}]).items[0].data.id
    )
    return {"account": account, "campaigns": campaigns, "group": group, "ad": ad, "pin": pin}


def _download(sb: Sandbox, url: str) -> Any:
    reply = sb.app.handle("GET", url, {}, b"")
    assert reply.status == 200, reply.body
    return json.loads(reply.body)


def test_bulk_download_holds_the_requested_types_under_the_requested_ids(sandbox: Sandbox) -> None:
    tree = _tree(sandbox)
    c = sandbox.client()
    request = c.bulk.create_download(
        tree["account"], entity_types=["CAMPAIGN", "AD_GROUP"], entity_ids=[tree["campaigns"][0]]
    )
    done = c.bulk.get_request(tree["account"], request.request_id)
    assert done.status == "SUCCEEDED"
    result = _download(sandbox, done.result_url)
    assert [x["id"] for x in result["CAMPAIGN"]] == [tree["campaigns"][0]]
    assert [x["id"] for x in result["AD_GROUP"]] == [tree["group"]]
    assert "AD" not in result


def test_bulk_upsert_creates_and_updates_with_per_item_errors(sandbox: Sandbox) -> None:
    tree = _tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    body = {
        "create": {"campaigns": [{"ad_account_id": account, "name": "New", "objective_type": "AWARENESS"},
                                 {"ad_account_id": account, "name": "Bad", "objective_type": "AWARENESS",
                                  "daily_spend_cap": 1, "lifetime_spend_cap": 2}]},
        "update": {"campaigns": [{"id": tree["campaigns"][1], "ad_account_id": account, "name": "B2"},
                               {"id": "999", "ad_account_id": account, "name": "ghost"}]},
    }  # fmt: skip
    request = c.bulk.create_upsert(account, **body)
    done = c.bulk.get_request(account, request.request_id)
    results = _download(sandbox, done.result_url)
    assert [r["status"] for r in results] == ["SUCCEEDED", "FAILED", "SUCCEEDED", "FAILED"]
    assert done.status == "FAILED"
    names = sorted(x.name for x in c.campaigns.list(account))
    assert names == ["A", "B2", "New"]


def test_catalog_item_batches_apply_to_stored_items(sandbox: Sandbox) -> None:
    c = sandbox.client()
    base = {"country": "US", "language": "EN", "catalog_type": "RETAIL"}

    def run(operation: str, items: list[dict[str, Any]]) -> list[str]:
        batch = c.catalog_items.create_batch(body={**base, "operation": operation, "items": items})
        done = c.catalog_items.get_batch(batch.batch_id)
        assert done.status == "COMPLETED"
        return [i["status"] for i in done["items"]]

    assert run("UPDATE", [{"item_id": "sku-1", "attributes": {"title": "Shirt"}}]) == ["FAILURE"]
    assert run("UPSERT", [{"item_id": "sku-1", "attributes": {"title": "Shirt", "price": "10 USD"}}]) == ["SUCCESS"]
    assert run("UPDATE", [{"item_id": "sku-1", "attributes": {"title": "Red shirt"}}]) == ["SUCCESS"]
    stored = sandbox.store.get("catalog_item", "RETAIL:US:EN:sku-1")
    assert stored is not None and stored["attributes"] == {"title": "Red shirt", "price": "10 USD"}
    assert run("DELETE", [{"item_id": "sku-1"}]) == ["SUCCESS"]
    assert sandbox.store.get("catalog_item", "RETAIL:US:EN:sku-1") is None


def test_leads_export_holds_the_stored_leads_of_the_ads_form(sandbox: Sandbox) -> None:
    from datetime import date

    tree = _tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    form_body = [{"name": "Form", "privacy_policy_link": "https://e.com/p", "has_accepted_terms": True,
                  "completion_message": "Thanks", "questions": [{"question_type": "EMAIL"}]}]  # fmt: skip
    form = c.lead_forms.create(account, body=form_body).items[0].data.id
    c.ads.update(account, body=[{"id": tree["ad"], "lead_form_id": form}])
    with pytest.raises(Exception, match="Lead subscription"):
        c.lead_forms.create_test(account, form, answers=["a@b.com"])
    c.lead_ads.create_subscription(account, webhook_url="https://e.com/hook", lead_form_id=form)
    for answer in ("a@b.com", "c@d.com"):
        c.lead_forms.create_test(account, form, answers=[answer])
    today = date.today().isoformat()
    export = c.leads_export.create(account, start_date=today, end_date=today, ad_id=tree["ad"])
    done = c.leads_export.get(account, export.leads_export_id)
    leads = _download(sandbox, done.download_url)
    assert sorted(lead["answers"][0] for lead in leads) == ["a@b.com", "c@d.com"]


def test_download_links_expire_after_five_minutes_on_the_sandbox_clock(sandbox: Sandbox) -> None:
    tree = _tree(sandbox)
    c = sandbox.client()
    request = c.bulk.create_download(tree["account"], entity_types=["CAMPAIGN"])
    url = c.bulk.get_request(tree["account"], request.request_id).result_url
    sandbox.app.clock.advance(299)
    assert sandbox.app.handle("GET", url, {}, b"").status == 200
    sandbox.app.clock.advance(2)
    expired = sandbox.app.handle("GET", url, {}, b"")
    assert expired.status == 403 and b"expired" in expired.body
    fresh = c.bulk.get_request(tree["account"], request.request_id).result_url
    assert fresh != url and sandbox.app.handle("GET", fresh, {}, b"").status == 200


def test_feed_processing_results_count_the_stored_items(sandbox: Sandbox) -> None:
    from pinterest_rest.sandbox import schemas
    from pinterest_rest.sandbox.samples import sample

    c = sandbox.client()
    body = {"country": "US", "language": "EN", "catalog_type": "RETAIL", "operation": "UPSERT",
            "items": [{"item_id": f"sku-{i}", "attributes": VALID_ITEM} for i in range(3)]}  # fmt: skip
    c.catalog_items.get_batch(c.catalog_items.create_batch(body=body).batch_id)
    feed_body = sample(schemas.operation("feeds/create")["request"], "feed")
    feed_body["catalog_type"] = "RETAIL"
    feed = c.catalog_feeds.create(body=feed_body)
    c.catalog_feeds.ingest(feed.id)
    result = c.catalog_feeds.list_processing_results(feed.id).items[0]
    assert result.status == "COMPLETED" and result.product_counts.to_dict() == {"original": 3, "ingested": 3}
