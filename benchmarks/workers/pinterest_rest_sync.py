"""pinterest-rest, sync client (urllib3 transport), used through its public API with defaults."""

from __future__ import annotations

from operator import attrgetter

from pinterest_rest import Pinterest

get_id = attrgetter("id")
get_title = attrgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


def make_client(base: str, workers: int) -> Pinterest:
    return Pinterest(access_token="x", base_url=base)


def close(c: Pinterest) -> None:
    c.close()


def get_board(c: Pinterest, board_id: str):
    return c.boards.get(board_id)


def list_boards(c: Pinterest) -> list:
    return c.boards.list(page_size=25).items


def create_pin(c: Pinterest, board_id: str, title: str):
    return c.pins.create(board_id=board_id, title=title, media_source=MEDIA)


def iter_campaigns(c: Pinterest, account: str, page_size: int):
    return c.campaigns.list(account, page_size=page_size)


def read_fields(c):  # campaigns_kept_read: model attributes, as users read them
    return c.id, c.name, c.status, c.daily_spend_cap


def read_board_fields(b):  # field_reads
    return b.id, b.name, b.privacy, b.pin_count
