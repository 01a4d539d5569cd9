"""The other async reports: MMM, brand/category/SKU (conversion product) and template reports.

Each is a job like ``analytics/create_report`` (``jobs.start_report`` / ``jobs.poll_report``: a
token, ``job_polls`` polls in progress, then a download link that expires), and every number in
a finished report comes from the one analytics engine:

- **MMM** (``CAMPAIGN_TARGETING`` / ``AD_GROUP_TARGETING``): one row per entity of the account,
  bucket, targeting type and value, split exactly as the sync targeting analytics split it
  (``analytics.targeting_split``), so the two agree number for number.
- **Conversion product**: the level's entities (filters applied) split over the products of the
  stored RETAIL catalog items, grouped by the requested breakdown (brand, category, SKU ...).
  With no stored items there is no product to report on, and the report is empty.
- **Template**: the fixed templates ``templates/list`` answers (``TEMPLATES``) name a level,
  columns, granularity and a relative date range; a template report is an ordinary report of that
  request, polled with ``analytics/get_report`` like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .. import schemas
from ..analytics import Engine, buckets, parse_range, shares
from ..context import Context
from ..errors import bad_request, not_found
from ..store import Store
from ._helpers import USER_ID, account, list_page
from .analytics import REPORT_BACK, REPORT_SPAN, targeting_split
from .jobs import entity_labels, poll_report, register_report_download, report_rows, start_report

Handler = Callable[[Context], Any]


def _ids(store: Store, kind: str, account_id: str, wanted: list[str], what: str) -> list[str]:
    """The account's ``kind`` ids, or only ``wanted`` (each must exist in the account, else 404)."""
    stored = [str(d["id"]) for d in store.list(kind, account_id)]
    for ident in wanted:
        if ident not in stored:
            raise not_found(what, ident)
    return [i for i in stored if i in set(wanted)] if wanted else stored


# -- MMM reports --------------------------------------------------------------------------------

MMM_LEVELS = {"CAMPAIGN_TARGETING": ("CAMPAIGN", "campaign"), "AD_GROUP_TARGETING": ("AD_GROUP", "ad_group")}
MMM_LABELS = ("CAMPAIGN_NAME", "CAMPAIGN_ID", "ADVERTISER_ID", "AD_GROUP_ID", "AD_GROUP_NAME", "ADVERTISER_NAME")


def mmm_rows(store: Store, account_id: str, spec: dict[str, Any], today: date) -> list[dict[str, Any]]:
    first, last = parse_range(spec.get("start_date"), spec.get("end_date"), today, REPORT_BACK, REPORT_SPAN)
    level, kind = MMM_LEVELS[str(spec.get("level", "CAMPAIGN_TARGETING"))]
    columns = [str(c) for c in spec.get("columns") or []]
    metrics = [c for c in columns if c not in MMM_LABELS and c != "SPEND_ORDER_LINE_PAID_TYPE"]
    countries = [str(c) for c in spec.get("countries") or []]
    engine = Engine(store, account_id)
    out: list[dict[str, Any]] = []
    for ident in _ids(store, kind, account_id, [], level):
        labels = entity_labels(store, level, ident)
        for name, days in buckets(first, last, str(spec.get("granularity", "DAY"))):
            for targeting in [str(t) for t in spec.get("targeting_types") or []]:
                # A country filter names the countries the COUNTRY / LOCATION split is over.
                values = countries if countries and targeting in ("COUNTRY", "LOCATION") else None
                for value, split in targeting_split(engine, level, ident, name, days, targeting, metrics, values):
                    row: dict[str, Any] = {c: labels.get(c) for c in columns if c in MMM_LABELS}
                    if "SPEND_ORDER_LINE_PAID_TYPE" in columns:
                        row["SPEND_ORDER_LINE_PAID_TYPE"] = None  # order-line billing the sandbox does not keep
                    row.update({"DATE": name, "TARGETING_TYPE": targeting, "TARGETING_VALUE": value, **split})
                    out.append(row)
    return out


def mmm_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    token = start_report(ctx, "mmm_report", account_id, dict(ctx.body or {}), mmm_rows)
    data = {"report_status": "IN_PROGRESS", "token": token, "message": None, "status": "success"}
    return {"code": 0, "data": data}


def mmm_get(ctx: Context) -> dict[str, Any]:
    return {"code": 0, "data": poll_report(ctx, "mmm_report", "MMM report", mmm_rows), "message": "ok",
            "status": "success"}  # fmt: skip


register_report_download("mmm_report")


# -- brand / category / SKU (conversion product) reports ---------------------------------------

# The spec's limits: start after 2024-03-16 (after 2025-04-01 for BRAND_ATTRIBUTION), at least a
# 7-day window, at most one year between start and end.
EARLIEST = date(2024, 3, 16)
EARLIEST_BRAND_ATTRIBUTION = date(2025, 4, 1)
DEFAULT_OBJECTIVES = ("CONSIDERATION", "AWARENESS", "WEB_CONVERSION", "VIDEO_COMPLETION")  # the spec's default
BREAKDOWNS = {"PRODUCT_BRAND": ("brand",), "PRODUCT_CATEGORY": ("product_type",),
              "PRODUCT_BRAND_AND_CATEGORY": ("brand", "product_type"), "PRODUCT_SKU": ("item_id",),
              "PRODUCT_SKU_GROUP": ("item_group_id",)}  # fmt: skip
