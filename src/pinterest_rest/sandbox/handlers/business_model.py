"""The business-access model every ``business_*`` handler module shares.

A business (kind ``business``) has members (``business_member``: users with a role, the token
user among them), partners (``business_partner``: other businesses, one record per side and
direction), owned assets (``business_asset``: ad accounts, catalogs, profiles and asset groups
that exist elsewhere in the store), per-member and per-partner permissions on those assets
(``asset_grant``, kept by the business that owns the asset), asset groups (``asset_group``) and
invites/requests (``business_invite``, kept by the business that sent them).

Businesses, their system users and the assets a business owns are Pinterest's to create (in its
Business Access pages): the seed and tests add them with ``add_business`` / ``add_member`` /
``add_asset``. ``respond`` applies an answer to an invite; the API calls it for the token user,
and a test calls it directly to play a recipient who is not the token user.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from typing import Any

from ..context import Context
from ..errors import ApiError, bad_request, not_found
from ..store import Store, declare
from ._helpers import USER_ID, USERNAME, page_list

# Found by who they are, not by which business keeps them: employers of a user, grants a partner
# received, invites a business received, grants on one asset.
declare("business", unique=("username",))  # a username names one account (409 naming the field)
declare("business_member", index=("id",))
declare("asset_grant", index=("grantee_id", "asset_id"))
declare("business_invite", index=("_to_business", "_to_user"))
# Audiences shared with a business are found by the recipient (the share records are audience_data's).
declare("audience_share", index=("account_id",))

INVITE_TTL = 30 * 24 * 3600  # guess: Pinterest documents an expiry field but not its length
ME = {"id": USER_ID, "username": USERNAME, "email": None}


def ms(at: float) -> int:
    return int(at * 1000)


# -- lookups -----------------------------------------------------------------------------------


def summary(doc: dict[str, Any]) -> dict[str, Any]:
    """A business as ``BusinessAccessUserSummary``."""
    return {"id": doc["id"], "username": doc.get("username"), "email": doc.get("email")}


def atomic(handler: Callable[[Context], Any]) -> Callable[[Context], Any]:
    """Run a handler that checks, then writes several records, as one store transaction: a
    concurrent request sees all of its writes or none, and cannot slip between check and write."""

    @functools.wraps(handler)  # keeps the module and name the docs table reads
    def run(ctx: Context) -> Any:
        with ctx.store.transaction():
            return handler(ctx)

    return run


def business(ctx: Context, ident: str | None = None) -> dict[str, Any]:
    """The requesting business of the path. It must exist and the token user must belong to it
    (404 otherwise: a business one is not in is not visible) as its BIZ_ADMIN (403 otherwise)."""
    ident = ident or ctx.path["business_id"]
    doc = ctx.store.get("business", ident)
    mine = ctx.store.get("business_member", f"{ident}:{USER_ID}")
    if doc is None or mine is None:
        raise not_found("Business", ident)
    if "BIZ_ADMIN" not in mine.get("business_roles", []):
        raise ApiError(403, f"The token user is not a BIZ_ADMIN of business {ident}")
    return doc


def is_admin(store: Store, business_id: str) -> bool:
    mine = store.get("business_member", f"{business_id}:{USER_ID}")
    return mine is not None and "BIZ_ADMIN" in mine.get("business_roles", [])


def member(ctx: Context, business_id: str, member_id: str) -> dict[str, Any]:
    doc = ctx.store.get("business_member", f"{business_id}:{member_id}")
    if doc is None:
        raise not_found("Member", member_id)
    return doc


def partner(store: Store, business_id: str, partner_id: str, partner_type: str) -> dict[str, Any] | None:
    """INTERNAL: ``partner_id`` may access our assets; EXTERNAL: we may access theirs."""
    return store.get("business_partner", f"{business_id}:{partner_id}:{partner_type}")


def asset_type_of(store: Store, asset_id: str) -> str | None:
    """What an asset id names in the store (None when it names nothing an asset can be)."""
    for kind, asset_type in (("ad_account", "AD_ACCOUNT"), ("catalog", "CATALOG"), ("asset_group", "ASSET_GROUP")):
        if store.get(kind, asset_id) is not None:
            return asset_type
    if asset_id == USER_ID or store.get("business", asset_id) is not None:
        return "PROFILE"  # the token user's profile, or a business's own profile
    return None


def owned(store: Store, business_id: str, asset_id: str) -> dict[str, Any] | None:
    return store.get("business_asset", f"{business_id}:{asset_id}")


def check_permissions(asset_id: str, asset_type: str, permissions: Iterable[str], field: str) -> None:
    """The one rule the spec states: PROFILE_PUBLISHER exists only on PROFILE assets."""
    if "PROFILE_PUBLISHER" in permissions and asset_type != "PROFILE":
        raise bad_request(f"{field}: PROFILE_PUBLISHER applies only to PROFILE assets, not {asset_type} {asset_id}")


def group_info(store: Store, asset_id: str, asset_type: str) -> dict[str, Any] | None:
    if asset_type != "ASSET_GROUP":
        return None
    doc = store.get("asset_group", asset_id)
    return group_view(doc) if doc else None


def group_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def assets_summary(grants: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``BusinessMemberAssetsSummary``: the ad accounts and profiles among ``grants``."""
    out: dict[str, list[dict[str, Any]]] = {"ad_accounts": [], "profiles": []}
    for grant in grants:
        key = {"AD_ACCOUNT": "ad_accounts", "PROFILE": "profiles"}.get(grant["asset_type"])
        if key:
            out[key].append({"id": grant["asset_id"], "permissions": list(grant["permissions"])})
    return out


