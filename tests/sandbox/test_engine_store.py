"""The store's indexed queries, atomic uniqueness and the sandbox clock."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from pinterest_rest import ConflictError
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.sandbox.clock import Clock
from pinterest_rest.sandbox.store import Duplicate, Store, declare

declare("engine_test_ad", index=("campaign_id", "status", "labels"), unique=("campaign_id+name",))


def _ad(store: Store, ident: str, **fields: Any) -> None:
    store.put("engine_test_ad", ident, {"id": ident, **fields}, parent=fields.get("account", ""))


def test_find_ands_fields_ors_values_and_orders_both_ways() -> None:
    store = Store()
    _ad(store, "1", campaign_id="C1", status="ACTIVE", labels=["a", "b"], name="x")
    _ad(store, "2", campaign_id="C1", status="PAUSED", labels=["b"], name="y")
    _ad(store, "3", campaign_id="C2", status="ACTIVE", labels=[], name="x")
    ids = lambda docs: [d["id"] for d in docs]  # noqa: E731
    assert ids(store.find("engine_test_ad", {"campaign_id": "C1", "status": "ACTIVE"})) == ["1"]
    assert ids(store.find("engine_test_ad", {"status": ["ACTIVE", "PAUSED"]})) == ["1", "2", "3"]
    assert ids(store.find("engine_test_ad", {"status": ["ACTIVE", "PAUSED"]}, order="DESCENDING")) == ["3", "2", "1"]
    assert ids(store.find("engine_test_ad", {"labels": "b"})) == ["1", "2"]
    assert ids(store.find("engine_test_ad", {"labels": ["a", "b"]})) == ["1", "2"]  # no duplicate rows
    assert store.count_where("engine_test_ad", {"campaign_id": "C1"}) == 2
    assert store.find("engine_test_ad", {"status": []}) == []
    assert ids(store.find("engine_test_ad", {"status": "ACTIVE"}, offset=1, limit=1)) == ["3"]
    # An update moves the document between index values; a delete removes it everywhere.
    _ad(store, "1", campaign_id="C1", status="PAUSED", labels=[], name="x")
    assert ids(store.find("engine_test_ad", {"status": "PAUSED"})) == ["1", "2"]
    assert store.delete("engine_test_ad", "2")
    assert ids(store.find("engine_test_ad", {"status": "PAUSED"})) == ["1"]
    assert store.count("engine_test_ad") == 2
    with pytest.raises(ValueError, match=r"engine_test_ad\.other is not an indexed field"):
        store.find("engine_test_ad", {"other": "x"})


def test_unique_rule_rolls_the_write_back() -> None:
    store = Store()
    _ad(store, "1", campaign_id="C1", name="x")
    _ad(store, "2", campaign_id="C2", name="x")  # another campaign: allowed
    with pytest.raises(Duplicate) as caught:
        _ad(store, "3", campaign_id="C1", name="x")
    assert caught.value.field == "campaign_id+name"
    assert store.get("engine_test_ad", "3") is None and store.count("engine_test_ad") == 2
    with pytest.raises(Duplicate):  # renaming onto a taken name
        _ad(store, "2", campaign_id="C1", name="x")
    assert store.get("engine_test_ad", "2") == {"id": "2", "campaign_id": "C2", "name": "x"}
    _ad(store, "1", campaign_id="C1", name="renamed")  # frees "x" in C1
    _ad(store, "3", campaign_id="C1", name="x")


def test_reindex_rebuilds_from_documents(tmp_path: Any) -> None:
    path = str(tmp_path / "sb.sqlite")
    store = Store(path)
    _ad(store, "1", campaign_id="C1", status="ACTIVE", name="x")
    store._db.execute("DELETE FROM idx")  # as a database written before the index existed
    store.reindex()
    assert [d["id"] for d in store.find("engine_test_ad", {"status": "ACTIVE"})] == ["1"]
    store.close()
    again = Store(path)
    assert again.count("engine_test_ad") == 1
    again.close()


def test_32_concurrent_creates_of_one_board_name_store_one() -> None:
    sb = Sandbox()
    client = sb.client(max_retries=0)
    results: list[str] = []
    barrier = threading.Barrier(32)

    def create(n: int) -> None:
        barrier.wait()
        for name in ("Same name", f"Other {n % 4}"):
            try:
                client.boards.create(name=name)
                results.append("created")
            except ConflictError:
                results.append("conflict")

    threads = [threading.Thread(target=create, args=(n,)) for n in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [b["name"] for b in sb.state.boards.all()]
    assert sorted(names) == ["Other 0", "Other 1", "Other 2", "Other 3", "Same name"]
    assert results.count("created") == 5 and results.count("conflict") == 59


def test_renaming_a_board_onto_an_existing_name_is_a_409() -> None:
    sb = Sandbox()
    client = sb.client(max_retries=0)
    client.boards.create(name="Taken")
    other: Any = client.boards.create(name="Free")
    with pytest.raises(ConflictError) as caught:
        client.boards.update(other.id, name="Taken")
    assert "name" in str(caught.value)
    assert sb.state.boards.get(other.id)["name"] == "Free"  # type: ignore[index]


def test_section_names_are_unique_per_board() -> None:
    sb = Sandbox()
    client = sb.client(max_retries=0)
    a: Any = client.boards.create(name="A")
    b: Any = client.boards.create(name="B")
    client.boards.create_section(a.id, name="S")
    client.boards.create_section(b.id, name="S")  # another board: allowed
    with pytest.raises(ConflictError):
        client.boards.create_section(a.id, name="S")


def test_clock_advances_and_never_goes_back() -> None:
    clock = Clock()
    clock.freeze(1_767_225_600)
    assert clock.iso() == "2026-01-01T00:00:00Z" and clock.date() == "2026-01-01"
    before = clock.monotonic()
    assert clock.advance(301) == 1_767_225_901
    assert clock.monotonic() - before == pytest.approx(301)
    with pytest.raises(ValueError, match="seconds >= 0"):
        clock.advance(-1)
    sb = Sandbox()
    assert sb.app.clock is sb.clock
