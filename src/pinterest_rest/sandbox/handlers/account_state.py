"""The user's follows and websites, conversion-tag views, catalog reports, advanced auction bids,
and the objects only Pinterest creates (order lines, billing profiles): all from stored state.

Objects no API call can create (order lines, billing profiles, followers) are listed from the
store, which starts empty: a new account has none, and an id that was never stored is a 404.
Tests that need some put them in the store directly (``sandbox.store.put``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import bad_request
from ..files import download_url, json_file, register_download
from ..store import Store
from ._helpers import USERNAME, account, build, progress, require, spec_filter, stamp, view

Handler = Callable[[Context], Any]


def stored_list(kind: str, model: str, under_account: bool = True) -> Handler:
    def handler(ctx: Context) -> dict[str, Any]:
        parent = str(account(ctx)["id"]) if under_account else None
        return ctx.page(kind, parent, spec_filter(ctx), lambda d: build(model, view(d), {}))

    return handler


def stored_get(kind: str, id_param: str, what: str) -> Handler:
    def handler(ctx: Context) -> dict[str, Any]:
        return view(require(ctx, kind, ctx.path[id_param], what, str(account(ctx)["id"])))

    return handler


# -- follows and websites --------------------------------------------------------------------


def follow_user(ctx: Context) -> dict[str, Any]:
    username = ctx.path["username"]
    if username == USERNAME:
        raise bad_request("A user cannot follow themselves")
    doc = {"id": username, "username": username, "type": "user"}
    ctx.store.put("following", username, doc)
    return doc


def websites_verify(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    site = str(body.get("website", ""))
    doc = {
        "id": site,
        "website": site,
        "status": "success",
        "verified_at": stamp("UserWebsiteSummary", "verified_at", ctx.now()),
    }
    ctx.store.put("website", site, doc)
    return view(doc)


def websites_unverify(ctx: Context) -> tuple[int, None]:
    site = str(ctx.query.get("website", ""))
    require(ctx, "website", site, "Verified website")
    ctx.store.delete("website", site)
    return int(schemas.operation("unverify_website/delete")["status"]), None


# -- conversion tags: OCPM-eligible tags and page-visit events of this account ---------------


def _tag_event(doc: dict[str, Any], account_id: str, event: str) -> dict[str, Any]:
    created = doc.get("created_time") or 0
    return build("ConversionEventResponse", {"ad_account_id": account_id, "conversion_tag_id": doc["id"],
                                             "conversion_event": event, "created_time": created}, {})  # fmt: skip


def ocpm_eligible(ctx: Context) -> dict[str, Any]:
    """Every active tag of the account, keyed by tag id (events the sandbox saw, else PAGE_LOAD)."""
    account_id = str(account(ctx)["id"])
    out: dict[str, Any] = {}
    for tag in ctx.store.list("conversion_tag", account_id):
        out[tag["id"]] = [_tag_event(tag, account_id, "PAGE_LOAD")]
    return out


def page_visit_events(ctx: Context) -> dict[str, Any]:
    """Page-visit events the account's tags received through the Conversions API."""
    account_id = str(account(ctx)["id"])
    tags = [t["id"] for t in ctx.store.list("conversion_tag", account_id)]

    def keep(event: dict[str, Any]) -> bool:
        return str(event.get("event_name", "")).lower() == "page_visit" and bool(tags)

    def shown(event: dict[str, Any]) -> dict[str, Any]:
        return _tag_event({"id": tags[0], "created_time": int(event.get("event_time") or 0)}, account_id, "PAGE_VISIT")

    return ctx.page("conversion_event", account_id, keep, shown)


# -- catalog reports: a job over the stored catalog items ------------------------------------


def catalog_report_create(ctx: Context) -> dict[str, Any]:
    token = ctx.store.next_id("catalog_report")
    ctx.store.put("catalog_report", token, {"id": token, "spec": ctx.body or {}, "status": "IN_PROGRESS"})
    return {"token": token}


def catalog_report_get(ctx: Context) -> dict[str, Any]:
    token = str(ctx.query.get("token", ""))
    job = require(ctx, "catalog_report", token, "Catalog report")
    if job["status"] == "IN_PROGRESS" and progress(ctx, "catalog_report", job):
        kind = (job["spec"] or {}).get("catalog_type", "RETAIL")
        # An index lookup (catalog_type is declared in jobs.py), not a read of every stored item.
        job["rows"] = [view(i) for i in ctx.store.find("catalog_item", {"catalog_type": kind})]
        job["status"] = "FINISHED"
        ctx.store.put("catalog_report", token, job)
    if job["status"] != "FINISHED":
        return {"report_status": "IN_PROGRESS", "url": None, "size": None}
    return {"report_status": "FINISHED", "url": download_url(ctx, "catalog_report", token),
            "size": float(len(json_file(job["rows"])[1]))}  # fmt: skip


def _catalog_report_file(store: Store, token: str) -> tuple[str, bytes] | None:
    job = store.get("catalog_report", token)
    return json_file(job["rows"]) if job and "rows" in job else None


register_download("catalog_report", _catalog_report_file)


# -- advanced auction: bid options stored per (catalog, item) --------------------------------


def _auction_account(ctx: Context) -> None:
    if ctx.query.get("ad_account_id"):
        account(ctx)


