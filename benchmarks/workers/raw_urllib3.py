"""Raw floor: urllib3.PoolManager + json.loads, bookmarks followed by hand."""

from __future__ import annotations

import json
from operator import itemgetter

import urllib3

get_id = itemgetter("id")
get_title = itemgetter("title")


class Client:
    def __init__(self, base: str, maxsize: int) -> None:
        self.base = base
        self.pool = urllib3.PoolManager(maxsize=maxsize)
        self.headers = {"Authorization": "Bearer x", "Accept": "application/json"}
        self.json_headers = {**self.headers, "Content-Type": "application/json"}

    def get(self, path: str, fields: dict | None = None) -> dict:
        r = self.pool.request("GET", self.base + path, fields=fields, headers=self.headers)
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}")
        return json.loads(r.data)


def make_client(base: str, workers: int) -> Client:
    return Client(base, max(workers, 1))


def close(c: Client) -> None:
    c.pool.clear()


def get_board(c: Client, board_id: str) -> dict:
    return c.get(f"/boards/{board_id}")


def list_boards(c: Client) -> list:
    return c.get("/boards", {"page_size": 25})["items"]


def create_pin(c: Client, board_id: str, title: str) -> dict:
    body = json.dumps({"board_id": board_id, "title": title, "media_source": MEDIA}).encode()
    r = c.pool.request("POST", c.base + "/pins", body=body, headers=c.json_headers)
    if r.status != 201:
        raise RuntimeError(f"HTTP {r.status}")
    return json.loads(r.data)


def iter_campaigns(c: Client, account: str, page_size: int):
    query = {"page_size": page_size}
    while True:
        page = c.get(f"/ad_accounts/{account}/campaigns", query)
        yield from page["items"]
        if not page["bookmark"]:
            return
        query = {"page_size": page_size, "bookmark": page["bookmark"]}


MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


def read_fields(c: dict):  # campaigns_kept_read: the dict-lookup floor
    return c["id"], c["name"], c["status"], c["daily_spend_cap"]


def read_board_fields(b: dict):  # field_reads
    return b["id"], b["name"], b["privacy"], b["pin_count"]
