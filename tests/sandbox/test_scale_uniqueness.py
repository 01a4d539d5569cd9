"""Create, get and filtered list read through indexes (no read of every stored object of a kind),
and the uniqueness rules of feeds, product groups and commerce integrations are atomic.

Costs are measured in benchmarks/sandbox_scale.py; here the tests check the mechanism: any unbounded
read of a whole kind during these calls fails the test.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.samples import sample
from pinterest_rest.sandbox.store import Store

H = {"authorization": "Bearer t", "content-type": "application/json"}


@pytest.fixture
def no_scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any ``Store.list`` without a limit: that is a read of every stored object (of a parent)."""
    seen: list[str] = []
    real = Store.list

    def bounded(self: Store, kind: str, parent: str | None = None, offset: int = 0, limit: int = -1, **kw: Any) -> Any:
        if limit < 0:
            seen.append(kind)
            raise AssertionError(f"unbounded read of every {kind!r} (parent={parent!r})")
        return real(self, kind, parent, offset, limit, **kw)

    monkeypatch.setattr(Store, "list", bounded)
    yield seen


def _call(sb: Sandbox, method: str, url: str, body: Any = None) -> tuple[int, Any]:
    reply = sb.app.handle(method, "/v5" + url, H, json.dumps(body).encode() if body is not None else b"")
    return reply.status, json.loads(reply.body) if reply.body else None


