"""Keywords, product group promotions and feed ingestion: the rest of the ads and catalog
objects scripts commonly drive, written in Pinterest's batch style."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import not_found
from ..generic import shaped
from ..store import now_iso

Handler = Callable[[Context], Any]


def _account(ctx: Context) -> str:
    account = ctx.path["ad_account_id"]
    if ctx.store.get("ad_account", account) is None:
        raise not_found("Ad account", account)
    return account


# -- keywords: {"keywords": [...], "errors": [...]} in and out ----------------------------------


def keywords_create(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    body = ctx.body or {}
    parent = str(body.get("parent_id", "")).removeprefix("AG").removeprefix("C")
    created = []
    for entry in body.get("keywords", []):
        ident = ctx.store.next_id()
        doc = {
            "id": ident, "value": entry.get("value"), "match_type": entry.get("match_type"), "bid": None,
            "archived": False, "parent_id": parent, "parent_type": "ad_group", "type": "keyword",
        }  # fmt: skip
        ctx.store.put("keyword", ident, doc, parent=account)
        created.append(doc)
    return {"keywords": created, "errors": []}


def keywords_list(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    wanted = {str(ctx.query[k]) for k in ("campaign_id", "ad_group_id") if k in ctx.query}
    return ctx.page("keyword", account, (lambda k: k["parent_id"] in wanted) if wanted else None)


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
        updated.append(doc)
    return {"keywords": updated, "errors": errors}


# -- product group promotions: batch create/update under an ad group ----------------------------


def _promotion(entry: dict[str, Any], ident: str, account: str, group: str) -> dict[str, Any]:
    base = shaped("ProductGroupPromotion", {}, ident)
    fields = {**entry, "id": ident, "ad_group_id": group, "ad_account_id": account}
    return {**base, **{k: v for k, v in fields.items() if k in base}}


def promotions_create(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    body = ctx.body or {}
    group = str(body.get("ad_group_id", ""))
    items: list[dict[str, Any]] = []
    for entry in body.get("product_group_promotion", []):
        if ctx.store.get("ad_group", group) is None:
            items.append({"exceptions": [{"code": 2, "message": f"ad group {group} not found"}]})
            continue
        ident = ctx.store.next_id()
        doc = _promotion(entry, ident, account, group)
        ctx.store.put("product_group_promotion", ident, doc, parent=account)
        items.append({"data": doc, "exceptions": []})
    return {"items": items}


def promotions_update(ctx: Context) -> dict[str, Any]:
    account = _account(ctx)
    items: list[dict[str, Any]] = []
    for entry in (ctx.body or {}).get("product_group_promotion", []):
        doc = ctx.store.get("product_group_promotion", str(entry.get("id")))
        if doc is None:
            items.append({"exceptions": [{"code": 4, "message": f"promotion {entry.get('id')} not found"}]})
            continue
        doc.update({k: v for k, v in entry.items() if k in doc and k != "id"})
        ctx.store.put("product_group_promotion", doc["id"], doc, parent=account)
        items.append({"data": doc, "exceptions": []})
    return {"items": items}


def promotions_get(ctx: Context) -> dict[str, Any]:
    _account(ctx)
    doc = ctx.store.get("product_group_promotion", ctx.path["product_group_promotion_id"])
    if doc is None:
        raise not_found("Product group promotion", ctx.path["product_group_promotion_id"])
    result: dict[str, Any] = doc
    return result


def promotions_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("product_group_promotion", _account(ctx))


# -- feed ingestion: POST ingest starts a run; processing results report it --------------------


def feeds_ingest(ctx: Context) -> dict[str, Any]:
    feed_id = ctx.path["feed_id"]
    if ctx.store.get("feed", feed_id) is None:
        raise not_found("Feed", feed_id)
    ident = ctx.store.next_id()
    run = {"id": ident, "feed_id": feed_id, "created_at": now_iso(), "status": "PROCESSING", "polls": 0}
    ctx.store.put("ingestion", ident, run, parent=feed_id)
    return {k: run[k] for k in ("id", "feed_id", "created_at", "status")}


def feed_processing_results(ctx: Context) -> dict[str, Any]:
    feed_id = ctx.path["feed_id"]
    if ctx.store.get("feed", feed_id) is None:
        raise not_found("Feed", feed_id)
    runs = list(reversed(ctx.store.list("ingestion", feed_id)))  # newest first, as Pinterest lists them
    items = []
    for run in runs:
        if run["status"] == "PROCESSING":
            run["polls"] += 1
            if run["polls"] >= ctx.app.config.job_polls:
                run["status"] = "COMPLETED"
            ctx.store.put("ingestion", run["id"], run, parent=feed_id)
        items.append(shaped("CatalogsFeedProcessingResult", {"id": run["id"], "status": run["status"]}, run["id"]))
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
