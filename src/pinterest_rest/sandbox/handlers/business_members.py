"""Business members and their asset permissions, system users, the token user's employers and
linked businesses, and brand accounts under a business hierarchy (see ``business_model``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import ApiError, not_found
from . import business_model as bm
from ._helpers import USER_ID, USERNAME, page_list

Handler = Callable[[Context], Any]


def _ids(text: Any) -> set[str]:
    return {part.strip() for part in str(text or "").split(",") if part.strip()}


def member_view(ctx: Context, business_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in doc.items() if not k.startswith("_")}
    if ctx.query.get("assets_summary"):
        out["assets_summary"] = bm.assets_summary(bm.grants_to(ctx.store, business_id, "MEMBER", doc["id"]))
    return out


def members_list(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    system = bool(ctx.query.get("fetch_system_users", False))
    roles = set(ctx.query.get("business_roles") or [])
    wanted = _ids(ctx.query.get("member_ids"))
    docs = [d for d in ctx.store.list("business_member", biz) if bool(d.get("_system")) == system
            and (not roles or roles & set(d["business_roles"])) and (not wanted or d["id"] in wanted)]  # fmt: skip
    page = page_list(ctx, docs)
    page["items"] = [member_view(ctx, biz, d) for d in page["items"]]
    return page


def members_update(ctx: Context) -> dict[str, Any]:
    """Every member must exist before any role changes (the answer has no per-item errors)."""
    biz = bm.business(ctx)["id"]
    found = [(bm.member(ctx, biz, str(e["member_id"])), e["business_role"]) for e in ctx.body]
    out = []
    for doc, role in found:
        doc["business_roles"] = [role]
        ctx.store.put("business_member", f"{biz}:{doc['id']}", doc, parent=biz)
        out.append({"member_id": doc["id"], "business_role": role})
    return {"items": out}


def members_delete(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    gone = []
    for entry in ctx.body["members"]:
        doc = bm.member(ctx, biz, str(entry["member_id"]))
        if entry["business_role"] not in doc["business_roles"]:
            raise not_found(f"Member with business_role {entry['business_role']}", doc["id"])
        gone.append(doc)
    for doc in gone:
        ctx.store.delete("business_member", f"{biz}:{doc['id']}")
        for g in bm.grants_to(ctx.store, biz, "MEMBER", doc["id"]):
            bm.revoke(ctx.store, biz, "MEMBER", doc["id"], g["asset_id"])
    return {"deleted_members": [d["id"] for d in gone]}


def member_access_update(ctx: Context) -> dict[str, Any]:
    """Grant or replace permissions; members and assets are checked first, so nothing half-applies."""
    biz = bm.business(ctx)["id"]
    todo = []
    for n, entry in enumerate(ctx.body["accesses"]):
        doc = bm.member(ctx, biz, str(entry["member_id"]))
        asset = bm.owned(ctx.store, biz, str(entry["asset_id"]))
        if asset is None:
            raise not_found("Asset", str(entry["asset_id"]))
        bm.check_permissions(asset["asset_id"], asset["asset_type"], entry["permissions"], f"accesses[{n}].permissions")
        todo.append((doc["id"], asset["asset_id"], entry["permissions"]))
    out = []
    for member_id, asset_id, permissions in todo:
        made = bm.grant(ctx.store, biz, "MEMBER", member_id, asset_id, permissions)
        out.append({"response": {"asset_id": asset_id, "member_id": member_id, "permissions": made["permissions"]}})
    return {"items": out}


def member_access_delete(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    pairs = [(str(e["member_id"]), str(e["asset_id"])) for e in ctx.body["accesses"]]
    for member_id, asset_id in pairs:
        bm.member(ctx, biz, member_id)
        if ctx.store.get("asset_grant", f"{biz}:{asset_id}:MEMBER:{member_id}") is None:
            raise not_found(f"Access of member {member_id} to asset", asset_id)
    for member_id, asset_id in pairs:
        bm.revoke(ctx.store, biz, "MEMBER", member_id, asset_id)
    return {"items": [{"asset_id": a, "member_id": m} for m, a in pairs]}


def member_assets(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    doc = bm.member(ctx, biz, ctx.path["member_id"])
    asset_type = ctx.query.get("asset_type", "AD_ACCOUNT")
    grants = [g for g in bm.grants_to(ctx.store, biz, "MEMBER", doc["id"]) if g["asset_type"] == asset_type]
    return bm.grants_page(ctx, grants)


def system_user_update(ctx: Context) -> tuple[int, None]:
    biz = bm.business(ctx)["id"]
    doc = ctx.store.get("business_member", f"{biz}:{ctx.path['system_user_id']}")
    if doc is None or not doc.get("_system"):
        raise not_found("System user", ctx.path["system_user_id"])
    doc["_name"] = ctx.body["name"]  # no answer shows a system user's name; it is kept for inspection
    ctx.store.put("business_member", f"{biz}:{doc['id']}", doc, parent=biz)
    return 200, None


# -- the token user's side ----------------------------------------------------------------------


def _my_businesses(ctx: Context) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for mine in ctx.store.find("business_member", {"id": USER_ID}):
        doc = ctx.store.get("business", mine["_parent"])
        if doc is not None:
            out.append((doc, mine))
    return out


def employers(ctx: Context) -> dict[str, Any]:
    page = page_list(ctx, [
        {"id": doc["id"], "user": bm.summary(doc), "business_roles": list(mine["business_roles"]),
         "created_time": mine["created_time"], "created_by_user": mine.get("created_by_user"),
         "created_by_business": bm.summary(doc)}
        for doc, mine in _my_businesses(ctx)
    ])  # fmt: skip
    return page


def linked_businesses(ctx: Context) -> list[dict[str, Any]]:
    """Username only: the sandbox keeps no profile images, and invents no image URLs."""
    return [{"username": doc["username"]} for doc, _ in _my_businesses(ctx)]


# -- brand accounts: child businesses of a business hierarchy -----------------------------------


_BRAND_FIELDS = ("name", "username", "country", "about", "website")


def _username_free(username: str) -> None:
    """Pinterest usernames name one account: the token user's is taken too (other businesses'
    are the store's unique rule, checked with the write)."""
    if username == USERNAME:
        raise ApiError(409, "A business with this username already exists. (field: username)")


