"""Partner Pin search finds the stored Pins whose text holds the term."""

from __future__ import annotations

from pinterest_rest.sandbox import Sandbox

IMAGE = {"source_type": "image_url", "url": "https://e.com/a.jpg"}


def test_partner_search_matches_stored_pins_newest_first_limit_per_page(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="Ideas").id
    made = [c.pins.create(board_id=board, media_source=IMAGE, title=t, description=d).id
            for t, d in (("Summer travel", "beach"), ("Food", "Travel snacks"), ("Shoes", "running"))]  # fmt: skip
    found = c.search.partner_pins(term="TRAVEL", country_code="US")
    assert [p.id for p in found] == [made[1], made[0]]
    assert {"id", "title", "description"} <= set(next(iter(found)).to_dict())
    first = c.search.partner_pins(term="travel", country_code="US", limit=1)
    assert [p.id for p in first.items] == [made[1]] and first.bookmark
    rest = c.search.partner_pins(term="travel", country_code="US", limit=1, bookmark=first.bookmark)
    assert [p.id for p in rest.items] == [made[0]] and rest.bookmark is None
    assert list(c.search.partner_pins(term="nothing like it", country_code="US")) == []
