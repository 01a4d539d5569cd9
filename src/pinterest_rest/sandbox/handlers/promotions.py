"""Keywords, product group promotions and feed ingestion: the rest of the ads and catalog
objects scripts commonly drive, written in Pinterest's batch style."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..generic import shaped
from ._helpers import (
    account,
    batch_error,
    batch_ok,
    build,
    progress,
    require,
    spec_filter,
    stamp,
    summary_status,
    view,
)
from .item_issues import snapshot

Handler = Callable[[Context], Any]


def _account(ctx: Context) -> str:
    return str(account(ctx)["id"])  # the id is what these handlers need


# -- keywords: {"keywords": [...], "errors": [...]} in and out ----------------------------------


def keywords_create(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    body = ctx.body or {}
    parent = str(body.get("parent_id", "")).removeprefix("AG").removeprefix("C")
    group = ctx.store.get("ad_group", parent)
    campaign = group.get("campaign_id") if group else None
    created = []
    for entry in body.get("keywords", []):
        ident = ctx.store.next_id()
        doc = {
            "id": ident, "value": entry.get("value"), "match_type": entry.get("match_type"), "bid": None,
            "archived": False, "parent_id": parent, "parent_type": "ad_group" if group else "campaign",
            "type": "keyword", "_campaign_id": campaign or parent,
        }  # fmt: skip
        ctx.store.put("keyword", ident, doc, parent=account)
        created.append(view(doc))
    return {"keywords": created, "errors": []}


def keywords_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("keyword", _account(ctx), spec_filter(ctx), view)


def keywords_update(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    updated, errors = [], []
    for entry in (ctx.body or {}).get("keywords", []):
        doc = ctx.store.get("keyword", str(entry.get("id")))
        if doc is None:
            data = shaped("KeywordsCommon", {"value": str(entry.get("id"))})
            errors.append({"data": data, "error_messages": [f"keyword {entry.get('id')} not found"]})
            continue
        if "archived" in entry:
            doc["archived"] = bool(entry["archived"])
        ctx.store.put("keyword", doc["id"], doc, parent=account)
        updated.append(view(doc))
    return {"keywords": updated, "errors": errors}


# -- product group promotions: batch create/update under an ad group ----------------------------


def promotions_create(ctx: Context) -> dict[str, Any]:
    account_id = _account(ctx)
    body = ctx.body or {}
    group = ctx.store.get("ad_group", str(body.get("ad_group_id", "")).removeprefix("AG"))
    items: list[dict[str, Any]] = []
    for entry in body.get("product_group_promotion", []):
        if group is None or group.get("ad_account_id") != account_id:
            items.append(batch_error(2, f"ad group {body.get('ad_group_id')} not found"))
            continue
        ident = ctx.store.next_id()
        status = entry.get("status", "ACTIVE")
        server = {"id": ident, "ad_group_id": group["id"], "status": status}
        if "summary_status" not in entry:
            server["summary_status"] = summary_status("ProductGroupPromotion", status)
        doc = build("ProductGroupPromotion", entry, {k: v for k, v in server.items() if v is not None})
        ctx.store.put("product_group_promotion", ident, {**doc, "_parent": account_id}, parent=account_id)
        items.append(batch_ok(doc))
    return {"items": items}


def promotions_update(ctx: Context) -> dict[str, Any]:
    account_id = _account(ctx)
    items: list[dict[str, Any]] = []
    for entry in (ctx.body or {}).get("product_group_promotion", []):
        doc = ctx.store.get("product_group_promotion", str(entry.get("id")))
        if doc is None or doc.get("_parent") != account_id:
            items.append(batch_error(4, f"product group promotion {entry.get('id')} not found"))
            continue
        changes = {k: v for k, v in entry.items() if k not in ("id", "ad_group_id")}
        if "status" in changes:
            changes["summary_status"] = summary_status("ProductGroupPromotion", changes["status"])
        merged = build("ProductGroupPromotion", {**view(doc), **changes}, {"id": doc["id"]})
        ctx.store.put("product_group_promotion", doc["id"], {**merged, "_parent": account_id}, parent=account_id)
        items.append(batch_ok(merged))
    return {"items": items}


def promotions_get(ctx: Context) -> dict[str, Any]:
    account_id = _account(ctx)
    ident = ctx.path["product_group_promotion_id"]
    return view(require(ctx, "product_group_promotion", ident, "Product group promotion", account_id))


def promotions_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("product_group_promotion", _account(ctx), spec_filter(ctx), view)


# -- feed ingestion: POST ingest starts a run; processing results report it --------------------


def feeds_ingest(ctx: Context) -> dict[str, Any]:
    feed_id = ctx.path["feed_id"]
    require(ctx, "feed", feed_id, "Feed")
    ident = ctx.store.next_id()
    at = stamp("CatalogsFeedIngestion", "created_at", ctx.now())
    run = {"id": ident, "feed_id": feed_id, "created_at": at, "status": "PROCESSING"}
    ctx.store.put("ingestion", ident, run, parent=feed_id)
    return {k: run[k] for k in ("id", "feed_id", "created_at", "status")}


def _processing_result(ctx: Context, run: dict[str, Any]) -> dict[str, Any]:
    """A run's result, as counted when it completed (``_complete``)."""
    done = run["status"] == "COMPLETED"
    counts = {"original": run.get("original"), "ingested": run.get("ingested")} if done else None
    return build(
        "CatalogsFeedProcessingResult",
        {"id": run["id"], "status": run["status"], "created_at": run["created_at"], "product_counts": counts},
        {"updated_at": stamp("CatalogsFeedProcessingResult", "updated_at", ctx.now())},
    )


def _complete(ctx: Context, run: dict[str, Any]) -> None:
    """Finish a run over the stored items of the feed's catalog type (every stored item is in the
    feed file): items with validation errors are counted but not ingested, and their issues are
    kept for ``items_issues/list`` (a snapshot: later item changes belong to the next run)."""
    feed = ctx.store.get("feed", run["feed_id"]) or {}
    items = ctx.store.find("catalog_item", {"catalog_type": feed.get("catalog_type", "RETAIL")})
    run["issues"] = snapshot(items)
    run["original"], run["ingested"] = len(items), len(items) - len(run["issues"])
    run["status"] = "COMPLETED"
    ctx.store.put("ingestion", run["id"], run, parent=run["feed_id"])


def feed_processing_results(ctx: Context) -> dict[str, Any]:
    feed_id = ctx.path["feed_id"]
    require(ctx, "feed", feed_id, "Feed")
    runs = list(reversed(ctx.store.list("ingestion", feed_id)))  # newest first, as Pinterest lists them
    items = []
    for run in runs:
        if run["status"] == "PROCESSING" and progress(ctx, "ingestion", run, parent=feed_id):
            _complete(ctx, run)
        items.append(_processing_result(ctx, run))
    if not runs:
        return {"items": [], "bookmark": None}
    size = int(ctx.query.get("page_size", 25))
    return {"items": items[:size], "bookmark": None}


HANDLERS: dict[str, Handler] = {
    "keywords/create": keywords_create,
    "keywords/get": keywords_list,
    "keywords/update": keywords_update,
    "product_group_promotions/create": promotions_create,
    "product_group_promotions/update": promotions_update,
    "product_group_promotions/get": promotions_get,
    "product_group_promotions/list": promotions_list,
    "feeds/ingest": feeds_ingest,
    "feed_processing_results/list": feed_processing_results,
}
