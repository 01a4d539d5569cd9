"""Client options, with_options, raw responses, models and pagination basics over a mock transport."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest import AsyncPinterest, Pinterest, Timeout
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.models import Board


def make(handler: Any = None, **kw: Any) -> tuple[Pinterest, MockTransport]:
    transport = MockTransport(handler or (lambda r: (200, {"id": "1", "name": "b"})))
    return Pinterest("tok", base_url="http://api.test/v5", transport=transport, **kw), transport


def test_env_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_ACCESS_TOKEN", "envtok")
    monkeypatch.setenv("PINTEREST_BASE_URL", "http://env.test/v5/")
    transport = MockTransport(lambda r: (200, {}))
    c = Pinterest(transport=transport)
    c.boards.get("1")
    assert transport.requests[0].url == "http://env.test/v5/boards/1"
    assert transport.requests[0].headers["Authorization"] == "Bearer envtok"
    monkeypatch.delenv("PINTEREST_BASE_URL")
    assert Pinterest(transport=transport).base_url == "https://api.pinterest.com/v5"


def test_default_timeout_and_per_call_override() -> None:
    c, transport = make()
    assert c.timeout == Timeout(5.0, 60.0)
    c.boards.get("1")
    c.boards.get("1", timeout=3)
    c.boards.get("1", timeout=None)
    c.boards.get("1", timeout=(1, 2))
    timeouts = [r.timeout for r in transport.requests]
    assert timeouts == [Timeout(5.0, 60.0), Timeout(3.0, 3.0), None, Timeout(1, 2)]


def test_with_options_is_a_cheap_copy_sharing_state() -> None:
    c, transport = make()
    c2 = c.with_options(timeout=10, max_retries=0, default_headers={"X-Trace": "1"})
    assert c2.max_retries == 0 and c.max_retries == 3
    assert c2.timeout == Timeout(10.0, 10.0)
    c2.boards.get("1")
    assert transport.requests[-1].headers["X-Trace"] == "1"
    c.boards.get("1")
    assert "X-Trace" not in transport.requests[-1].headers
    assert c2._pipeline.transport is c._pipeline.transport
    assert c2._pipeline.budget is c._pipeline.budget


def test_extra_headers_query_body() -> None:
    c, transport = make()
    c.boards.create(name="n", extra_headers={"X-A": "b"}, extra_query={"debug": True}, extra_body={"new_field": 1})
    req = transport.requests[0]
    assert req.headers["X-A"] == "b"
    assert req.url == "http://api.test/v5/boards?debug=true"
    assert json.loads(req.body or b"") == {"name": "n", "new_field": 1}


def test_client_ad_account_id_default() -> None:
    c, transport = make(ad_account_id="999")
    c.boards.list()
    c.boards.list(ad_account_id="5")
    c.media.get("1")  # no ad_account_id parameter: not added
    assert transport.requests[0].url.endswith("/boards?ad_account_id=999")
    assert transport.requests[1].url.endswith("/boards?ad_account_id=5")
    assert "ad_account_id" not in transport.requests[2].url


def test_null_body_field_sent_and_not_given_dropped() -> None:
    c, transport = make()
    c.boards.update("1", description=None)
    assert json.loads(transport.requests[0].body or b"") == {"description": None}


def test_raw_response() -> None:
    c, _ = make(lambda r: (200, ({"id": "1"}, {"x-request-id": "abc", "x-ratelimit-remaining": "9"})))
    raw = c.boards.with_raw_response.get("1")
    assert raw.status_code == 200 and raw.request_id == "abc"
    assert isinstance(raw.parsed, Board) and raw.parsed.id == "1"
    assert raw.rate_limit is not None and raw.rate_limit.remaining == 9
    assert c.rate_limits["org_read"].remaining == 9


def test_model_behaviour() -> None:
    c, _ = make(lambda r: (200, {"id": "1", "name": "b", "owner": {"username": "u"}, "brand_new": [1]}))
    board = c.boards.get("1")
    assert board.owner is not None and board.owner.username == "u"
    assert board.description is None  # declared, absent
    assert board["brand_new"] == [1] and board.get("brand_new") == [1]
    assert board.to_dict()["brand_new"] == [1]
    assert json.loads(board.to_json()) == board.to_dict()
    assert board == Board({"id": "1", "name": "b", "owner": {"username": "u"}, "brand_new": [1]})
    assert "Board(id='1'" in repr(board)
    assert pickle.loads(pickle.dumps(board)) == board
    with pytest.raises(AttributeError):
        board.no_such_field  # noqa: B018
    with pytest.raises(AttributeError):
        board.name = "x"  # type: ignore[misc]
    d = board.to_dict()
    d["owner"]["username"] = "changed"
    assert board.owner.username == "u"  # to_dict copies


def test_unknown_enum_values_parse() -> None:
    c, _ = make(lambda r: (200, {"id": "1", "privacy": "SOMETHING_NEW"}))
    assert c.boards.get("1").privacy == "SOMETHING_NEW"


def pages(n_pages: int, per_page: int) -> Any:
    def handler(req: Any) -> Any:
        from urllib.parse import parse_qs, urlsplit

        q = parse_qs(urlsplit(req.url).query)
        idx = int(q.get("bookmark", ["0"])[0])
        items = [{"id": str(idx * per_page + i)} for i in range(per_page)]
        bookmark = str(idx + 1) if idx + 1 < n_pages else None
        return (200, {"items": items, "bookmark": bookmark})

    return handler


def test_pagination_sync() -> None:
    c, transport = make(pages(3, 2))
    page = c.boards.list(page_size=2)
    assert [b.id for b in page.items] == ["0", "1"] and page.has_next_page() and page.next_bookmark == "1"
    assert len(transport.requests) == 1  # nothing fetched until iterated
    assert [b.id for b in page] == [str(i) for i in range(6)]
    assert [len(p) for p in page.iter_pages()] == [2, 2, 2]
    assert [b.id for b in c.boards.list(bookmark="2")] == ["4", "5"]
    assert [b.id for b in c.boards.list(max_items=3)] == ["0", "1", "2"]
    last = list(c.boards.list().iter_pages())[-1]
    with pytest.raises(LookupError, match="last page"):
        last.next_page()


def test_pagination_async() -> None:
    transport = AsyncMockTransport(pages(3, 2))
    c = AsyncPinterest("tok", base_url="http://api.test/v5", transport=transport)

    async def run() -> None:
        first = await c.boards.list()
        assert [b.id for b in first.items] == ["0", "1"]
        assert [b.id async for b in c.boards.list()] == [str(i) for i in range(6)]
        assert [b.id async for b in c.boards.list(max_items=3)] == ["0", "1", "2"]
        assert [len(p) async for p in c.boards.list().iter_pages()] == [2, 2, 2]

    asyncio.run(run())


def test_retry_on_503_then_success(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pinterest_rest._retry.backoff", lambda attempt: 0.0)
    answers = [(503, {"code": 1, "message": "busy"}), (200, {"id": "1"})]
    c, transport = make(answers)
    assert c.boards.get("1").id == "1"
    assert len(transport.requests) == 2


def test_async_client_context_manager_closes_transport() -> None:
    transport = AsyncMockTransport(lambda r: (200, {"id": "1"}))

    async def run() -> None:
        async with AsyncPinterest("tok", transport=transport) as c:
            assert (await c.boards.get("1")).id == "1"

    asyncio.run(run())
    assert transport.closed


def test_errors_exported() -> None:
    assert issubclass(pr.APITimeoutError, pr.APIConnectionError)
    assert issubclass(pr.ValidationError, ValueError)
