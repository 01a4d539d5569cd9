"""Product-group reads come from the stored catalog items: products = the items the filters match,
counts = the same evaluation, available filter values = the items' own values."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest import NotFoundError
from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.samples import sample

ITEMS: list[dict[str, Any]] = [
    {"item_id": "sku-1", "attributes": {"title": "Red linen shirt", "brand": "Acme", "price": "20.00 USD",
                                        "availability": "in stock", "product_type": "Clothing > Shirts",
                                        "gender": "female", "custom_label_0": "summer", "link": "https://e.com/1"}},
    {"item_id": "sku-2", "attributes": {"title": "Blue shirt", "brand": "Zed", "price": "40 USD",
                                        "availability": "out of stock", "product_type": "Clothing > Shirts",
                                        "video_link": "https://e.com/v.mp4", "custom_label_0": "winter sale"}},
    {"item_id": "sku-3", "attributes": {"title": "Linen trousers", "brand": "Acme", "price": "60 USD",
                                        "availability": "preorder", "product_type": "Clothing > Trousers",
                                        "condition": "new"}},
    {"item_id": "sku-4", "attributes": {"title": "No price yet", "brand": "Acme"}},  # not a product
]  # fmt: skip


def _valid(item: dict[str, Any]) -> dict[str, Any]:
    """The item with the other attributes Pinterest requires (sku-4 has no price: it stays invalid)."""
    extra = {"description": "d", "link": "https://e.com/p", "image_link": ["https://e.com/i.jpg"]}
    return {**item, "attributes": {**extra, **item["attributes"]}}


def _catalog(sb: Sandbox) -> dict[str, str]:
    c = sb.client()
    items = [_valid(i) for i in ITEMS]
    body = {"country": "US", "language": "EN", "catalog_type": "RETAIL", "operation": "UPSERT", "items": items}
    c.catalog_items.get_batch(c.catalog_items.create_batch(body=body).batch_id)
    feed_body = sample(schemas.operation("feeds/create")["request"], "feed")
    feed_body["catalog_type"] = "RETAIL"
    feed = c.catalog_feeds.create(body=feed_body)
    catalog = c.catalogs.create(name="Shop", catalog_type="RETAIL")
    return {"feed": feed.id, "catalog": catalog.id}


def _ids(page: Any) -> list[str]:
    return [p.metadata["item_id"] for p in page]


FILTER_CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({"any_of": [{"BRAND": {"values": ["acme"]}}]}, ["sku-1", "sku-3"]),
    ({"any_of": [{"BRAND": {"values": ["acme"], "negated": True}}]}, ["sku-2"]),
    ({"all_of": [{"BRAND": {"values": ["Acme"]}}, {"MIN_PRICE": {"values": 30}}]}, ["sku-3"]),
    (
        {"any_of": [{"BRAND": {"values": ["Zed"]}}, {"MAX_PRICE": {"values": 20, "inclusion": True}}]},
        ["sku-1", "sku-2"],
    ),
    ({"any_of": [{"MAX_PRICE": {"values": 20, "inclusion": False}}]}, []),
    ({"any_of": [{"AVAILABILITY": {"values": ["IN_STOCK", "PREORDER"]}}]}, ["sku-1", "sku-3"]),
    ({"any_of": [{"PRODUCT_TYPE_1": {"values": [["clothing", "shirts"]]}}]}, ["sku-1", "sku-2"]),
    ({"any_of": [{"PRODUCT_TYPE_0": {"values": [["Clothing"]]}}]}, ["sku-1", "sku-2", "sku-3"]),
    ({"any_of": [{"TITLE_KEYWORDS": {"values": ["linen"]}}]}, ["sku-1", "sku-3"]),
    ({"any_of": [{"MEDIA_TYPE": {"values": ["VIDEO"]}}]}, ["sku-2"]),
    ({"any_of": [{"CUSTOM_LABEL_0": {"values": ["sale"], "filter_operator_type": "CONTAINS"}}]}, ["sku-2"]),
    ({"any_of": [{"CUSTOM_LABEL_0": {"values": ["sale"]}}]}, []),
    ({"any_of": [{"ITEM_ID": {"values": ["sku-3", "sku-4", "nope"]}}]}, ["sku-3"]),
    ({"any_of": [{"CURRENCY": {"values": "USD"}}]}, ["sku-1", "sku-2", "sku-3"]),
    ({"any_of": [{"GENDER": {"values": ["FEMALE"]}}]}, ["sku-1"]),
    ({"any_of": [{"CONDITION": {"values": ["NEW"]}}]}, ["sku-3"]),
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES)
def test_products_of_a_group_are_the_items_its_filters_match(
    sandbox: Sandbox, filters: dict[str, Any], expected: list[str]
) -> None:
    made = _catalog(sandbox)
    c = sandbox.client()
    group = c.catalog_product_groups.create(name="G", feed_id=made["feed"], filters=filters)  # type: ignore[arg-type]
    assert _ids(c.catalog_product_groups.list_products(group.id)) == expected
    by_filter = c.catalog_product_groups.list_products_by_filter(feed_id=made["feed"], filters=filters)  # type: ignore[arg-type]
    assert _ids(by_filter) == expected
    counts = c.catalog_product_groups.product_counts(group.id)
    assert counts.total == len(expected)


def test_products_answer_the_item_and_its_pin_and_counts_split_by_availability(sandbox: Sandbox) -> None:
    made = _catalog(sandbox)
    c = sandbox.client()
    group = c.catalog_product_groups.create(
        name="Clothing", feed_id=made["feed"], filters={"any_of": [{"PRODUCT_TYPE_0": {"values": [["Clothing"]]}}]}
    )
    first = next(iter(c.catalog_product_groups.list_products(group.id)))
    assert first.catalog_type == "RETAIL"
    assert first.metadata.to_dict() == {"item_id": "sku-1", "item_group_id": None, "availability": "IN_STOCK", "price": 20.0,
                              "sale_price": None, "currency": "USD"}  # fmt: skip
    assert first.pin["title"] == "Red linen shirt" and first.pin["link"] == "https://e.com/1"
    again = next(iter(c.catalog_product_groups.list_products(group.id)))
    assert again.pin["id"] == first.pin["id"]  # the same item answers the same product pin
    counts = c.catalog_product_groups.product_counts(group.id)
    assert (counts.total, counts.in_stock, counts.out_of_stock, counts.preorder, counts.videos) == (3, 1, 1, 1, 1)
    page = c.catalog_product_groups.list_products(group.id, page_size=2)
    assert len(page.items) == 2 and page.bookmark
    assert _ids(c.catalog_product_groups.list_products(group.id, page_size=2, bookmark=page.bookmark)) == ["sku-3"]


def test_catalog_based_filter_reads_the_country_and_locale_and_a_group_can_name_a_group(sandbox: Sandbox) -> None:
    made = _catalog(sandbox)
    c = sandbox.client()
    filters: Any = {"any_of": [{"BRAND": {"values": ["Acme"]}}]}
    common = {"catalog_type": "RETAIL", "catalog_id": made["catalog"], "filters": filters}
    by_filter = c.catalog_product_groups.list_products_by_filter
    assert _ids(by_filter(extra_body={**common, "country": "US", "locale": "en-US"})) == ["sku-1", "sku-3"]
    assert _ids(by_filter(extra_body={**common, "country": "FR", "locale": "fr"})) == []
    acme = c.catalog_product_groups.create(name="Acme", feed_id=made["feed"], filters=filters)
    nested = c.catalog_product_groups.create(
        name="Acme trousers", feed_id=made["feed"],
        filters={"all_of": [{"PRODUCT_GROUP": {"values": [acme.id]}}, {"TITLE_KEYWORDS": {"values": ["trousers"]}}]},
    )  # fmt: skip
    assert _ids(c.catalog_product_groups.list_products(nested.id)) == ["sku-3"]


def test_unknown_group_feed_or_catalog_is_404(sandbox: Sandbox) -> None:
    c = sandbox.client()
    with pytest.raises(NotFoundError, match="Product group"):
        c.catalog_product_groups.list_products("12345").items  # noqa: B018
    with pytest.raises(NotFoundError, match="Product group"):
        c.catalog_product_groups.product_counts("12345")
    with pytest.raises(NotFoundError, match="Feed"):
        c.catalog_product_groups.list_products_by_filter(
            feed_id="12345", filters={"any_of": [{"BRAND": {"values": ["a"]}}]}
        )
    with pytest.raises(NotFoundError, match="Catalog"):
        c.catalogs.available_filter_values(catalog_id="12345")


def test_available_filter_values_are_the_stored_items_values(sandbox: Sandbox) -> None:
    made = _catalog(sandbox)
    c = sandbox.client()
    answer = c.catalogs.available_filter_values(catalog_id=made["catalog"], country="US", language="en-US")
    values = answer.filter_values
    assert answer.catalog_type == "RETAIL"
    assert values["brand"] == ["Acme", "Zed"]
    assert values["availability"] == ["IN_STOCK", "OUT_OF_STOCK", "PREORDER"]
    assert values["product_type_0"] == ["Clothing"] and values["product_type_1"] == ["Shirts", "Trousers"]
    assert values["media_type"] == ["IMAGE", "VIDEO"] and values["condition"] == ["NEW"]
    assert values["custom_label_0"] == ["summer", "winter sale"] and values["gender"] == ["FEMALE"]
    other = c.catalogs.available_filter_values(catalog_id=made["catalog"], country="FR")
    assert other.filter_values["brand"] == []
