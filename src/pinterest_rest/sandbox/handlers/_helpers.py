"""Checks and builders every handler shares, written once.

- ``account`` / ``require``: the ad account of the path, or any stored object, else Pinterest's 404.
- ``build``: a stored object made of exactly what the client sent plus what the server sets, cut to
  the fields of the answer's schema (nothing sampled, nothing invented).
- ``spec_filter``: the list filters each list operation declares, combined with AND.
- ``list_page``: one Pinterest page of answers computed in memory (not read from one stored kind).
- ``progress``: the poll counter that moves every long-running job from running to done.
- ``batch_ok`` / ``batch_error``: one entry of Pinterest's per-item batch answers.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from .. import schemas
from ..context import Context, Filter, decode_bookmark, encode_bookmark
from ..errors import not_found
from ..samples import sample
from ..store import declare

# The one user every token belongs to (the sandbox has a single account owner).
USER_ID = "1"
USERNAME = "sandbox_user"
TIME_FIELDS = ("created_time", "updated_time", "created_at", "updated_at", "created_timestamp", "updated_timestamp")


def account(ctx: Context) -> dict[str, Any]:
    """The ad account named by the path (or the ``ad_account_id`` query), else 404."""
    ident = ctx.path.get("ad_account_id") or str(ctx.query.get("ad_account_id", ""))
    return require(ctx, "ad_account", ident, "Ad account")


def require(ctx: Context, kind: str, ident: str, what: str, parent: str | None = None) -> dict[str, Any]:
    """The stored ``kind`` object ``ident`` (under ``parent`` when given), else 404 naming it."""
    doc = ctx.store.get(kind, ident)
    if doc is None or (parent is not None and doc.get("_parent", parent) != parent):
        raise not_found(what, ident)
    return doc


def view(doc: dict[str, Any]) -> dict[str, Any]:
    """A stored object as answered: without the sandbox's own ``_`` bookkeeping fields."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


# -- building objects from what was sent -------------------------------------------------------


@lru_cache(maxsize=512)
def _fields(ref: str) -> tuple[dict[str, Any], frozenset[str]]:
    node = schemas.resolve({"$ref": ref} if ref.startswith("#") else {"$ref": f"#/$defs/{ref}"})
    props: dict[str, Any] = {}
    required: set[str] = set(node.get("required", []))
    for part in node.get("allOf", []):
        sub = schemas.resolve(part)
        if "$ref" in part:
            more, req = _fields(part["$ref"])
        else:
            more, req = dict(sub.get("properties", {})), frozenset(sub.get("required", []))
            for inner in sub.get("allOf", []):
                if "$ref" in inner:
                    extra, extra_req = _fields(inner["$ref"])
                    more = {**extra, **more}
                    req = req | extra_req
        props.update(more)
        required |= req
    props.update(node.get("properties", {}))
    return props, frozenset(required)


def fields(model: str) -> dict[str, Any]:
    """Property name -> schema of a component schema, ``allOf`` parts merged."""
    return _fields(model)[0]


def defaults(model: str) -> dict[str, Any]:
    """The ``default`` each property of a (request) schema documents."""
    out: dict[str, Any] = {}
    for name, prop in fields(model).items():
        for node in (prop, *prop.get("allOf", [])):
            node = schemas.resolve(node)
            if isinstance(node, dict) and "default" in node:
                out[name] = node["default"]
                break
    return out


