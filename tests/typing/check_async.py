# pyright: strict
"""Type expectations for the async client (checked by mypy --strict and pyright; never run)."""

from __future__ import annotations

from typing_extensions import assert_type

from pinterest_rest import AsyncPage, AsyncPager, AsyncPinterest, RawResponse
from pinterest_rest.models import Board, Pin


async def get_and_create(client: AsyncPinterest) -> None:
    board = await client.boards.create(name="b")
    assert_type(board, Board)
    pin = await client.pins.get("1")
    assert_type(pin, Pin)
    assert_type(pin.id, str)


async def pages(client: AsyncPinterest) -> None:
    pager = client.boards.list(page_size=10)
    assert_type(pager, AsyncPager[Board])
    first = await pager
    assert_type(first, AsyncPage[Board])
    assert_type(first.items, list[Board])
    async for board in client.boards.list():
        assert_type(board, Board)
    async for page in client.boards.list().iter_pages():
        assert_type(page, AsyncPage[Board])
    if first.has_next_page():
        assert_type(await first.next_page(), AsyncPage[Board])


async def raw_responses(client: AsyncPinterest) -> None:
    raw = await client.boards.with_raw_response.get("1")
    assert_type(raw, RawResponse[Board])
    raw_page = await client.boards.with_raw_response.list()
    assert_type(raw_page.parsed, AsyncPage[Board])
