"""``AsyncPinterest``: the asyncio client, the same surface as ``Pinterest`` with awaitable methods.

Its settings, credentials and shared properties are ``_client.py``'s; this module adds the async
pipeline loop and accessors, and is imported only when ``AsyncPinterest`` is first named.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._async_pipeline import AsyncPipeline
from ._client import _auth, _ClientBase, _settings, _throttle
from ._types import DEFAULT_MAX_RETRIES, NOT_GIVEN, NotGiven, TimeoutTypes
from .resources._async import AsyncResourceAccessors

if TYPE_CHECKING:
    from ._adhoc import QueryValue
    from ._auth import Auth
    from ._throttle import RateLimiter
    from ._transport import AsyncTransport, Response, StreamedBody


class AsyncPinterest(AsyncResourceAccessors, _ClientBase):
    """The asyncio client; the same surface as ``Pinterest`` with awaitable methods.

    aiohttp is imported when the first request is sent, not before.
    """

    _pipeline: AsyncPipeline

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_writes: bool = False,
        client_id: str | None = None,
        client_secret: str | None = None,
        conversion_token: str | None = None,
        ad_account_id: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, Any] | None = None,
        auth: Auth | None = None,
        transport: AsyncTransport | None = None,
        rate_limit_budget: Mapping[str, tuple[int, float]] | None = None,
        rate_limit_store: RateLimiter | None = None,
    ) -> None:
        where = "AsyncPinterest()"
        settings = _settings(
            where, base_url, timeout, max_retries, retry_writes, default_headers, default_query, ad_account_id
        )
        self._pipeline = AsyncPipeline(
            settings, _auth(where, auth, access_token, client_id, client_secret, conversion_token), transport
        )
        _throttle(where, self._pipeline, rate_limit_budget, rate_limit_store)

    def with_options(
        self,
        *,
        base_url: str | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_writes: bool | NotGiven = NOT_GIVEN,
        ad_account_id: str | NotGiven | None = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncPinterest:
        """A copy with some settings changed, sharing this client's connections and credentials."""
        changes = {k: v for k, v in locals().items() if k != "self" and not isinstance(v, NotGiven)}
        return self._copy(changes)

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, QueryValue] | None = None,
        body: Any = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        raw: bool = False,
    ) -> Any:
        """The async ``Pinterest.request``."""
        from ._adhoc import request_async

        return await request_async(self._pipeline, method, path, query, body, headers, timeout, max_retries, raw)

    async def send_external(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | StreamedBody | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Response:
        """The async ``Pinterest.send_external``; a streamed body goes out through aiohttp."""
        return await self._pipeline.send_external(method, url, headers, body, timeout)

    async def close(self) -> None:
        if self._pipeline._transport is not None:
            await self._pipeline._transport.aclose()

    async def __aenter__(self) -> AsyncPinterest:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
