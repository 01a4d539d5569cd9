"""Reads derived from the stored catalog items: the products of a product group (or of a filter),
a product group's counts, and the filter values a catalog's items offer.

A product group's ``filters`` (``any_of`` / ``all_of`` of filter keys, each optionally
``negated``) are evaluated here, once, against the items the item batches stored (``jobs.py``),
for the group's catalog type and, when the group names them, country and locale. The products,
the counts and ``products_by_product_group_filter/list`` all read ``matching``, so they agree.

An item becomes a product the way Pinterest makes a product Pin of it: only once it is valid
(``item_issues.item_errors``: a RETAIL item needs title, description, link, image link, price and
availability; a CREATIVE_ASSETS item a visibility). An item with errors is not a product; its
feed's processing results list it under ``items_issues/list``.
The product's ``pin`` is made from the item (title, description, link) with an id derived from the
item's key, so the same item always answers the same pin id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from .. import schemas
from ..context import Context
from ..store import Store
from ._helpers import build, list_page, require
from .item_issues import AVAILABILITY, currency_ok, item_errors, norm, price

Handler = Callable[[Context], Any]


def _path(attributes: dict[str, Any], field: str) -> list[str]:
    """A ``"Home > Furniture > Chairs"`` attribute as its levels."""
    return [part.strip() for part in str(attributes.get(field) or "").split(">") if part.strip()]


def _where(item: dict[str, Any]) -> tuple[str, str]:
    """(country, language) of a stored item, from its key ``TYPE:COUNTRY:LANGUAGE:item_id``."""
    parts = str(item.get("id", "")).split(":")
    return (parts[1], parts[2]) if len(parts) >= 4 else ("", "")


def _attribute(item: dict[str, Any], key: str) -> Any:
    """The item's value for a filter key (``BRAND`` -> ``attributes.brand``)."""
    attributes = item.get("attributes") or {}
    if key in ("ITEM_ID", "HOTEL_ID", "CREATIVE_ASSETS_ID"):
        return item.get("item_id")
    if key == "MEDIA_TYPE":
        return "VIDEO" if attributes.get("video_link") else "IMAGE"
    if key == "COUNTRY":
        return attributes.get("country") or _where(item)[0] or None
    return attributes.get(key.lower())


def _criterion(store: Store, item: dict[str, Any], key: str, rule: dict[str, Any], depth: int) -> bool:
    """One filter key's verdict for one item, before ``negated``."""
    attributes = item.get("attributes") or {}
    values = rule.get("values")
    if key in ("MIN_PRICE", "MAX_PRICE"):
        amount = price(attributes)[0]
        if amount is None:
            return False
        bound, inclusive = float(values or 0), rule.get("inclusion", True)
        if key == "MIN_PRICE":
            return amount >= bound if inclusive else amount > bound
        return amount <= bound if inclusive else amount < bound
    if key == "PRICE":  # hotels: operator, value and currency
        amount, currency = price(attributes)
        return amount is not None and _compare(amount, rule) and currency in (None, rule.get("currency"))
    if key == "CURRENCY":
        return price(attributes)[1] == str(values)
    if key.startswith("CUSTOM_NUMBER_"):
        try:
            return _compare(float(attributes.get(key.lower())), rule)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    if key.startswith(("PRODUCT_TYPE_", "GOOGLE_PRODUCT_CATEGORY_")):
        field, level = key.rsplit("_", 1)
        path = [norm(p) for p in _path(attributes, field.lower())]
        if len(path) <= int(level):
            return False
        return any([norm(v) for v in wanted] == path[: len(wanted)] for wanted in values or [])
    if key == "TITLE_KEYWORDS":
        title = str(attributes.get("title") or "").lower()
        return any(str(v).lower() in title for v in values or [])
    if key == "PRODUCT_GROUP":
        if depth > 4:  # groups naming groups: a cycle matches nothing rather than recursing forever
            return False
        groups = [store.get("product_group", str(v)) for v in values or []]
        return any(g is not None and matches(store, item, g.get("filters"), depth + 1) for g in groups)
    have = _attribute(item, key)
    if have is None:
        return False
    if rule.get("filter_operator_type") == "CONTAINS":
        return any(norm(v) in norm(have) for v in values or [])
    return any(norm(v) == norm(have) for v in values or [])


