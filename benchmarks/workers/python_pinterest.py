"""python-pinterest (sns-sdks, httpx), sync `Api`, public API with defaults.

Tuning: `api.DEFAULT_API_URL = base + "/"` points it at the stub (the class attribute every request
is joined to; there is no constructor argument). No pagination helper: bookmarks by hand.
"""

from __future__ import annotations

from operator import attrgetter

from pinterest import Api

get_id = attrgetter("id")
get_title = attrgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


def make_client(base: str, workers: int) -> Api:
    api = Api(access_token="x")
    api.DEFAULT_API_URL = base + "/"
    return api


def close(c: Api) -> None:
    c.client.close()


def get_board(c: Api, board_id: str):
    return c.boards.get(board_id)


def list_boards(c: Api) -> list:
    return c.boards.list(page_size=25).items


def create_pin(c: Api, board_id: str, title: str):
    return c.pins.create(board_id=board_id, media_source=MEDIA, title=title)


def iter_campaigns(c: Api, account: str, page_size: int):
    page = c.ad_accounts.list_campaigns(account, page_size=page_size)
    while True:
        yield from page.items
        if not page.bookmark:
            return
        page = c.ad_accounts.list_campaigns(account, page_size=page_size, bookmark=page.bookmark)
