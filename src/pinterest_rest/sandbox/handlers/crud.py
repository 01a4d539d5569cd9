"""Stateful handlers built from one pattern: objects of a kind, created under an optional parent
(usually an ad account), read, listed, updated and deleted. The answer's shape comes from the
operation's response schema, so each kind needs only its operation ids and id names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import not_found
from ..generic import shaped
from ..store import now_iso

Handler = Callable[[Context], Any]


def _model(op_id: str) -> str:
    """The component schema an operation answers with (or, for a page, its items)."""
    node = schemas.operation(op_id)["response"] or {}
    if "$ref" not in node:
        for part in [*node.get("allOf", []), node]:
            items = part.get("properties", {}).get("items", {}).get("items", {})
            if "$ref" in items:
                node = items
                break
    return str(node.get("$ref", "#/$defs/")).rsplit("/", 1)[-1]


def _fits(old: Any, new: Any) -> bool:
    """Same JSON type as the schema-valid sample value (so the stored object stays valid)."""
    if old is None or new is None:
        return True
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)):
        return isinstance(new, (int, float))
    return type(old) is type(new)


def object_kind(
    kind: str,
    *,
    id_param: str,
    id_field: str = "id",
    parent_param: str | None = "ad_account_id",
    create: str | None = None,
    get: str | None = None,
    list_: str | None = None,
    update: str | None = None,
    delete: str | None = None,
) -> dict[str, Handler]:
    handlers: dict[str, Handler] = {}

    def parent_of(ctx: Context) -> str:
        if parent_param is None:
            return ""
        parent = ctx.path[parent_param]
        if parent_param == "ad_account_id" and ctx.store.get("ad_account", parent) is None:
            raise not_found("Ad account", parent)
        return parent

    def find(ctx: Context) -> dict[str, Any]:
        parent = parent_of(ctx)
        ident = ctx.path[id_param]
        doc = ctx.store.get(kind, ident)
        if doc is None or (parent and doc.get("_parent") != parent):
            raise not_found(kind.replace("_", " ").capitalize(), ident)
        result: dict[str, Any] = doc
        return result

    def view(doc: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in doc.items() if not k.startswith("_")}

    if create:
        model, status = _model(create), int(schemas.operation(create)["status"])

        def do_create(ctx: Context) -> tuple[int, dict[str, Any]]:
            parent = parent_of(ctx)
            ident = ctx.store.next_id()
            body = ctx.body if isinstance(ctx.body, dict) else {}
            fields = {**body, id_field: ident, "created_at": now_iso(), "updated_at": now_iso()}
            if parent_param:
                fields[parent_param] = parent
            base = shaped(model, {}, ident)
            # Only fields the answer's schema has: request-only fields would make it invalid.
            doc = {**base, **{k: v for k, v in fields.items() if k in base and _fits(base[k], v)}}
            doc["_parent"] = parent
            ctx.store.put(kind, ident, doc, parent=parent)
            return status, view(doc)

        handlers[create] = do_create
    if get:
        handlers[get] = lambda ctx: view(find(ctx))
    if list_:

        def do_list(ctx: Context) -> dict[str, Any]:
            page = ctx.page(kind, parent_of(ctx) if parent_param else None)
            page["items"] = [view(d) for d in page["items"]]
            return page

        handlers[list_] = do_list
    if update:

        def do_update(ctx: Context) -> dict[str, Any]:
            doc = find(ctx)
            doc.update({k: v for k, v in (ctx.body or {}).items() if k != id_field and k in doc and _fits(doc[k], v)})
            if isinstance(doc.get("updated_at"), str):
                doc["updated_at"] = now_iso()
            ctx.store.put(kind, doc[id_field], doc, parent=doc.get("_parent", ""))
            return view(doc)

        handlers[update] = do_update
    if delete:

        def do_delete(ctx: Context) -> tuple[int, None]:
            doc = find(ctx)
            ctx.store.delete(kind, doc[id_field])
            return int(schemas.operation(delete)["status"]), None

        handlers[delete] = do_delete
    return handlers


HANDLERS: dict[str, Handler] = {
    **object_kind(
        "audience", id_param="audience_id", create="audiences/create", get="audiences/get",
        list_="audiences/list", update="audiences/update",
    ),
    **object_kind(
        "customer_list", id_param="customer_list_id", create="customer_lists/create",
        get="customer_lists/get", list_="customer_lists/list", update="customer_lists/update",
    ),
    **object_kind(
        "conversion_tag", id_param="conversion_tag_id", create="conversion_tags/create",
        get="conversion_tags/get", list_="conversion_tags/list",
    ),
    **object_kind("catalog", id_param="catalog_id", parent_param=None, create="catalogs/create", list_="catalogs/list"),
    **object_kind(
        "feed", id_param="feed_id", parent_param=None, create="feeds/create", get="feeds/get",
        list_="feeds/list", update="feeds/update", delete="feeds/delete",
    ),
    **object_kind(
        "product_group", id_param="product_group_id", parent_param=None,
        create="catalogs_product_groups/create", get="catalogs_product_groups/get",
        list_="catalogs_product_groups/list", update="catalogs_product_groups/update",
        delete="catalogs_product_groups/delete",
    ),
}  # fmt: skip
