"""A transport for tests: records every request and answers from a handler or a queue.

    transport = MockTransport(lambda req: MockTransport.json(200, {"id": "1"}))
    client = Pinterest(access_token="t", transport=transport)
    client.boards.get("1")
    assert transport.requests[-1].url.endswith("/boards/1")

A handler may also raise (e.g. ``APIConnectionError(sent=False)``) to simulate network faults.
``AsyncMockTransport`` is the same for AsyncPinterest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from . import Request, Response

Handler = Callable[[Request], "Response | tuple[int, Any] | BaseException"]


class MockTransport:
    def __init__(self, handler: Handler | Iterable[Response | tuple[int, Any] | BaseException] | None = None) -> None:
        self.requests: list[Request] = []
        self.closed = False
        if handler is None or callable(handler):
            self._handler = handler
            self._queue: list[Any] = []
        else:
            self._handler = None
            self._queue = list(handler)

    @staticmethod
    def json(status: int, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        return (status, body) if headers is None else (status, (body, headers))

    def _answer(self, request: Request) -> Response:
        self.requests.append(request)
        if self._handler is not None:
            result: Any = self._handler(request)
        elif self._queue:
            result = self._queue.pop(0)
        else:
            result = (200, {})
        if isinstance(result, BaseException):
            if hasattr(result, "request"):
                result.request = request
            raise result
        if isinstance(result, Response):
            result.request = request
            return result
        status, body = result
        headers: dict[str, str] = {}
        if isinstance(body, tuple):
            body, extra = body
            headers.update({k.lower(): v for k, v in extra.items()})
        if isinstance(body, bytes):
            content = body
        elif body is None:
            content = b""
        else:
            content = json.dumps(body).encode()
            headers.setdefault("content-type", "application/json")
        return Response(status, headers, content, request)

    def send(self, request: Request) -> Response:
        return self._answer(request)

    def close(self) -> None:
        self.closed = True


class AsyncMockTransport(MockTransport):
    """The async face of MockTransport (``send`` is a coroutine)."""

    async def send(self, request: Request) -> Response:  # type: ignore[override]
        return self._answer(request)

    async def aclose(self) -> None:
        self.closed = True
