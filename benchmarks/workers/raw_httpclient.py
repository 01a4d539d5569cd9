"""Raw floor: the standard library's http.client (one keep-alive connection per thread) + json.loads."""

from __future__ import annotations

import http.client
import json
import threading
from operator import itemgetter
from urllib.parse import urlencode, urlsplit

get_id = itemgetter("id")
get_title = itemgetter("title")
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}


class Client(threading.local):
    """http.client connections are not thread-safe: each thread gets its own."""

    def __init__(self, base: str) -> None:
        u = urlsplit(base)
        self.prefix = u.path
        self.conn = http.client.HTTPConnection(u.hostname, u.port)
        self.headers = {"Authorization": "Bearer x", "Accept": "application/json"}

    def call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, dict]:
        headers = self.headers if body is None else {**self.headers, "Content-Type": "application/json"}
        self.conn.request(method, self.prefix + path, body=body, headers=headers)
        r = self.conn.getresponse()
        return r.status, json.loads(r.read())


def make_client(base: str, workers: int) -> Client:
    return Client(base)


def close(c: Client) -> None:
    c.conn.close()


def _ok(status: int, data: dict, want: int = 200) -> dict:
    if status != want:
        raise RuntimeError(f"HTTP {status}")
    return data


def get_board(c: Client, board_id: str) -> dict:
    return _ok(*c.call("GET", f"/boards/{board_id}"))


def list_boards(c: Client) -> list:
    return _ok(*c.call("GET", "/boards?page_size=25"))["items"]


def create_pin(c: Client, board_id: str, title: str) -> dict:
    body = json.dumps({"board_id": board_id, "title": title, "media_source": MEDIA}).encode()
    return _ok(*c.call("POST", "/pins", body), want=201)


def iter_campaigns(c: Client, account: str, page_size: int):
    query = {"page_size": page_size}
    while True:
        page = _ok(*c.call("GET", f"/ad_accounts/{account}/campaigns?{urlencode(query)}"))
        yield from page["items"]
        if not page["bookmark"]:
            return
        query = {"page_size": page_size, "bookmark": page["bookmark"]}