def auction_submit(ctx: Context) -> dict[str, Any]:
    _auction_account(ctx)
    body = ctx.body or {}
    catalog = str(body.get("catalog_id", ""))
    require(ctx, "catalog", catalog, "Catalog")
    for record in body.get("items", []):
        key = f"{catalog}:{record.get('item_id')}"
        ctx.store.put("auction_item", key, {"id": key, **record})
    return {"catalog_id": catalog, "items": list(body.get("items", []))}


def auction_get(ctx: Context) -> dict[str, Any]:
    """Bid options of the requested items that have some; items never submitted are left out."""
    _auction_account(ctx)
    body = ctx.body or {}
    catalog = str(body.get("catalog_id", ""))
    require(ctx, "catalog", catalog, "Catalog")
    found = []
    for record in body.get("items", []):
        stored = ctx.store.get("auction_item", f"{catalog}:{record.get('item_id')}")
        if stored is not None and stored.get("operation") != "DELETE":
            found.append(build("AdvancedAuctionItem", view(stored), {}))
    return {"catalog_id": catalog, "items": found}


HANDLERS: dict[str, Handler] = {
    "order_lines/list": stored_list("order_line", "OrderLine"),
    "order_lines/get": stored_get("order_line", "order_line_id", "Order line"),
    "billing_profiles/get": stored_list("billing_profile", "BillingProfilesResponse"),
    "followers/list": lambda ctx: ctx.page("follower", view=view),
    "user_following/get": lambda ctx: ctx.page("following", view=lambda d: {"username": d["username"], "type": "user"}),
    "follow_user/update": follow_user,
    "user_websites/get": lambda ctx: ctx.page("website", view=view),
    "verify_website/update": websites_verify,
    "unverify_website/delete": websites_unverify,
    "ocpm_eligible_conversion_tags/get": ocpm_eligible,
    "page_visit_conversion_tags/get": page_visit_events,
    "reports/create": catalog_report_create,
    "reports/get": catalog_report_get,
    "advanced_auction_items_submit/post": auction_submit,
    "advanced_auction_items_get/post": auction_get,
}


# -- searches over stored objects and reads of what the user follows --------------------------


def search(kind: str, fields_: tuple[str, ...]) -> Handler:
    """Case-insensitive substring search of ``query`` over ``fields_`` of the stored objects."""

    def handler(ctx: Context) -> dict[str, Any]:
        text = str(ctx.query.get("query") or "").lower()
        return ctx.page(kind, filt=lambda d: any(text in str(d.get(f) or "").lower() for f in fields_), view=view)

    return handler


def catalog_items(ctx: Context) -> dict[str, Any]:
    """Stored items (as item batches left them) whose ids the filter names."""
    body = ctx.body or {}
    filters = body.get("filters") or {}
    catalog_type = filters.get("catalog_type", "RETAIL")
    wanted = [
        str(i) for i in filters.get("item_ids") or filters.get("hotel_ids") or filters.get("creative_assets_ids") or []
    ]
    found = []
    for item_id in wanted:
        stored = ctx.store.get(
            "catalog_item", f"{catalog_type}:{body.get('country', '')}:{body.get('language', '')}:{item_id}"
        )
        if stored is not None:
            found.append(
                {"catalog_type": catalog_type, "item_id": item_id, "attributes": stored.get("attributes") or {}}
            )
    return {"items": found}


HANDLERS.update(
    {
        "search_user_boards/get": search("board", ("name", "description")),
        "search_user_pins/list": search("pin", ("title", "description")),
        "items/post": catalog_items,
        # Follows of boards and interests are Pinterest-side: listed from the store (empty unless put).
        "boards_user_follows/list": lambda ctx: ctx.page("followed_board", view=view),
        "user_account/followed_interests": lambda ctx: ctx.page("followed_interest", view=view),
    }
)


# -- many product groups at once, and clearing an account's ads data --------------------------


def product_groups_create_many(ctx: Context) -> tuple[int, list[str]]:
    """Each entry goes through the single create (same rules); all or nothing per request."""
    from dataclasses import replace

    from .crud import HANDLERS as CRUD

    create = CRUD["catalogs_product_groups/create"]
    made = [create(replace(ctx, body=entry))[1]["id"] for entry in ctx.body or []]
    return int(schemas.operation("catalogs_product_groups/create_many")["status"]), made


def product_groups_delete_many(ctx: Context) -> tuple[int, None]:
    ids = [str(i) for i in ctx.query.get("id", [])]
    for ident in ids:  # every id is checked before anything is deleted
        require(ctx, "product_group", ident, "Product group")
    for ident in ids:
        ctx.store.delete("product_group", ident)
    return int(schemas.operation("catalogs_product_groups/delete_many")["status"]), None


ADS_DATA = ("campaign", "ad_group", "ad", "keyword", "label", "product_group_promotion", "conversion_tag",
            "audience", "customer_list", "lead_form", "lead", "lead_subscription", "promotion", "targeting_template")  # fmt: skip


def sandbox_delete(ctx: Context) -> str:
    """Pinterest's "delete ads data" of a sandbox ad account: its objects go, the account stays."""
    account_id = str(account(ctx)["id"])
    for kind in ADS_DATA:
        for doc in ctx.store.list(kind, account_id):
            ctx.store.delete(kind, str(doc.get("id")))
    return "Delete Success"


HANDLERS.update(
    {
        "catalogs_product_groups/create_many": product_groups_create_many,
        "catalogs_product_groups/delete_many": product_groups_delete_many,
        "sandbox/delete": sandbox_delete,
    }
)
