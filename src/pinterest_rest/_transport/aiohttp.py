"""Async transport on aiohttp (chosen by measurement: see benchmarks/RESULTS.md).

This module is imported only when an AsyncPinterest sends its first request, so that
``import pinterest_rest`` stays cheap for sync users.
"""

from __future__ import annotations

import asyncio

import aiohttp

from .._errors import APIConnectionError, APITimeoutError
from . import Request, Response

POOL_SIZE = 64


class AiohttpTransport:
    def __init__(self, *, pool_size: int = POOL_SIZE, session: aiohttp.ClientSession | None = None) -> None:
        self._session = session
        self._own_session = session is None
        self._pool_size = pool_size
        self._timeouts: dict[object, aiohttp.ClientTimeout] = {}

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=self._pool_size)
            # The client builds its own JSON and reads whole bodies; skip aiohttp's extras.
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=True, skip_auto_headers=("User-Agent",)
            )
        return self._session

    def _timeout(self, request: Request) -> aiohttp.ClientTimeout:
        t = request.timeout
        key = (t.connect, t.read) if t is not None else None
        found = self._timeouts.get(key)
        if found is None:
            # One deadline per request (connect + read) instead of aiohttp's sock_read, which
            # re-arms a timer on every chunk received and cost ~15% of throughput at 32 tasks
            # (benchmarks/RESULTS.md). For API-sized bodies the two bounds are the same in practice.
            if t is None:
                found = aiohttp.ClientTimeout(total=None)
            elif t.read is None:
                found = aiohttp.ClientTimeout(total=None, sock_connect=t.connect)
            else:
                found = aiohttp.ClientTimeout(total=(t.connect or 0) + t.read, sock_connect=t.connect)
            self._timeouts[key] = found
        return found

    async def send(self, request: Request) -> Response:
        session = self._get_session()
        try:
            async with session.request(
                request.method,
                request.url,
                data=request.body,
                headers=request.headers,
                timeout=self._timeout(request),
                allow_redirects=False,
            ) as raw:
                content = await raw.read()
                headers = {k.lower(): v for k, v in raw.headers.items()}
                return Response(raw.status, headers, content, request)
        except aiohttp.ClientConnectorError as exc:
            raise APIConnectionError(
                f"Could not connect: {exc.__class__.__name__}", request=request, sent=False
            ) from None
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
            raise APITimeoutError("Timed out waiting for the response.", request=request) from None
        except aiohttp.ClientError as exc:
            raise APIConnectionError(f"Connection error: {exc.__class__.__name__}", request=request) from None

    async def aclose(self) -> None:
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None
