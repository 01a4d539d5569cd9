"""The async client: concurrent creates, async iteration over pages."""

import asyncio

from pinterest_rest.models import PinMediaSourceImageURLParam
from pinterest_rest.sandbox import Sandbox


async def main() -> None:
    sandbox = Sandbox()
    async with sandbox.async_client() as client:
        board = await client.boards.create(name="Async board")
        media: PinMediaSourceImageURLParam = {"source_type": "image_url", "url": "https://example.com/a.jpg"}
        await asyncio.gather(
            *[client.pins.create(board_id=board.id, title=f"pin {i}", media_source=media) for i in range(20)]
        )
        first = await client.boards.list_pins(board.id, page_size=5)
        print("first page:", len(first.items))
        print("all:", len([p async for p in client.boards.list_pins(board.id, page_size=5)]))


if __name__ == "__main__":
    asyncio.run(main())
