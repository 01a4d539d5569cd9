"""Business partners and their asset permissions, the assets a business can reach, who can reach
one asset, and asset groups (see ``business_model`` for the records)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import not_found
from . import business_model as bm
from ._helpers import page_list

Handler = Callable[[Context], Any]


def _ids(text: Any) -> set[str]:
    return {part.strip() for part in str(text or "").split(",") if part.strip()}


def _reachable(ctx: Context, biz: str, partner_id: str, partner_type: str) -> list[dict[str, Any]]:
    """INTERNAL: our assets ``partner_id`` holds permissions on; EXTERNAL: theirs we hold."""
    if partner_type == "INTERNAL":
        return bm.grants_to(ctx.store, biz, "PARTNER", partner_id)
    return bm.grants_to(ctx.store, partner_id, "PARTNER", biz)


def partners_list(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    kind = ctx.query.get("partner_type")
    wanted = _ids(ctx.query.get("partner_ids"))
    docs = [d for d in ctx.store.list("business_partner", biz)
            if (not kind or d["partner_type"] == kind) and (not wanted or d["id"] in wanted)]  # fmt: skip
    page = page_list(ctx, docs)
    items = []
    for doc in page["items"]:
        out = {k: v for k, v in doc.items() if not k.startswith("_") and k != "partner_type"}
        if ctx.query.get("assets_summary"):
            out["assets_summary"] = bm.assets_summary(_reachable(ctx, biz, doc["id"], doc["partner_type"]))
        items.append(out)
    page["items"] = items
    return page


def partners_delete(ctx: Context) -> dict[str, Any]:
    """All partners must exist (the spec's 404) before any partnership ends. Guess: no
    ``partner_type`` means INTERNAL, the default of the partner asset operations."""
    biz = bm.business(ctx)["id"]
    kind = ctx.body.get("partner_type") or "INTERNAL"
    ids = [str(p) for p in ctx.body["partner_ids"]]
    for ident in ids:
        if bm.partner(ctx.store, biz, ident, kind) is None:
            raise not_found(f"{kind} partner", ident)
    for ident in ids:
        if kind == "INTERNAL":
            bm.end_partnership(ctx.store, biz, ident)
        else:
            bm.end_partnership(ctx.store, ident, biz)
    return {"deleted_partners": ids}


def partner_access_update(ctx: Context) -> dict[str, Any]:
    """A partner gets permissions on our assets: it must be an INTERNAL partner (one that accepted
    our partner invite) and the asset ours; permissions given replace the old ones."""
    biz = bm.business(ctx)["id"]
    todo = []
    for n, entry in enumerate(ctx.body["accesses"]):
        partner_id, asset_id = str(entry["partner_id"]), str(entry["asset_id"])
        if bm.partner(ctx.store, biz, partner_id, "INTERNAL") is None:
            raise not_found("Partner", partner_id)
        asset = bm.owned(ctx.store, biz, asset_id)
        if asset is None:
            raise not_found("Asset", asset_id)
        bm.check_permissions(asset_id, asset["asset_type"], entry["permissions"], f"accesses[{n}].permissions")
        todo.append((partner_id, asset_id, entry["permissions"]))
    items = []
    for partner_id, asset_id, permissions in todo:
        made = bm.grant(ctx.store, biz, "PARTNER", partner_id, asset_id, permissions)
        items.append({"asset_id": asset_id, "asset_type": made["asset_type"], "partner_id": partner_id,
                      "permissions": made["permissions"]})  # fmt: skip
    return {"items": items}


def partner_access_delete(ctx: Context) -> dict[str, Any]:
    """INTERNAL ends a partner's access to our asset; EXTERNAL ends ours to the partner's."""
    biz = bm.business(ctx)["id"]
    todo = []
    for entry in ctx.body["accesses"]:
        partner_id, asset_id = str(entry["partner_id"]), str(entry["asset_id"])
        kind = entry.get("partner_type", "INTERNAL")
        owner, guest = (biz, partner_id) if kind == "INTERNAL" else (partner_id, biz)
        if ctx.store.get("asset_grant", f"{owner}:{asset_id}:PARTNER:{guest}") is None:
            raise not_found(f"Access of partner {partner_id} to asset", asset_id)
        todo.append((owner, guest, partner_id, asset_id, kind))
    items = []
    for owner, guest, partner_id, asset_id, kind in todo:
        gone = bm.revoke(ctx.store, owner, "PARTNER", guest, asset_id) or {}
        items.append({"asset_id": asset_id, "asset_type": gone.get("asset_type"), "partner_id": partner_id,
                      "is_shared_partner": kind == "EXTERNAL", "permissions": gone.get("permissions", [])})  # fmt: skip
    return {"items": items}


def partner_assets(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    partner_id = ctx.path["partner_id"]
    kind = ctx.query.get("partner_type", "INTERNAL")
    if bm.partner(ctx.store, biz, partner_id, kind) is None:
        raise not_found(f"{kind} partner", partner_id)
    asset_type = ctx.query.get("asset_type", "AD_ACCOUNT")
    grants = [g for g in _reachable(ctx, biz, partner_id, kind) if g["asset_type"] == asset_type]
    return bm.grants_page(ctx, grants)


# -- assets ------------------------------------------------------------------------------------


def _group_members(store: Any, group_id: str) -> set[str]:
    doc = store.get("asset_group", group_id) or {}
    return {*doc.get("ad_accounts_ids", []), *doc.get("profiles_ids", []), *doc.get("catalogs_ids", [])}


def business_assets(ctx: Context) -> dict[str, Any]:
    """Owned assets (permission OWNER) and assets partners granted us, filtered as declared."""
    biz = bm.business(ctx)["id"]
    reach: dict[str, tuple[str, set[str]]] = {
        d["asset_id"]: (d["asset_type"], {"OWNER"}) for d in ctx.store.list("business_asset", biz)
    }
    for doc in ctx.store.list("business_partner", biz):
        if doc["partner_type"] == "EXTERNAL":
            for g in bm.grants_to(ctx.store, doc["id"], "PARTNER", biz):
                reach.setdefault(g["asset_id"], (g["asset_type"], set()))[1].update(g["permissions"])
    asset_type = ctx.query.get("asset_type", "AD_ACCOUNT")
    wanted = set(ctx.query.get("permissions") or [])
    inside = _group_members(ctx.store, ctx.query["asset_group_id"]) if ctx.query.get("asset_group_id") else None
    child = ctx.query.get("child_asset_id")
    picked = [
        (asset_id, kind) for asset_id, (kind, permissions) in reach.items()
        if kind == asset_type and (not wanted or wanted & permissions) and (inside is None or asset_id in inside)
        and (not child or (kind == "ASSET_GROUP" and child in _group_members(ctx.store, asset_id)))
    ]  # fmt: skip
    page = page_list(ctx, [{"asset_id": a, "asset_type": k} for a, k in picked])
    for item in page["items"]:
        item["asset_group_info"] = bm.group_info(ctx.store, item["asset_id"], item["asset_type"])
        catalog = ctx.store.get("catalog", item["asset_id"]) if item["asset_type"] == "CATALOG" else None
        item["catalog_info"] = (
            {"id": catalog["id"], "name": catalog.get("name", ""), "catalog_type": catalog.get("catalog_type", "RETAIL")}
            if catalog else None
        )  # fmt: skip
    return page


def _own_asset(ctx: Context, biz: str) -> str:
    asset_id = ctx.path["asset_id"]
    if bm.owned(ctx.store, biz, asset_id) is None:
        raise not_found("Asset", asset_id)
    return asset_id


def asset_members(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    asset_id = _own_asset(ctx, biz)
    system = bool(ctx.query.get("fetch_system_users", False))
    rows = []
    for g in bm.grants_on(ctx.store, biz, asset_id, "MEMBER"):
        doc = ctx.store.get("business_member", f"{biz}:{g['grantee_id']}")
        if doc is not None and bool(doc.get("_system")) == system:
            rows.append({"user": doc["user"], "permissions": g["permissions"]})
    return page_list(ctx, rows)


def asset_partners(ctx: Context) -> dict[str, Any]:
    """Partners we granted the asset to (an asset shared with us answers none, as the spec notes)."""
    biz = bm.business(ctx)["id"]
    asset_id = ctx.path["asset_id"]
    if bm.owned(ctx.store, biz, asset_id) is None:
        shared = any(ctx.store.get("asset_grant", f"{p['id']}:{asset_id}:PARTNER:{biz}") is not None
                     for p in ctx.store.list("business_partner", biz) if p["partner_type"] == "EXTERNAL")  # fmt: skip
        if not shared:
            raise not_found("Asset", asset_id)
        return page_list(ctx, [])
    rows = []
    for g in bm.grants_on(ctx.store, biz, asset_id, "PARTNER"):
        doc = ctx.store.get("business", g["grantee_id"]) or {"id": g["grantee_id"]}
        rows.append({"user": bm.summary(doc), "permissions": g["permissions"]})
    return page_list(ctx, rows)


# -- asset groups ------------------------------------------------------------------------------

_LISTS = {"AD_ACCOUNT": "ad_accounts_ids", "PROFILE": "profiles_ids", "CATALOG": "catalogs_ids"}


def group_create(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)
    at = bm.ms(ctx.now())
    ident = ctx.store.next_id()
    doc = {"id": ident, "asset_group_name": ctx.body["asset_group_name"],
           "asset_group_description": ctx.body["asset_group_description"],
           "asset_group_types": list(ctx.body["asset_group_types"]), "ad_accounts_ids": [], "profiles_ids": [],
           "catalogs_ids": [], "created_time": at, "updated_time": at, "owner": bm.summary(biz),
           "created_by": dict(bm.ME), "_parent": biz["id"]}  # fmt: skip
    ctx.store.put("asset_group", ident, doc, parent=biz["id"])
    bm.add_asset(ctx.store, biz["id"], ident, "ASSET_GROUP")
    return {"asset_group": bm.group_view(doc)}


def _group(ctx: Context, biz: str, ident: str) -> dict[str, Any] | None:
    doc = ctx.store.get("asset_group", ident)
    return doc if doc is not None and doc.get("_parent") == biz else None


def group_update(ctx: Context) -> dict[str, Any]:
    """Per group: rename, describe, retype, add and remove assets (ours, and not other groups)."""
    biz = bm.business(ctx)["id"]
    updated, errors = [], []
    for entry in ctx.body.get("asset_groups_to_update") or []:
        ident = str(entry["asset_group_id"])
        doc = _group(ctx, biz, ident)
        if doc is None:
            errors.append({"asset_group_id": ident, "code": 404, "message": f"Asset group not found: {ident}"})
            continue
        bad = [a for a in entry.get("assets_to_add", [])
               if (bm.owned(ctx.store, biz, str(a)) or {}).get("asset_type") not in _LISTS]  # fmt: skip
        if bad:
            errors.append({"asset_group_id": ident, "code": 400,
                           "message": f"assets_to_add: {bad[0]} is not an ad account, profile or catalog of the business"})  # fmt: skip
            continue
        for key, field in (("name", "asset_group_name"), ("description", "asset_group_description"),
                           ("asset_group_types", "asset_group_types")):  # fmt: skip
            if key in entry:
                doc[field] = entry[key]
        for asset_id in map(str, entry.get("assets_to_add", [])):
            field = _LISTS[bm.owned(ctx.store, biz, asset_id)["asset_type"]]  # type: ignore[index]  # checked above
            doc[field] = list(dict.fromkeys([*doc[field], asset_id]))
        for asset_id in map(str, entry.get("assets_to_remove", [])):
            for field in _LISTS.values():
                doc[field] = [a for a in doc[field] if a != asset_id]
        doc["updated_time"] = bm.ms(ctx.now())
        ctx.store.put("asset_group", ident, doc, parent=biz)
        updated.append(bm.group_view(doc))
    return {"updated_asset_groups": updated, "exceptions": errors}


def group_delete(ctx: Context) -> dict[str, Any]:
    biz = bm.business(ctx)["id"]
    deleted, errors = [], []
    for ident in map(str, ctx.body["asset_groups_to_delete"]):
        if _group(ctx, biz, ident) is None:
            errors.append({"asset_group_id": ident, "code": 404, "message": f"Asset group not found: {ident}"})
            continue
        ctx.store.delete("asset_group", ident)
        ctx.store.delete("business_asset", f"{biz}:{ident}")
        for g in ctx.store.find("asset_grant", {"asset_id": ident}, parent=biz):
            bm.revoke(ctx.store, biz, g["grantee_type"], g["grantee_id"], ident)
        deleted.append(ident)
    return {"deleted_asset_groups": deleted, "exceptions": errors}


HANDLERS: dict[str, Handler] = {
    "get/business_partners": partners_list,
    "delete_business_partners": bm.atomic(partners_delete),
    "update_partner_asset_access_handler_impl": bm.atomic(partner_access_update),
    "delete_partner_asset_access_handler_impl": bm.atomic(partner_access_delete),
    "business_partner_asset_access/get": partner_assets,
    "business_assets/get": business_assets,
    "business_asset_members/get": asset_members,
    "business_asset_partners/get": asset_partners,
    "asset_group/create": bm.atomic(group_create),
    "asset_group/update": bm.atomic(group_update),
    "asset_group/delete": bm.atomic(group_delete),
}
