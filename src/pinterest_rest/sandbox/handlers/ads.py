"""The ads side: ad accounts and the campaign -> ad group -> ad tree, plus conversion events.

Pinterest creates and updates campaigns, ad groups and ads in batches: the body is an array and the
answer is ``{"items": [{"data": ..., "exceptions": [...]}]}``, one entry per input, so one bad item
does not fail the others. The sandbox does the same.

Stored objects hold what the client sent plus what the server sets (id, account, times, type,
documented defaults, ``summary_status``); references are real: an ad group's campaign must exist
in the account, and an ad's ``campaign_id`` is its ad group's campaign.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import not_found
from ..store import now_iso
from ._helpers import (
    USER_ID,
    USERNAME,
    account,
    batch_error,
    batch_ok,
    build,
    defaults,
    spec_filter,
    stamp,
    summary_status,
    view,
)

Handler = Callable[[Context], Any]
Rule = Callable[[Context, dict[str, Any], str], "str | None"]


def ad_accounts_create(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    ident = ctx.store.next_id()
    at = ctx.now()
    server = {
        "id": ident,
        # The owner is whoever the token belongs to: the sandbox has one user.
        "owner": {"id": USER_ID, "username": USERNAME},
        "created_time": stamp("AdAccount", "created_time", at),
        "updated_time": stamp("AdAccount", "updated_time", at),
        "permissions": ["OWNER"],
    }
    doc = build("AdAccount", body, server)
    return ctx.store.put("ad_account", ident, doc)


def ad_accounts_get(ctx: Context) -> dict[str, Any]:
    return account(ctx)


def ad_accounts_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("ad_account")


# -- rules between fields, as the spec states them --------------------------------------------


def campaign_rule(ctx: Context, doc: dict[str, Any], account_id: str) -> str | None:
    daily, lifetime = doc.get("daily_spend_cap"), doc.get("lifetime_spend_cap")
    if daily is not None and lifetime is not None:
        return "daily_spend_cap and lifetime_spend_cap cannot be set at the same time"
    if doc.get("is_campaign_budget_optimization") and daily is None and lifetime is None:
        return "A campaign budget optimization (CBO) campaign needs daily_spend_cap or lifetime_spend_cap"
    return None


def ad_group_rule(ctx: Context, doc: dict[str, Any], account_id: str) -> str | None:
    campaign = ctx.store.get("campaign", str(doc.get("campaign_id", "")).removeprefix("C"))
    if campaign is None or campaign.get("ad_account_id") != account_id:
        return f"campaign_id {doc.get('campaign_id')} not found in ad account {account_id}"
    doc["campaign_id"] = campaign["id"]
    if not campaign.get("is_campaign_budget_optimization") and doc.get("budget_in_micro_currency") is None:
        return "budget_in_micro_currency is required for ad groups of non-CBO campaigns"
    return None


def ad_rule(ctx: Context, doc: dict[str, Any], account_id: str) -> str | None:
    group = ctx.store.get("ad_group", str(doc.get("ad_group_id", "")).removeprefix("AG"))
    if group is None or group.get("ad_account_id") != account_id:
        return f"ad_group_id {doc.get('ad_group_id')} not found in ad account {account_id}"
    doc["ad_group_id"] = group["id"]
    doc["campaign_id"] = group["campaign_id"]  # the ad's campaign is its ad group's, never sent
    return None


def batch_kind(
    kind: str, model: str, request_model: str, rule: Rule, one_exception: bool = False
) -> dict[str, Handler]:
    """list / create / update / get handlers for one batch-written object kind.

    ``one_exception``: the spec gives ads one ``exceptions`` object per item, the others a list.
    """
    defaults_ = defaults(request_model)

    def finish(ctx: Context, doc: dict[str, Any], account_id: str) -> dict[str, Any] | str:
        problem = rule(ctx, doc, account_id)
        if problem:
            return problem
        derived = summary_status(model, doc.get("status"))
        if derived is not None:
            doc["summary_status"] = derived
        return build(model, doc, {k: doc[k] for k in ("id", "ad_account_id", "type") if k in doc})

    def create(ctx: Context) -> dict[str, Any]:
        account_id = account(ctx)["id"]
        items: list[dict[str, Any]] = []
        for entry in ctx.body or []:
            if str(entry.get("ad_account_id", account_id)) != account_id:
                items.append(batch_error(1, f"ad_account_id must be {account_id} (the path's)", one_exception))
                continue
            at = ctx.now()
            doc = {
                **defaults_,
                **entry,
                "id": ctx.store.next_id(),
                "ad_account_id": account_id,
                "created_time": stamp(model, "created_time", at),
                "updated_time": stamp(model, "updated_time", at),
                "type": kind.replace("_", ""),
            }
            built = finish(ctx, doc, account_id)
            if isinstance(built, str):
                items.append(batch_error(1, built, one_exception))
                continue
            ctx.store.put(kind, built["id"], {**built, "_parent": account_id}, parent=account_id)
            items.append(batch_ok(built, one_exception))
        return {"items": items}

    def update(ctx: Context) -> dict[str, Any]:
        account_id = account(ctx)["id"]
        items: list[dict[str, Any]] = []
        for entry in ctx.body or []:
            stored = ctx.store.get(kind, str(entry.get("id")))
            if stored is None or stored.get("ad_account_id") != account_id:
                items.append(batch_error(4, f"{kind} {entry.get('id')} not found", one_exception))
                continue
            changes = {k: v for k, v in entry.items() if k not in ("id", "ad_account_id")}
            doc = {**view(stored), **changes, "updated_time": stamp(model, "updated_time", ctx.now())}
            built = finish(ctx, doc, account_id)
            if isinstance(built, str):
                items.append(batch_error(1, built, one_exception))
                continue
            ctx.store.put(kind, built["id"], {**built, "_parent": account_id}, parent=account_id)
            items.append(batch_ok(built, one_exception))
        return {"items": items}

    def get(ctx: Context) -> dict[str, Any]:
        account_id = account(ctx)["id"]
        key = next(k for k in ctx.path if k != "ad_account_id")
        doc = ctx.store.get(kind, ctx.path[key])
        if doc is None or doc.get("ad_account_id") != account_id:
            raise not_found(kind.replace("_", " ").capitalize(), ctx.path[key])
        return view(doc)

    def list_(ctx: Context) -> dict[str, Any]:
        account_id = account(ctx)["id"]
        return ctx.page(kind, account_id, spec_filter(ctx), view)

    return {"create": create, "update": update, "get": get, "list": list_}


def events_create(ctx: Context) -> dict[str, Any]:
    """Conversion events: each is checked, stored and counted; failures reported per event."""
    account_id = account(ctx)["id"]
    test = ctx.query.get("test") is True
    events: list[dict[str, Any]] = []
    received = 0
    for event in (ctx.body or {}).get("data", []):
        user = event.get("user_data") or {}
        if int(event.get("event_time") or 0) > ctx.now() + 3600:
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
                "conversion_event", ident, {**event, "id": ident, "received_at": now_iso()}, parent=account_id
            )
        events.append({"status": "processed", "error_message": None, "warning_message": None})
    return {"num_events_received": received, "num_events_processed": received, "events": events}


CAMPAIGNS = batch_kind("campaign", "CampaignResponse", "CampaignCreateRequest", campaign_rule)
AD_GROUPS = batch_kind("ad_group", "AdGroupResponse", "AdGroupCreateRequest", ad_group_rule)
ADS = batch_kind("ad", "AdResponse", "AdCreateRequest", ad_rule, one_exception=True)

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
