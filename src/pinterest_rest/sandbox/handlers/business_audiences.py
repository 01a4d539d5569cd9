"""Audience sharing from a business: to ad accounts and to other businesses, what a business
received, and who holds an audience. Share records are the ``audience_share`` documents that
``audience_data`` writes for ad-account sharing (one per audience, recipient type and recipient,
kept under the audience's own ad account), so both paths read the same state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import bad_request, not_found
from . import business_model as bm
from ._helpers import page_list, view

Handler = Callable[[Context], Any]
_PERMISSIONS = ["RESOURCE_PINNER_LIST_READER"]  # what a recipient may do with a shared audience


def _owns(ctx: Context, biz: str, audience: dict[str, Any]) -> bool:
    """An audience is the business's when its ad account is one of the business's assets."""
    return bm.owned(ctx.store, biz, str(audience.get("ad_account_id") or audience.get("_parent"))) is not None


def _received(ctx: Context, biz: str, audience_id: str) -> bool:
    return ctx.store.get("audience_share", f"{audience_id}:BUSINESS_ACCOUNT:{biz}") is not None


def _audience(ctx: Context, biz: str, audience_id: str) -> tuple[dict[str, Any], bool]:
    """The audience and whether the business owns it; 404 when it neither owns nor received it."""
    doc = ctx.store.get("audience", audience_id)
    if doc is None:
        raise not_found("Audience", audience_id)
    mine = _owns(ctx, biz, doc)
    if not mine and not _received(ctx, biz, audience_id):
        raise not_found("Audience", audience_id)
    return doc, mine


def _write(ctx: Context, audience: dict[str, Any], account_type: str, recipient: str, name: str, share: bool) -> None:
    key = f"{audience['id']}:{account_type}:{recipient}"
    if not share:
        ctx.store.delete("audience_share", key)
        return
    parent = str(audience.get("_parent") or audience.get("ad_account_id"))
    doc = {"id": key, "account_id": recipient, "account_type": account_type, "account_name": name,
           "shared_on_timestamp": int(ctx.now()), "_audience_id": audience["id"], "_parent": parent}  # fmt: skip
    ctx.store.put("audience_share", key, doc, parent=parent)


def to_ad_accounts(ctx: Context) -> dict[str, Any]:
    """The owner shares with ad accounts of the business; a recipient business only with its own
    ad accounts. Guess: the sandbox models no wider hierarchy, so both mean the business's assets."""
    biz = bm.business(ctx)["id"]
    audience, _ = _audience(ctx, biz, str(ctx.body["audience_id"]))
    recipients = [str(r) for r in ctx.body["recipient_account_ids"]]
    for n, recipient in enumerate(recipients):
        asset = bm.owned(ctx.store, biz, recipient)
        if asset is None or asset["asset_type"] != "AD_ACCOUNT":
            raise bad_request(f"Invalid ad account id: recipient_account_ids[{n}] is not an ad account of business {biz}")  # fmt: skip
    for recipient in recipients:
        name = (ctx.store.get("ad_account", recipient) or {}).get("name", recipient)
        _write(ctx, audience, "AD_ACCOUNT", recipient, str(name), ctx.body["operation_type"] == "SHARE")
    return {"audience_id": audience["id"], "recipient_account_ids": recipients, "permissions": _PERMISSIONS}


def to_businesses(ctx: Context) -> dict[str, Any]:
    """Only the owner may share with businesses; every recipient must be a stored business."""
    biz = bm.business(ctx)["id"]
    audience, mine = _audience(ctx, biz, str(ctx.body["audience_id"]))
    if not mine:
        raise bad_request(f"audience_id: only the audience's owner can share it with businesses, not business {biz}")  # fmt: skip
    recipients = [str(r) for r in ctx.body["recipient_business_ids"]]
    for n, recipient in enumerate(recipients):
        if ctx.store.get("business", recipient) is None or recipient == biz:
            raise bad_request(f"Invalid business id: recipient_business_ids[{n}]")
    for recipient in recipients:
        name = (ctx.store.get("business", recipient) or {}).get("name", recipient)
        _write(ctx, audience, "BUSINESS_ACCOUNT", recipient, str(name), ctx.body["operation_type"] == "SHARE")
    return {"audience_id": audience["id"], "recipient_business_ids": recipients, "permissions": _PERMISSIONS}


def received(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    shares = ctx.store.find("audience_share", {"account_id": biz, "account_type": "BUSINESS_ACCOUNT"})
    docs = [ctx.store.get("audience", s["_audience_id"]) for s in shares]
    audiences = sorted((view(d) for d in docs if d is not None), key=lambda d: int(d["id"]))
    return page_list(ctx, audiences)


def shared_accounts(ctx: Context) -> dict[str, Any]:
    """Who holds the audience; a business that only received it sees just its own ad accounts."""
    biz = bm.business(ctx)["id"]
    audience, mine = _audience(ctx, biz, str(ctx.query["audience_id"]))
    kind = ctx.query.get("account_type", "AD_ACCOUNT")
    shares = ctx.store.find("audience_share", {"_audience_id": audience["id"], "account_type": kind})
    if not mine:
        shares = [s for s in shares if s["account_type"] == "AD_ACCOUNT" and bm.owned(ctx.store, biz, s["account_id"])]
    rows = [{k: s[k] for k in ("account_id", "account_name", "account_type", "shared_on_timestamp")} for s in shares]
    return page_list(ctx, rows)


HANDLERS: dict[str, Handler] = {
    "update_business_to_ad_account_shared_audience": bm.atomic(to_ad_accounts),
    "update_business_to_business_shared_audience": bm.atomic(to_businesses),
    "shared_audiences_for_business/list": received,
    "business_account_audiences_shared_accounts/list": shared_accounts,
}
