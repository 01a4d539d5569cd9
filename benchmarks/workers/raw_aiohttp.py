"""Raw floor: one aiohttp.ClientSession (default connector) + json.loads, bookmarks by hand."""

from __future__ import annotations

import json
from operator import itemgetter

import aiohttp

ASYNC = True
get_id = itemgetter("id")
get_title = itemgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.session = aiohttp.ClientSession(headers={"Authorization": "Bearer x", "Accept": "application/json"})

    async def call(self, method: str, path: str, want: int = 200, **kw):
        async with self.session.request(method, self.base + path, **kw) as r:
            data = await r.read()
            if r.status != want:
                raise RuntimeError(f"HTTP {r.status}")
        return json.loads(data)


async def make_client(base: str, workers: int) -> Client:
    return Client(base)


async def close(c: Client) -> None:
    await c.session.close()


async def get_board(c: Client, board_id: str) -> dict:
    return await c.call("GET", f"/boards/{board_id}")


async def list_boards(c: Client) -> list:
    return (await c.call("GET", "/boards", params={"page_size": 25}))["items"]


async def create_pin(c: Client, board_id: str, title: str) -> dict:
    body = json.dumps({"board_id": board_id, "title": title, "media_source": MEDIA})
    return await c.call("POST", "/pins", 201, data=body, headers={"Content-Type": "application/json"})


async def iter_campaigns(c: Client, account: str, page_size: int):
    params: dict = {"page_size": page_size}
    while True:
        page = await c.call("GET", f"/ad_accounts/{account}/campaigns", params=params)
        for item in page["items"]:
            yield item
        if not page["bookmark"]:
            return
        params = {"page_size": page_size, "bookmark": page["bookmark"]}
