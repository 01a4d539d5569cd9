"""Auto-pagination: lazy, resumable, bounded, and flat in memory while streaming."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport


def pager(total: int) -> Any:
    def handler(req: Any) -> Any:
        q = parse_qs(urlsplit(req.url).query)
        size = int(q.get("page_size", ["25"])[0])
        start = int(q.get("bookmark", ["0"])[0])
        end = min(total, start + size)
        items = [
            {"id": str(i), "name": f"campaign {i}", "status": "ACTIVE", "ad_account_id": "1"} for i in range(start, end)
        ]
        return (200, {"items": items, "bookmark": str(end) if end < total else None})

    return handler


def test_every_item_across_pages_lazily() -> None:
    t = MockTransport(pager(60))
    c = Pinterest("t", base_url="http://x/v5", transport=t)
    page = c.campaigns.list("1", page_size=25)
    assert len(t.requests) == 1
    it = iter(page)
    [next(it) for _ in range(26)]
    assert len(t.requests) == 2  # the second page is fetched only when needed
    assert [x.id for x in c.campaigns.list("1")] == [str(i) for i in range(60)]


def test_resume_from_saved_bookmark_and_max_items() -> None:
    c = Pinterest("t", base_url="http://x/v5", transport=MockTransport(pager(100)))
    first = c.campaigns.list("1", page_size=30)
    saved = first.next_bookmark
    assert saved == "30" and first.has_next_page()
    assert [x.id for x in c.campaigns.list("1", page_size=30, bookmark=saved)][:2] == ["30", "31"]
    assert len(list(c.campaigns.list("1", page_size=30, max_items=45))) == 45
    last = list(c.campaigns.list("1", page_size=50).iter_pages())[-1]
    assert not last.has_next_page() and last.next_bookmark is None


def test_streaming_10000_items_keeps_memory_flat() -> None:
    c = Pinterest("t", base_url="http://x/v5", transport=MockTransport(pager(10_000)))
    tracemalloc.start()
    start = time.perf_counter()
    count = 0
    baseline = None
    for item in c.campaigns.list("1", page_size=100):
        count += 1
        if count == 200:
            baseline = tracemalloc.get_traced_memory()[0]
        assert item.id
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10_000
    assert baseline is not None
    # A kept list of 10,000 would hold several MB; streaming stays within a couple of pages.
    assert peak - baseline < 1_000_000, (peak, baseline, elapsed)


def test_async_pager_await_and_async_for() -> None:
    t = AsyncMockTransport(pager(55))

    async def run() -> tuple[int, list[str], int]:
        c = AsyncPinterest("t", base_url="http://x/v5", transport=t)
        first = await c.campaigns.list("1", page_size=20)
        ids = [x.id async for x in c.campaigns.list("1", page_size=20)]
        capped = [x async for x in c.campaigns.list("1", max_items=7)]
        return len(first.items), ids, len(capped)

    n_first, ids, n_capped = asyncio.run(run())
    assert n_first == 20 and ids == [str(i) for i in range(55)] and n_capped == 7
