"""Membership and partnership invites and requests: create, attach asset permissions, list,
cancel, and the recipient's accept/decline (``business_model.respond`` applies an answer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import ApiError, bad_request
from . import business_model as bm
from ._helpers import USER_ID, USERNAME, page_list

Handler = Callable[[Context], Any]
_ROLES = {"MEMBER_INVITE": ("EMPLOYEE", "BIZ_ADMIN"), "PARTNER_INVITE": ("PARTNER",), "PARTNER_REQUEST": ("PARTNER",)}


def _exception(code: int, message: str, invite_id: str | None = None, who: list[str] | None = None) -> dict[str, Any]:
    return {"exception": {"code": code, "message": message, "invite_or_request_id": invite_id,
                          "users_or_partner_ids": who}}  # fmt: skip


def _pending_to(ctx: Context, biz: str, field: str, value: str) -> bool:
    return any(d["_parent"] == biz and bm.invite_status(ctx.store, d, ctx.now()) == "PENDING"
               for d in ctx.store.find("business_invite", {field: value}))  # fmt: skip


def _new_invite(ctx: Context, biz: dict[str, Any], kind: str, role: str, target: dict[str, Any]) -> dict[str, Any]:
    at = bm.ms(ctx.now())
    ident = ctx.store.next_id()
    doc = {"id": ident, "invite_type": kind, "business_roles": [role], "status": "PENDING", "sent_at": at,
           "created_time": at, "last_updated_time": at, "invite_expiration": at + bm.INVITE_TTL * 1000,
           "created_by_user": dict(bm.ME), "created_by_business": bm.summary(biz), "assets": {},
           "_parent": biz["id"], **target}  # fmt: skip
    return ctx.store.put("business_invite", ident, doc, parent=biz["id"])


def invites_create(ctx: Context) -> dict[str, Any]:
    """Member invites name people (username or email), partner invites and requests name businesses."""
    biz = bm.business(ctx)
    body = ctx.body
    kind, role = body["invite_type"], body["business_role"]
    if role not in _ROLES[kind]:
        raise bad_request(f"business_role must be {' or '.join(_ROLES[kind])} when invite_type is {kind}")
    field = "members" if kind == "MEMBER_INVITE" else "partners"
    if not body.get(field):
        raise bad_request(f"{field} is required when invite_type is {kind}")
    members = {d["user"].get(k) for d in ctx.store.list("business_member", biz["id"]) for k in ("username", "email")}
    items = []
    for who in map(str, body[field]):
        if kind == "MEMBER_INVITE":
            if who in members:
                items.append(_exception(409, "Already a member of the business", who=[who]))
            elif _pending_to(ctx, biz["id"], "_to_user", who):
                items.append(_exception(409, "A pending invite to this user exists", who=[who]))
            else:
                person = {"id": None, "username": None, "email": None, ("email" if "@" in who else "username"): who}
                doc = _new_invite(ctx, biz, kind, role, {"user": person, "_to_user": who})
                items.append({"invite": {"id": doc["id"], "user": person}})
            continue
        other = ctx.store.get("business", who)
        direction = "INTERNAL" if kind == "PARTNER_INVITE" else "EXTERNAL"
        if other is None:
            items.append(_exception(404, f"Business not found: {who}", who=[who]))
        elif who == biz["id"]:
            items.append(_exception(400, "A business cannot partner with itself", who=[who]))
        elif bm.partner(ctx.store, biz["id"], who, direction) is not None:
            items.append(_exception(409, "Already a partner of the business", who=[who]))
        elif _pending_to(ctx, biz["id"], "_to_business", who):
            items.append(_exception(409, "A pending invite or request to this business exists", who=[who]))
        else:
            doc = _new_invite(ctx, biz, kind, role, {"user": bm.summary(other), "_to_business": who})
            items.append({"invite": {"id": doc["id"], "user": bm.summary(other)}})
    return {"items": items}


def _asset_map(ctx: Context, owner: str, wanted: dict[str, list[str]]) -> dict[str, tuple[str, list[str]]] | str:
    """``asset_id_to_permissions`` checked against what ``owner`` owns (an error message otherwise)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for asset_id, permissions in wanted.items():
        asset = bm.owned(ctx.store, owner, asset_id)
        if asset is None:
            return f"Asset {asset_id} is not owned by business {owner}"
        if "PROFILE_PUBLISHER" in permissions and asset["asset_type"] != "PROFILE":
            return f"PROFILE_PUBLISHER applies only to PROFILE assets, not {asset['asset_type']} {asset_id}"
        out[asset_id] = (asset["asset_type"], list(dict.fromkeys(permissions)))
    return out


def asset_invites(ctx: Context) -> dict[str, Any]:
    """Attach asset permissions to pending invites this business sent (assets must be ours; for a
    partner request, the partner's)."""
    biz = bm.business(ctx)
    items = []
    for entry in ctx.body["invites"]:
        ident = str(entry["invite_id"])
        doc = ctx.store.get("business_invite", ident)
        if doc is None or doc["_parent"] != biz["id"] or doc["invite_type"] != entry["invite_type"]:
            items.append(_exception(404, f"{entry['invite_type']} not found: {ident}", ident))
            continue
        if bm.invite_status(ctx.store, doc, ctx.now()) != "PENDING":
            items.append(_exception(409, "Business Invite request cannot be performed on current invitation status.", ident))  # fmt: skip
            continue
        owner = str(doc["_to_business"]) if doc["invite_type"] == "PARTNER_REQUEST" else biz["id"]
        assets = _asset_map(ctx, owner, entry["asset_id_to_permissions"])
        if isinstance(assets, str):
            items.append(_exception(400, assets, ident))
            continue
        doc["assets"] = {**doc["assets"], **assets}
        doc["last_updated_time"] = bm.ms(ctx.now())
        ctx.store.put("business_invite", ident, doc, parent=biz["id"])
        items.append({"invite": {**bm.invite_base(doc, biz["id"]), "created_by_business_id": biz["id"],
                                 "created_by_user_id": USER_ID}})  # fmt: skip
    return {"items": items}


