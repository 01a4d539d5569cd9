"""For every operation, sync and async: the wire request is exactly right and the response parses.

The expected request is computed here from the registry record with the spec's rules written out
independently of the request builder, so a builder bug shows up as a mismatch.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import quote

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._model import model_class
from pinterest_rest._operation import Operation
from pinterest_rest._pagination import AsyncPage, SyncPage
from pinterest_rest._registry import OPERATIONS
from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

from .samples import arg_value, sample, schemas

OPS = sorted(OPERATIONS.values(), key=lambda op: op.id)


def call_args(op: Operation) -> tuple[list[Any], dict[str, Any]]:
    positional = [arg_value(p) for p in op.params if p.location == "path"]
    keywords = {p.attr: arg_value(p) for p in op.params if p.location != "path" and p.name != "bookmark"}
    if op.body_mode == "whole":
        keywords["body"] = (
            [{"k": "v"}] if "array" in json.dumps(schemas()["operations"][op.id]["request"])[:40] else {"k": "v"}
        )
    return positional, keywords


def expected_url(op: Operation, keywords: dict[str, Any]) -> str:
    path = op.path
    for p in op.params:
        if p.location == "path":
            path = path.replace("{" + p.name + "}", quote(str(arg_value(p)), safe=""))
    pairs: list[str] = []
    for p in op.params:
        if p.location != "query" or p.attr not in keywords:
            continue
        value = keywords[p.attr]
        text = lambda v: "true" if v is True else "false" if v is False else quote(str(v), safe="")  # noqa: E731
        if isinstance(value, dict):  # style: deepObject, the spec's only object query parameter
            pairs += [f"{p.name}[{k}]={text(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            if p.explode:
                pairs += [f"{p.name}={text(v)}" for v in value]
            else:
                pairs.append(f"{p.name}=" + ",".join(text(v) for v in value))
        else:
            pairs.append(f"{p.name}={text(value)}")
    return "http://api.test/v5" + path + ("?" + "&".join(pairs) if pairs else "")


def expected_body(op: Operation, keywords: dict[str, Any]) -> Any:
    if op.body_mode == "whole":
        return keywords["body"]
    fields = {p.name: keywords[p.attr] for p in op.params if p.location == "body" and p.attr in keywords}
    if not fields and not op.body_required:
        return None
    return fields


def response_for(op: Operation) -> tuple[int, Any]:
    schema = schemas()["operations"][op.id]["response"]
    if op.response_kind == "none":
        return (204, None)
    body = sample(schema) if schema is not None else {}
    if op.paginated and isinstance(body, dict):
        body["bookmark"] = None
    return (200, body)


def check_request(op: Operation, request: Request, keywords: dict[str, Any]) -> None:
    assert request.method == op.http_method
    assert request.url == expected_url(op, keywords)
    body = expected_body(op, keywords)
    if body is None:
        assert request.body is None
    elif op.body_type == "form":
        from urllib.parse import parse_qsl

        assert dict(parse_qsl(request.body.decode())) == {k: str(v) for k, v in body.items()}
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert request.headers["Authorization"].startswith("Basic ")
    else:
        assert json.loads(request.body) == body
        assert request.headers["Content-Type"] == "application/json"
    if op.body_type != "form":
        assert request.headers["Authorization"] == "Bearer tok"


def check_result(op: Operation, result: Any, body: Any) -> None:
    if op.response_kind == "none":
        assert result is None
    elif op.response_kind == "page":
        assert isinstance(result, (SyncPage, AsyncPage))
        items = result.items
        assert len(items) == len(body["items"])
        if op.response_model and items:
            assert isinstance(items[0], model_class(op.response_model))
            assert items[0].to_dict() == body["items"][0]
    elif op.response_kind == "model":
        assert isinstance(result, model_class(op.response_model or ""))
        assert result.to_dict() == body
        for attr in type(result)._fields:
            getattr(result, attr)  # every declared field reads without error
    elif op.response_kind == "list" and op.response_model:
        assert isinstance(result, list) and all(isinstance(x, model_class(op.response_model)) for x in result)
        assert [x.to_dict() for x in result] == body
    else:
        assert result == body


def method_of(client: Any, op: Operation) -> Any:
    return getattr(getattr(client, op.resource), op.method_name)


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_sync_operation(op: Operation) -> None:
    status, body = response_for(op)
    transport = MockTransport(lambda req: (status, body))
    client = Pinterest(
        "tok", base_url="http://api.test/v5", client_id="id", client_secret="secret", transport=transport
    )
    positional, keywords = call_args(op)
    result = method_of(client, op)(*positional, **keywords)
    assert len(transport.requests) == 1
    check_request(op, transport.requests[0], keywords)
    check_result(op, result, body)


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_async_operation(op: Operation) -> None:
    status, body = response_for(op)
    transport = AsyncMockTransport(lambda req: (status, body))
    client = AsyncPinterest(
        "tok", base_url="http://api.test/v5", client_id="id", client_secret="secret", transport=transport
    )
    positional, keywords = call_args(op)

    async def run() -> Any:
        return await method_of(client, op)(*positional, **keywords)

    result = asyncio.run(run())
    assert len(transport.requests) == 1
    check_request(op, transport.requests[0], keywords)
    check_result(op, result, body)


def _pages(request: Request) -> tuple[int, dict[str, Any]]:
    if "bookmark=b2" in request.url:
        return 200, {"items": [{"id": "2", "name": "two"}], "bookmark": None}
    return 200, {"items": [{"id": "1", "name": "one"}], "bookmark": "b2"}


def test_raw_response_of_a_page_parses_to_the_same_page_object() -> None:
    client = Pinterest("tok", base_url="http://api.test/v5", transport=MockTransport(_pages))
    raw = client.boards.with_raw_response.list(page_size=1)
    assert raw.status_code == 200
    page = raw.parsed
    assert isinstance(page, SyncPage) and page.next_bookmark == "b2"
    assert [b.id for b in page.items] == ["1"]
    assert [b.name for b in page] == ["one", "two"]  # walking on from a raw page still works


def test_async_raw_response_of_a_page_parses_to_an_async_page() -> None:
    async def run() -> list[str]:
        client = AsyncPinterest("tok", base_url="http://api.test/v5", transport=AsyncMockTransport(_pages))
        raw = await client.boards.with_raw_response.list(page_size=1)
        assert isinstance(raw.parsed, AsyncPage) and raw.status_code == 200
        return [b.id async for b in raw.parsed]

    assert asyncio.run(run()) == ["1", "2"]