PRODUCT_COLUMNS = {"brand": "CONVERSION_PRODUCT_BRAND", "product_type": "CONVERSION_PRODUCT_CATEGORY",
                   "item_id": "CONVERSION_PRODUCT_ID", "item_group_id": "CONVERSION_PRODUCT_ID_GROUP"}  # fmt: skip


def _conversion_range(spec: dict[str, Any], today: date) -> tuple[date, date]:
    first, last = parse_range(spec.get("start_date"), spec.get("end_date"), today, REPORT_BACK, 365)
    brand = spec.get("conversion_product_attribution_type") == "BRAND_ATTRIBUTION"
    earliest = EARLIEST_BRAND_ATTRIBUTION if brand else EARLIEST
    if first <= earliest:
        raise bad_request(f"start_date must be after {earliest.isoformat()}")
    if (last - first).days + 1 < 7:
        raise bad_request("start_date to end_date must span at least 7 days")
    return first, last


def _products(store: Store, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The breakdown's products: one entry per distinct value (tuple) among stored RETAIL items."""
    breakdown = str(spec.get("conversion_product_breakdown") or "PRODUCT_BRAND")
    keys = BREAKDOWNS[breakdown]
    skus = [str(s) for s in spec.get("product_sku_ids") or []]
    found: dict[tuple[str, ...], dict[str, Any]] = {}
    for item in store.find("catalog_item", {"catalog_type": "RETAIL"}):
        attributes = {**(item.get("attributes") or {}), "item_id": item.get("item_id")}
        if skus and str(item.get("item_id")) not in skus:
            continue
        values = tuple(str(attributes.get(k) or "") for k in keys)
        if breakdown == "PRODUCT_SKU_GROUP" and skus:
            values = (",".join(s for s in skus if s),)  # the listed SKUs form the one group
        if all(values):
            found[values] = {PRODUCT_COLUMNS[k]: v for k, v in zip(keys, values, strict=True)}
    return [found[k] for k in sorted(found)]


def conversion_rows(store: Store, account_id: str, spec: dict[str, Any], today: date) -> list[dict[str, Any]]:
    first, last = _conversion_range(spec, today)
    level = str(spec.get("level", "ADVERTISER"))
    for param, only in (("campaign_ids", "CAMPAIGN"), ("ad_group_ids", "AD_GROUP")):
        if spec.get(param) and level != only:
            raise bad_request(f"{param} is only supported when level is {only}")
    objectives = set(spec.get("campaign_objective_types") or DEFAULT_OBJECTIVES)
    campaigns = {str(d["id"]): d for d in store.list("campaign", account_id)}
    for ident in [str(i) for i in spec.get("campaign_ids") or []]:
        if ident not in campaigns:
            raise not_found("Campaign", ident)
    eligible = {i for i, d in campaigns.items() if d.get("objective_type") in objectives}
    engine = Engine(store, account_id)
    # (engine level, id, campaign objective) of each entity the report has rows for
    if level == "ADVERTISER":
        entities = [("ADVERTISER", account_id)]
    elif level == "CAMPAIGN":
        wanted = set(str(i) for i in spec.get("campaign_ids") or []) or set(campaigns)
        entities = [("CAMPAIGN", i) for i in campaigns if i in wanted and i in eligible]
    else:
        groups = _ids(store, "ad_group", account_id, [str(i) for i in spec.get("ad_group_ids") or []], "Ad group")
        docs = [store.get("ad_group", g) or {} for g in groups]
        entities = [("AD_GROUP", str(d["id"])) for d in docs if str(d.get("campaign_id")) in eligible]
    columns = [str(c) for c in spec.get("columns") or []]
    metrics = [c for c in columns if c.startswith("TOTAL_")]
    products = _products(store, spec)
    out: list[dict[str, Any]] = []
    for kind, ident in entities:
        labels = entity_labels(store, kind, ident)
        campaign = campaigns.get(str(labels.get("CAMPAIGN_ID")))
        for name, days in buckets(first, last, str(spec.get("granularity", "TOTAL"))):

            def total(metric: str, days: list[date] = days, kind: str = kind, ident: str = ident) -> int:
                if kind == "ADVERTISER":  # the objective filter applies: the sum of eligible campaigns
                    return sum(int(engine.value("CAMPAIGN", c, days, metric)) for c in sorted(eligible))
                return int(engine.value(kind, ident, days, metric))

            split = {}
            for metric in metrics:
                base = metric.removesuffix("_IN_USD")  # the sandbox's accounts convert 1:1
                split[metric] = shares(total(base), len(products), ident, str(name), base) if products else []
            for i, product in enumerate(products):
                row: dict[str, Any] = {} if name is None else {"DATE": name}
                row.update({c: labels.get(c) for c in columns if c in labels})
                if "CAMPAIGN_OBJECTIVE_TYPE" in columns:
                    row["CAMPAIGN_OBJECTIVE_TYPE"] = (campaign or {}).get("objective_type")
                row.update({c: v for c, v in product.items() if c in columns})
                row.update({m: split[m][i] for m in metrics})
                out.append(row)
    return out


def conversion_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    token = start_report(ctx, "conversion_product_report", account_id, dict(ctx.body or {}), conversion_rows)
    return {"report_status": "IN_PROGRESS", "token": token, "message": None}


def conversion_get(ctx: Context) -> dict[str, Any]:
    return poll_report(ctx, "conversion_product_report", "Conversion product report", conversion_rows)


register_report_download("conversion_product_report")


# -- templates: fixed reference templates every ad account sees ---------------------------------

# id -> (name, level, columns, granularity, days back the range starts, days back it ends, format)
TEMPLATES: dict[str, tuple[str, str, tuple[str, ...], str, int, int, str]] = {
    "7000000000001": ("Campaign delivery, last 7 days", "CAMPAIGN",
                      ("CAMPAIGN_ID", "CAMPAIGN_NAME", "SPEND_IN_MICRO_DOLLAR", "IMPRESSION_1", "CLICKTHROUGH_1", "CTR"),
                      "DAY", 7, 1, "JSON"),
    "7000000000002": ("Ad group spend by week, last 28 days", "AD_GROUP",
                      ("AD_GROUP_ID", "AD_GROUP_NAME", "CAMPAIGN_ID", "SPEND_IN_DOLLAR", "TOTAL_ENGAGEMENT"),
                      "WEEK", 28, 1, "CSV"),
    "7000000000003": ("Account overview, last 90 days", "ADVERTISER",
                      ("ADVERTISER_ID", "SPEND_IN_MICRO_DOLLAR", "IMPRESSION_1", "TOTAL_CONVERSIONS"),
                      "MONTH", 90, 1, "JSON"),
}  # fmt: skip
TEMPLATE_SPAN = 913  # days: the spec's "2.5 years" back from today and past start_date


def _template(ident: str, account_id: str) -> dict[str, Any]:
    name, level, columns, granularity, start, end, fmt = TEMPLATES[ident]
    window = {"type": "relative", "start_days_in_past": start, "end_days_in_past": end}
    return {
        "id": ident, "name": name, "ad_account_id": account_id, "ad_account_ids": [account_id], "user_id": USER_ID,
        "report_level": level, "columns": list(columns), "granularity": granularity, "report_format": fmt,
        "date_range": {"relative_date_range": window}, "report_start_relative_days_in_past": start,
        "report_end_relative_days_in_past": end, "click_window_days": 30, "engagement_window_days": 30,
        "view_window_days": 1, "conversion_report_time_type": "TIME_OF_AD_ACTION", "creation_source": "ADS_API",
        "type": "BULK", "is_owned_by_user": True, "is_scheduled": False, "is_deleted": False,
    }  # fmt: skip


def templates_list(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    ids = sorted(TEMPLATES, reverse=str(ctx.query.get("order", "")).upper() == "DESCENDING")
    return list_page(ctx, [_template(i, account_id) for i in ids])


def template_report_create(ctx: Context) -> tuple[int, dict[str, Any]]:
    account_id = str(account(ctx)["id"])
    ident = ctx.path["template_id"]
    if ident not in TEMPLATES:
        raise not_found("Template", ident)
    template = _template(ident, account_id)
    today = date.fromtimestamp(ctx.now())
    start = ctx.query.get("start_date") or (today - timedelta(days=template["report_start_relative_days_in_past"]))
    end = ctx.query.get("end_date") or (today - timedelta(days=template["report_end_relative_days_in_past"]))
    first, last = parse_range(start, end, today, TEMPLATE_SPAN, TEMPLATE_SPAN)
    spec = {
        "level": template["report_level"], "columns": template["columns"],
        "granularity": str(ctx.query.get("granularity") or template["granularity"]),
        "start_date": first.isoformat(), "end_date": last.isoformat(), "report_format": template["report_format"],
        "click_window_days": 30, "engagement_window_days": 30, "view_window_days": 1, "_template_id": ident,
    }  # fmt: skip
    token = start_report(ctx, "report", account_id, spec, report_rows)
    status = int(schemas.operation("analytics/create_template_report")["status"])
    return status, {"template_id": ident, "report_status": "IN_PROGRESS", "token": token}


HANDLERS: dict[str, Handler] = {
    "analytics/create_mmm_report": mmm_create,
    "analytics/get_mmm_report": mmm_get,
    "analytics/create_conversion_product_report": conversion_create,
    "analytics/get_conversion_product_report": conversion_get,
    "templates/list": templates_list,
    "analytics/create_template_report": template_report_create,
}
