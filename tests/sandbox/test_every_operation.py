"""For each of the 231 operations: a valid call gets a 2xx with a spec-valid body, and an invalid
parameter or body gets a 4xx ``{code, message}``, never a 5xx."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from pinterest_rest._operation import Operation
from pinterest_rest._registry import OPERATIONS
from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.samples import sample

OPS = sorted(OPERATIONS.values(), key=lambda op: op.id)
HEADERS = {"authorization": "Bearer sandbox-token", "content-type": "application/json"}
BASIC = {
    "authorization": "Basic c2FuZGJveC1hcHA6c2FuZGJveC1zZWNyZXQ=",
    "content-type": "application/x-www-form-urlencoded",
}


def item(op_id: str, **fields: Any) -> dict[str, Any]:
    """A valid element of an array body, with some fields set."""
    data: dict[str, Any] = sample(schemas.operation(op_id)["request"], op_id)[0]
    data.update(fields)
    return data


def fixtures(sb: Sandbox) -> dict[str, str]:
    """Objects the stateful handlers need to exist, by path-parameter name."""
    c = sb.client()
    board = c.boards.create(name="Fixture board")
    section = c.boards.create_section(board.id, name="Fixture section")
    pin = c.pins.create(board_id=board.id, media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"})
    media = c.media.create(media_type="video")
    account = c.ad_accounts.create(name="Fixture account", country="US", owner_user_id="1")
    campaign = c.campaigns.create(
        account.id, body=[item("campaigns/create", lifetime_spend_cap=None, ad_account_id=account.id)]
    )
    campaign_id = campaign.items[0].data.id
    group = c.ad_groups.create(account.id, body=[item("ad_groups/create", campaign_id=campaign_id)])
    group_id = group.items[0].data.id
    ad = c.ads.create(account.id, body=[item("ads/create", ad_group_id=group_id, pin_id=pin.id)])
    report = c.ad_accounts.create_report(account.id, start_date="2026-01-01", end_date="2026-01-03", granularity="DAY", level="CAMPAIGN", columns=["SPEND_IN_DOLLAR"])  # fmt: skip
    ids = {
        # Analytics look back at most 90 days from the sandbox's today.
        "start_date": (date.today() - timedelta(days=7)).isoformat(),
        "end_date": (date.today() - timedelta(days=1)).isoformat(),
        "board_id": board.id,
        "section_id": section.id,
        "pin_id": pin.id,
        "media_id": media.media_id,
        "ad_account_id": account.id,
        "campaign_id": campaign_id,
        "ad_group_id": group_id,
        "ad_id": ad.items[0].data.id,
        "token": report.token,
    }
    promotion = sample(schemas.operation("product_group_promotions/create")["request"], "pgp")
    promotion["ad_group_id"] = group_id
    created = c.product_group_promotions.create(account.id, **promotion)
    ids["product_group_promotion_id"] = created.items[0].data.id
    # Objects of the generic CRUD and job kinds, created through the API with sampled bodies.
    for param, create_op, field in (
        ("audience_id", "audiences/create", "id"),
        ("customer_list_id", "customer_lists/create", "id"),
        ("conversion_tag_id", "conversion_tags/create", "id"),
        ("feed_id", "feeds/create", "id"),
        ("product_group_id", "catalogs_product_groups/create", "id"),
        ("batch_id", "items_batch/post", "batch_id"),
        ("bulk_request_id", "bulk_download/create", "request_id"),
        ("leads_export_id", "leads_export/create", "leads_export_id"),
        ("lead_form_id", "lead_forms/create", "items.0.data.id"),
        ("catalog_id", "catalogs/create", "id"),
        ("catalog_token", "reports/create", "token"),
        ("website", "verify_website/update", "website"),
        ("customer_list_upload_id", "customer_list_uploads/create", "customer_list_upload.id"),
        ("subscription_id", "ad_accounts_subscriptions/post", "id"),
        ("promotion_id", "promotions/create", "promotions.0.data.id"),
        ("template_id", "targeting_template/create", "id"),
        ("external_business_id", "integrations_commerce/post", "external_business_id"),
        ("id", "integrations/get_list", "items.0.id"),
        ("mmm_token", "analytics/create_mmm_report", "data.token"),
        ("conversion_token", "analytics/create_conversion_product_report", "token"),
        ("pin_order_id", "ssio_insertion_order/create", "pin_order_id"),
    ):
        op = OPERATIONS[create_op]
        url, headers, body = valid_request(op, ids)
        reply = sb.app.handle(op.http_method, url, headers, body)
        assert reply.status < 300, (create_op, reply.body[:300])
        found: Any = json.loads(reply.body)
        for step in field.split("."):
            found = found[int(step)] if step.isdigit() else found[step]
        ids[param] = found
    # Order lines are Pinterest's to create: one is stored directly, as a test would.
    line = {
        **sample({"$ref": "#/$defs/OrderLine"}, "line"),
        "id": "7700",
        "ad_account_id": account.id,
        "_parent": account.id,
    }
    sb.store.put("order_line", "7700", line, parent=account.id)
    ids["order_line_id"] = "7700"
    invoice = {"id": "7701", "ad_account_id": account.id, "status": "OPEN", "document_type": "INVOICE"}
    sb.store.put("billing_invoice", "7701", {**invoice, "_parent": account.id}, parent=account.id)
    ids["billing_invoice_id"] = "7701"
    # A completed feed processing run, whose item issues can be listed.
    ingestion = c.catalog_feeds.ingest(ids["feed_id"])
    c.catalog_feeds.list_processing_results(ids["feed_id"])
    ids["processing_result_id"] = ingestion.id
    ids["interest_id"] = "900000000002"  # reference data: an interest the sandbox lists
    ids["report_template_id"] = "7000000000001"  # reference data: a report template the sandbox lists
    # Analytics read only objects that exist: their id lists name the fixtures.
    for plural, single in (("campaign_ids", "campaign_id"), ("ad_group_ids", "ad_group_id"), ("ad_ids", "ad_id"),
                           ("pin_ids", "pin_id"), ("product_group_ids", "product_group_id")):  # fmt: skip
        ids[plural] = ids[single]
    ids.update(business_fixtures(sb, account.id))
    return ids


def business_fixtures(sb: Sandbox, account_id: str) -> dict[str, str]:
    """Businesses are Pinterest's to create, so they are stored directly (business_model), with
    the ids the sampled request bodies name (member, asset, partner, recipients)."""
    from pinterest_rest.sandbox.handlers import business_model as bm

    biz = bm.add_business(sb.store, "Fixture business")["id"]
    brand = bm.add_business(sb.store, "Fixture brand", extra={"_hierarchy": biz})["id"]
    for ident in ("549755885175", "766792353446272365"):  # ad accounts the bodies name
        sb.store.put("ad_account", ident, {**sample({"$ref": "#/$defs/AdAccount"}, ident), "id": ident})
    for ident in (account_id, "549755885175", "766792353446272365"):
        bm.add_asset(sb.store, biz, ident, "AD_ACCOUNT")
    for ident in ("1234567890123", "587240099324694840"):  # a partner and an audience recipient
        sb.store.put("business", ident, {"id": ident, "name": f"Business {ident}", "username": f"b{ident}"})
    bm.add_partnership(sb.store, biz, "1234567890123")
    bm.grant(sb.store, biz, "PARTNER", "1234567890123", "549755885175", ["ANALYST"])
    member = bm.add_member(sb.store, biz, user={"id": "140943737684417", "username": "m"}, role="BIZ_ADMIN")
    bm.grant(sb.store, biz, "MEMBER", member["id"], "549755885175", ["ANALYST"])
    system = bm.add_member(sb.store, biz, user={"username": "bot"}, system=True)
    return {"business_id": biz, "business_hierarchy_id": biz, "brand_account_id": brand, "member_id": member["id"],
            "asset_id": "549755885175", "partner_id": "1234567890123", "system_user_id": system["id"]}  # fmt: skip


# Every request body's name is made unique: the fixtures create a feed, a product group ... from
# the same sampled body the per-operation test then sends again, and names are unique rules.
_CALLS = itertools.count(1)
# Path parameters whose fixture is stored under another name (two kinds of "template").
PATH_IDS = {("analytics/create_template_report", "template_id"): "report_template_id"}


def valid_request(op: Operation, ids: dict[str, str]) -> tuple[str, dict[str, str], bytes]:
    spec = schemas.operation(op.id)
    path = op.path
    for p in op.path_params:
        name = PATH_IDS.get((op.id, p.name), p.name)
        value = ids.get(name) or str(sample(spec["params"][f"path:{p.name}"], p.name))
        path = path.replace("{" + p.name + "}", value)
    query: list[tuple[str, str]] = []
    for p in op.params:
        if p.location != "query" or not p.required:
            continue
        renamed = {
            ("reports/get", "token"): "catalog_token",
            ("catalogs_product_groups/delete_many", "id"): "product_group_id",
            ("analytics/get_mmm_report", "token"): "mmm_token",
            ("analytics/get_conversion_product_report", "token"): "conversion_token",
        }
        name = renamed.get((op.id, p.name), p.name)
        value = ids.get(name) if name in ids else sample(spec["params"][f"query:{p.name}"], p.name)
        if op.id == "reports/stats" and isinstance(value, dict) and isinstance(value.get("report"), dict):
            # the report parameters name the feed and run (or catalog) the stats are about
            for key, fixture in (("feed_id", "feed_id"), ("processing_result_id", "processing_result_id"),
                                 ("catalog_id", "catalog_id")):  # fmt: skip
                if key in value["report"] and fixture in ids:
                    value["report"][key] = ids[fixture]
        if isinstance(value, dict):
            query.append((p.name, json.dumps(value)))
        elif isinstance(value, list):
            query += [(p.name, str(v)) for v in value]
        else:
            query.append((p.name, str(value).lower() if isinstance(value, bool) else str(value)))
    url = "http://sandbox.local/v5" + path + ("?" + urlencode(query) if query else "")
    body = b""
    if spec["request"] is not None:
        data = sample(spec["request"], op.id)
        if isinstance(data, dict):
            for key in (
                "board_id",
                "ad_account_id",
                "ad_id",
                "start_date",
                "end_date",
                "lead_form_id",
                "catalog_id",
                "feed_id",
                "audience_id",
            ):
                if key in data and key in ids:
                    data[key] = ids[key]
            data.pop("board_section_id", None)
            if isinstance(data.get("name"), str):
                data["name"] = f"{data['name']} {next(_CALLS)}"
            if op.id == "integrations_commerce/post" and "external_business_id" in ids:
                data["external_business_id"] += "-2"  # the fixture holds the first; ids are unique
            if op.id == "targeting_template/update" and "template_id" in ids:
                data["id"] = ids["template_id"]
            # Rules between fields the spec states in prose (docs/sandbox.md), kept by a valid body.
            if op.id == "analytics/create_conversion_product_report":
                data.update(level="CAMPAIGN", campaign_ids=[ids["campaign_id"]])
                data.pop("ad_group_ids", None)
            if op.id == "ssio_insertion_order/edit" and "pin_order_id" in ids:
                data["salesforce_order_id"] = ids["pin_order_id"]
                data.pop("salesforce_order_line_id", None)
            if op.id == "products_by_product_group_filter/list" and "feed_id" in data:
                data["feed_id"] = ids["feed_id"]
            if isinstance(data.get("media_source"), dict):
                data["media_source"] = {"source_type": "image_url", "url": "https://e.com/b.jpg"}
        if op.id == "catalogs_product_groups/create_many" and isinstance(data, list):
            # groups belong to a stored feed or catalog: the sampled ids name none
            data = [{**g, "feed_id": ids["feed_id"], "name": f"group {next(_CALLS)}"} for g in data if "feed_id" in g]
        if op.body_type == "form":
            body = urlencode({k: str(v) for k, v in data.items()}).encode()
        else:
            body = json.dumps(data).encode()
    headers = BASIC if op.auth_scheme == "basic" else HEADERS
    return url, headers, body


def invalid_request(op: Operation, ids: dict[str, str]) -> tuple[str, dict[str, str], bytes]:
    """The first kind of bad input the operation admits, in this order: a body of the wrong shape,
    a missing required query parameter, a path or query value outside its pattern/type/enum, a
    forged bookmark; an operation that takes no checkable input gets no credentials instead."""
    url, headers, body = valid_request(op, ids)
    spec = schemas.operation(op.id)
    if spec["request"] is not None:
        return url, headers, (b"[42]" if op.body_type == "json" and body[:1] == b"{" else b'"not a body"')
    for p in op.params:
        if p.location == "query" and p.required:
            base, _, query = url.partition("?")
            kept = "&".join(kv for kv in query.split("&") if not kv.startswith(p.name + "="))
            return base + ("?" + kept if kept else ""), headers, body
    for p in op.params:
        if p.location == "path" and (p.pattern or p.enum):
            return _bad_path(op, p, ids, url), headers, body
    for p in op.params:
        if p.location == "query":
            if p.type in ("integer", "number"):
                return _add_query(url, p.name, "abc"), headers, body
            if p.enum or p.pattern or p.items_enum:
                return _add_query(url, p.name, "NOT_A_VALUE!"), headers, body
    if op.paginated:
        return _add_query(url, "bookmark", "garbage"), headers, body
    return url, {}, body


def _bad_path(op: Operation, p: Any, ids: dict[str, str], url: str) -> str:
    good = ids.get(p.name) or str(sample(schemas.operation(op.id)["params"][f"path:{p.name}"], p.name))
    bad = next(v for v in ("not-valid!", "1234567") if schemas.errors(f"op:{op.id}|path:{p.name}", v))
    head, _, tail = url.rpartition("/" + good)
    return head + "/" + bad + tail


def _add_query(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urlencode({name: value})


@pytest.fixture
def shared() -> Any:
    sb = Sandbox()
    yield sb, fixtures(sb)
    sb.close()


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_valid_call_succeeds_with_spec_valid_body(op: Operation, shared: Any) -> None:
    from conftest import check_reply

    sb, ids = shared
    url, headers, body = valid_request(op, ids)
    reply = sb.app.handle(op.http_method, url, headers, body)
    assert 200 <= reply.status < 300, f"{op.http_method} {url} -> {reply.status}: {reply.body[:400]!r}"
    check_reply(sb.app, op.http_method, url, reply)


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_invalid_input_gets_4xx_code_and_message(op: Operation, shared: Any) -> None:
    sb, ids = shared
    url, headers, body = invalid_request(op, ids)
    reply = sb.app.handle(op.http_method, url, headers, body)
    assert reply.status == (401 if not headers else 400) or (
        reply.status == 404 and "not-valid" not in url and "1234567" not in url
    ), f"{op.http_method} {url} body={body[:80]!r} -> {reply.status}: {reply.body[:300]!r}"
    error = json.loads(reply.body)
    assert isinstance(error["code"], int) and error["message"]
