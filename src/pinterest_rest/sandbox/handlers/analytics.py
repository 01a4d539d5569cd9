"""Analytics operations, all drawn from ``sandbox/analytics.py`` (see its docstring for the rules).

Ads analytics (``GET .../campaigns/analytics`` and friends) answer one row per requested entity
and bucket. An id that does not exist in the ad account is a 404 naming it: Pinterest gives no
numbers for objects it does not have, and a test asking for a wrong id should fail loudly.
Limits (from the spec): start_date at most 90 days back from today, end_date at most 90 days
past start_date. Async reports document no window, so only end >= start is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..analytics import HIERARCHY, Engine, buckets, is_ratio, parse_range, rows, shares
from ..context import Context
from ..errors import not_found
from ._helpers import USER_ID, account, require

Handler = Callable[[Context], Any]

SYNC_BACK = SYNC_SPAN = 90
# The report body documents no window (only template reports say 2.5 years): none is enforced.
REPORT_BACK = REPORT_SPAN = 10**6


def today(ctx: Context) -> date:
    return date.fromtimestamp(ctx.now())


def sync_range(ctx: Context) -> tuple[date, date]:
    return parse_range(ctx.query.get("start_date"), ctx.query.get("end_date"), today(ctx), SYNC_BACK, SYNC_SPAN)


def existing(ctx: Context, level: str, ids: list[str], account_id: str) -> list[str]:
    """``ids`` in request order, each checked to exist in the ad account (else 404)."""
    kind = HIERARCHY[level][0]
    for ident in ids:
        doc = ctx.store.get(kind, ident)
        if doc is None or doc.get("_parent", doc.get("ad_account_id")) not in (account_id, ""):
            raise not_found(level.replace("_", " ").capitalize(), ident)
    return list(dict.fromkeys(ids))


def ads_analytics(level: str, ids_param: str, id_column: str) -> Handler:
    def handler(ctx: Context) -> list[dict[str, Any]]:
        account_id = str(account(ctx)["id"])
        first, last = sync_range(ctx)
        if level == "AD_ACCOUNT":
            ids = [account_id]
        else:
            ids = existing(ctx, level, [str(i) for i in ctx.query.get(ids_param, [])], account_id)
        engine = Engine(ctx.store, account_id)
        granularity = str(ctx.query.get("granularity", "DAY"))
        columns = list(ctx.query.get("columns", []))
        if ctx.query.get("aggregate_report_rows") is True:
            return aggregate(engine, level, ids, first, last, granularity, columns)
        return rows(engine, level, ids, first, last, granularity, columns, lambda i: {id_column: i})

    return handler


def aggregate(
    engine: Engine, level: str, ids: list[str], first: date, last: date, granularity: str, columns: list[str]
) -> list[dict[str, Any]]:
    """``aggregate_report_rows``: one row per bucket over all entities (no id column)."""
    out = []
    for name, days in buckets(first, last, granularity):
        row: dict[str, Any] = {} if name is None else {"DATE": name}
        for column in columns:
            row[column] = sum(engine.value(level, i, days, column) for i in ids)
        out.append(row)
    return out


def ad_pins_analytics(ctx: Context) -> list[dict[str, Any]]:
    account_id = str(account(ctx)["id"])
    first, last = sync_range(ctx)
    ids = [str(i) for i in ctx.query.get("pin_ids", [])]
    for ident in ids:
        require(ctx, "pin", ident, "Pin")
    engine = Engine(ctx.store, account_id)
    granularity = str(ctx.query.get("granularity", "DAY"))
    return rows(
        engine, "PIN", ids, first, last, granularity, list(ctx.query.get("columns", [])), lambda i: {"PIN_ID": i}
    )


# -- targeting analytics: each entity's numbers split over the values of each targeting type ----

TARGETING_VALUES = {
    "APPTYPE": ["iphone", "ipad", "web", "web_mobile", "android_mobile", "android_tablet"],
    "GENDER": ["female", "male", "unknown"],
    "AGE_BUCKET": ["18-24", "25-34", "35-44", "45-49", "50-54", "55-64", "65+"],
    "LOCATION": ["US", "CA", "GB"], "COUNTRY": ["US", "CA", "GB"], "REGION": ["US-CA", "US-NY"],
    "GEO": ["US:94103", "US:10001"], "PLACEMENT": ["BROWSE", "SEARCH"],
    "KEYWORD": ["summer dresses", "running shoes"], "TARGETED_INTEREST": ["900000000002", "900000000007"],
    "PINNER_INTEREST": ["900000000002", "900000000007"], "AUDIENCE_INCLUDE": ["all"],
    "AGE_BUCKET_AND_GENDER": ["18-24:female", "18-24:male", "25-34:female", "25-34:male"],
    "CREATIVE_TYPE": ["REGULAR", "VIDEO", "CAROUSEL"],
}  # fmt: skip


def targeting_split(
    engine: Engine,
    level: str,
    ident: str,
    bucket: str | None,
    days: list[date],
    kind: str,
    columns: list[str],
    values: list[str] | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """(targeting value, metrics) for each value of targeting type ``kind`` over one bucket.

    Counts are split by deterministic shares that add up to the entity's own count; a ``*_IN_DOLLAR``
    column is its micro-dollar split / 1e6 (so both columns agree value by value); ratios are the
    entity's (a share of a ratio is not a ratio). Sync targeting analytics and MMM reports both
    read this, so the two answer the same numbers for the same request.
    """
    values = values or TARGETING_VALUES.get(kind, ["all"])
    split: dict[str, list[int]] = {}
    for column in columns:
        base = column.removesuffix("_IN_DOLLAR") + "_IN_MICRO_DOLLAR" if column.endswith("_IN_DOLLAR") else column
        if not is_ratio(base) and base not in split:
            total = int(engine.value(level, ident, days, base))
            split[base] = shares(total, len(values), ident, str(bucket), base, kind)
    out = []
    for i, value in enumerate(values):
        metrics: dict[str, Any] = {}
        for column in columns:
            if column.endswith("_IN_DOLLAR") and column.removesuffix("_IN_DOLLAR") + "_IN_MICRO_DOLLAR" in split:
                metrics[column] = round(split[column.removesuffix("_IN_DOLLAR") + "_IN_MICRO_DOLLAR"][i] / 1e6, 6)
            elif column in split:
                metrics[column] = split[column][i]
            else:
                metrics[column] = engine.value(level, ident, days, column)
        out.append((value, metrics))
    return out


def targeting_analytics(level: str, ids_param: str, id_column: str) -> Handler:
    """The parts of one targeting type add up to the entity's own numbers (ratios are the entity's)."""

    def handler(ctx: Context) -> dict[str, Any]:
        account_id = str(account(ctx)["id"])
        first, last = sync_range(ctx)
        if level == "AD_ACCOUNT":
            ids = [account_id]
        else:
            ids = existing(ctx, level, [str(i) for i in ctx.query.get(ids_param, [])], account_id)
        engine = Engine(ctx.store, account_id)
        granularity = str(ctx.query.get("granularity", "DAY"))
        columns = [str(c) for c in ctx.query.get("columns", [])]
        data = []
        for ident in ids:
            for name, days in buckets(first, last, "DAY" if granularity == "HOUR" else granularity):
                for kind in ctx.query.get("targeting_types", []):
                    for value, split in targeting_split(engine, level, ident, name, days, str(kind), columns):
                        metrics: dict[str, Any] = {id_column: ident}
                        if name is not None:
                            metrics["DATE"] = name
                        metrics.update(split)
                        data.append({"targeting_type": kind, "targeting_value": value, "metrics": metrics})
        return {"data": data}

    return handler


# -- organic analytics: {"<split value>": {"daily_metrics": [...], "summary_metrics": {...}}} -----

USER_METRICS = ("ENGAGEMENT", "ENGAGEMENT_RATE", "IMPRESSION", "OUTBOUND_CLICK", "OUTBOUND_CLICK_RATE",
                "PIN_CLICK", "PIN_CLICK_RATE", "SAVE", "SAVE_RATE")  # fmt: skip


def organic(engine: Engine, level: str, ident: str, first: date, last: date, metrics: list[str]) -> dict[str, Any]:
    daily = []
    for name, days in buckets(first, last, "DAY"):
        values = {m: engine.value(level, ident, days, m) for m in metrics}
        daily.append({"date": name, "data_status": "READY", "metrics": values})
    every_day = [d for _, group in buckets(first, last, "TOTAL") for d in group]
    summary = {m: engine.value(level, ident, every_day, m) for m in metrics}
    return {"daily_metrics": daily, "summary_metrics": summary}


def user_analytics(ctx: Context) -> dict[str, Any]:
    first, last = sync_range(ctx)
    metrics = list(ctx.query.get("metric_types") or USER_METRICS)
    # Only NO_SPLIT is modelled: a split would need per-app/per-source shares Pinterest does not
    # document, so every split answers the unsplit totals under "all" (written in docs/sandbox.md).
    return {"all": organic(Engine(ctx.store), "USER", USER_ID, first, last, metrics)}


def pin_analytics(ctx: Context) -> dict[str, Any]:
    pin = require(ctx, "pin", ctx.path["pin_id"], "Pin")
    first, last = sync_range(ctx)
    metrics = list(ctx.query.get("metric_types") or ["IMPRESSION"])
    return {"all": organic(Engine(ctx.store), "PIN", pin["id"], first, last, metrics)}


def multi_pin_analytics(ctx: Context) -> dict[str, Any]:
    first, last = sync_range(ctx)
    ids = [str(i) for i in ctx.query.get("pin_ids", [])]
    for ident in ids:
        require(ctx, "pin", ident, "Pin")
    metrics = list(ctx.query.get("metric_types") or ["IMPRESSION"])
    engine = Engine(ctx.store)
    return {ident: {"all": organic(engine, "PIN", ident, first, last, metrics)} for ident in ids}


def top_pins(video: bool) -> Handler:
    def handler(ctx: Context) -> dict[str, Any]:
        first, last = sync_range(ctx)
        sort_by = str(ctx.query.get("sort_by", "IMPRESSION"))
        metrics = list(dict.fromkeys([sort_by, *(ctx.query.get("metric_types") or [])]))
        days = [d for _, group in buckets(first, last, "TOTAL") for d in group]
        engine = Engine(ctx.store)
        pins = [p for p in ctx.store.list("pin") if not video or (p.get("media") or {}).get("media_type") == "video"]
        scored = [(p["id"], {m: engine.value("PIN", p["id"], days, m) for m in metrics}) for p in pins]
        scored.sort(key=lambda item: (-float(item[1][sort_by]), item[0]))
        limit = int(ctx.query.get("num_of_pins", 50))
        return {
            "date_availability": {"is_realtime": False, "latest_available_timestamp": float(ctx.now() * 1000)},
            "pins": [
                {"pin_id": ident, "metrics": values, "data_status": dict.fromkeys(values, "READY")}
                for ident, values in scored[:limit]
            ],
            "sort_by": sort_by,
        }

    return handler


HANDLERS: dict[str, Handler] = {
    "campaigns/analytics": ads_analytics("CAMPAIGN", "campaign_ids", "CAMPAIGN_ID"),
    "ad_groups/analytics": ads_analytics("AD_GROUP", "ad_group_ids", "AD_GROUP_ID"),
    "ads/analytics": ads_analytics("AD", "ad_ids", "AD_ID"),
    "ad_account/analytics": ads_analytics("AD_ACCOUNT", "", "AD_ACCOUNT_ID"),
    "product_groups/analytics": ads_analytics("PRODUCT_GROUP", "product_group_ids", "PRODUCT_GROUP_ID"),
    "ad_pins/analytics": ad_pins_analytics,
    "campaign_targeting_analytics/get": targeting_analytics("CAMPAIGN", "campaign_ids", "CAMPAIGN_ID"),
    "ad_groups_targeting_analytics/get": targeting_analytics("AD_GROUP", "ad_group_ids", "AD_GROUP_ID"),
    "ad_targeting_analytics/get": targeting_analytics("AD", "ad_ids", "AD_ID"),
    "ad_account_targeting_analytics/get": targeting_analytics("AD_ACCOUNT", "", "AD_ACCOUNT_ID"),
    "user_account/analytics": user_analytics,
    "pins/analytics": pin_analytics,
    "multi_pins/analytics": multi_pin_analytics,
    "user_account/analytics/top_pins": top_pins(video=False),
    "user_account/analytics/top_video_pins": top_pins(video=True),
}
