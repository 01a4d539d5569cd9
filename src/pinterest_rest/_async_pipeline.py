"""The asyncio send/sleep loop: ``AsyncPipeline``, the only part of the pipeline that differs from
``SyncPipeline``. Everything else (building, auth headers, retry decisions, parsing, errors) is the
shared ``Pipeline`` in ``_pipeline.py``. Imported by ``AsyncPinterest`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._auth import Auth
from ._errors import APIConnectionError
from ._pipeline import Call, Pipeline, Settings, _parsed
from ._secret import Secret

if TYPE_CHECKING:
    from ._operation import Operation
    from ._transport import AsyncTransport, Response


class AsyncPipeline(Pipeline):
    def __init__(self, settings: Settings, auth: Auth, transport: AsyncTransport | None) -> None:
        super().__init__(settings, auth)
        self._transport = transport

    @property
    def transport(self) -> AsyncTransport:
        if self._transport is None:
            from ._transport.aiohttp import AiohttpTransport  # imported on first use only

            self._transport = AiohttpTransport()
        return self._transport

    async def send(self, call: Call) -> Response:
        op, request = call.op, call.request
        auth = self.auth
        transport = self._transport or self.transport
        attempt = 0
        refreshed = False
        while True:
            # A Secret, never a plain str: frame-locals printers must not show the token.
            if type(auth).abearer_token is _BASE_ABEARER_TOKEN:  # not overridden: skip a coroutine
                token = auth.bearer_token()
            else:
                token = await auth.abearer_token()
            secret = token if type(token) is Secret else Secret.of(token)
            request.headers["Authorization"] = auth.header_for(op, secret, call.plan.auth_scheme)  # type: ignore[union-attr]
            if self.throttle is not None:
                await self.throttle.aacquire(op.ratelimit_category, request)
            try:
                response = await transport.send(request)
                self.observe(op, response)
                if response.status_code < 400:
                    self.succeeded(call, response)
                    return response
            except APIConnectionError as exc:
                delay = self.retry_delay(call, attempt, None, exc)
                if delay is None:
                    raise
                await _asleep(delay)
                attempt += 1
                continue
            status = response.status_code
            if (
                status == 401
                and not refreshed
                and op.auth_scheme == "bearer"
                and await self.auth.arefresh(secret.reveal() if secret is not None else None)
            ):
                refreshed = True
                continue
            delay = self.retry_delay(call, attempt, response, None)
            if delay is None:
                raise self.error(call, response)
            await _asleep(delay)
            attempt += 1

    async def send_external(
        self, method: str, url: str, headers: Mapping[str, str] | None, body: Any, timeout: Any
    ) -> Response:
        import asyncio

        from ._transport import outside

        request = outside.build(method, url, headers, body, self._external_timeout(timeout))
        call = self._external_call(request)
        attempt = 0
        while True:
            try:
                response = await outside.asend(self.transport, request)
            except APIConnectionError as exc:
                delay = self.retry_delay(call, attempt, None, exc)
                if delay is None:
                    raise
            else:
                if outside.ok(response):
                    self.budget.refund(call.spent)
                    return response
                delay = self.retry_delay(call, attempt, response, None)
                if delay is None:
                    raise outside.error(response)
            await asyncio.sleep(delay)
            attempt += 1

    async def request(
        self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any], raw: bool = False
    ) -> Any:
        call = self.prepare(op, args, options)
        response = await self.send(call)
        parsed = _parsed(call)
        return self.raw(op, response, parsed) if raw else parsed


async def _asleep(delay: float) -> None:
    import asyncio  # here, not at module level: sync users should not pay for importing asyncio

    await asyncio.sleep(delay)


_BASE_ABEARER_TOKEN = Auth.abearer_token
