"""Pinterest-Generated-Client (openapi-generator), public API with defaults.

Tuning: `Configuration(host=base)` points it at the stub (its documented way to set the host).
It has no pagination helper, so bookmarks are followed by hand through `campaigns_list`.
List operations return plain dicts in this client (their response schema is an allOf).
"""

from __future__ import annotations

from operator import itemgetter

from openapi_generated.pinterest_client import ApiClient, Configuration
from openapi_generated.pinterest_client.api.boards_api import BoardsApi
from openapi_generated.pinterest_client.api.campaigns_api import CampaignsApi
from openapi_generated.pinterest_client.api.pins_api import PinsApi
from openapi_generated.pinterest_client.model.pin_create import PinCreate

get_id = itemgetter("id")  # models support item access too
get_title = itemgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


class Client:
    def __init__(self, base: str) -> None:
        self.api = ApiClient(Configuration(host=base, access_token="x"))
        self.boards = BoardsApi(self.api)
        self.pins = PinsApi(self.api)
        self.campaigns = CampaignsApi(self.api)


def make_client(base: str, workers: int) -> Client:
    return Client(base)


def close(c: Client) -> None:
    c.api.close()


def get_board(c: Client, board_id: str):
    return c.boards.boards_get(board_id)


def list_boards(c: Client) -> list:
    return c.boards.boards_list(page_size=25)["items"]


def create_pin(c: Client, board_id: str, title: str):
    return c.pins.pins_create(PinCreate(board_id=board_id, title=title, media_source=MEDIA))


def iter_campaigns(c: Client, account: str, page_size: int):
    page = c.campaigns.campaigns_list(account, page_size=page_size)
    while True:
        yield from page["items"]
        if not page.get("bookmark"):
            return
        page = c.campaigns.campaigns_list(account, page_size=page_size, bookmark=page["bookmark"])


def read_fields(c):  # campaigns_kept_read: list items are plain dicts in this client (see above)
    return c["id"], c["name"], c["status"], c["daily_spend_cap"]


def read_board_fields(b):  # field_reads: its list items are dicts too
    return b["id"], b["name"], b["privacy"], b["pin_count"]
