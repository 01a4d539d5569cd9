"""Stateful handlers built from one pattern: objects of a kind, created under an optional parent
(usually an ad account), read, listed, updated and deleted.

``object_kind`` takes the operation ids of one resource and derives everything else from the
spec: the answer's schema (what a stored object may hold), the request schema's documented
defaults, which time fields the server stamps. Hooks add what only one resource knows
(``server``: fields the server sets at create; ``on_update``: how an update changes the object).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import ApiError, bad_request, not_found
from ..store import declare
from ._helpers import TIME_FIELDS, account, build, defaults, fields, spec_filter, stamp, view

Handler = Callable[[Context], Any]
Hook = Callable[[Context, dict[str, Any], dict[str, Any]], dict[str, Any]]


def model_of(op_id: str, part: str = "response") -> str:
    """The component schema an operation answers with (for a page: its items; for a batch: data)."""
    node = schemas.operation(op_id)[part] or {}
    for _ in range(4):
        if "$ref" in node:
            break
        if node.get("type") == "array" and "$ref" in node.get("items", {}):
            node = node["items"]
            break
        nested = [*node.get("allOf", []), node]
        node = next(
            (
                p["properties"]["items"].get("items", {})
                for p in nested
                if isinstance(p, dict) and "items" in p.get("properties", {})
            ),
            {},
        )
    return str(node.get("$ref", "#/$defs/")).rsplit("/", 1)[-1]


def object_kind(
    kind: str,
    *,
    id_param: str,
    id_field: str = "id",
    parent_param: str | None = "ad_account_id",
    what: str | None = None,
    create: str | None = None,
    get: str | None = None,
    list_: str | None = None,
    update: str | None = None,
    delete: str | None = None,
    server: Hook | None = None,
    on_update: Hook | None = None,
) -> dict[str, Handler]:
    """Handlers for one resource. Names a kind keeps unique are the store's rules (uniqueness.py),
    checked inside the write's transaction, so create and update need no scan of their own."""
    handlers: dict[str, Handler] = {}
    label = what or kind.replace("_", " ").capitalize()
    model = model_of(get or create or list_ or "")

    def parent_of(ctx: Context) -> str:
        if parent_param is None:
            return ""
        if parent_param == "ad_account_id":
            return str(account(ctx)["id"])
        return ctx.path[parent_param]

    def find(ctx: Context) -> dict[str, Any]:
        parent = parent_of(ctx)
        ident = ctx.path[id_param]
        doc = ctx.store.get(kind, ident)
        if doc is None or doc.get("_parent", "") != parent:
            raise not_found(label, ident)
        return doc

    if create:
        status = int(schemas.operation(create)["status"])
        request_model = model_of(create, "request")
        made = defaults(request_model) if request_model else {}

        def do_create(ctx: Context) -> tuple[int, dict[str, Any]]:
            with ctx.store.transaction():  # a refused create (a broken unique rule) uses up no id
                return create_in(ctx, parent_of(ctx))

        def create_in(ctx: Context, parent: str) -> tuple[int, dict[str, Any]]:
            body = ctx.body if isinstance(ctx.body, dict) else {}
            at = ctx.now()
            ident = str(body.get(id_field)) if id_field != "id" and body.get(id_field) else ctx.store.next_id()
            set_by_server: dict[str, Any] = {id_field: ident}
            set_by_server |= {f: stamp(model, f, at) for f in TIME_FIELDS if f in fields(model)}
            if parent_param and parent_param in fields(model):
                set_by_server[parent_param] = parent
            if server:
                set_by_server |= server(ctx, body, set_by_server)
            doc = build(model, {**made, **body}, set_by_server)
            if id_field != "id" and ctx.store.get(kind, ident) is not None:
                raise ApiError(409, f"{label} {ident} already exists", code=5)
            ctx.store.put(kind, ident, {**doc, "_parent": parent}, parent=parent)
            return status, view(doc)

        handlers[create] = do_create
    if get:
        handlers[get] = lambda ctx: view(find(ctx))
    if list_:

        def do_list(ctx: Context) -> dict[str, Any]:
            parent = parent_of(ctx) if parent_param else None
            return ctx.page(kind, parent, spec_filter(ctx), view)

        handlers[list_] = do_list
    if update:
        answers = schemas.operation(update)["response"] is not None

        def do_update(ctx: Context) -> Any:
            doc = find(ctx)
            body = ctx.body if isinstance(ctx.body, dict) else {}
            changes = {k: v for k, v in body.items() if k != id_field}
            if on_update:
                changes = on_update(ctx, doc, changes)
            at = ctx.now()
            keep = {k: doc[k] for k in (id_field, parent_param or "", "created_time", "created_at") if k in doc}
            keep |= {f: stamp(model, f, at) for f in ("updated_time", "updated_at") if f in fields(model)}
            keep |= {k: v for k, v in doc.items() if k.startswith("_")}
            updated = build(model, {**view(doc), **changes}, keep)
            ctx.store.put(kind, doc[id_field], {**updated, "_parent": doc.get("_parent", "")}, doc.get("_parent", ""))
            return view(updated) if answers else (int(schemas.operation(update)["status"]), None)

        handlers[update] = do_update
    if delete:

        def do_delete(ctx: Context) -> tuple[int, None]:
            doc = find(ctx)
            ctx.store.delete(kind, doc[id_field])
            return int(schemas.operation(delete)["status"]), None

        handlers[delete] = do_delete
    return handlers