def access_requests(ctx: Context) -> dict[str, Any]:
    """Ask an existing partner (one whose assets we may already reach) for more of its assets:
    a PARTNER_REQUEST the partner accepts or declines."""
    biz = bm.business(ctx)
    invites: dict[str, str] = {}
    errors = []
    for entry in ctx.body["asset_requests"]:
        partner_id = str(entry["partner_id"])
        if bm.partner(ctx.store, biz["id"], partner_id, "EXTERNAL") is None:
            errors.append({"code": 404, "messages": [f"No partnership with business {partner_id}"]})
            continue
        assets = _asset_map(ctx, partner_id, entry["asset_id_to_permissions"])
        if isinstance(assets, str):
            errors.append({"code": 400, "messages": [assets]})
            continue
        other = ctx.store.get("business", partner_id) or {"id": partner_id}
        doc = _new_invite(ctx, biz, "PARTNER_REQUEST", "PARTNER", {"user": bm.summary(other), "_to_business": partner_id})  # fmt: skip
        doc["assets"] = assets
        ctx.store.put("business_invite", doc["id"], doc, parent=biz["id"])
        invites[partner_id] = doc["id"]
    return {"invites": invites or None, "exceptions": errors or None}


def invites_list(ctx: Context) -> dict[str, Any]:
    """Sent by the business and received by it (partner kinds) or by the token user (member
    invites); only PENDING and EXPIRED ones, the two statuses the filter knows."""
    biz = bm.business(ctx)["id"]
    member = ctx.query.get("is_member", True)
    statuses = set(ctx.query.get("invite_status") or ["PENDING", "EXPIRED"])
    kind = ctx.query.get("invite_type")
    seen: dict[str, dict[str, Any]] = {d["id"]: d for d in ctx.store.list("business_invite", biz)}
    field, value = ("_to_user", USERNAME) if member else ("_to_business", biz)
    seen.update({d["id"]: d for d in ctx.store.find("business_invite", {field: value})})
    docs = [d for _, d in sorted(seen.items(), key=lambda kv: int(kv[0]))
            if (d["invite_type"] == "MEMBER_INVITE") == bool(member) and (not kind or d["invite_type"] == kind)
            and bm.invite_status(ctx.store, d, ctx.now()) in statuses]  # fmt: skip
    page = page_list(ctx, docs)
    page["items"] = [
        {**bm.invite_base(d, biz), "assets_summary": bm.invite_assets(d), "business_roles": d["business_roles"],
         "created_by_business": d["created_by_business"], "created_by_user": d["created_by_user"],
         "created_time": d["created_time"]}
        for d in page["items"]
    ]  # fmt: skip
    return page


def invites_cancel(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    items = []
    for ident in map(str, ctx.body["invite_ids"]):
        doc = ctx.store.get("business_invite", ident)
        if doc is None or doc["_parent"] != biz:
            items.append({"exception": {"invite_id": ident, "message": f"Invite not found: {ident}"}})
        elif bm.invite_status(ctx.store, doc, ctx.now()) != "PENDING":
            items.append({"exception": {"invite_id": ident,
                                        "message": "Business Invite request cannot be performed on current invitation status."}})  # fmt: skip
        else:
            doc["status"] = "CANCELLED"
            doc["last_updated_time"] = bm.ms(ctx.now())
            ctx.store.put("business_invite", ident, doc, parent=biz)
            items.append({"invite": bm.invite_base(doc, biz)})
    return {"items": items}


def invites_respond(ctx: Context) -> dict[str, Any]:
    """The token user answers invites sent to it, or to a business it administers. An invite it
    (or its business) sent is the recipient's to answer: a 403 exception, nothing changes."""
    items = []
    for entry in ctx.body["invites"]:
        ident = str(entry["invite_id"])
        action = entry["action"]
        doc = ctx.store.get("business_invite", ident)
        try:
            if doc is not None and not bm.recipient_ok(ctx.store, doc):
                raise ApiError(403, f"Only the recipient of invite {ident} can accept or decline it")
            person = dict(bm.ME) if doc is not None and doc["invite_type"] == "MEMBER_INVITE" else None
            done = bm.respond(ctx.store, ident, bool(action["accept_invite"]), at=ctx.now(), user=person,
                              grants=action.get("asset_id_to_permissions"))  # fmt: skip
        except ApiError as error:
            items.append(_exception(error.status, error.message, ident))  # the HTTP status, as the spec example
            continue
        items.append({"invite": bm.invite_base(done, done.get("_to_business"))})
    return {"items": items}


HANDLERS: dict[str, Handler] = {
    "create_membership_or_partnership_invites": bm.atomic(invites_create),
    "create_asset_invites": bm.atomic(asset_invites),
    "asset_access_requests/create": bm.atomic(access_requests),
    "get/invites": invites_list,
    "cancel_invites_or_requests": bm.atomic(invites_cancel),
    "respond_business_access_invites": bm.atomic(invites_respond),
}