def brand_create(ctx: Context) -> dict[str, Any]:
    parent = bm.business(ctx, ctx.path["business_hierarchy_id"])["id"]
    fields = {k: ctx.body[k] for k in _BRAND_FIELDS if k in ctx.body}
    _username_free(fields["username"])
    doc = bm.add_business(ctx.store, fields["name"], username=fields["username"], at=ctx.now(),
                          extra={**fields, "_hierarchy": parent})  # fmt: skip
    return {"brand_account_id": doc["id"]}


def brand_update(ctx: Context) -> dict[str, Any]:
    parent = bm.business(ctx, ctx.path["business_hierarchy_id"])["id"]
    ident = ctx.path["brand_account_id"]
    doc = ctx.store.get("business", ident)
    if doc is None:
        raise not_found("Brand account", ident)
    if doc.get("_hierarchy") is None:
        raise ApiError(409, "This account is not a brand account.")
    if doc["_hierarchy"] != parent:
        raise not_found("Brand account", ident)
    if ctx.body.get("username") is not None:
        _username_free(ctx.body["username"])
    doc.update({k: ctx.body[k] for k in _BRAND_FIELDS if k in ctx.body})
    ctx.store.put("business", ident, doc)
    return {"brand_account_id": ident}


HANDLERS: dict[str, Handler] = {
    "get/business_members": members_list,
    "update/business_memberships": bm.atomic(members_update),
    "delete_business_membership": bm.atomic(members_delete),
    "business_members_asset_access/update": bm.atomic(member_access_update),
    "business_members_asset_access/delete": bm.atomic(member_access_delete),
    "business_member_assets/get": member_assets,
    "system_user/update": system_user_update,
    "get/business_employers": employers,
    "linked_business_accounts/get": linked_businesses,
    "brand_accounts/create": bm.atomic(brand_create),
    "brand_accounts/update": brand_update,
}
