"""Raw floor: one httpx.AsyncClient + response.json(), bookmarks followed by hand."""

from __future__ import annotations

from operator import itemgetter

import httpx

ASYNC = True
get_id = itemgetter("id")
get_title = itemgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


async def make_client(base: str, workers: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=max(workers, 100), max_keepalive_connections=max(workers, 20))
    return httpx.AsyncClient(base_url=base, headers={"Authorization": "Bearer x"}, limits=limits)


async def close(c: httpx.AsyncClient) -> None:
    await c.aclose()


def _json(r: httpx.Response, want: int = 200):
    if r.status_code != want:
        raise RuntimeError(f"HTTP {r.status_code}")
    return r.json()


async def get_board(c: httpx.AsyncClient, board_id: str) -> dict:
    return _json(await c.get(f"/boards/{board_id}"))


async def list_boards(c: httpx.AsyncClient) -> list:
    return _json(await c.get("/boards", params={"page_size": 25}))["items"]


async def create_pin(c: httpx.AsyncClient, board_id: str, title: str) -> dict:
    body = {"board_id": board_id, "title": title, "media_source": MEDIA}
    return _json(await c.post("/pins", json=body), 201)


async def iter_campaigns(c: httpx.AsyncClient, account: str, page_size: int):
    params: dict = {"page_size": page_size}
    while True:
        page = _json(await c.get(f"/ad_accounts/{account}/campaigns", params=params))
        for item in page["items"]:
            yield item
        if not page["bookmark"]:
            return
        params = {"page_size": page_size, "bookmark": page["bookmark"]}
