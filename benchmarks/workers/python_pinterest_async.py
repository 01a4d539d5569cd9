"""python-pinterest (sns-sdks, httpx), `AsyncApi`, public API with defaults.

Tuning: `api.DEFAULT_API_URL = base + "/"` as for the sync Api. Bookmarks followed by hand.
"""

from __future__ import annotations

from operator import attrgetter

from pinterest import AsyncApi

ASYNC = True
get_id = attrgetter("id")
get_title = attrgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


async def make_client(base: str, workers: int) -> AsyncApi:
    api = AsyncApi(access_token="x")
    api.DEFAULT_API_URL = base + "/"
    return api


async def close(c: AsyncApi) -> None:
    await c.client.aclose()


async def get_board(c: AsyncApi, board_id: str):
    return await c.boards.get(board_id)


async def list_boards(c: AsyncApi) -> list:
    return (await c.boards.list(page_size=25)).items


async def create_pin(c: AsyncApi, board_id: str, title: str):
    return await c.pins.create(board_id=board_id, media_source=MEDIA, title=title)


async def iter_campaigns(c: AsyncApi, account: str, page_size: int):
    page = await c.ad_accounts.list_campaigns(account, page_size=page_size)
    while True:
        for item in page.items:
            yield item
        if not page.bookmark:
            return
        page = await c.ad_accounts.list_campaigns(account, page_size=page_size, bookmark=page.bookmark)