def _sampled(op_id: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = sample(schemas.operation(op_id)["request"], op_id)
    return {**data, **fields}


def test_board_create_get_and_filtered_list_read_no_whole_kind(no_scans: list[str]) -> None:
    sb = Sandbox()
    for i in range(30):
        assert _call(sb, "POST", "/boards", {"name": f"B{i}", "privacy": "SECRET" if i % 3 else "PUBLIC"})[0] == 200
    status, board = _call(sb, "POST", "/boards", {"name": "Last", "privacy": "SECRET"})
    assert status == 200
    assert _call(sb, "POST", "/boards", {"name": "Last"})[0] == 409
    assert _call(sb, "GET", f"/boards/{board['id']}")[1]["name"] == "Last"
    status, page = _call(sb, "GET", "/boards?privacy=SECRET&page_size=20")  # 20 of the 21 secret boards
    assert status == 200 and len(page["items"]) == 20 and {b["privacy"] for b in page["items"]} == {"SECRET"}
    second = _call(sb, "GET", f"/boards?privacy=SECRET&page_size=20&bookmark={page['bookmark']}")[1]
    assert [b["name"] for b in second["items"]] == ["Last"] and second["bookmark"] is None
    status, section = _call(sb, "POST", f"/boards/{board['id']}/sections", {"name": "S"})
    assert status in (200, 201)
    assert _call(sb, "GET", f"/boards/{board['id']}/sections/{section['id']}/pins")[1]["items"] == []
    assert no_scans == []
    sb.close()


def test_public_and_secret_lists_both_and_only_those() -> None:
    sb = Sandbox()
    client = sb.client(max_retries=0)
    made = {p: client.boards.create(name=p, privacy=p).id for p in ("PUBLIC", "SECRET", "PROTECTED")}
    status, page = _call(sb, "GET", "/boards?privacy=PUBLIC_AND_SECRET")
    assert status == 200 and [b["id"] for b in page["items"]] == [made["PUBLIC"], made["SECRET"]]
    assert [b["id"] for b in _call(sb, "GET", "/boards?privacy=ALL")[1]["items"]] == list(made.values())
    sb.close()


def test_section_pins_list_only_that_sections_pins(no_scans: list[str]) -> None:
    sb = Sandbox()
    client = sb.client(max_retries=0)
    board: Any = client.boards.create(name="With sections")
    a: Any = client.boards.create_section(board.id, name="A")
    b: Any = client.boards.create_section(board.id, name="B")
    media = {"source_type": "image_url", "url": "https://e.com/a.jpg"}
    in_a = [client.pins.create(board_id=board.id, board_section_id=a.id, media_source=media).id for _ in range(3)]
    client.pins.create(board_id=board.id, board_section_id=b.id, media_source=media)
    client.pins.create(board_id=board.id, media_source=media)
    listed = _call(sb, "GET", f"/boards/{board.id}/sections/{a.id}/pins?page_size=2")[1]
    rest = _call(sb, "GET", f"/boards/{board.id}/sections/{a.id}/pins?page_size=2&bookmark={listed['bookmark']}")[1]
    assert [p["id"] for p in listed["items"] + rest["items"]] == in_a
    assert _call(sb, "DELETE", f"/boards/{board.id}/sections/{a.id}")[0] == 204
    left = sb.store.list("pin", board.id, limit=100)
    assert sorted(p["board_section_id"] or "" for p in left) == ["", b.id]
    sb.close()


def test_a_refused_create_uses_up_no_id() -> None:
    sb = Sandbox()
    first = _call(sb, "POST", "/boards", {"name": "Same"})[1]["id"]
    assert _call(sb, "POST", "/boards", {"name": "Same"})[0] == 409
    second = _call(sb, "POST", "/boards", {"name": "Other"})[1]["id"]
    assert int(second) - int(first) == 7  # the id step: the refused create took none
    sb.close()


def test_feed_names_are_unique(no_scans: list[str]) -> None:
    sb = Sandbox()
    status, feed = _call(sb, "POST", "/catalogs/feeds", _sampled("feeds/create", name="Feed one"))
    assert status == 201
    status, error = _call(sb, "POST", "/catalogs/feeds", _sampled("feeds/create", name="Feed one"))
    assert (status, error["code"]) == (422, 4170) and "name" in error["message"]
    assert _call(sb, "POST", "/catalogs/feeds", _sampled("feeds/create", name="Feed two"))[0] == 201
    assert sb.state.feeds.count() == 2
    # Renaming onto a taken name is refused as well; the stored feed keeps its name.
    other = sb.store.find_one("feed", {"name": "Feed two"})
    assert other is not None
    assert _call(sb, "PATCH", f"/catalogs/feeds/{other['id']}", {"name": "Feed one"})[0] == 422
    assert sb.store.get("feed", other["id"])["name"] == "Feed two"  # type: ignore[index]
    assert feed["name"] == "Feed one"
    sb.close()


def test_32_concurrent_feed_creates_of_one_name_store_one() -> None:
    sb = Sandbox()
    statuses: list[int] = []
    body = _sampled("feeds/create", name="Raced")

    def create() -> None:
        statuses.append(_call(sb, "POST", "/catalogs/feeds", body)[0])

    threads = [threading.Thread(target=create) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] + [422] * 31
    assert sb.state.feeds.count() == 1
    sb.close()


def test_product_group_names_are_unique_per_feed() -> None:
    sb = Sandbox()
    feeds = [_call(sb, "POST", "/catalogs/feeds", _sampled("feeds/create", name=f"Feed {n}"))[1]["id"] for n in (1, 2)]
    group = _sampled("catalogs_product_groups/create", name="G", feed_id=feeds[0])
    made = _call(sb, "POST", "/catalogs/product_groups", group)
    assert made[0] == 201 and made[1]["feed_id"] == feeds[0]
    again = _call(sb, "POST", "/catalogs/product_groups", group)
    assert (again[0], again[1]["code"]) == (409, 4179)
    elsewhere = _sampled("catalogs_product_groups/create", name="G", feed_id=feeds[1])
    assert _call(sb, "POST", "/catalogs/product_groups", elsewhere)[0] == 201  # another feed: allowed
    assert sb.state.product_groups.count() == 2
    sb.close()


def test_commerce_integrations_are_unique_by_external_business_id(no_scans: list[str]) -> None:
    sb = Sandbox()
    body = _sampled("integrations_commerce/post", external_business_id="shop-1")
    assert _call(sb, "POST", "/integrations/commerce", body)[0] == 200
    status, error = _call(sb, "POST", "/integrations/commerce", body)
    assert status == 409 and "external_business_id" in error["message"] and "shop-1" not in error["message"]
    assert _call(sb, "GET", "/integrations/commerce/shop-1")[0] == 200
    assert _call(sb, "GET", "/integrations/commerce/shop-2")[0] == 404
    assert sb.state.integrations.count() == 1
    sb.close()
