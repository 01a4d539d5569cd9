"""MMM, conversion product (brand/category/SKU) and template reports: jobs whose rows come from the
one analytics engine, for the entities that exist."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest

from pinterest_rest import BadRequestError, NotFoundError
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.sandbox.analytics import Engine


def _account_tree(sb: Sandbox) -> dict[str, Any]:
    c = sb.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    campaigns = [
        c.campaigns.create(account, body=[{"ad_account_id": account, "name": name, "objective_type": objective}])
        .items[0]
        .data.id
        for name, objective in (("Brand", "AWARENESS"), ("Sales", "CATALOG_SALES"))
    ]
    group_body = [
        {"name": "G", "campaign_id": campaigns[0], "budget_in_micro_currency": 1, "billable_event": "IMPRESSION"}
    ]
    group = c.ad_groups.create(account, body=group_body).items[0].data.id
    return {"account": account, "campaigns": campaigns, "group": group}


def _days(sb: Sandbox, back: int, to: int = 0) -> tuple[str, str]:
    today = date.fromtimestamp(sb.app.clock.now())
    return (today - timedelta(days=back)).isoformat(), (today - timedelta(days=to)).isoformat()


def _download(sb: Sandbox, url: str) -> bytes:
    reply = sb.app.handle("GET", url, {}, b"")
    assert reply.status == 200, reply.body
    return reply.body


def test_mmm_report_rows_are_the_sync_targeting_split(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    account, campaign = tree["account"], tree["campaigns"][0]
    start, end = _days(sandbox, 2)
    columns = ["CAMPAIGN_ID", "CAMPAIGN_NAME", "SPEND_IN_MICRO_DOLLAR", "SPEND_IN_DOLLAR", "IMPRESSION_1"]
    made = c.ad_accounts.create_mmm_report(
        account, report_name="m", start_date=start, end_date=end, granularity="DAY", level="CAMPAIGN_TARGETING",
        targeting_types=["GENDER", "APPTYPE"], columns=columns,  # type: ignore[list-item]
    )  # fmt: skip
    assert made.data.report_status == "IN_PROGRESS"
    done = c.ad_accounts.get_mmm_report(account, token=made.data.token)
    assert done.data.report_status == "FINISHED" and done.status == "success"
    rows = json.loads(_download(sandbox, done.data.url))
    # every campaign of the account, 3 days, 3 genders + 6 app types
    assert {r["CAMPAIGN_ID"] for r in rows} == set(tree["campaigns"])
    assert len(rows) == 2 * 3 * (3 + 6)
    assert {r["CAMPAIGN_NAME"] for r in rows} == {"Brand", "Sales"}
    sync = c.campaigns.targeting_analytics(
        account, campaign_ids=[campaign], start_date=start, end_date=end, targeting_types=["GENDER", "APPTYPE"],
        columns=["SPEND_IN_MICRO_DOLLAR", "SPEND_IN_DOLLAR", "IMPRESSION_1"], granularity="DAY",
    )  # fmt: skip
    expected = {(d["targeting_type"], d["targeting_value"], d["metrics"]["DATE"]): d["metrics"] for d in sync["data"]}
    mine = [r for r in rows if r["CAMPAIGN_ID"] == campaign]
    assert len(mine) == len(expected)
    for row in mine:
        want = expected[(row["TARGETING_TYPE"], row["TARGETING_VALUE"], row["DATE"])]
        for column in ("SPEND_IN_MICRO_DOLLAR", "SPEND_IN_DOLLAR", "IMPRESSION_1"):
            assert row[column] == want[column], column
    # the parts of one targeting type add up to the campaign's own numbers
    whole = c.campaigns.analytics(
        account, campaign_ids=[campaign], start_date=start, end_date=start, columns=["IMPRESSION_1"], granularity="DAY"
    )
    genders = [r for r in mine if r["TARGETING_TYPE"] == "GENDER" and r["DATE"] == start]
    assert sum(r["IMPRESSION_1"] for r in genders) == whole[0]["IMPRESSION_1"]
    # a dollar split is the micro-dollar split / 1e6, value by value
    assert all(r["SPEND_IN_DOLLAR"] == round(r["SPEND_IN_MICRO_DOLLAR"] / 1e6, 6) for r in rows)


def test_mmm_country_filter_names_the_countries_of_the_split(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    start, end = _days(sandbox, 0)
    made = c.ad_accounts.create_mmm_report(
        tree["account"], report_name="m", start_date=start, end_date=end, granularity="WEEK",
        level="AD_GROUP_TARGETING", targeting_types=["COUNTRY"], countries=["FR", "DE"],
        columns=["AD_GROUP_ID", "IMPRESSION_1"],
    )  # fmt: skip
    done = c.ad_accounts.get_mmm_report(tree["account"], token=made.data.token)
    rows = json.loads(_download(sandbox, done.data.url))
    assert [(r["AD_GROUP_ID"], r["TARGETING_VALUE"]) for r in rows] == [(tree["group"], "FR"), (tree["group"], "DE")]


def test_mmm_report_of_another_account_or_unknown_token_is_404(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    other = c.ad_accounts.create(name="Other", country="US", owner_user_id="1").id
    start, end = _days(sandbox, 1)
    made = c.ad_accounts.create_mmm_report(
        tree["account"], report_name="m", start_date=start, end_date=end, granularity="DAY",
        level="CAMPAIGN_TARGETING", targeting_types=["GENDER"], columns=["IMPRESSION_1"],
    )  # fmt: skip
    with pytest.raises(NotFoundError):
        c.ad_accounts.get_mmm_report(other, token=made.data.token)
    with pytest.raises(NotFoundError):
        c.ad_accounts.get_mmm_report(tree["account"], token="424242")


def _items(sb: Sandbox, items: list[dict[str, Any]]) -> None:
    c = sb.client()
    body = {"country": "US", "language": "EN", "catalog_type": "RETAIL", "operation": "UPSERT", "items": items}
    c.catalog_items.get_batch(c.catalog_items.create_batch(body=body).batch_id)


def test_conversion_product_report_splits_the_engine_numbers_over_stored_products(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    _items(sandbox, [
        {"item_id": "sku-1", "attributes": {"title": "Shirt", "brand": "Acme", "product_type": "Tops"}},
        {"item_id": "sku-2", "attributes": {"title": "Shirt", "brand": "Acme", "product_type": "Tops"}},
        {"item_id": "sku-3", "attributes": {"title": "Hat", "brand": "Zed"}},
    ])  # fmt: skip
    start, end = _days(sandbox, 13)
    columns = ["CAMPAIGN_ID", "CAMPAIGN_NAME", "CAMPAIGN_OBJECTIVE_TYPE", "CONVERSION_PRODUCT_BRAND",
               "TOTAL_CONVERSION_PRODUCT_QUANTITY", "TOTAL_CONVERSION_PRODUCT_VALUE_IN_USD"]  # fmt: skip
    made = c.ad_accounts.create_conversion_product_report(
        account, report_name="b", start_date=start, end_date=end, granularity="TOTAL", level="CAMPAIGN",
        columns=columns,  # type: ignore[arg-type]
    )  # fmt: skip
    done = c.ad_accounts.get_conversion_product_report(account, token=made.token)
    rows = json.loads(_download(sandbox, done.url))
    # the default objectives leave out CATALOG_SALES: only the AWARENESS campaign, one row per brand
    assert [(r["CAMPAIGN_NAME"], r["CONVERSION_PRODUCT_BRAND"]) for r in rows] == [("Brand", "Acme"), ("Brand", "Zed")]
    assert rows[0]["CAMPAIGN_OBJECTIVE_TYPE"] == "AWARENESS" and "DATE" not in rows[0]
    # the brands' quantities add up to the campaign's own count over the range, from the one engine
    engine = Engine(sandbox.store, account)
    first = date.fromisoformat(start)
    days = [first + timedelta(days=i) for i in range(14)]
    whole = engine.value("CAMPAIGN", tree["campaigns"][0], days, "TOTAL_CONVERSION_PRODUCT_QUANTITY")
    assert sum(r["TOTAL_CONVERSION_PRODUCT_QUANTITY"] for r in rows) == whole
    assert all(r["TOTAL_CONVERSION_PRODUCT_VALUE_IN_USD"] >= 0 for r in rows)


def test_conversion_product_report_refuses_what_the_spec_rules_out(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    base: dict[str, Any] = {
        "report_name": "b",
        "granularity": "TOTAL",
        "columns": ["TOTAL_CONVERSION_PRODUCT_QUANTITY"],
    }
    start, end = _days(sandbox, 3)
    with pytest.raises(BadRequestError, match="at least 7 days"):
        c.ad_accounts.create_conversion_product_report(
            account, start_date=start, end_date=end, level="ADVERTISER", **base
        )
    start, end = _days(sandbox, 20)
    with pytest.raises(BadRequestError, match="campaign_ids is only supported when level is CAMPAIGN"):
        c.ad_accounts.create_conversion_product_report(
            account, start_date=start, end_date=end, level="AD_GROUP", campaign_ids=[tree["campaigns"][0]], **base
        )
    with pytest.raises(NotFoundError, match="Campaign"):
        c.ad_accounts.create_conversion_product_report(
            account, start_date=start, end_date=end, level="CAMPAIGN", campaign_ids=["999999"], **base
        )
    with pytest.raises(BadRequestError, match="after 2024-03-16"):
        c.ad_accounts.create_conversion_product_report(
            account, start_date="2024-03-01", end_date="2024-03-20", level="ADVERTISER", **base
        )


def test_templates_are_listed_and_a_template_report_is_the_report_of_its_request(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    templates = list(c.ad_accounts.list_templates(account))
    assert len(templates) == 3 and all(t.ad_account_id == account for t in templates)
    weekly = next(t for t in templates if t.report_level == "AD_GROUP")
    made = c.ad_accounts.create_template_report(account, weekly.id)
    assert made.template_id == weekly.id and made.report_status == "IN_PROGRESS"
    done = c.ad_accounts.get_report(account, token=made.token)
    assert done.report_status == "FINISHED"
    rows = list(csv.DictReader(io.StringIO(_download(sandbox, done.url).decode())))  # the template says CSV
    start, end = _days(sandbox, 28, 1)
    plain = c.ad_accounts.create_report(
        account, start_date=start, end_date=end, granularity="WEEK", level="AD_GROUP", report_format="CSV",
        columns=list(weekly.columns),  # type: ignore[arg-type]
    )  # fmt: skip
    expected = _download(sandbox, c.ad_accounts.get_report(account, token=plain.token).url).decode()
    assert rows == list(csv.DictReader(io.StringIO(expected)))
    assert rows and {r["AD_GROUP_ID"] for r in rows} == {tree["group"]}


def test_template_report_with_its_own_timeframe_and_unknown_template(sandbox: Sandbox) -> None:
    tree = _account_tree(sandbox)
    c = sandbox.client()
    account = tree["account"]
    start, end = _days(sandbox, 3, 2)
    made = c.ad_accounts.create_template_report(
        account, "7000000000001", start_date=start, end_date=end, granularity="TOTAL"
    )
    rows = json.loads(_download(sandbox, c.ad_accounts.get_report(account, token=made.token).url))
    assert len(rows) == 2 and all("DATE" not in r for r in rows)  # two campaigns, one TOTAL row each
    with pytest.raises(NotFoundError, match="Template"):
        c.ad_accounts.create_template_report(account, "123")
    with pytest.raises(BadRequestError, match="days back"):
        c.ad_accounts.create_template_report(account, "7000000000001", start_date="2020-01-01", end_date=end)
