"""Raw floor: one httpx.Client + response.json(), bookmarks followed by hand."""

from __future__ import annotations

from operator import itemgetter

import httpx

get_id = itemgetter("id")
get_title = itemgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


def make_client(base: str, workers: int) -> httpx.Client:
    limits = httpx.Limits(max_connections=max(workers, 100), max_keepalive_connections=max(workers, 20))
    return httpx.Client(base_url=base, headers={"Authorization": "Bearer x"}, limits=limits)


def close(c: httpx.Client) -> None:
    c.close()


def _json(r: httpx.Response, want: int = 200):
    if r.status_code != want:
        raise RuntimeError(f"HTTP {r.status_code}")
    return r.json()


def get_board(c: httpx.Client, board_id: str) -> dict:
    return _json(c.get(f"/boards/{board_id}"))


def list_boards(c: httpx.Client) -> list:
    return _json(c.get("/boards", params={"page_size": 25}))["items"]


def create_pin(c: httpx.Client, board_id: str, title: str) -> dict:
    return _json(c.post("/pins", json={"board_id": board_id, "title": title, "media_source": MEDIA}), 201)


def iter_campaigns(c: httpx.Client, account: str, page_size: int):
    params: dict = {"page_size": page_size}
    while True:
        page = _json(c.get(f"/ad_accounts/{account}/campaigns", params=params))
        yield from page["items"]
        if not page["bookmark"]:
            return
        params = {"page_size": page_size, "bookmark": page["bookmark"]}
