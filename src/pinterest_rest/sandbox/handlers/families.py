"""Resource families whose verbs do not all fit ``crud.object_kind``: lead forms and their test
leads, lead-ads subscriptions, ads-credit promotions, targeting templates, labels and commerce
integrations. Each keeps exactly what was sent plus what the server sets (``build``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import not_found
from ._helpers import USER_ID, account, batch_error, batch_ok, build, require, spec_filter, stamp, view
from .crud import object_kind

Handler = Callable[[Context], Any]


def batch_family(
    kind: str, model: str, *, create: str, update: str, wrap: str = "items", one: str = "exceptions"
) -> dict[str, Handler]:
    """Pinterest's array-in, per-item-out create and update (``{"items": [{data, exceptions}]}``)."""

    def item_ok(doc: dict[str, Any]) -> dict[str, Any]:
        return batch_ok(doc) if one == "exceptions" else {"data": view(doc)}

    def item_error(code: int, message: str) -> dict[str, Any]:
        return batch_error(code, message) if one == "exceptions" else {"exception": {"code": code, "message": message}}

    def do_create(ctx: Context) -> dict[str, Any]:
        account_id = str(account(ctx)["id"])
        out = []
        for entry in ctx.body or []:
            at = ctx.now()
            server = {"id": ctx.store.next_id(), "ad_account_id": account_id}
            server |= {f: stamp(model, f, at) for f in ("created_time", "updated_time")}
            doc = build(model, entry, server)
            ctx.store.put(kind, doc["id"], {**doc, "_parent": account_id}, parent=account_id)
            out.append(item_ok(doc))
        return {wrap: out}

    def do_update(ctx: Context) -> dict[str, Any]:
        account_id = str(account(ctx)["id"])
        out = []
        for entry in ctx.body or []:
            stored = ctx.store.get(kind, str(entry.get("id")))
            if stored is None or stored.get("_parent") != account_id:
                out.append(item_error(404, f"{kind.replace('_', ' ')} {entry.get('id')} not found"))
                continue
            keep = {
                "id": stored["id"],
                "ad_account_id": account_id,
                "updated_time": stamp(model, "updated_time", ctx.now()),
            }
            doc = build(model, {**view(stored), **entry}, keep)
            ctx.store.put(kind, doc["id"], {**doc, "_parent": account_id}, parent=account_id)
            out.append(item_ok(doc))
        return {wrap: out}

    return {create: do_create, update: do_update}


def lead_form_test(ctx: Context) -> dict[str, Any]:
    """Store a test lead for the form; answer the subscription that receives it."""
    account_id = str(account(ctx)["id"])
    form = require(ctx, "lead_form", ctx.path["lead_form_id"], "Lead form", account_id)
    subscriptions = [
        s for s in ctx.store.list("lead_subscription", account_id) if s.get("lead_form_id") in (form["id"], None)
    ]
    if not subscriptions:
        raise not_found("Lead subscription for lead form", form["id"])
    ident = ctx.store.next_id()
    lead = {"id": ident, "lead_form_id": form["id"], "answers": list((ctx.body or {}).get("answers", [])),
            "created_date": date.fromtimestamp(ctx.now()).isoformat(), "_parent": account_id}  # fmt: skip
    ctx.store.put("lead", ident, lead, parent=account_id)
    return {"subscription_id": subscriptions[0]["id"]}


def subscription_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    if body.get("lead_form_id"):
        require(ctx, "lead_form", str(body["lead_form_id"]), "Lead form", str(account(ctx)["id"]))
    # Pinterest answers created_time in milliseconds here; secrets sent are never answered back.
    return {"created_time": int(ctx.now() * 1000), "user_account_id": USER_ID, "api_version": "v5",
            "cryptographic_algorithm": None, "cryptographic_key": None}  # fmt: skip


def template_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    return {"status": "ACTIVE", "valid": True}