def stamp(model: str, name: str, at: float) -> Any:
    """A server-set time for field ``name`` of ``model``: epoch seconds or RFC 3339, as declared."""
    prop = schemas.resolve(fields(model).get(name, {}))
    types = prop.get("type", "string") if isinstance(prop, dict) else "string"
    types = types if isinstance(types, list) else [types]
    if "integer" in types or "number" in types:
        return int(at)
    return datetime.fromtimestamp(at, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(model: str, sent: dict[str, Any], server: dict[str, Any]) -> dict[str, Any]:
    """What the client sent plus what the server sets, limited to ``model``'s fields.

    A sent value the answer's schema cannot hold (request and response schemas differ in places)
    is left out rather than answered invalid. Only a field the answer's schema *requires* and
    nobody set is filled, from the schema (its example or default): the answer must stay valid.
    """
    model = branch(model, {**sent, **server})
    props, required = _fields(model)
    hidden = {k: v for k, v in server.items() if k.startswith("_")}
    doc = {k: v for k, v in {**sent, **server}.items() if k in props}
    for _ in range(len(doc) + 1):
        problems = schemas.errors(f"def:{model}", doc)
        bad = {p.split(":", 1)[0].split(".", 1)[0] for p in problems}
        bad &= set(doc) - set(server)
        if not problems or not bad:
            break
        for key in bad:
            doc.pop(key, None)
    for key in sorted(required - set(doc)):
        doc[key] = sample(props[key], f"{model}.{key}")
    return {**doc, **hidden}


def branch(model: str, data: dict[str, Any]) -> str:
    """For a ``oneOf`` schema, the branch ``data`` belongs to (by the values it gives for fields a
    branch restricts, such as ``catalog_type``); the schema itself otherwise."""
    node = schemas.resolve({"$ref": f"#/$defs/{model}"})
    options = [o["$ref"].rsplit("/", 1)[-1] for o in node.get("oneOf", []) if "$ref" in o]
    if not options:
        return model
    for option in options:
        props = fields(option)
        keys = [k for k in ("catalog_type", "type") if k in data and k in props]
        if keys and all(_allows(props[k], data[k]) for k in keys):
            return str(option)
    return str(options[0])


def _allows(schema: Any, value: Any) -> bool:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # the [sandbox] extra

    return bool(Draft202012Validator({**schema, "$defs": schemas.defs()}).is_valid(value))


def summary_status(model: str, status: Any) -> Any:
    """``summary_status`` as Pinterest derives it from ``status`` (None when it has no match)."""
    node = schemas.resolve(fields(model).get("summary_status", {}))
    allowed: list[Any] = []
    for part in (node, *node.get("allOf", [])):
        allowed += schemas.resolve(part).get("enum", [])
    # An ACTIVE campaign or ad group is RUNNING; an ACTIVE ad has passed the (instant) review.
    for wanted in (("RUNNING", "APPROVED") if status == "ACTIVE" else ()) + (status,):
        if wanted in allowed:
            return wanted
    return None


# -- list filters ------------------------------------------------------------------------------

# Per list operation: query parameter -> the stored field it matches ("id" = the object's own id).
# Arrays match any of their values; every given filter must match (AND). Parameters that shape the
# answer rather than select (page_size, order, pin_metrics ...) are not filters.
FILTERS: dict[str, dict[str, str]] = {
    "campaigns/list": {"campaign_ids": "id", "entity_statuses": "status"},
    "ad_groups/list": {"campaign_ids": "campaign_id", "ad_group_ids": "id", "entity_statuses": "status"},
    "ads/list": {
        "campaign_ids": "campaign_id",
        "ad_group_ids": "ad_group_id",
        "ad_ids": "id",
        "entity_statuses": "status",
    },
    "product_group_promotions/list": {
        "product_group_promotion_ids": "id",
        "entity_statuses": "status",
        "ad_group_id": "ad_group_id",
    },
    "keywords/get": {
        "campaign_id": "_campaign_id",
        "ad_group_id": "parent_id",
        "ad_group_ids": "parent_id",
        "match_types": "match_type",
    },
    "labels/list": {
        "campaign_ids": "_campaign_ids",
        "label_ids": "id",
        "entity_statuses": "status",
        "label_types": "type",
    },
    "audiences/list": {"ownership_type": "_ownership_type"},
    "billing_profiles/get": {"is_active": "_active"},
    "boards/list": {"privacy": "privacy"},
    "catalogs_product_groups/list": {"id": "id", "feed_id": "feed_id", "catalog_id": "catalog_id"},
    "feeds/list": {"catalog_id": "catalog_id"},
    "ssio_order_lines/get_by_ad_account": {"pin_order_id": "pin_order_id"},
    "get/invites": {"invite_status": "status", "invite_type": "invite_type"},
    "ad_accounts_audiences_shared_accounts/list": {"audience_id": "_audience_id", "account_type": "account_type"},
    "business_account_audiences_shared_accounts/list": {
        "audience_id": "_audience_id",
        "account_type": "account_type",
    },
}


# The stored kind each filtered list reads: its filter fields are declared as store indexes, so a
# filtered list is an index lookup (the same cost with 100 or 100,000 stored objects).
FILTER_KINDS = {
    "campaigns/list": "campaign", "ad_groups/list": "ad_group", "ads/list": "ad",
    "product_group_promotions/list": "product_group_promotion", "keywords/get": "keyword", "labels/list": "label",
    "audiences/list": "audience", "boards/list": "board", "catalogs_product_groups/list": "product_group",
    "feeds/list": "feed", "ad_accounts_audiences_shared_accounts/list": "audience_share",
    "billing_profiles/get": "billing_profile",
}  # fmt: skip
for _op, _kind in FILTER_KINDS.items():
    declare(_kind, index=tuple(FILTERS[_op].values()))


def _matches(value: Any, wanted: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    choices = wanted if isinstance(wanted, list) else [wanted]
    return any(str(v) == str(w) for v in values for w in choices)


def spec_filter(ctx: Context, table: dict[str, str] | None = None) -> Filter | None:
    """The AND of every declared filter the request gave (None when it gave none)."""
    table = FILTERS.get(ctx.op.id, {}) if table is None else table
    given = [(field, ctx.query[param]) for param, field in table.items() if ctx.query.get(param) not in (None, [])]
    # Pinterest's "ALL" privacy and "PUBLIC_AND_SECRET" are not stored values but unions.
    given = [(f, w) for f, w in given if not (f == "privacy" and w == "ALL")]
    given = [(f, ["PUBLIC", "SECRET"] if w == "PUBLIC_AND_SECRET" else w) for f, w in given]
    if not given:
        return None

    def keep(doc: dict[str, Any]) -> bool:
        return all(_matches(doc.get(field), wanted) for field, wanted in given)

    # ``where``: the same filter as an indexed store query, for Context.page to push down.
    keep.where = {field: wanted for field, wanted in given}  # type: ignore[attr-defined]
    return keep


def list_page(ctx: Context, items: list[Any], size: int | None = None) -> dict[str, Any]:
    """``{"items", "bookmark"}`` for the request's ``page_size`` (or ``size``) and ``bookmark`` over
    ``items`` (for answers derived from state, where ``Context.page`` has no single kind to read)."""
    size = int(ctx.query.get("page_size", 25)) if size is None else size
    offset = decode_bookmark(ctx.query.get("bookmark"))
    more = offset + size < len(items)
    return {"items": items[offset : offset + size], "bookmark": encode_bookmark(offset + size) if more else None}


# -- jobs and batches --------------------------------------------------------------------------


def progress(ctx: Context, kind: str, job: dict[str, Any], parent: str = "", key: str = "id") -> bool:
    """Count one status poll of a job; True once it has been polled ``config.job_polls`` times."""
    job["_polls"] = int(job.get("_polls", 0)) + 1
    ctx.store.put(kind, str(job[key]), job, parent=parent or job.get("_parent", ""))
    return bool(job["_polls"] >= ctx.app.config.job_polls)


def batch_ok(doc: dict[str, Any], one_exception: bool = False) -> dict[str, Any]:
    return {"data": view(doc), "exceptions": {} if one_exception else []}


def batch_error(code: int, message: str, one_exception: bool = False) -> dict[str, Any]:
    error = {"code": code, "message": message}
    return {"exceptions": error if one_exception else [error]}


def page_list(ctx: Context, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """One Pinterest page (``items`` + ``bookmark``) of an already selected list, for answers that
    gather from more than one stored kind or parent. ``start_index`` (where an operation declares
    it) is where the first page starts; ``order=DESCENDING`` reverses the list."""
    size = int(ctx.query.get("page_size", 25))
    given = ctx.query.get("bookmark")
    offset = decode_bookmark(given) if given not in (None, "") else int(ctx.query.get("start_index", 0) or 0)
    if str(ctx.query.get("order", "")).upper() == "DESCENDING":
        docs = list(reversed(docs))
    shown = docs[offset : offset + size]
    more = len(docs) > offset + size
    return {"items": shown, "bookmark": encode_bookmark(offset + size) if more else None}
