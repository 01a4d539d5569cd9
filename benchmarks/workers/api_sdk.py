"""pinterest-api-sdk (Pinterest's own SDK over the generated client), public API with defaults.

Tuning: `client.configuration.host = base` points it at the stub (the SDK otherwise reads
PINTEREST_API_URI at import). Its pagination is its own: `Campaign.get_all` returns
(items, Bookmark) and `Bookmark.get_next()` fetches the next page. `Pin.create` re-reads the new
Pin with a GET, and `Board(id)` fetches on construction; both are the SDK's public behaviour.
"""

from __future__ import annotations

from operator import attrgetter

from pinterest.ads.campaigns import Campaign
from pinterest.client import PinterestSDKClient
from pinterest.organic.boards import Board
from pinterest.organic.pins import Pin

get_id = attrgetter("id")
get_title = attrgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


def make_client(base: str, workers: int) -> PinterestSDKClient:
    client = PinterestSDKClient.create_client_with_token("x")
    client.configuration.host = base
    return client


def close(c: PinterestSDKClient) -> None:
    c.close()


def get_board(c: PinterestSDKClient, board_id: str):
    return Board(board_id, client=c)


def list_boards(c: PinterestSDKClient) -> list:
    items, _bookmark = Board.get_all(page_size=25, client=c)
    return items


def create_pin(c: PinterestSDKClient, board_id: str, title: str):
    return Pin.create(board_id=board_id, media_source=MEDIA, title=title, client=c)


def iter_campaigns(c: PinterestSDKClient, account: str, page_size: int):
    items, bookmark = Campaign.get_all(account, page_size=page_size, client=c)
    while True:
        yield from items
        if bookmark is None:
            return
        items, bookmark = bookmark.get_next()