def template_search(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    text = str(ctx.query.get("search_query") or "").lower()
    return ctx.page("targeting_template", account_id, lambda d: text in str(d.get("name", "")).lower(), view)


def template_update(ctx: Context) -> tuple[int, None]:
    """UPDATE replaces the targeting attributes; REMOVE deletes the template (the spec's two modes)."""
    account_id = str(account(ctx)["id"])
    body = ctx.body or {}
    doc = require(ctx, "targeting_template", str(body.get("id")), "Targeting template", account_id)
    if body.get("operation_type") == "REMOVE":
        ctx.store.delete("targeting_template", doc["id"])
    else:
        if "targeting_attributes" in body:
            doc["targeting_attributes"] = body["targeting_attributes"]
        doc["updated_time"] = stamp("TargetingTemplateGetResponseData", "updated_time", ctx.now())
        ctx.store.put("targeting_template", doc["id"], doc, parent=account_id)
    return 200, None


# -- labels: {"labels": [...], "errors": [...]} on campaigns -----------------------------------


def labels_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    body = ctx.body or {}
    parent = str(body.get("parent_id", "")).removeprefix("C")
    campaign = ctx.store.get("campaign", parent)
    if campaign is None or campaign.get("ad_account_id") != account_id:
        return {"labels": [], "errors": [{"data": entry, "error_messages": [f"campaign {parent} not found"]}
                                          for entry in body.get("labels", [])]}  # fmt: skip
    made = []
    for entry in body.get("labels", []):
        ident = ctx.store.next_id()
        doc = {"id": ident, "value": entry.get("value"), "label_type": entry.get("label_type"), "status": "ACTIVE",
               "parent_id": parent, "parent_type": "CAMPAIGN"}  # fmt: skip
        doc = build("Label", doc, {"id": ident})
        ctx.store.put("label", ident, {**doc, "_parent": account_id, "_campaign_ids": [parent],
                                       "type": entry.get("label_type")}, parent=account_id)  # fmt: skip
        made.append(doc)
    return {"labels": made, "errors": []}


def labels_update(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    updated, errors = [], []
    for entry in (ctx.body or {}).get("labels", []):
        stored = ctx.store.get("label", str(entry.get("id")))
        if stored is None or stored.get("_parent") != account_id:
            errors.append({"data": entry, "error_messages": [f"label {entry.get('id')} not found"]})
            continue
        stored.update({k: entry[k] for k in ("value", "status") if k in entry})
        ctx.store.put("label", stored["id"], stored, parent=account_id)
        updated.append(build("Label", view(stored), {"id": stored["id"]}))
    return {"labels": updated, "errors": errors}


def labels_list(ctx: Context) -> dict[str, Any]:
    """Each page item is a LabelsResponse holding one label (the spec's shape for this list)."""
    page = ctx.page("label", str(account(ctx)["id"]), spec_filter(ctx))
    page["items"] = [{"labels": [build("Label", view(d), {"id": d["id"]})], "errors": []} for d in page["items"]]
    return page


# -- commerce integrations: keyed by the external business id the partner chose ---------------


def _integration(ctx: Context) -> dict[str, Any]:
    ebid = ctx.path["external_business_id"]
    doc = ctx.store.find_one("integration", {"external_business_id": ebid})  # indexed (uniqueness.py)
    if doc is None:
        raise not_found("Integration", ebid)
    return doc


_SECRETS = ("partner_access_token", "partner_refresh_token")


def _metadata(doc: dict[str, Any]) -> dict[str, Any]:
    return build("IntegrationMetadata", {k: v for k, v in view(doc).items() if k not in _SECRETS}, {"id": doc["id"]})


def _record(doc: dict[str, Any]) -> dict[str, Any]:
    return build("IntegrationRecord", {k: v for k, v in view(doc).items() if k not in _SECRETS}, {"id": doc["id"]})


def integrations_create(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    at = int(ctx.now() * 1000)
    # One integration per external business id: the store's rule, checked with the insert.
    with ctx.store.transaction():
        ident = ctx.store.next_id()
        doc = {**body, "id": ident, "connected_user_id": USER_ID, "created_timestamp": at, "updated_timestamp": at,
               "created_time": at, "updated_time": at}  # fmt: skip
        ctx.store.put("integration", ident, doc)
    return _metadata(doc)


def integrations_patch(ctx: Context) -> dict[str, Any]:
    doc = _integration(ctx)
    at = int(ctx.now() * 1000)
    doc.update({**(ctx.body or {}), "updated_timestamp": at, "updated_time": at})
    ctx.store.put("integration", doc["id"], doc)
    return _metadata(doc)


def integrations_delete(ctx: Context) -> tuple[int, None]:
    ctx.store.delete("integration", _integration(ctx)["id"])
    return int(schemas.operation("integrations_commerce/del")["status"]), None


def integrations_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("integration", view=_record)


def integration_by_id(ctx: Context) -> dict[str, Any]:
    return _record(require(ctx, "integration", ctx.path["id"], "Integration"))


HANDLERS: dict[str, Handler] = {
    **batch_family("lead_form", "LeadFormResponse", create="lead_forms/create", update="lead_forms/update"),
    **object_kind("lead_form", id_param="lead_form_id", what="Lead form", get="lead_form/get", list_="lead_forms/list"),
    "lead_form_test/create": lead_form_test,
    **object_kind(
        "lead_subscription", id_param="subscription_id", what="Lead subscription",
        create="ad_accounts_subscriptions/post", get="ad_accounts_subscriptions/get_by_id",
        list_="ad_accounts_subscriptions/get_list", delete="ad_accounts_subscriptions/del_by_id",
        server=subscription_server,
    ),
    **batch_family("promotion", "PromotionResponse", create="promotions/create", update="promotions/update",
                   wrap="promotions", one="exception"),
    **object_kind("promotion", id_param="promotion_id", what="Promotion", get="promotions/get",
                  list_="promotions/list", delete="promotions/delete"),
    **object_kind("targeting_template", id_param="template_id", what="Targeting template",
                  create="targeting_template/create", server=template_server),
    "targeting_template/list": template_search,
    "targeting_template/update": template_update,
    "labels/create": labels_create,
    "labels/update": labels_update,
    "labels/list": labels_list,
    "integrations_commerce/post": integrations_create,
    "integrations_commerce/get": lambda ctx: _metadata(_integration(ctx)),
    "integrations_commerce/patch": integrations_patch,
    "integrations_commerce/del": integrations_delete,
    "integrations/get_list": integrations_list,
    "integrations/get_by_id": integration_by_id,
}  # fmt: skip
