"""A small, fast loopback stub of the Pinterest API v5 for the benchmarks.

A raw asyncio protocol (HTTP/1.1, keep-alive, Content-Length bodies) with pre-serialized bodies, so
that the stub costs far less CPU per request than any client. Routes:

    GET  /v5/boards/{id}                       a Board with that id
    GET  /v5/boards?page_size=&bookmark=       pages of 50 Boards in all
    POST /v5/pins                              echoes board_id and title into a new Pin
    GET  /v5/pins/{id}                         a Pin (pinterest-api-sdk re-reads after create)
    GET  /v5/ad_accounts/{id}/campaigns        `--campaigns` campaigns (150 for SMALL_AD_ACCOUNT)
    GET  /__stats                              {"connections", "requests", "cpu"} as JSON

`connections` counts connections that made at least one /v5 request, so a stats probe does not
count itself; `cpu` is this process's CPU seconds (to report the stub's share of a run).

Run: `python stub.py --campaigns 10000` prints `PORT <n>` and serves until stdin closes or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import threading
import time
from urllib.parse import parse_qs

import fixtures

_JSON = b"application/json"


class Stats:
    def __init__(self) -> None:
        self.connections = 0
        self.requests = 0


class Api:
    """Routing and bodies; pure functions of the request, cached where the answer never changes."""

    def __init__(self, campaigns: int) -> None:
        self.campaigns = campaigns
        self.stats = Stats()
        self._boards: dict[str, bytes] = {}
        self._pages: dict[tuple, bytes] = {}
        self._pin_seq = 0
        self._pins: dict[str, bytes] = {}  # created Pins, so a re-read returns what was written

    def handle(self, method: str, target: str, body: bytes) -> tuple[int, bytes]:
        path, _, query = target.partition("?")
        if path.startswith("/__stats"):
            stats = {
                "connections": self.stats.connections,
                "requests": self.stats.requests,
                "cpu": time.process_time(),
            }
            return 200, json.dumps(stats).encode()
        self.stats.requests += 1
        parts = path.split("/")  # ['', 'v5', 'boards', '123']
        if len(parts) < 3 or parts[1] != "v5":
            return _error(404, "Not found")
        n = len(parts)
        if method == "GET" and parts[2] == "boards":
            if n == 4 and parts[3]:
                cached = self._boards.get(parts[3])
                if cached is None:
                    cached = json.dumps(fixtures.board(parts[3])).encode()
                    if len(self._boards) < 100_000:
                        self._boards[parts[3]] = cached
                return 200, cached
            if n == 3:
                return self._page(query, "boards", fixtures.BOARD_PAGE_TOTAL)
        elif parts[2] == "pins":
            if method == "POST" and n == 3:
                try:
                    data = json.loads(body)
                    board_id = data["board_id"]
                    media = data["media_source"]
                except (ValueError, KeyError, TypeError):
                    return _error(400, "Invalid request body")
                if not isinstance(media, dict) or "source_type" not in media:
                    return _error(400, "media_source.source_type is required")
                self._pin_seq += 1
                pin_id = str(813744226420795000 + self._pin_seq)
                payload = json.dumps(fixtures.pin(pin_id, board_id, data.get("title"))).encode()
                if len(self._pins) < 100_000:
                    self._pins[pin_id] = payload
                return 201, payload
            if method == "GET" and n == 4:
                payload = self._pins.get(parts[3])
                return (200, payload) if payload else _error(404, "Pin not found")
        elif method == "GET" and parts[2] == "ad_accounts" and n == 5 and parts[4] == "campaigns":
            account = parts[3]
            total = fixtures.SMALL_ACCOUNT_CAMPAIGNS if account == fixtures.SMALL_AD_ACCOUNT else self.campaigns
            return self._page(query, account, total)
        return _error(404, f"No route for {method} {path}")

    def _page(self, query: str, kind: str, total: int) -> tuple[int, bytes]:
        q = parse_qs(query)
        try:
            page_size = int(q.get("page_size", ["25"])[0])
            bookmark = q.get("bookmark", [""])[0]
            offset = int(bookmark.lstrip("c")) if bookmark else 0
        except ValueError:
            return _error(400, "Invalid page_size or bookmark")
        if not 1 <= page_size <= 250 or not 0 <= offset <= total:
            return _error(400, "page_size out of range or invalid bookmark")
        key = (kind, offset, page_size, total)
        cached = self._pages.get(key)
        if cached is None:
            if kind == "boards":
                page = fixtures.boards_page(offset, page_size, total)
            else:
                page = fixtures.campaigns_page(kind, offset, page_size, total)
            cached = json.dumps(page).encode()
            self._pages[key] = cached
        return 200, cached


def _error(status: int, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"code": status, "message": message}).encode()


_REASONS = {200: b"OK", 201: b"Created", 400: b"Bad Request", 404: b"Not Found", 411: b"Length Required"}


class HttpProtocol(asyncio.Protocol):
    def __init__(self, api: Api) -> None:
        self.api = api
        self.buf = b""
        self.counted = False
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buf[:head_end].decode("latin-1")
            lines = head.split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            length = 0
            close = False
            for line in lines[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "connection" and value.strip().lower() == "close":
                    close = True
                elif name == "transfer-encoding":
                    self._send(411, _error(411, "chunked bodies unsupported")[1], True)
                    return
            end = head_end + 4 + length
            if len(self.buf) < end:
                return
            body = self.buf[head_end + 4 : end]
            self.buf = self.buf[end:]
            if not self.counted and target.startswith("/v5"):
                self.counted = True
                self.api.stats.connections += 1
            status, payload = self.api.handle(method, target, body)
            self._send(status, payload, close)
            if close:
                return

    def _send(self, status: int, payload: bytes, close: bool) -> None:
        assert self.transport is not None
        head = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nx-pinterest-rid: 0123abcd\r\n" % (
            status,
            _REASONS.get(status, b"Error"),
            _JSON,
            len(payload),
        )
        if close:
            head += b"Connection: close\r\n"
        self.transport.write(head + b"\r\n" + payload)
        if close:
            self.transport.close()


async def serve(api: Api, port: int = 0) -> asyncio.base_events.Server:
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: HttpProtocol(api), "127.0.0.1", port, backlog=256)


def start_in_thread(campaigns: int = 1000) -> tuple[int, Api, callable]:
    """Serve on a background thread (for tests); returns (port, api, stop)."""
    api = Api(campaigns)
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        holder["server"] = loop.run_until_complete(serve(api))
        ready.set()
        loop.run_forever()
        holder["server"].close()
        loop.run_until_complete(holder["server"].wait_closed())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    port = holder["server"].sockets[0].getsockname()[1]

    def stop() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

    return port, api, stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--campaigns", type=int, default=10_000)
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(serve(Api(args.campaigns), args.port))
    print("PORT", server.sockets[0].getsockname()[1], flush=True)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    # Stop when the parent goes away (its end of our stdin closes).
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.read() or loop.stop())
    loop.run_forever()


if __name__ == "__main__":
    main()
