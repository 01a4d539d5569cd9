"""Base classes of the generated resources: they hand each call to the client's pipeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._pagination import AsyncPager, fetch_page

if TYPE_CHECKING:
    from ._operation import Operation
    from ._pipeline import AsyncPipeline, RawResponse, SyncPipeline


class _RawProxy:
    """``resource.with_raw_response``: the same methods, returning a RawResponse."""

    __slots__ = ("_resource",)

    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., RawResponse]:
        clone = object.__new__(type(self._resource))
        clone._client = self._resource._client
        clone._raw = True
        method: Callable[..., RawResponse] = getattr(clone, name)
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
            return self._pipeline.request(op, args, options, True)
        return fetch_page(self._pipeline, op, args, options)


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
        return _RawProxy(self)

    async def _request(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        return await self._pipeline.request(op, args, options, self._raw)

    def _paginate(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
        if self._raw:
            return self._pipeline.request(op, args, options, True)
        return AsyncPager(self._pipeline, op, args, options)