# -- resource-specific rules ------------------------------------------------------------------


def _customer_list_counts(records: Any) -> int:
    return len([r for r in str(records or "").split(",") if r.strip()])


def customer_list_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    # Creation counts as the first batch; every record sent counts as uploaded.
    return {
        "num_batches": 1,
        "num_uploaded_user_records": _customer_list_counts(body.get("records")),
        "num_removed_user_records": 0,
        "status": "PROCESSING",
        "type": "customerlist",
        "exceptions": {},
    }


def customer_list_update(ctx: Context, doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """ADD and REMOVE each count as one more batch and move their counter (the spec's rule)."""
    count = _customer_list_counts(changes.pop("records", None))
    operation = changes.pop("operation_type", None)
    changes["num_batches"] = int(doc.get("num_batches", 0)) + 1
    if operation == "ADD":
        changes["num_uploaded_user_records"] = int(doc.get("num_uploaded_user_records", 0)) + count
    elif operation == "REMOVE":
        changes["num_removed_user_records"] = int(doc.get("num_removed_user_records", 0)) + count
    return changes


_TAG_CONFIGS = ("aem_enabled", "md_frequency", "aem_fnln_enabled", "aem_ph_enabled", "aem_ge_enabled",
                "aem_db_enabled", "aem_loc_enabled", "aem_external_id_enabled")  # fmt: skip


def conversion_tag_server(ctx: Context, body: dict[str, Any], set_: dict[str, Any]) -> dict[str, Any]:
    # The create body's flat settings are answered under ``configs``, as sent (defaults otherwise).
    made = defaults("ConversionTagCreate")
    configs = {k: body.get(k, made.get(k)) for k in _TAG_CONFIGS if k in fields("ConversionTagConfigs")}
    return {
        "configs": configs,
        "status": "ACTIVE",
        "version": "3",
        "enhanced_match_status": None,
        "last_fired_time_ms": None,
        "code_snippet": f"<script>pintrk('load', '{set_['id']}')</script>",
    }


def audience_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    return {"status": "TOO_SMALL", "size": 0, "type": "audience", "_ownership_type": "OWNED"}


# Product groups: a catalog-based group belongs to a stored catalog of its own catalog_type, a
# feed-based one to a stored feed (its catalog and type follow from it). The vertical answer's
# branch is fixed at create: an update is checked against that branch's request schema only, so
# a HOTEL group cannot take RETAIL fields or filters (answered later as a HOTEL group they would
# break its schema) and its catalog_type cannot change.
_GROUP_UPDATES = {
    "RETAIL": ("CatalogsRetailProductGroupUpdateRequest", "CatalogsProductGroupUpdateRequest"),
    "HOTEL": ("CatalogsHotelProductGroupUpdateRequest",),
    "CREATIVE_ASSETS": ("CatalogsCreativeAssetsProductGroupUpdateRequest",),
}


def _no_catalog(what: str, ident: str) -> ApiError:
    """The spec's 409 for a product group without a catalog (``CatalogsMerchantNotCreated``)."""
    message = f"Can't access this feature without an existing catalog. ({what} {ident[:40]} not found)"
    return ApiError(409, message, code=4182)


def _catalog_of_type(ctx: Context, catalog_id: str, kind: str) -> dict[str, Any]:
    """The stored catalog a feed or product group names, which must be of its ``catalog_type``."""
    catalog = ctx.store.get("catalog", catalog_id)
    if catalog is None:
        raise _no_catalog("catalog", catalog_id)
    if catalog.get("catalog_type") != kind:
        raise bad_request(f"catalog_type {kind} does not match the catalog's type {catalog.get('catalog_type')}")
    return catalog


declare("catalog", index=("catalog_type",))  # a feed without a catalog_id takes its type's default


def feed_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    """A feed's catalog: the one named (it must exist and be of the feed's type), else, as the spec
    says, "a default catalog based on type": the user's first catalog of that type, made on demand.

    ``_catalog`` keeps the link where the answer's schema has no ``catalog_id`` (retail feeds)."""
    kind = body.get("catalog_type") or "RETAIL"  # the type-less (original) feed request is a retail feed
    named = None if body.get("catalog_id") is None else str(body["catalog_id"])
    # For a RETAIL feed the spec says the field "has no effect": an unknown id falls back to the default.
    if named is not None and (kind != "RETAIL" or ctx.store.get("catalog", named) is not None):
        _catalog_of_type(ctx, named, kind)
        return {"catalog_id": named, "_catalog": named}
    default = ctx.store.find_one("catalog", {"catalog_type": kind})
    if default is None:
        at = ctx.now()
        ident = ctx.store.next_id()
        default = build("Catalog", {"name": f"Default {kind.lower()} catalog", "catalog_type": kind},
                        {"id": ident, "created_at": stamp("Catalog", "created_at", at),
                         "updated_at": stamp("Catalog", "updated_at", at)})  # fmt: skip
        ctx.store.put("catalog", ident, {**default, "_parent": ""})
    return {"catalog_id": default["id"], "_catalog": default["id"]}


def product_group_server(ctx: Context, body: dict[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    if "catalog_type" not in body:  # the feed-based request: the group belongs to a stored feed
        feed_id = str(body.get("feed_id", ""))
        feed = ctx.store.get("feed", feed_id)
        if feed is None:
            raise _no_catalog("feed", feed_id)
        of_feed = ctx.store.get("catalog", str(feed.get("_catalog", ""))) or {}
        kind = of_feed.get("catalog_type", feed.get("catalog_type", "RETAIL"))
        return {"catalog_id": of_feed.get("id"), "catalog_type": kind, "type": "MERCHANT_CREATED"}
    kind = body["catalog_type"]
    catalog_id = str(body.get("catalog_id", ""))
    _catalog_of_type(ctx, catalog_id, kind)
    server: dict[str, Any] = {"catalog_id": catalog_id}
    if kind in ("RETAIL", "HOTEL"):
        server["type"] = "MERCHANT_CREATED"
    if kind == "RETAIL":
        server["feed_id"] = None  # a catalog-based group belongs to no feed (the answer allows null)
    return server


def product_group_update(ctx: Context, doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    kind = str(doc.get("catalog_type", "RETAIL"))
    if "catalog_type" in changes and changes["catalog_type"] != kind:
        raise bad_request(f"catalog_type cannot change: product group {doc['id']} is {kind}")
    problems: list[str] = []
    for model in _GROUP_UPDATES.get(kind, ()):
        unknown = schemas.unknown_fields(schemas.schema_for(f"def:{model}"), changes)
        found = [f"unknown field {unknown[0][:80]}"] if unknown else schemas.errors(f"def:{model}", changes)
        if not found:
            return changes
        problems = problems or found
    raise bad_request(f"Invalid request body for a {kind} product group: {problems[0]}")


HANDLERS: dict[str, Handler] = {
    **object_kind(
        "audience", id_param="audience_id", create="audiences/create", get="audiences/get",
        list_="audiences/list", update="audiences/update", server=audience_server,
    ),
    **object_kind(
        "customer_list", id_param="customer_list_id", create="customer_lists/create",
        get="customer_lists/get", list_="customer_lists/list", update="customer_lists/update",
        server=customer_list_server, on_update=customer_list_update,
    ),
    **object_kind(
        "conversion_tag", id_param="conversion_tag_id", create="conversion_tags/create",
        get="conversion_tags/get", list_="conversion_tags/list", server=conversion_tag_server,
    ),
    **object_kind("catalog", id_param="catalog_id", parent_param=None, create="catalogs/create", list_="catalogs/list"),
    **object_kind(
        "feed", id_param="feed_id", parent_param=None, create="feeds/create", get="feeds/get",
        list_="feeds/list", update="feeds/update", delete="feeds/delete", server=feed_server,
    ),
    **object_kind(
        "product_group", id_param="product_group_id", parent_param=None,
        create="catalogs_product_groups/create", get="catalogs_product_groups/get",
        list_="catalogs_product_groups/list", update="catalogs_product_groups/update",
        delete="catalogs_product_groups/delete", server=product_group_server, on_update=product_group_update,
    ),
}  # fmt: skip
