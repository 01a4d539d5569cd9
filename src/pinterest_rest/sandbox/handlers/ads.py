"""The ads side: ad accounts and the campaign -> ad group -> ad tree, plus conversion events.

Pinterest creates and updates campaigns, ad groups and ads in batches: the body is an array and the
answer is ``{"items": [{"data": ..., "exceptions": [...]}]}``, one entry per input, so one bad item
does not fail the others. The sandbox does the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import not_found
from ..generic import shaped
from ..store import now_iso

Handler = Callable[[Context], Any]


def _account(ctx: Context) -> dict[str, Any]:
    ident = ctx.path["ad_account_id"]
    doc = ctx.store.get("ad_account", ident)
    if doc is None:
        raise not_found("Ad account", ident)
    result: dict[str, Any] = doc
    return result


def ad_accounts_create(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    ident = ctx.store.next_id()
    account = shaped(
        "AdAccount",
        {
            "id": ident,
            "name": body.get("name", "Sandbox ad account"),
            "country": body.get("country", "US"),
            "currency": "USD",
            "owner": {"username": "sandbox_user", "id": "1"},
            "created_time": 1767225600,
            "updated_time": 1767225600,
        },
        ident,
    )
    return ctx.store.put("ad_account", ident, account)  # type: ignore[no-any-return]


def ad_accounts_get(ctx: Context) -> dict[str, Any]:
    return _account(ctx)


def ad_accounts_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("ad_account")


def batch_kind(
    kind: str, schema: str, parent_field: str | None, parent_kind: str | None, one_exception: bool = False
) -> dict[str, Handler]:
    """list / create / update / get handlers for one batch-written object kind.

    ``one_exception``: the spec gives ads one ``exceptions`` object per item, the others a list.
    """

    def failed(code: int, message: str) -> dict[str, Any]:
        error = {"code": code, "message": message}
        return {"exceptions": error if one_exception else [error]}

    def create(ctx: Context) -> dict[str, Any]:
        account = _account(ctx)
        items: list[dict[str, Any]] = []
        for entry in ctx.body or []:
            parent = entry.get(parent_field) if parent_field else None
            if parent_kind and (parent is None or ctx.store.get(parent_kind, str(parent)) is None):
                items.append(failed(2, f"{parent_field} {parent} not found"))
                continue
            ident = ctx.store.next_id()
            doc = shaped(
                schema,
                {
                    **entry,
                    "id": ident,
                    "ad_account_id": account["id"],
                    "created_time": 1767225600,
                    "updated_time": 1767225600,
                    "type": kind,
                },
                ident,
            )
            ctx.store.put(kind, ident, doc, parent=account["id"])
            items.append({"data": doc, "exceptions": {} if one_exception else []})
        return {"items": items}

    def update(ctx: Context) -> dict[str, Any]:
        _account(ctx)
        items: list[dict[str, Any]] = []
        for entry in ctx.body or []:
            doc = ctx.store.get(kind, str(entry.get("id")))
            if doc is None or doc.get("ad_account_id") != ctx.path["ad_account_id"]:
                items.append(failed(4, f"{kind} {entry.get('id')} not found"))
                continue
            doc.update(entry)
            doc["updated_time"] = 1767225601
            ctx.store.put(kind, doc["id"], doc, parent=ctx.path["ad_account_id"])
            items.append({"data": doc, "exceptions": {} if one_exception else []})
        return {"items": items}

    def get(ctx: Context) -> dict[str, Any]:
        _account(ctx)
        key = next(k for k in ctx.path if k != "ad_account_id")
        doc = ctx.store.get(kind, ctx.path[key])
        if doc is None or doc.get("ad_account_id") != ctx.path["ad_account_id"]:
            raise not_found(kind.replace("_", " ").capitalize(), ctx.path[key])
        result: dict[str, Any] = doc
        return result

    def list_(ctx: Context) -> dict[str, Any]:
        _account(ctx)
        wanted = {str(v) for key in ("campaign_ids", "ad_group_ids", "ad_ids") for v in ctx.query.get(key, [])}
        statuses = set(ctx.query.get("entity_statuses", []))

        def keep(doc: dict[str, Any]) -> bool:
            if (
                wanted
                and doc["id"] not in wanted
                and str(doc.get("campaign_id")) not in wanted
                and str(doc.get("ad_group_id")) not in wanted
            ):
                return False
            return not statuses or doc.get("status") in statuses

        return ctx.page(kind, ctx.path["ad_account_id"], keep if (wanted or statuses) else None)

    return {"create": create, "update": update, "get": get, "list": list_}


def events_create(ctx: Context) -> dict[str, Any]:
    """Conversion events: each is checked, stored and counted; failures reported per event."""
    _account(ctx)
    test = ctx.query.get("test") is True
    events: list[dict[str, Any]] = []
    received = 0
    for event in (ctx.body or {}).get("data", []):
        user = event.get("user_data") or {}
        if int(event.get("event_time") or 0) > time.time() + 3600:
            events.append({"status": "failed", "error_message": "event_time is in the future", "warning_message": None})
            continue
        if not any(user.get(k) for k in ("em", "hashed_maids", "client_ip_address")):
            events.append(
                {
                    "status": "failed",
                    "error_message": "user_data needs em, hashed_maids or client_ip_address",
                    "warning_message": None,
                }
            )
            continue
        received += 1
        if not test:
            ident = ctx.store.next_id()
            ctx.store.put(
                "conversion_event",
                ident,
                {**event, "id": ident, "received_at": now_iso()},
                parent=ctx.path["ad_account_id"],
            )
        events.append({"status": "processed", "error_message": None, "warning_message": None})
    return {"num_events_received": received, "num_events_processed": received, "events": events}


CAMPAIGNS = batch_kind("campaign", "CampaignResponse", None, None)
AD_GROUPS = batch_kind("ad_group", "AdGroupResponse", "campaign_id", "campaign")
ADS = batch_kind("ad", "AdResponse", "ad_group_id", "ad_group", one_exception=True)

HANDLERS: dict[str, Handler] = {
    "ad_accounts/create": ad_accounts_create,
    "ad_accounts/get": ad_accounts_get,
    "ad_accounts/list": ad_accounts_list,
    "campaigns/create": CAMPAIGNS["create"],
    "campaigns/update": CAMPAIGNS["update"],
    "campaigns/get": CAMPAIGNS["get"],
    "campaigns/list": CAMPAIGNS["list"],
    "ad_groups/create": AD_GROUPS["create"],
    "ad_groups/update": AD_GROUPS["update"],
    "ad_groups/get": AD_GROUPS["get"],
    "ad_groups/list": AD_GROUPS["list"],
    "ads/create": ADS["create"],
    "ads/update": ADS["update"],
    "ads/get": ADS["get"],
    "ads/list": ADS["list"],
    "events/create": events_create,
}