def grants_to(store: Store, owner: str, grantee_type: str, grantee_id: str) -> list[dict[str, Any]]:
    return [g for g in store.find("asset_grant", {"grantee_id": grantee_id}, parent=owner)
            if g["grantee_type"] == grantee_type]  # fmt: skip


def grants_on(store: Store, owner: str, asset_id: str, grantee_type: str) -> list[dict[str, Any]]:
    return [g for g in store.find("asset_grant", {"asset_id": asset_id}, parent=owner)
            if g["grantee_type"] == grantee_type]  # fmt: skip


def grant(store: Store, owner: str, grantee_type: str, grantee_id: str, asset_id: str, permissions: list[str]) -> dict[str, Any]:  # fmt: skip
    """Set (replace) the permissions of a member or partner on an asset ``owner`` owns."""
    asset = owned(store, owner, asset_id)
    if asset is None:
        raise not_found("Asset", asset_id)
    doc = {"asset_id": asset_id, "asset_type": asset["asset_type"], "grantee_type": grantee_type,
           "grantee_id": grantee_id, "permissions": list(dict.fromkeys(permissions))}  # fmt: skip
    return store.put("asset_grant", f"{owner}:{asset_id}:{grantee_type}:{grantee_id}", doc, parent=owner)


def revoke(store: Store, owner: str, grantee_type: str, grantee_id: str, asset_id: str) -> dict[str, Any] | None:
    key = f"{owner}:{asset_id}:{grantee_type}:{grantee_id}"
    doc = store.get("asset_grant", key)
    if doc is not None:
        store.delete("asset_grant", key)
    return doc


# -- what Pinterest creates: businesses, people, owned assets, partnerships ---------------------


