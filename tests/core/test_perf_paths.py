"""Behaviours the fast paths of the request pipeline and transports must keep (issue 17).

Each fast path has a slow twin it must agree with: the JSON decoder with ``json.loads``, the path
joiner with ``str.format_map``, the async transport's header handling with what aiohttp would send
without it. None of these tests times anything.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest import _registry as registry
from pinterest_rest._pipeline import loads
from pinterest_rest._plan import Plan

# -- JSON decoding --------------------------------------------------------------------------------

GOOD = [
    b'{"id": "1", "name": "x"}',
    b'{"id":"1"}\n',
    b'{"id": "1"} \t\r\n',
    b"[1, 2.5, null, true]",
    '{"name": "caf\u00e9 \u2603"}'.encode(),
    b'"just a string"',
    b'  {"leading": "whitespace"}',
    '\ufeff{"bom": 1}'.encode("utf-8"),
    '{"utf16": 1}'.encode("utf-16"),
    '{"utf32": "x"}'.encode("utf-32"),
]
BAD = [
    b"",
    b"{",
    b'{"id": 1} trailing',
    b'{"id": 1}\x0c',  # a form feed is not JSON whitespace
    b'{"a": 1}{"b": 2}',
    b"\xff\xfe\xfd",
    b"<html>gateway timeout</html>",
    b"NaN-ish",
]


@pytest.mark.parametrize("body", GOOD)
def test_loads_agrees_with_json_loads(body: bytes) -> None:
    assert loads(body) == json.loads(body)


@pytest.mark.parametrize("body", BAD)
def test_loads_raises_what_json_loads_raises(body: bytes) -> None:
    with pytest.raises(ValueError) as ours:
        loads(body)
    with pytest.raises(ValueError) as theirs:
        json.loads(body)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)


# -- request paths --------------------------------------------------------------------------------


def test_split_path_templates_render_as_format_map_does() -> None:
    for op in registry.all():
        values = {p.name: f"v-{p.name}" for p in op.params if p.location == "path"}
        parts = Plan(op).path_parts
        joined = "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(parts))
        assert joined == op.path.format_map(values), op.id
        assert set(parts[1::2]) == set(values), op.id


# -- what goes on the wire ------------------------------------------------------------------------


class _Wire:
    """A loopback HTTP server that records each raw request head and answers a small Board."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.heads: list[bytes] = []
        self.bodies: list[bytes] = []
        self.sends_per_request: list[int] = []
        self.extra_head = b""  # more header lines for every answer
        self.status: bytes | None = None  # another status line than 200/201
        self.body = b'{"id": "1", "name": "n", "title": "t"}'
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/v5"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        buf = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, _, buf = buf.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(buf) < length:
                    buf += conn.recv(65536)
                self.heads.append(head)
                self.bodies.append(buf[:length])
                buf = buf[length:]
                status = self.status or (b"201 Created" if head.startswith(b"POST") else b"200 OK")
                body = self.body
                conn.sendall(
                    b"HTTP/1.1 "
                    + status
                    + b"\r\nContent-Type: application/json\r\n"
                    + self.extra_head
                    + b"Content-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                    + body
                )

    def close(self) -> None:
        self.sock.close()

    def header_values(self, index: int, name: str) -> list[str]:
        lines = self.heads[index].decode("latin-1").split("\r\n")[1:]
        return [v.strip() for n, _, v in (line.partition(":") for line in lines) if n.strip().lower() == name]


@pytest.fixture
def wire() -> Iterator[_Wire]:
    server = _Wire()
    yield server
    server.close()


def test_async_api_request_sends_our_user_agent_once(wire: _Wire) -> None:
    async def go() -> None:
        async with AsyncPinterest(access_token="tok", base_url=wire.base) as client:
            await client.boards.get("1")
            await client.with_options(default_headers={"user-agent": "mine/1"}).boards.get("1")

    asyncio.run(go())
    assert wire.header_values(0, "user-agent") == [_user_agent()]
    assert wire.header_values(0, "authorization") == ["Bearer tok"]
    assert wire.header_values(0, "accept") == ["application/json"]
    assert wire.header_values(1, "user-agent") == ["mine/1"]  # a user's own header replaces ours


def test_async_external_request_sends_no_user_agent_and_no_credentials(wire: _Wire) -> None:
    async def go() -> None:
        async with AsyncPinterest(access_token="tok", base_url=wire.base) as client:
            await client.boards.get("1")  # the session exists before the external request
            await client.send_external("POST", wire.base + "/upload", body=b"abc")

    asyncio.run(go())
    assert wire.header_values(1, "user-agent") == []
    assert wire.header_values(1, "authorization") == []
    assert wire.bodies[1] == b"abc"