def _compare(amount: float, rule: dict[str, Any]) -> bool:
    value = float(rule.get("value", 0))
    return {
        "GREATER_THAN": amount > value,
        "GREATER_THAN_OR_EQUALS": amount >= value,
        "LESS_THAN": amount < value,
        "LESS_THAN_OR_EQUALS": amount <= value,
    }.get(str(rule.get("operator")), False)


def matches(store: Store, item: dict[str, Any], filters: Any, depth: int = 0) -> bool:
    """Whether ``item`` is in a product group with ``filters``: ``any_of`` needs one entry to hold,
    ``all_of`` every entry; within one entry every key must hold (its own ``negated`` applied)."""
    if not isinstance(filters, dict):
        return False

    def entry(keys: dict[str, Any]) -> bool:
        return all(
            _criterion(store, item, key, rule, depth) != bool(rule.get("negated", False))
            for key, rule in keys.items()
            if isinstance(rule, dict)
        )

    if "all_of" in filters:
        return all(entry(e) for e in filters["all_of"] if isinstance(e, dict))
    return any(entry(e) for e in filters.get("any_of") or [] if isinstance(e, dict))


def items_of(store: Store, catalog_type: str, country: Any = None, locale: Any = None) -> list[dict[str, Any]]:
    """Stored items of one catalog type (an index lookup), in one country / language when given."""
    found = store.find("catalog_item", {"catalog_type": catalog_type})
    language = str(locale or "").replace("_", "-").split("-")[0].upper()

    def keep(item: dict[str, Any]) -> bool:
        item_country, item_language = _where(item)
        return (not country or item_country == str(country)) and (
            not language or item_language.split("-")[0].upper() == language
        )

    return [i for i in found if keep(i)]