def add_business(
    store: Store, name: str, *, username: str | None = None, admin: bool = True, at: float | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Store a business; with ``admin`` the token user is its BIZ_ADMIN (and its profile an asset)."""
    at = time.time() if at is None else at
    with store.transaction():  # a taken username stores nothing and uses up no id
        ident = store.next_id()
        doc = {"id": ident, "name": name, "username": username or name.lower().replace(" ", "_"), "email": None,
               "created_time": ms(at), **(extra or {})}  # fmt: skip
        store.put("business", ident, doc)
        add_asset(store, ident, ident, "PROFILE")
        if admin:
            add_member(store, ident, user=ME, role="BIZ_ADMIN", at=at)
    return doc


def add_member(
    store: Store, business_id: str, *, user: dict[str, Any] | None = None, role: str = "EMPLOYEE",
    system: bool = False, name: str | None = None, at: float | None = None, by: dict[str, Any] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Store a member (a new user unless ``user`` gives an id); ``system`` makes a system user."""
    at = time.time() if at is None else at
    person = {"id": None, "username": None, "email": None, **(user or {})}
    person["id"] = person["id"] or store.next_id()
    biz = store.get("business", business_id) or {"id": business_id}
    doc = {"id": person["id"], "user": person, "business_roles": [role], "created_time": ms(at),
           "created_by_user": by or ME, "created_by_business": summary(biz), "_system": system,
           "_parent": business_id}  # fmt: skip
    if name is not None:
        doc["_name"] = name
    return store.put("business_member", f"{business_id}:{person['id']}", doc, parent=business_id)


def add_asset(store: Store, business_id: str, asset_id: str, asset_type: str | None = None) -> dict[str, Any]:
    """Make ``asset_id`` (an ad account, catalog, profile or asset group in the store) owned by the business."""
    found = asset_type_of(store, asset_id)
    if found is None or (asset_type is not None and asset_type != found):
        raise ValueError(f"{asset_id} is not a stored {asset_type or 'asset'}")
    doc = {"asset_id": asset_id, "asset_type": found}
    return store.put("business_asset", f"{business_id}:{asset_id}", doc, parent=business_id)


def add_partnership(store: Store, owner: str, partner_id: str, at: float | None = None) -> None:
    """``partner_id`` may access ``owner``'s assets: INTERNAL on the owner's side, EXTERNAL on the partner's."""
    at = time.time() if at is None else at
    for side, other, kind in ((owner, partner_id, "INTERNAL"), (partner_id, owner, "EXTERNAL")):
        other_doc = store.get("business", other) or {"id": other}
        side_doc = store.get("business", side) or {"id": side}
        doc = {"id": other, "partner_type": kind, "user": summary(other_doc), "business_roles": ["PARTNER"],
               "is_shared_partner": kind == "EXTERNAL", "created_time": ms(at), "created_by_user": ME,
               "created_by_business": summary(side_doc if kind == "INTERNAL" else other_doc)}  # fmt: skip
        store.put("business_partner", f"{side}:{other}:{kind}", doc, parent=side)


def end_partnership(store: Store, owner: str, partner_id: str) -> None:
    """Undo ``add_partnership(owner, partner_id)`` and the grants that went with it."""
    store.delete("business_partner", f"{owner}:{partner_id}:INTERNAL")
    store.delete("business_partner", f"{partner_id}:{owner}:EXTERNAL")
    for doc in grants_to(store, owner, "PARTNER", partner_id):
        revoke(store, owner, "PARTNER", partner_id, doc["asset_id"])


# -- invites -----------------------------------------------------------------------------------


def invite_status(store: Store, doc: dict[str, Any], at: float) -> str:
    """A PENDING invite past its expiry becomes EXPIRED (stored, so every read agrees)."""
    if doc["status"] == "PENDING" and at * 1000 >= doc["invite_expiration"]:
        doc["status"] = "EXPIRED"
        doc["last_updated_time"] = doc["invite_expiration"]
        store.put("business_invite", doc["id"], doc, parent=doc["_parent"])
    return str(doc["status"])


def invite_base(doc: dict[str, Any], viewer: str | None) -> dict[str, Any]:
    """``BaseInviteDataResponse`` as seen by business ``viewer`` (None: by the token user)."""
    received = (viewer is not None and doc.get("_to_business") == viewer) or doc.get("_to_user") == USERNAME
    return {"id": doc["id"], "is_received_invite": received,
            "user": dict(doc["user"]),
            "invite_data": {"invite_expiration": doc["invite_expiration"], "invite_status": doc["status"],
                            "invite_type": doc["invite_type"], "last_updated_time": doc["last_updated_time"],
                            "sent_at": doc["sent_at"]}}  # fmt: skip


def invite_assets(doc: dict[str, Any]) -> dict[str, Any]:
    grants = [{"asset_id": a, "asset_type": t, "permissions": p} for a, (t, p) in doc.get("assets", {}).items()]
    return assets_summary(grants)


def recipient_ok(store: Store, doc: dict[str, Any]) -> bool:
    """The token user may answer an invite sent to it, or to a business it is a BIZ_ADMIN of."""
    if doc["invite_type"] == "MEMBER_INVITE":
        return doc.get("_to_user") == USERNAME
    return is_admin(store, str(doc.get("_to_business")))


def respond(store: Store, invite_id: str, accept: bool, *, grants: dict[str, list[str]] | None = None,
            at: float | None = None, user: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """Accept or decline invite ``invite_id`` as its recipient; raises ``ApiError`` per Pinterest's
    per-invite exceptions. Accepting a member invite makes the invitee (``user``, default: the
    person the invite names, a new user) a member with the invite's asset permissions; accepting
    a partner invite makes the recipient a partner of the sender, a partner request the sender a
    partner of the recipient, each with the permissions the invite carried or ``grants`` gives."""
    at = time.time() if at is None else at
    with store.transaction():  # an answer applies whole or not at all
        return _respond(store, invite_id, accept, grants, at, user)


def _respond(store: Store, invite_id: str, accept: bool, grants: dict[str, list[str]] | None, at: float,
             user: dict[str, Any] | None) -> dict[str, Any]:  # fmt: skip
    doc = store.get("business_invite", invite_id)
    if doc is None:
        raise not_found("Invite", invite_id)
    if invite_status(store, doc, at) != "PENDING":
        raise ApiError(409, "Business Invite request cannot be performed on current invitation status.")
    sender, kind = doc["_parent"], doc["invite_type"]
    chosen = {a: (t, p) for a, (t, p) in doc.get("assets", {}).items()}
    if grants and kind != "PARTNER_REQUEST":
        # Only a request's recipient owns the assets it answers about; an invitee cannot grant
        # itself permissions on the sender's assets (the sender attaches them to the invite).
        raise ApiError(400, "asset_id_to_permissions applies only when answering a PARTNER_REQUEST")
    for asset_id, permissions in (grants or {}).items():
        asset = owned(store, str(doc["_to_business"]), asset_id)
        if asset is None:
            raise ApiError(400, f"Asset {asset_id} is not owned by business {doc['_to_business']}")
        check_permissions(asset_id, asset["asset_type"], permissions, "asset_id_to_permissions")
        chosen[asset_id] = (asset["asset_type"], permissions)
    if accept:
        if kind == "MEMBER_INVITE":
            person = user or {"id": None, **doc["user"]}
            made = add_member(
                store, sender, user=person, role=doc["business_roles"][0], at=at, by=doc["created_by_user"]
            )
            for asset_id, (_, permissions) in chosen.items():
                grant(store, sender, "MEMBER", made["id"], asset_id, permissions)
        else:
            to = str(doc["_to_business"])
            owner, guest = (sender, to) if kind == "PARTNER_INVITE" else (to, sender)
            if partner(store, owner, guest, "INTERNAL") is None:
                add_partnership(store, owner, guest, at)
            for asset_id, (_, permissions) in chosen.items():
                grant(store, owner, "PARTNER", guest, asset_id, permissions)
    doc["status"] = "ACCEPTED" if accept else "DECLINED"
    doc["last_updated_time"] = ms(at)
    return store.put("business_invite", doc["id"], doc, parent=sender)


def grants_page(ctx: Context, grants: list[dict[str, Any]]) -> dict[str, Any]:
    """One page of a member's or partner's asset grants, as the asset-access lists answer them."""
    page = page_list(ctx, grants)
    page["items"] = [
        {"asset_id": g["asset_id"], "asset_type": g["asset_type"], "permissions": g["permissions"],
         "asset_group_info": group_info(ctx.store, g["asset_id"], g["asset_type"])}
        for g in page["items"]
    ]  # fmt: skip
    return page