def test_async_call_timeouts_each_reach_aiohttp(wire: _Wire) -> None:
    """The transport remembers the last timeout it converted; a call with another one must not
    get the remembered one. The client's default is the session's own, so it is not passed."""
    from pinterest_rest._transport.aiohttp import AiohttpTransport

    seen: list[Any] = []

    async def go() -> None:
        transport = AiohttpTransport()
        async with AsyncPinterest(access_token="tok", base_url=wire.base, transport=transport) as client:
            session = transport._get_session()
            real = transport._request  # what the transport calls: the coroutine behind session.request

            def spy(*args: Any, **kwargs: Any) -> Any:
                seen.append(kwargs.get("timeout"))
                return real(*args, **kwargs)

            transport._request = spy
            await client.boards.get("1")
            await client.boards.get("1", timeout=(1.0, 2.0))
            await client.boards.get("1")
            await client.boards.get("1", timeout=(1.0, 2.0))
            session_timeout.append(session.timeout)

    session_timeout: list[Any] = []
    asyncio.run(go())
    first, custom, again, custom_again = seen
    assert (custom.total, custom.sock_connect) == (3.0, 1.0) and custom_again is custom
    assert first is None and again is None  # the session's timeout: the client's default
    default = session_timeout[0]
    assert default.total != custom.total and default.sock_connect is not None


