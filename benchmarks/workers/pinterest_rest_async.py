"""pinterest-rest, async client (aiohttp transport), used through its public API with defaults."""

from __future__ import annotations

from operator import attrgetter

from pinterest_rest import AsyncPinterest

ASYNC = True
get_id = attrgetter("id")
get_title = attrgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


async def make_client(base: str, workers: int) -> AsyncPinterest:
    return AsyncPinterest(access_token="x", base_url=base)


async def close(c: AsyncPinterest) -> None:
    await c.close()


async def get_board(c: AsyncPinterest, board_id: str):
    return await c.boards.get(board_id)


async def list_boards(c: AsyncPinterest) -> list:
    return (await c.boards.list(page_size=25)).items


async def create_pin(c: AsyncPinterest, board_id: str, title: str):
    return await c.pins.create(board_id=board_id, title=title, media_source=MEDIA)


def iter_campaigns(c: AsyncPinterest, account: str, page_size: int):
    return c.campaigns.list(account, page_size=page_size)
