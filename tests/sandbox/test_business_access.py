"""Business access from stored state: members, partners, assets, asset groups, invites, system users,
brand accounts, employers and audience sharing. Every answer is validated against the spec by the
suite's fixture (tests/conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest

from pinterest_rest.sandbox import Sandbox
from pinterest_rest.sandbox.handlers import business_model as bm


@dataclass
class World:
    sb: Sandbox
    shop: str  # a business the token user administers, owning ``account``
    agency: str  # a second business the token user administers (for partnerships)
    account: str  # an ad account owned by ``shop``

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> tuple[int, Any]:
        pairs = [(k, str(x).lower() if isinstance(x, bool) else str(x)) for k, v in query.items()
                 for x in (v if isinstance(v, list) else [v])]  # fmt: skip
        url = "http://sandbox.local/v5" + path + ("?" + urlencode(pairs) if pairs else "")
        raw = b"" if body is None else json.dumps(body).encode()
        headers = {"authorization": "Bearer t", "content-type": "application/json"}
        reply = self.sb.app.handle(method, url, headers, raw)
        return reply.status, (json.loads(reply.body) if reply.body else None)

    def ok(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        status, answer = self.call(method, path, body, **query)
        assert status == 200, (status, answer)
        return answer


@pytest.fixture
def world() -> Iterator[World]:
    sb = Sandbox()
    account = sb.client().ad_accounts.create(name="Shop ads", country="US", owner_user_id="1").id
    shop = bm.add_business(sb.store, "Shop")["id"]
    agency = bm.add_business(sb.store, "Agency")["id"]
    bm.add_asset(sb.store, shop, account, "AD_ACCOUNT")
    yield World(sb, shop, agency, account)
    sb.close()


def _invite_member(w: World, who: str, role: str = "EMPLOYEE") -> str:
    answer = w.ok("POST", f"/businesses/{w.shop}/invites",
                  {"invite_type": "MEMBER_INVITE", "business_role": role, "members": [who]})  # fmt: skip
    return str(answer["items"][0]["invite"]["id"])


# -- members -----------------------------------------------------------------------------------


def test_member_round_trip_invite_accept_list_update_permissions_delete(world: World) -> None:
    w = world
    invite = _invite_member(w, "alex@example.com")
    listed = w.ok("GET", f"/businesses/{w.shop}/invites")["items"]
    assert [(i["id"], i["invite_data"]["invite_status"], i["is_received_invite"]) for i in listed] == [
        (invite, "PENDING", False)
    ]
    # The asset invite attaches permissions the new member gets on accepting.
    attached = w.ok("POST", f"/businesses/{w.shop}/invites/assets/access", {"invites": [
        {"invite_id": invite, "invite_type": "MEMBER_INVITE", "asset_id_to_permissions": {w.account: ["ANALYST"]}}]})  # fmt: skip
    assert attached["items"][0]["invite"]["id"] == invite
    # The token user sent it, so it is not the token user's to accept.
    refused = w.ok(
        "PATCH", "/businesses/invites", {"invites": [{"invite_id": invite, "action": {"accept_invite": True}}]}
    )
    assert refused["items"][0]["exception"]["code"] == 403
    # The invitee accepts (in Pinterest's UI; in the sandbox, business_model.respond).
    bm.respond(w.sb.store, invite, True)
    members = w.ok("GET", f"/businesses/{w.shop}/members", assets_summary=True)["items"]
    alex = next(m for m in members if m["user"]["email"] == "alex@example.com")
    assert alex["business_roles"] == ["EMPLOYEE"]
    assert alex["assets_summary"]["ad_accounts"] == [{"id": w.account, "permissions": ["ANALYST"]}]
    assert w.ok("GET", f"/businesses/{w.shop}/invites")["items"] == []  # accepted: no longer pending

    # Permissions: replace, then read back from both sides.
    w.ok("PATCH", f"/businesses/{w.shop}/members/assets/access",
         {"accesses": [{"member_id": alex["id"], "asset_id": w.account, "permissions": ["CAMPAIGN_MANAGER", "ANALYST"]}]})  # fmt: skip
    assets = w.ok("GET", f"/businesses/{w.shop}/members/{alex['id']}/assets")["items"]
    assert assets == [{"asset_id": w.account, "asset_type": "AD_ACCOUNT", "permissions": ["CAMPAIGN_MANAGER", "ANALYST"],
                       "asset_group_info": None}]  # fmt: skip
    holders = w.ok("GET", f"/businesses/{w.shop}/assets/{w.account}/members")["items"]
    assert [(h["user"]["id"], h["permissions"]) for h in holders] == [(alex["id"], ["CAMPAIGN_MANAGER", "ANALYST"])]

    # Role update, filters.
    w.ok("PATCH", f"/businesses/{w.shop}/members", [{"member_id": alex["id"], "business_role": "BIZ_ADMIN"}])
    admins = w.ok("GET", f"/businesses/{w.shop}/members", business_roles=["BIZ_ADMIN"])["items"]
    assert sorted(m["id"] for m in admins) == sorted([alex["id"], "1"])
    only = w.ok("GET", f"/businesses/{w.shop}/members", member_ids=alex["id"])["items"]
    assert [m["id"] for m in only] == [alex["id"]]

    # Remove the access, then the member; both are gone.
    gone = w.ok("DELETE", f"/businesses/{w.shop}/members/assets/access",
                {"accesses": [{"member_id": alex["id"], "asset_id": w.account}]})  # fmt: skip
    assert gone["items"] == [{"asset_id": w.account, "member_id": alex["id"]}]
    assert w.ok("GET", f"/businesses/{w.shop}/members/{alex['id']}/assets")["items"] == []
    deleted = w.ok("DELETE", f"/businesses/{w.shop}/members",
                   {"members": [{"member_id": alex["id"], "business_role": "BIZ_ADMIN"}]})  # fmt: skip
    assert deleted == {"deleted_members": [alex["id"]]}
    status, error = w.call("GET", f"/businesses/{w.shop}/members/{alex['id']}/assets")
    assert status == 404 and alex["id"] in error["message"]


def test_member_invite_to_the_token_user_is_accepted_by_it(world: World) -> None:
    w = world
    other = bm.add_business(w.sb.store, "Other", admin=False)["id"]
    # Another business invites the token user (stored directly: its admin is not the token user).
    invite = w.sb.store.put("business_invite", "77", {
        "id": "77", "invite_type": "MEMBER_INVITE", "business_roles": ["EMPLOYEE"], "status": "PENDING",
        "sent_at": 1, "created_time": 1, "last_updated_time": 1, "invite_expiration": 10**13, "assets": {},
        "created_by_user": {"id": "5", "username": "boss", "email": None}, "created_by_business": {"id": other},
        "user": {"id": None, "username": "sandbox_user", "email": None}, "_to_user": "sandbox_user", "_parent": other,
    }, parent=other)  # fmt: skip
    received = w.ok("GET", f"/businesses/{w.shop}/invites")["items"]
    assert [(i["id"], i["is_received_invite"]) for i in received] == [(invite["id"], True)]
    answer = w.ok("PATCH", "/businesses/invites", {"invites": [{"invite_id": "77", "action": {"accept_invite": True}}]})
    assert answer["items"][0]["invite"]["invite_data"]["invite_status"] == "ACCEPTED"
    employers = w.ok("GET", "/businesses/employers")["items"]
    assert {e["id"]: e["business_roles"] for e in employers} == {
        w.shop: ["BIZ_ADMIN"],
        w.agency: ["BIZ_ADMIN"],
        other: ["EMPLOYEE"],
    }
    # An EMPLOYEE may not manage the business.
    status, _ = w.call("GET", f"/businesses/{other}/members")
    assert status == 403
    linked = w.ok("GET", "/user_account/businesses")
    assert {b["username"] for b in linked} == {"shop", "agency", "other"}


def test_decline_cancel_and_expiry_move_the_invite_status(world: World) -> None:
    w = world
    first, second, third = (_invite_member(w, name) for name in ("a@example.com", "b@example.com", "c@example.com"))
    bm.respond(w.sb.store, first, False)
    cancelled = w.ok("DELETE", f"/businesses/{w.shop}/invites", {"invite_ids": [second, "999"]})["items"]
    assert cancelled[0]["invite"]["invite_data"]["invite_status"] == "CANCELLED"
    assert cancelled[1]["exception"]["invite_id"] == "999"
    again = w.ok("DELETE", f"/businesses/{w.shop}/invites", {"invite_ids": [second]})["items"]
    assert "invitation status" in again[0]["exception"]["message"]
    assert [i["id"] for i in w.ok("GET", f"/businesses/{w.shop}/invites")["items"]] == [third]
    w.sb.clock.advance(bm.INVITE_TTL + 1)
    expired = w.ok("GET", f"/businesses/{w.shop}/invites", invite_status=["EXPIRED"])["items"]
    assert [(i["id"], i["invite_data"]["invite_status"]) for i in expired] == [(third, "EXPIRED")]
    assert w.ok("GET", f"/businesses/{w.shop}/invites", invite_status=["PENDING"])["items"] == []
    with pytest.raises(Exception, match="invitation status"):
        bm.respond(w.sb.store, third, True, at=w.sb.clock.now())


def test_member_invite_rules(world: World) -> None:
    w = world
    status, error = w.call("POST", f"/businesses/{w.shop}/invites",
                           {"invite_type": "MEMBER_INVITE", "business_role": "PARTNER", "members": ["x"]})  # fmt: skip
    assert status == 400 and "business_role" in error["message"]
    status, error = w.call(
        "POST", f"/businesses/{w.shop}/invites", {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE"}
    )
    assert status == 400 and "members" in error["message"]
    _invite_member(w, "dup")
    twice = w.ok("POST", f"/businesses/{w.shop}/invites",
                 {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE", "members": ["dup", "sandbox_user"]})  # fmt: skip
    assert [i["exception"]["users_or_partner_ids"] for i in twice["items"]] == [["dup"], ["sandbox_user"]]


# -- partners ----------------------------------------------------------------------------------


def test_partner_round_trip_invite_accept_grant_list_revoke_delete(world: World) -> None:
    w = world
    sent = w.ok("POST", f"/businesses/{w.shop}/invites",
                {"invite_type": "PARTNER_INVITE", "business_role": "PARTNER", "partners": [w.agency, "424242"]})  # fmt: skip
    invite = sent["items"][0]["invite"]["id"]
    assert sent["items"][1]["exception"]["code"] == 404
    # The shop attaches an asset to its invite; the agency (administered by the token user too)
    # received it, may not grant itself more, and accepts.
    w.ok("POST", f"/businesses/{w.shop}/invites/assets/access", {"invites": [
        {"invite_id": invite, "invite_type": "PARTNER_INVITE", "asset_id_to_permissions": {w.account: ["ANALYST"]}}]})  # fmt: skip
    received = w.ok("GET", f"/businesses/{w.agency}/invites", is_member=False)["items"]
    assert [(i["id"], i["is_received_invite"]) for i in received] == [(invite, True)]
    assert received[0]["assets_summary"]["ad_accounts"] == [{"id": w.account, "permissions": ["ANALYST"]}]
    sent_side = w.ok("GET", f"/businesses/{w.shop}/invites", is_member=False, invite_type="PARTNER_INVITE")["items"]
    assert [(i["id"], i["is_received_invite"]) for i in sent_side] == [(invite, False)]
    assert w.ok("GET", f"/businesses/{w.shop}/invites", is_member=False, invite_type="PARTNER_REQUEST")["items"] == []
    greedy = w.ok("PATCH", "/businesses/invites", {"invites": [
        {"invite_id": invite, "action": {"accept_invite": True, "asset_id_to_permissions": {w.account: ["ADMIN"]}}}]})  # fmt: skip
    assert greedy["items"][0]["exception"]["code"] == 400
    accepted = w.ok(
        "PATCH", "/businesses/invites", {"invites": [{"invite_id": invite, "action": {"accept_invite": True}}]}
    )
    assert accepted["items"][0]["invite"]["invite_data"]["invite_status"] == "ACCEPTED"

    internal = w.ok("GET", f"/businesses/{w.shop}/partners", partner_type="INTERNAL", assets_summary=True)["items"]
    assert [(p["id"], p["is_shared_partner"]) for p in internal] == [(w.agency, False)]
    assert internal[0]["assets_summary"]["ad_accounts"] == [{"id": w.account, "permissions": ["ANALYST"]}]
    external = w.ok("GET", f"/businesses/{w.agency}/partners", partner_type="EXTERNAL")["items"]
    assert [(p["id"], p["is_shared_partner"]) for p in external] == [(w.shop, True)]
    assert w.ok("GET", f"/businesses/{w.agency}/partners", partner_type="INTERNAL")["items"] == []

    # Update permissions: visible to both sides and in the asset's partner list.
    w.ok("PATCH", f"/businesses/{w.shop}/partners/assets",
         {"accesses": [{"partner_id": w.agency, "asset_id": w.account, "permissions": ["CAMPAIGN_MANAGER"]}]})  # fmt: skip
    ours = w.ok("GET", f"/businesses/{w.shop}/partners/{w.agency}/assets")["items"]
    assert [(a["asset_id"], a["permissions"]) for a in ours] == [(w.account, ["CAMPAIGN_MANAGER"])]
    theirs = w.ok("GET", f"/businesses/{w.agency}/partners/{w.shop}/assets", partner_type="EXTERNAL")["items"]
    assert [(a["asset_id"], a["permissions"]) for a in theirs] == [(w.account, ["CAMPAIGN_MANAGER"])]
    holders = w.ok("GET", f"/businesses/{w.shop}/assets/{w.account}/partners")["items"]
    assert [(h["user"]["id"], h["permissions"]) for h in holders] == [(w.agency, ["CAMPAIGN_MANAGER"])]
    # The agency reaches the shop's ad account through the partnership.
    reach = w.ok("GET", f"/businesses/{w.agency}/assets", permissions=["CAMPAIGN_MANAGER"])["items"]
    assert [a["asset_id"] for a in reach] == [w.account]
    assert w.ok("GET", f"/businesses/{w.agency}/assets", permissions=["OWNER"])["items"] == []

    # The agency gives up its access (EXTERNAL), then the shop ends the partnership.
    dropped = w.ok("DELETE", f"/businesses/{w.agency}/partners/assets",
                   {"accesses": [{"partner_id": w.shop, "asset_id": w.account, "partner_type": "EXTERNAL"}]})  # fmt: skip
    assert dropped["items"][0]["is_shared_partner"] is True
    assert w.ok("GET", f"/businesses/{w.shop}/partners/{w.agency}/assets")["items"] == []
    assert w.ok(
        "DELETE", f"/businesses/{w.shop}/partners", {"partner_ids": [w.agency], "partner_type": "INTERNAL"}
    ) == {"deleted_partners": [w.agency]}
    assert w.ok("GET", f"/businesses/{w.shop}/partners")["items"] == []
    assert w.ok("GET", f"/businesses/{w.agency}/partners")["items"] == []
    status, _ = w.call("DELETE", f"/businesses/{w.shop}/partners", {"partner_ids": [w.agency]})
    assert status == 404


def test_partner_request_and_asset_access_request(world: World) -> None:
    w = world
    # The agency asks to become a partner of the shop (to reach the shop's assets).
    sent = w.ok("POST", f"/businesses/{w.agency}/invites",
                {"invite_type": "PARTNER_REQUEST", "business_role": "PARTNER", "partners": [w.shop]})  # fmt: skip
    request = sent["items"][0]["invite"]["id"]
    w.ok("PATCH", "/businesses/invites", {"invites": [{"invite_id": request, "action": {"accept_invite": True}}]})
    assert [p["id"] for p in w.ok("GET", f"/businesses/{w.shop}/partners", partner_type="INTERNAL")["items"]] == [
        w.agency
    ]
    # Now an asset access request to the existing partner; the shop grants it by accepting.
    asked = w.ok("POST", f"/businesses/{w.agency}/requests/assets/access",
                 {"asset_requests": [{"partner_id": w.shop, "asset_id_to_permissions": {w.account: ["ANALYST"]}},
                                     {"partner_id": "424242", "asset_id_to_permissions": {w.account: ["ANALYST"]}}]})  # fmt: skip
    assert asked["exceptions"][0]["code"] == 404
    w.ok("PATCH", "/businesses/invites",
         {"invites": [{"invite_id": asked["invites"][w.shop], "action": {"accept_invite": True}}]})  # fmt: skip
    theirs = w.ok("GET", f"/businesses/{w.agency}/partners/{w.shop}/assets", partner_type="EXTERNAL")["items"]
    assert [(a["asset_id"], a["permissions"]) for a in theirs] == [(w.account, ["ANALYST"])]


# -- assets and asset groups -------------------------------------------------------------------


def test_asset_group_round_trip(world: World) -> None:
    w = world
    made = w.ok("POST", f"/businesses/{w.shop}/asset_groups",
                {"asset_group_name": "Canada", "asset_group_description": "CA accounts", "asset_group_types": ["BRAND"]})  # fmt: skip
    group = made["asset_group"]["id"]
    assert made["asset_group"]["ad_accounts_ids"] == [] and made["asset_group"]["owner"]["id"] == w.shop
    listed = w.ok("GET", f"/businesses/{w.shop}/assets", asset_type="ASSET_GROUP")["items"]
    assert [(a["asset_id"], a["asset_group_info"]["asset_group_name"]) for a in listed] == [(group, "Canada")]
    updated = w.ok("PATCH", f"/businesses/{w.shop}/asset_groups", {"asset_groups_to_update": [
        {"asset_group_id": group, "name": "Canada West", "assets_to_add": [w.account]},
        {"asset_group_id": "31337", "name": "nope"}]})  # fmt: skip
    assert updated["updated_asset_groups"][0]["ad_accounts_ids"] == [w.account]
    assert updated["updated_asset_groups"][0]["asset_group_name"] == "Canada West"
    assert updated["exceptions"][0]["asset_group_id"] == "31337"
    inside = w.ok("GET", f"/businesses/{w.shop}/assets", asset_group_id=group)["items"]
    assert [a["asset_id"] for a in inside] == [w.account]
    containing = w.ok("GET", f"/businesses/{w.shop}/assets", asset_type="ASSET_GROUP", child_asset_id=w.account)
    assert [a["asset_id"] for a in containing["items"]] == [group]
    bad = w.ok("PATCH", f"/businesses/{w.shop}/asset_groups",
               {"asset_groups_to_update": [{"asset_group_id": group, "assets_to_add": ["123"]}]})  # fmt: skip
    assert bad["exceptions"][0]["code"] == 400
    deleted = w.ok("DELETE", f"/businesses/{w.shop}/asset_groups", {"asset_groups_to_delete": [group, group]})
    assert deleted["deleted_asset_groups"] == [group] and deleted["exceptions"][0]["code"] == 404
    assert w.ok("GET", f"/businesses/{w.shop}/assets", asset_type="ASSET_GROUP")["items"] == []


def test_assets_list_filters_by_type_and_permission(world: World) -> None:
    w = world
    ad_accounts = w.ok("GET", f"/businesses/{w.shop}/assets")["items"]  # asset_type defaults to AD_ACCOUNT
    assert ad_accounts == [{"asset_id": w.account, "asset_type": "AD_ACCOUNT", "asset_group_info": None,
                            "catalog_info": None}]  # fmt: skip
    profiles = w.ok("GET", f"/businesses/{w.shop}/assets", asset_type="PROFILE")["items"]
    assert [a["asset_id"] for a in profiles] == [w.shop]
    assert w.ok("GET", f"/businesses/{w.shop}/assets", permissions=["ANALYST"])["items"] == []


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/businesses/{x}/members"), ("GET", "/businesses/{x}/partners"), ("GET", "/businesses/{x}/invites"),
     ("GET", "/businesses/{x}/assets"), ("GET", "/businesses/{x}/audiences")],
)  # fmt: skip
def test_unknown_business_is_404(world: World, method: str, path: str) -> None:
    status, error = world.call(method, path.replace("{x}", "8888"))
    assert status == 404 and "Business not found: 8888" in error["message"]


def test_unknown_member_partner_and_asset_are_404(world: World) -> None:
    w = world
    for path in (f"/businesses/{w.shop}/members/8888/assets", f"/businesses/{w.shop}/partners/8888/assets",
                 f"/businesses/{w.shop}/assets/8888/members", f"/businesses/{w.shop}/assets/8888/partners"):  # fmt: skip
        status, error = w.call("GET", path)
        assert status == 404 and "8888" in error["message"], path
    status, error = w.call(
        "PATCH", f"/businesses/{w.shop}/members", [{"member_id": "8888", "business_role": "EMPLOYEE"}]
    )
    assert status == 404 and "Member not found: 8888" in error["message"]
    status, error = w.call("PATCH", f"/businesses/{w.shop}/partners/assets",
                           {"accesses": [{"partner_id": "8888", "asset_id": w.account, "permissions": ["ADMIN"]}]})  # fmt: skip
    assert status == 404 and "Partner not found" in error["message"]


def test_bad_input_is_400_naming_the_field(world: World) -> None:
    w = world
    status, error = w.call("PATCH", f"/businesses/{w.shop}/members/assets/access",
                           {"accesses": [{"member_id": "1", "asset_id": w.account, "permissions": ["OWNER"]}]})  # fmt: skip
    assert status == 400 and "permissions" in error["message"]
    status, error = w.call("PATCH", f"/businesses/{w.shop}/members/assets/access",
                           {"accesses": [{"member_id": "1", "asset_id": w.account, "permissions": ["PROFILE_PUBLISHER"]}]})  # fmt: skip
    assert status == 400 and "accesses[0].permissions" in error["message"]
    status, error = w.call("PATCH", f"/businesses/{w.shop}/members", [{"member_id": "1", "business_role": "OWNER"}])
    assert status == 400 and "business_role" in error["message"]


# -- system users, brand accounts --------------------------------------------------------------


def test_system_user_update(world: World) -> None:
    w = world
    bot = bm.add_member(w.sb.store, w.shop, user={"username": "reporting_bot"}, system=True, name="Reports")
    assert [m["id"] for m in w.ok("GET", f"/businesses/{w.shop}/members", fetch_system_users=True)["items"]] == [
        bot["id"]
    ]
    assert bot["id"] not in [m["id"] for m in w.ok("GET", f"/businesses/{w.shop}/members")["items"]]
    status, _ = w.call("PATCH", f"/businesses/{w.shop}/system_users/{bot['id']}", {"name": "Billing API"})
    assert status == 200
    assert w.sb.store.get("business_member", f"{w.shop}:{bot['id']}")["_name"] == "Billing API"
    status, _ = w.call("PATCH", f"/businesses/{w.shop}/system_users/1", {"name": "x"})  # a person, not a system user
    assert status == 404


def test_brand_accounts_create_update(world: World) -> None:
    w = world
    made = w.ok("POST", f"/business_access/business_hierarchy/{w.shop}/brand_accounts",
                {"name": "Canada Stores", "username": "canada_stores", "country": "CA"})  # fmt: skip
    brand = made["brand_account_id"]
    assert w.sb.store.get("business", brand)["country"] == "CA"
    w.ok("PATCH", f"/business_access/business_hierarchy/{w.shop}/brand_accounts/{brand}", {"about": "Stores"})
    assert w.sb.store.get("business", brand)["about"] == "Stores"
    assert brand in {e["id"] for e in w.ok("GET", "/businesses/employers")["items"]}
    status, error = w.call(
        "PATCH", f"/business_access/business_hierarchy/{w.shop}/brand_accounts/{w.agency}", {"about": "x"}
    )
    assert (status, error["message"]) == (409, "This account is not a brand account.")
    status, _ = w.call("PATCH", f"/business_access/business_hierarchy/{w.shop}/brand_accounts/8888", {"about": "x"})
    assert status == 404


# -- audiences ---------------------------------------------------------------------------------


def test_audience_sharing_from_a_business(world: World) -> None:
    w = world
    client = w.sb.client()
    audience = client.audiences.create(w.account, name="Buyers", rule={"country": "US"}, audience_type="VISITOR").id
    second = client.ad_accounts.create(name="Second", country="US", owner_user_id="1").id
    bm.add_asset(w.sb.store, w.shop, second, "AD_ACCOUNT")
    shared = w.ok("PATCH", f"/businesses/{w.shop}/audiences/ad_accounts/shared",
                  {"audience_id": audience, "operation_type": "SHARE", "recipient_account_ids": [second]})  # fmt: skip
    assert shared["recipient_account_ids"] == [second]
    status, error = w.call("PATCH", f"/businesses/{w.shop}/audiences/ad_accounts/shared",
                           {"audience_id": audience, "operation_type": "SHARE", "recipient_account_ids": ["8888"]})  # fmt: skip
    assert status == 400 and "recipient_account_ids[0]" in error["message"]
    w.ok("PATCH", f"/businesses/{w.shop}/audiences/businesses/shared",
         {"audience_id": audience, "operation_type": "SHARE", "recipient_business_ids": [w.agency]})  # fmt: skip
    received = w.ok("GET", f"/businesses/{w.agency}/audiences")["items"]
    assert [a["id"] for a in received] == [audience]
    holders = w.ok(
        "GET", f"/businesses/{w.shop}/audiences/shared/accounts", audience_id=audience, account_type="AD_ACCOUNT"
    )
    assert [h["account_id"] for h in holders["items"]] == [second]
    businesses = w.ok("GET", f"/businesses/{w.shop}/audiences/shared/accounts", audience_id=audience,
                      account_type="BUSINESS_ACCOUNT")["items"]  # fmt: skip
    assert [(h["account_id"], h["account_name"]) for h in businesses] == [(w.agency, "Agency")]
    # The recipient cannot pass it on to businesses; revoking removes it.
    status, error = w.call("PATCH", f"/businesses/{w.agency}/audiences/businesses/shared",
                           {"audience_id": audience, "operation_type": "SHARE", "recipient_business_ids": [w.shop]})  # fmt: skip
    assert status == 400 and "audience_id" in error["message"]
    w.ok("PATCH", f"/businesses/{w.shop}/audiences/businesses/shared",
         {"audience_id": audience, "operation_type": "REVOKE", "recipient_business_ids": [w.agency]})  # fmt: skip
    assert w.ok("GET", f"/businesses/{w.agency}/audiences")["items"] == []
    status, _ = w.call(
        "GET", f"/businesses/{w.agency}/audiences/shared/accounts", audience_id=audience, account_type="AD_ACCOUNT"
    )
    assert status == 404


def test_demo_seed_has_a_usable_business() -> None:
    with Sandbox(seed="demo") as sb:
        w = World(sb, "", "", "")
        employers = w.ok("GET", "/businesses/employers")["items"]
        assert employers
        biz = employers[0]["id"]
        accounts = w.ok("GET", f"/businesses/{biz}/assets")["items"]
        assert [a["asset_id"] for a in accounts] == [a["id"] for a in sb.client().ad_accounts.list().items]
        assert w.ok("GET", f"/businesses/{biz}/members", fetch_system_users=True)["items"]


def test_partner_and_asset_lists_page_and_filter(world: World) -> None:
    w = world
    others = [bm.add_business(w.sb.store, f"Partner {n}", admin=False)["id"] for n in range(3)]
    for other in others:
        bm.add_partnership(w.sb.store, w.shop, other)
    page = w.ok("GET", f"/businesses/{w.shop}/partners", page_size=2)
    assert [p["id"] for p in page["items"]] == others[:2] and page["bookmark"]
    rest = w.ok("GET", f"/businesses/{w.shop}/partners", page_size=2, bookmark=page["bookmark"])
    assert [p["id"] for p in rest["items"]] == others[2:] and rest["bookmark"] is None
    assert [p["id"] for p in w.ok("GET", f"/businesses/{w.shop}/partners", start_index=1)["items"]] == others[1:]
    picked = w.ok("GET", f"/businesses/{w.shop}/partners", partner_ids=f"{others[2]},{others[0]}")["items"]
    assert [p["id"] for p in picked] == [others[0], others[2]]
    # A catalog asset answers its catalog_info; an asset a partner shared with us has no partners of ours.
    catalog = w.sb.client().catalogs.create(name="Shop catalog", catalog_type="RETAIL").id
    bm.add_asset(w.sb.store, others[0], catalog, "CATALOG")
    bm.add_asset(w.sb.store, w.shop, catalog, "CATALOG")
    listed = w.ok("GET", f"/businesses/{w.shop}/assets", asset_type="CATALOG")["items"]
    assert listed[0]["catalog_info"] == {"id": catalog, "name": "Shop catalog", "catalog_type": "RETAIL"}
    theirs = bm.add_business(w.sb.store, "Lender", admin=False)["id"]
    lent = w.sb.client().ad_accounts.create(name="Lent", country="US", owner_user_id="1").id
    bm.add_asset(w.sb.store, theirs, lent, "AD_ACCOUNT")
    bm.add_partnership(w.sb.store, theirs, w.shop)
    bm.grant(w.sb.store, theirs, "PARTNER", w.shop, lent, ["ANALYST"])
    assert {a["asset_id"] for a in w.ok("GET", f"/businesses/{w.shop}/assets")["items"]} == {w.account, lent}
    assert w.ok("GET", f"/businesses/{w.shop}/assets/{lent}/partners")["items"] == []


def test_brand_username_is_unique(world: World) -> None:
    w = world
    path = f"/business_access/business_hierarchy/{w.shop}/brand_accounts"
    status, error = w.call("POST", path, {"name": "Again", "username": "agency", "country": "CA"})
    assert status == 409 and "(field: username)" in error["message"]
    status, _ = w.call("POST", path, {"name": "Me", "username": "sandbox_user", "country": "CA"})
    assert status == 409


def test_an_ad_account_share_with_a_business_is_received_by_it(world: World) -> None:
    w = world
    audience = (
        w.sb.client().audiences.create(w.account, name="Fans", rule={"country": "US"}, audience_type="VISITOR").id
    )
    w.ok("PATCH", f"/ad_accounts/{w.account}/audiences/businesses/shared",
         {"audience_id": audience, "operation_type": "SHARE", "recipient_business_ids": [w.agency]})  # fmt: skip
    assert [a["id"] for a in w.ok("GET", f"/businesses/{w.agency}/audiences")["items"]] == [audience]


def test_concurrent_invites_to_one_person_store_one(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check (no pending invite to them) and insert happen in one transaction: with the check
    slowed down, racing requests would otherwise all pass it."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from pinterest_rest.sandbox.handlers import business_invites

    checked = business_invites._pending_to

    def slow(*args: Any) -> bool:
        found = checked(*args)
        time.sleep(0.002)  # lets the other threads run between check and insert
        return found

    monkeypatch.setattr(business_invites, "_pending_to", slow)
    w = world
    body = {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE", "members": ["same@example.com"]}
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: w.ok("POST", f"/businesses/{w.shop}/invites", body), range(32)))
    made = [a["items"][0] for a in answers if "invite" in a["items"][0]]
    assert len(made) == 1
    assert len(w.ok("GET", f"/businesses/{w.shop}/invites")["items"]) == 1


def test_a_received_partner_invite_declined_makes_no_partnership(world: World) -> None:
    w = world
    sent = w.ok("POST", f"/businesses/{w.agency}/invites",
                {"invite_type": "PARTNER_INVITE", "business_role": "PARTNER", "partners": [w.shop]})  # fmt: skip
    invite = sent["items"][0]["invite"]["id"]
    declined = w.ok(
        "PATCH", "/businesses/invites", {"invites": [{"invite_id": invite, "action": {"accept_invite": False}}]}
    )
    assert declined["items"][0]["invite"]["invite_data"]["invite_status"] == "DECLINED"
    assert declined["items"][0]["invite"]["is_received_invite"] is True
    assert w.ok("GET", f"/businesses/{w.shop}/partners")["items"] == []
    assert w.ok("GET", f"/businesses/{w.agency}/partners")["items"] == []
    again = w.ok(
        "PATCH", "/businesses/invites", {"invites": [{"invite_id": invite, "action": {"accept_invite": True}}]}
    )
    assert again["items"][0]["exception"]["code"] == 409
    unknown = w.ok(
        "PATCH", "/businesses/invites", {"invites": [{"invite_id": "4040", "action": {"accept_invite": True}}]}
    )
    assert unknown["items"][0]["exception"]["code"] == 404


def test_the_client_drives_the_family_sync_and_async() -> None:
    """Through the SDK's own methods: the demo business, an invite, a permission, paging."""
    import asyncio

    with Sandbox(seed="demo") as sb:
        client = sb.client()
        biz = next(iter(client.business_relationships.list_employers())).id
        account = next(iter(client.business_assets.list(biz))).asset_id
        made = client.business_invites.create(biz, invite_type="MEMBER_INVITE", business_role="EMPLOYEE",
                                              members=["sam@example.com"])  # fmt: skip
        invite = made.items[0].invite.id
        bm.respond(sb.store, invite, True)
        sam = next(m for m in client.business_relationships.list_members(biz) if m.user.email == "sam@example.com")
        client.business_assets.update_member_access(
            biz, accesses=[{"member_id": sam.id, "asset_id": account, "permissions": ["ANALYST"]}]
        )
        assert [a.permissions for a in client.business_assets.list_member_assets(biz, sam.id)] == [["ANALYST"]]

        async def read() -> list[str]:
            aclient = sb.async_client()
            return [m.id async for m in aclient.business_relationships.list_members(biz, page_size=1)]

        assert asyncio.run(read()) == ["1", sam.id]  # two pages of one