def matching(store: Store, group: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored items in a product group, each one a product (see ``product``)."""
    kind = str(group.get("catalog_type") or "RETAIL")
    candidates = items_of(store, kind, group.get("country"), group.get("locale"))
    return [i for i in candidates if product(i) is not None and matches(store, i, group.get("filters"))]


def _pin(item: dict[str, Any]) -> dict[str, Any]:
    attributes = item.get("attributes") or {}
    ident = str(int(hashlib.sha256(str(item.get("id")).encode()).hexdigest()[:12], 16))
    sent = {k: attributes[k] for k in ("title", "description", "link") if isinstance(attributes.get(k), str)}
    return build("Pin", sent, {"id": ident})


def product(item: dict[str, Any]) -> dict[str, Any] | None:
    """The product (with its pin) Pinterest makes of a stored item, or None if it cannot be one."""
    kind = item.get("catalog_type", "RETAIL")
    attributes = item.get("attributes") or {}
    if kind == "HOTEL":
        metadata: dict[str, Any] = {"hotel_id": item.get("item_id")}
    elif kind == "CREATIVE_ASSETS":
        visibility = norm(attributes.get("visibility", ""))
        if visibility not in ("VISIBLE", "HIDDEN"):
            return None
        metadata = {"creative_assets_id": item.get("item_id"), "visibility": visibility}
    else:
        amount, currency = price(attributes)
        availability = norm(attributes.get("availability", ""))
        if item_errors(item) or amount is None or availability not in AVAILABILITY or not currency_ok(currency):
            return None  # Pinterest ingests no item with errors, so it makes no product of it
        sale = price(attributes, "sale_price")[0]
        metadata = {"item_id": item.get("item_id"), "item_group_id": attributes.get("item_group_id"),
                    "availability": availability, "price": amount, "sale_price": sale, "currency": currency}  # fmt: skip
    return {"catalog_type": kind, "metadata": metadata, "pin": _pin(item)}


def _products_page(ctx: Context, items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    made = [p for p in (product(i) for i in items) if p is not None]
    return list_page(ctx, made)


def group_products(ctx: Context) -> dict[str, Any]:
    group = require(ctx, "product_group", ctx.path["product_group_id"], "Product group")
    return _products_page(ctx, matching(ctx.store, group))


def products_by_filter(ctx: Context) -> dict[str, Any]:
    """Feed-based (``feed_id``) or catalog-based (``catalog_id`` with country and locale). Item
    batches name no feed, so a feed-based filter reads every item of the feed's catalog type."""
    body = ctx.body or {}
    if body.get("feed_id") is not None:
        feed = require(ctx, "feed", str(body["feed_id"]), "Feed")
        group = {"catalog_type": feed.get("catalog_type"), "filters": body.get("filters")}
    else:
        catalog = require(ctx, "catalog", str(body.get("catalog_id", "")), "Catalog")
        kind = body.get("catalog_type") or catalog.get("catalog_type")
        group = {"catalog_type": kind, "country": body.get("country"), "locale": body.get("locale"),
                 "filters": body.get("filters")}  # fmt: skip
    return _products_page(ctx, matching(ctx.store, group))


def product_counts(ctx: Context) -> dict[str, Any]:
    group = require(ctx, "product_group", ctx.path["product_group_id"], "Product group")
    kind = str(group.get("catalog_type") or "RETAIL")
    found = matching(ctx.store, group)
    counts: dict[str, Any] = {"catalog_type": kind, "total": len(found)}
    videos = sum(1 for i in found if (i.get("attributes") or {}).get("video_link"))
    if kind == "RETAIL":
        states = [norm((i.get("attributes") or {}).get("availability", "")) for i in found]
        counts |= {"in_stock": states.count("IN_STOCK"), "out_of_stock": states.count("OUT_OF_STOCK"),
                   "preorder": states.count("PREORDER"), "videos": videos}  # fmt: skip
    elif kind == "CREATIVE_ASSETS":
        counts["videos"] = videos
    return counts


# filter-value field -> how an item gives it (None: the attribute of the same name)
_LEVELS = {f"{field}_{n}": (field, n) for field, top in (("product_type", 5), ("google_product_category", 7))
           for n in range(top)}  # fmt: skip


def _values_of(item: dict[str, Any], field: str) -> list[str]:
    attributes = item.get("attributes") or {}
    if field in _LEVELS:
        name, level = _LEVELS[field]
        path = _path(attributes, name)
        return [path[level]] if len(path) > level else []
    if field == "media_type":
        return ["VIDEO" if attributes.get("video_link") else "IMAGE"]
    if field in ("availability", "condition", "gender"):
        return [norm(attributes[field])] if attributes.get(field) else []
    if field in ("ad_image_tags", "ad_video_tags"):
        prefix = field.split("_")[1]
        return [str(v) for k, v in attributes.items() if k.startswith(f"ad_{prefix}_") and k.endswith("_tag") and v]
    return [str(attributes[field])] if attributes.get(field) not in (None, "") else []


def available_filter_values(ctx: Context) -> dict[str, Any]:
    """Distinct values of each filterable attribute over the catalog's stored items (Pinterest
    samples up to 1000 items; the sandbox reads them all). Values outside an enum are left out."""
    catalog = require(ctx, "catalog", str(ctx.query.get("catalog_id", "")), "Catalog")
    kind = str(catalog.get("catalog_type") or "RETAIL")
    country = language = None
    if kind == "RETAIL":  # the spec: country, language and feed_id apply to retail catalogs only
        country, language = ctx.query.get("country"), ctx.query.get("language")
        if ctx.query.get("feed_id"):
            require(ctx, "feed", str(ctx.query["feed_id"]), "Feed")
    model = {"HOTEL": "CatalogsHotelAvailableFilterValues",
             "CREATIVE_ASSETS": "CatalogsCreativeAssetsAvailableFilterValues"}.get(kind, "CatalogsRetailAvailableFilterValues")  # fmt: skip
    props = schemas.resolve({"$ref": f"#/$defs/{model}"})["properties"]["filter_values"]["properties"]
    items = items_of(ctx.store, kind, country, language)
    values: dict[str, list[str]] = {}
    for field, prop in props.items():
        allowed = schemas.resolve(prop.get("items", {})).get("enum")
        seen = {v for item in items for v in _values_of(item, field)}
        values[field] = sorted(v for v in seen if allowed is None or v in allowed)
    return {"catalog_type": kind, "filter_values": values}


HANDLERS: dict[str, Handler] = {
    "catalogs_product_group_pins/list": group_products,
    "products_by_product_group_filter/list": products_by_filter,
    "catalogs_product_groups/product_counts_get": product_counts,
    "catalogs/available_filter_values": available_filter_values,
}