def test_sync_post_sends_a_small_body_with_its_headers(wire: _Wire, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real = socket.socket.sendall

    def sendall(sock: socket.socket, data: Any, *args: Any) -> None:
        if not bytes(data).startswith(b"HTTP/1.1 "):  # the client's writes, not the server's answers
            writes.append(bytes(data))
        real(sock, data, *args)

    monkeypatch.setattr(socket.socket, "sendall", sendall)
    with Pinterest(access_token="tok", base_url=wire.base) as client:
        pin = client.pins.create(board_id="1", title="t", media_source={"source_type": "image_url", "url": "https://x"})
        client.boards.get("1")
        big = "x" * 70_000  # above the one-write size: headers, then the body
        client.pins.create(
            board_id="1", title="t", description=big, media_source={"source_type": "image_url", "url": "x"}
        )
    assert pin.id == "1"
    assert writes[0].startswith(b"POST /v5/pins ") and writes[0].endswith(wire.bodies[0])
    assert writes[1].startswith(b"GET /v5/boards/1 ")
    assert len(writes) == 4
    assert writes[2].startswith(b"POST /v5/pins ") and writes[2].endswith(b"\r\n\r\n")
    assert writes[3] == wire.bodies[2]


def _user_agent() -> str:
    from pinterest_rest._client import USER_AGENT

    return USER_AGENT


# -- header names are case-insensitive -------------------------------------------------------------

CASE_VARIANTS = {"accept": "text/csv", "AUTHORIZATION": "Bearer other", "x-trace": "1", "X-Trace": "2"}


def _check_one_of_each(wire: _Wire, index: int) -> None:
    assert wire.header_values(index, "accept") == ["text/csv"]  # the caller's, once
    assert wire.header_values(index, "authorization") == ["Bearer tok"]  # the client's own credential wins
    assert wire.header_values(index, "user-agent") == ["mine/1"]
    assert wire.header_values(index, "x-trace") == ["2"]  # a later spelling replaces an earlier one


def test_sync_headers_differing_in_case_go_out_once(wire: _Wire) -> None:
    client = Pinterest(access_token="tok", base_url=wire.base, default_headers={"user-agent": "mine/1"})
    client.boards.get("1", extra_headers=CASE_VARIANTS)
    _check_one_of_each(wire, 0)


def test_async_headers_differing_in_case_go_out_once(wire: _Wire) -> None:
    async def go() -> None:
        async with AsyncPinterest(
            access_token="tok", base_url=wire.base, default_headers={"user-agent": "mine/1"}
        ) as c:
            await c.boards.get("1", extra_headers=CASE_VARIANTS)

    asyncio.run(go())
    _check_one_of_each(wire, 0)


def test_async_header_merge_agrees_with_aiohttps_own() -> None:
    """Our session builds a request's headers in C; aiohttp's loop must give the same for the
    dicts the pipeline builds (no two names differing only in case)."""
    import aiohttp

    from pinterest_rest._transport import merge_headers
    from pinterest_rest._transport.aiohttp import AiohttpTransport

    async def go() -> None:
        transport = AiohttpTransport()
        session = transport._get_session()
        headers = {"Accept": "application/json", "User-Agent": "ua"}
        merge_headers(headers, {"accept": "text/csv", "X-A": "1", "x-a": "2", "Authorization": "Bearer t"})
        ours = session._prepare_headers(headers)
        theirs = aiohttp.ClientSession._prepare_headers(session, headers)
        assert list(ours.items()) == list(theirs.items())
        await transport.aclose()

    asyncio.run(go())


# -- pages ------------------------------------------------------------------------------------------


def test_page_wrapping_in_c_agrees_with_construct() -> None:
    from pinterest_rest._model import construct_all as wrap_all
    from pinterest_rest._model import model_class

    cls = model_class("Board")
    raw: list[Any] = [{"id": "1", "name": "a", "new_field": 1}, {"id": "2"}]
    items = wrap_all(cls, raw)
    assert [type(i) for i in items] == [cls, cls]
    assert items[0].__dict__ is raw[0] and items[0]["new_field"] == 1  # wrapped, not copied
    mixed = wrap_all(cls, [{"id": "1"}, "not an object", None])
    assert type(mixed[0]) is cls and mixed[1:] == ["not an object", None]


# -- response headers -----------------------------------------------------------------------------

MIXED_CASE = b"X-RateLimit-Limit: 100\r\nX-RateLimit-Remaining: 99\r\nX-Request-Id: rid-1\r\n"


def test_async_answer_headers_reach_users_lower_cased(wire: _Wire) -> None:
    """The async transport keeps aiohttp's case-insensitive headers internally; what users see
    is a dict with lower-cased names, as from the sync client."""
    from pinterest_rest import APIStatusError

    wire.extra_head = MIXED_CASE

    async def go() -> tuple[Any, Any, Any, Any]:
        async with AsyncPinterest(access_token="tok", base_url=wire.base, max_retries=0) as client:
            raw = await client.boards.with_raw_response.get("1")
            limits = client.rate_limits
            external = await client.send_external("GET", wire.base + "/file")
            wire.status = b"404 Not Found"
            try:
                await client.boards.get("1")
            except APIStatusError as exc:
                return raw, limits, external, exc
            raise AssertionError("no error")

    raw, limits, external, error = asyncio.run(go())
    for headers in (raw.headers, external.headers, error.headers):
        assert type(headers) is dict
        assert headers["x-ratelimit-remaining"] == "99" and headers["x-request-id"] == "rid-1"
        assert all(name == name.lower() for name in headers)
    assert raw.request_id == "rid-1" and error.request_id == "rid-1"
    assert raw.rate_limit is not None and raw.rate_limit.remaining == 99
    assert [limit.remaining for limit in limits.values()] == [99]  # seen through the mixed-case names


def test_sync_answer_headers_reach_users_lower_cased(wire: _Wire) -> None:
    from pinterest_rest import APIStatusError

    wire.extra_head = MIXED_CASE
    client = Pinterest(access_token="tok", base_url=wire.base, max_retries=0)
    raw = client.boards.with_raw_response.get("1")
    limits = client.rate_limits
    external = client.send_external("GET", wire.base + "/file")
    wire.status = b"404 Not Found"
    with pytest.raises(APIStatusError) as caught:
        client.boards.get("1")
    for headers in (raw.headers, external.headers, caught.value.headers):
        assert type(headers) is dict
        assert headers["x-ratelimit-remaining"] == "99" and headers["x-request-id"] == "rid-1"
        assert all(name == name.lower() for name in headers)
    assert raw.request_id == "rid-1" and caught.value.request_id == "rid-1"
    assert [limit.remaining for limit in limits.values()] == [99]


def test_async_transport_on_a_callers_session_uses_its_public_api(wire: _Wire) -> None:
    """A session the caller passes in is used as it is: its own header merging (here with a
    default header of its own) and its public request(); the shortcuts are for sessions the
    transport made."""
    import aiohttp

    from pinterest_rest._transport.aiohttp import AiohttpTransport

    async def go() -> None:
        session = aiohttp.ClientSession(headers={"X-Team": "ads"})
        transport = AiohttpTransport(session=session)
        async with AsyncPinterest(access_token="tok", base_url=wire.base, transport=transport) as client:
            board = await client.boards.get("1")
            assert board.id == "1"
        assert "_prepare_headers" not in vars(session)
        await session.close()

    asyncio.run(go())
    assert wire.header_values(0, "x-team") == ["ads"]
    assert wire.header_values(0, "authorization") == ["Bearer tok"]


def test_async_connections_read_below_the_mmap_threshold_and_large_answers_arrive_whole(wire: _Wire) -> None:
    """asyncio reads with recv(256 KiB), above glibc's mmap threshold: three extra system calls and
    fresh page faults on every answer, unless the process's earlier frees happened to raise the
    threshold. Our connections read 64 KiB at a time; an answer larger than that still arrives whole."""
    from pinterest_rest._transport.aiohttp import READ_SIZE

    wire.body = json.dumps({"id": "1", "name": "n" * 300_000}).encode()
    seen: list[int] = []

    async def go() -> None:
        async with AsyncPinterest(access_token="tok", base_url=wire.base) as client:
            board = await client.boards.get("1")
            assert board.name == "n" * 300_000
            session = client._pipeline.transport._session_made
            for protocols in session.connector._conns.values():
                seen.extend(proto.transport.max_size for proto, _ in protocols)

    asyncio.run(go())
    assert READ_SIZE < 128 * 1024
    assert seen and all(size == READ_SIZE for size in seen), seen
