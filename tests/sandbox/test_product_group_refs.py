"""Product groups belong to stored catalogs and feeds, and keep the branch they were created in.

Found by the schemathesis gate: a HOTEL group PATCHed with ``catalog_type: RETAIL`` (or RETAIL
filters) was stored and then answered as a HOTEL group that matched no branch of the answer's
``oneOf``; groups of unknown catalogs or feeds were accepted with an invented ``feed_id`` or
``catalog_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Sandbox, schemas

BRAND = {"any_of": [{"BRAND": {"values": ["acme"]}}]}


@pytest.fixture
def c() -> Iterator[Any]:
    sb = Sandbox()
    yield sb.client(max_retries=0)
    sb.close()


def _catalog(c: Any, kind: str) -> str:
    return str(c.request("POST", "/catalogs", body={"name": f"{kind} catalog", "catalog_type": kind})["id"])


def _hotel_group(c: Any) -> dict[str, Any]:
    body = {"name": "Hotels", "catalog_id": _catalog(c, "HOTEL"), "catalog_type": "HOTEL", "filters": BRAND}
    return dict(c.request("POST", "/catalogs/product_groups", body=body))


def test_a_hotel_group_cannot_change_its_catalog_type(c: Any) -> None:
    group = _hotel_group(c)
    with pytest.raises(pr.BadRequestError, match="catalog_type cannot change"):
        c.request("PATCH", f"/catalogs/product_groups/{group['id']}", body={"catalog_type": "RETAIL"})
    again = c.request("GET", f"/catalogs/product_groups/{group['id']}")
    assert again["catalog_type"] == "HOTEL" and "feed_id" not in again
    assert schemas.is_valid("def:CatalogsHotelProductGroup", again)


@pytest.mark.parametrize("field", [{"country": "US"}, {"locale": "en-US"}])
def test_a_hotel_group_refuses_retail_only_fields_naming_them(c: Any, field: dict[str, str]) -> None:
    group = _hotel_group(c)
    with pytest.raises(pr.BadRequestError, match=f"unknown field {next(iter(field))}"):
        c.request("PATCH", f"/catalogs/product_groups/{group['id']}", body=field)


def test_a_hotel_group_update_within_its_branch_is_stored(c: Any) -> None:
    group = _hotel_group(c)
    filters = {"all_of": [{"HOTEL_ID": {"values": ["h1"]}}]}
    updated = c.request(
        "PATCH", f"/catalogs/product_groups/{group['id']}", body={"name": "Renamed", "filters": filters}
    )
    assert updated["name"] == "Renamed" and updated["filters"] == filters


def test_a_group_of_an_unknown_catalog_or_feed_is_the_specs_409(c: Any) -> None:
    for body in (
        {"name": "g", "catalog_id": "999", "catalog_type": "HOTEL", "filters": BRAND},
        {"name": "g", "feed_id": "123", "filters": BRAND},
    ):
        with pytest.raises(pr.ConflictError) as caught:
            c.request("POST", "/catalogs/product_groups", body=body)
        assert caught.value.code == 4182


def test_a_group_of_another_type_than_its_catalog_is_refused(c: Any) -> None:
    body = {"name": "g", "catalog_id": _catalog(c, "RETAIL"), "catalog_type": "HOTEL", "filters": BRAND}
    with pytest.raises(pr.BadRequestError, match="catalog_type HOTEL does not match"):
        c.request("POST", "/catalogs/product_groups", body=body)


def test_a_catalog_based_retail_group_gets_no_invented_feed(c: Any) -> None:
    body = {"name": "g", "catalog_id": _catalog(c, "RETAIL"), "catalog_type": "RETAIL", "country": "US",
            "locale": "en-US", "filters": BRAND}  # fmt: skip
    assert c.request("POST", "/catalogs/product_groups", body=body)["feed_id"] is None


def test_a_feed_based_group_takes_its_feeds_catalog(c: Any) -> None:
    feed = c.request("POST", "/catalogs/feeds", body={
        "name": "Products", "format": "CSV", "location": "https://example.com/feed.csv", "catalog_type": "RETAIL",
        "default_country": "US", "default_locale": "en-US",
    })  # fmt: skip
    again = c.request("POST", "/catalogs/feeds", body={
        "name": "More products", "format": "CSV", "location": "https://example.com/more.csv",
        "catalog_type": "RETAIL", "default_country": "US", "default_locale": "en-US",
    })  # fmt: skip
    catalogs = c.request("GET", "/catalogs")["items"]
    assert [k["catalog_type"] for k in catalogs] == ["RETAIL"]  # one default catalog for both feeds
    group = c.request("POST", "/catalogs/product_groups", body={"name": "g", "feed_id": feed["id"], "filters": BRAND})
    assert (group["catalog_id"], group["catalog_type"], group["feed_id"]) == (catalogs[0]["id"], "RETAIL", feed["id"])
    assert again["id"] != feed["id"]
