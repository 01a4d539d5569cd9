"""Ads objects hold what the client sent plus what the server sets; filters AND; order sorts.

Each test is one reproduction of issue 12 (items 1 and 2) against the ads tree.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from pinterest_rest.sandbox import Sandbox


@pytest.fixture
def tree(sandbox: Sandbox) -> dict[str, Any]:
    """An account with two campaigns, each with two ad groups, each with one ad."""
    c = sandbox.client()
    board = c.boards.create(name="Ads")
    pin = c.pins.create(board_id=board.id, media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"})
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    ids: dict[str, Any] = {"account": account.id, "campaigns": [], "groups": {}, "ads": {}, "pin": pin.id}
    for name in ("A", "B"):
        body = [{"name": name, "objective_type": "AWARENESS", "status": "ACTIVE", "ad_account_id": account.id}]
        campaign = c.campaigns.create(account.id, body=body).items[0].data
        ids["campaigns"].append(campaign.id)
        for g in range(2):
            group_body = [{"name": f"{name}{g}", "campaign_id": campaign.id, "budget_in_micro_currency": 5_000_000,
                           "billable_event": "IMPRESSION", "status": "PAUSED" if g else "ACTIVE"}]  # fmt: skip
            group = c.ad_groups.create(account.id, body=group_body).items[0].data
            ids["groups"][group.id] = campaign.id
            ad_body = [{"ad_group_id": group.id, "pin_id": pin.id, "creative_type": "REGULAR", "status": "ACTIVE"}]
            ad = c.ads.create(account.id, body=ad_body).items[0].data
            ids["ads"][ad.id] = group.id
    return ids


def test_ads_list_filters_are_anded(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    campaign = tree["campaigns"][0]
    group = next(g for g, camp in tree["groups"].items() if camp == campaign)
    ad = next(a for a, g in tree["ads"].items() if g == group)
    other_ad = next(a for a, g in tree["ads"].items() if g != group)
    account = tree["account"]
    found = c.ads.list(account, campaign_ids=[campaign], ad_group_ids=[group], ad_ids=[ad])
    assert [x.id for x in found] == [ad]
    assert list(c.ads.list(account, ad_group_ids=[group], ad_ids=[other_ad])) == []
    assert {x.id for x in c.ads.list(account, campaign_ids=[campaign])} == {
        a for a, g in tree["ads"].items() if tree["groups"][g] == campaign
    }


def test_ad_groups_list_filters_are_anded(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    first, second = tree["campaigns"]
    group_of_second = next(g for g, camp in tree["groups"].items() if camp == second)
    account = tree["account"]
    assert list(c.ad_groups.list(account, campaign_ids=[first], ad_group_ids=[group_of_second])) == []
    active = list(c.ad_groups.list(account, campaign_ids=[first], entity_statuses=["ACTIVE"]))
    assert len(active) == 1 and active[0].campaign_id == first and active[0].status == "ACTIVE"


def test_order_descending_sorts_by_id(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    up = [x.id for x in c.ads.list(tree["account"], order="ASCENDING")]
    down = [x.id for x in c.ads.list(tree["account"], order="DESCENDING")]
    assert up == sorted(up, key=int) and down == list(reversed(up)) and len(up) == 4


def test_product_group_promotions_list_honours_its_filters(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    account = tree["account"]
    g1, g2 = list(tree["groups"])[:2]
    made = {}
    for group, status in ((g1, "ACTIVE"), (g2, "PAUSED")):
        out = c.product_group_promotions.create(
            account, ad_group_id=group, product_group_promotion=[{"catalog_product_group_id": "1", "status": status}]
        )
        made[group] = out.items[0].data.id
    assert [p.id for p in c.product_group_promotions.list(account, ad_group_id=g1)] == [made[g1]]
    assert [p.id for p in c.product_group_promotions.list(account, entity_statuses=["PAUSED"])] == [made[g2]]
    assert list(c.product_group_promotions.list(account, ad_group_id=g1, entity_statuses=["PAUSED"])) == []
    assert [p.id for p in c.product_group_promotions.list(account, product_group_promotion_ids=[made[g2]])] == [
        made[g2]
    ]


def test_campaign_holds_what_was_sent_and_server_fields_only(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    before = int(time.time()) - 1
    body = [{"ad_account_id": account.id, "name": "Four", "objective_type": "AWARENESS", "status": "PAUSED"}]
    campaign = c.campaigns.create(account.id, body=body).items[0].data.to_dict()
    for invented in ("daily_spend_cap", "lifetime_spend_cap", "start_time", "end_time", "order_line_id",
                     "tracking_urls", "bid_options"):  # fmt: skip
        assert campaign.get(invented) is None, invented
    assert campaign["is_performance_plus"] is False  # the documented default, not a sample's True
    assert campaign["name"] == "Four" and campaign["status"] == "PAUSED" and campaign["summary_status"] == "PAUSED"
    assert campaign["type"] == "campaign" and campaign["ad_account_id"] == account.id
    assert before <= campaign["created_time"] <= time.time() + 1
    assert "sandbox-" not in repr(campaign)


def test_spend_caps_are_exclusive_and_cbo_needs_one(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    base = {"ad_account_id": account, "name": "c", "objective_type": "AWARENESS"}
    daily = c.campaigns.create(account, body=[{**base, "daily_spend_cap": 1_000_000}]).items[0].data.to_dict()
    assert daily["daily_spend_cap"] == 1_000_000 and daily.get("lifetime_spend_cap") is None
    both = c.campaigns.create(account, body=[{**base, "daily_spend_cap": 1, "lifetime_spend_cap": 2}]).items[0]
    assert both.get("data") is None and "cannot be set at the same time" in both.exceptions[0].message
    cbo = c.campaigns.create(account, body=[{**base, "is_campaign_budget_optimization": True}]).items[0]
    assert cbo.get("data") is None and cbo.exceptions
    moved = c.campaigns.update(account, body=[{"id": daily["id"], "ad_account_id": account, "lifetime_spend_cap": 5}])
    assert moved.items[0].exceptions and c.campaigns.get(account, daily["id"]).get("lifetime_spend_cap") is None


def test_ad_group_without_targeting_and_budget_rules(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    account = tree["account"]
    group = c.ad_groups.get(account, next(iter(tree["groups"]))).to_dict()
    assert group.get("targeting_spec") is None and group.get("start_time") is None
    assert group["budget_type"] == "DAILY"  # documented default
    no_budget = c.ad_groups.create(
        account, body=[{"name": "x", "campaign_id": tree["campaigns"][0], "billable_event": "IMPRESSION"}]
    ).items[0]
    assert no_budget.get("data") is None and "budget_in_micro_currency" in no_budget.exceptions[0].message


def test_ads_campaign_is_its_ad_groups_campaign(sandbox: Sandbox, tree: dict[str, Any]) -> None:
    c = sandbox.client()
    for ad_id, group_id in tree["ads"].items():
        ad = c.ads.get(tree["account"], ad_id)
        assert ad.ad_group_id == group_id and ad.campaign_id == tree["groups"][group_id]


def test_created_times_are_now_and_differ(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    body = [{"ad_account_id": account.id, "name": "t", "objective_type": "AWARENESS"}]
    first = c.campaigns.create(account.id, body=body).items[0].data
    assert abs(first.created_time - time.time()) < 5
    assert abs(int(account.created_time) - time.time()) < 5


def test_ad_account_owner_is_the_token_user(sandbox: Sandbox) -> None:
    c = sandbox.client()
    me = c.user_account.get()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id=me.id)
    assert account.owner.id == me.id and account.owner.username == me.username


def test_customer_list_counters_move_with_each_batch(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    made = c.customer_lists.create(account, name="Buyers", records="a@x.com,b@x.com,c@x.com", list_type="EMAIL")
    assert (made.num_batches, made.num_uploaded_user_records, made.num_removed_user_records) == (1, 3, 0)
    c.customer_lists.update(account, made.id, operation_type="ADD", records="d@x.com,e@x.com")
    c.customer_lists.update(account, made.id, operation_type="REMOVE", records="a@x.com")
    now = c.customer_lists.get(account, made.id)
    assert (now.num_batches, now.num_uploaded_user_records, now.num_removed_user_records) == (3, 5, 1)


def test_conversion_tag_keeps_its_settings(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    tag = c.conversion_tags.create(account, name="Checkout", aem_enabled=True, md_frequency=1.2)
    assert tag.configs.aem_enabled is True and tag.configs.md_frequency == 1.2
    assert c.conversion_tags.get(account, tag.id).configs.aem_enabled is True
