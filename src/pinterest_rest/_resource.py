"""Base classes of the generated resources: they hand each call to the client's pipeline.

The seam is deliberately small: a generated method passes its registry record, its bound arguments
and the per-call options, and gets back what the record's ``response_kind`` says (a model, a list of
models, a page, ``None`` or plain JSON). The generator knows which model that is, so each generated
method states its return type and assigns the result to a variable of that type; nothing else is
typed ``Any`` between a method and its caller.

``with_raw_response`` returns the same methods bound to a copy of the resource whose calls return a
``RawResponse`` (status, headers, request id, rate limits) whose ``parsed`` is exactly what the
plain call returns, pages included. The generated ``<Resource>WithRawResponse`` protocols type it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

    from ._async_pipeline import AsyncPipeline
    from ._operation import Operation
    from ._pipeline import RawResponse, SyncPipeline


_pages: ModuleType | None = None


def _pagination() -> ModuleType:
    """``_pagination``, imported by the first paginated call: a program that only gets and creates
    objects never loads it (it is about 4% of what the package adds to a cold start)."""
    global _pages
    if _pages is None:
        from . import _pagination as module

        _pages = module
    return _pages


def _with_parsed(raw: RawResponse[Any], parsed: Any) -> RawResponse[Any]:
    """The raw response of a page, holding the page object instead of the decoded dict.

    ``raw`` was created for this call and nobody else holds it, so it is updated in place.
    """
    raw.parsed = parsed
    return raw


class _RawProxy:
    """``resource.with_raw_response``: the same methods, returning a RawResponse."""

    __slots__ = ("_resource",)

    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., Any]:
        clone = object.__new__(type(self._resource))
        clone._client = self._resource._client
        clone._raw = True
        method: Callable[..., Any] = getattr(clone, name)
        return method


class SyncResource:
    __slots__ = ("_client", "_raw")

    def __init__(self, client: Any) -> None:
        self._client = client
        self._raw = False

    @property
    def _pipeline(self) -> SyncPipeline:
        pipeline: SyncPipeline = self._client._pipeline
        return pipeline

    @property
    def with_raw_response(self) -> Any:
        """Call ``.with_raw_response.<method>(...)`` to get status, headers and the parsed body."""
        return _RawProxy(self)

    def _request(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        return self._pipeline.request(op, args, options, self._raw)

    def _paginate(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        if self._raw:
            raw: RawResponse[Any] = self._pipeline.request(op, args, options, True)
            return _with_parsed(raw, _pagination().SyncPage(self._pipeline, op, args, options, raw.parsed))
        return (_pages or _pagination()).fetch_page(self._pipeline, op, args, options)


class AsyncResource:
    __slots__ = ("_client", "_raw")

    def __init__(self, client: Any) -> None:
        self._client = client
        self._raw = False

    @property
    def _pipeline(self) -> AsyncPipeline:
        pipeline: AsyncPipeline = self._client._pipeline
        return pipeline

    @property
    def with_raw_response(self) -> Any:
        """Call ``.with_raw_response.<method>(...)`` to get status, headers and the parsed body."""
        return _RawProxy(self)

    def _request(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Awaitable[Any]:
        # Not a coroutine itself: the generated method awaits the pipeline's coroutine directly,
        # one coroutine frame fewer to create and to resume at every suspension of the call.
        return self._client._pipeline.request(op, args, options, self._raw)  # type: ignore[no-any-return]

    def _paginate(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        if self._raw:
            return self._raw_page(op, args, options)
        return (_pages or _pagination()).AsyncPager(self._pipeline, op, args, options)

    async def _raw_page(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        raw: RawResponse[Any] = await self._pipeline.request(op, args, options, True)
        return _with_parsed(raw, _pagination().AsyncPage(self._pipeline, op, args, options, raw.parsed))
