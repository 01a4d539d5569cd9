"""Pinterest's one pagination style: ``{"items": [...], "bookmark": "..." | null}``.

``SyncPage`` is one page; iterating it walks every item of every following page, fetching each
page only when the previous one is used up, so memory stays flat however long the list is.
``AsyncPager`` is what paginated async methods return: ``await`` it for the first page, or
``async for`` over it for every item. Resume a walk by passing a saved ``next_bookmark`` as
``bookmark=``; ``max_items=`` stops the walk after that many items in total.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._model import construct_all, model_class

if TYPE_CHECKING:
    from ._async_pipeline import AsyncPipeline
    from ._operation import Operation
    from ._pipeline import SyncPipeline

T = TypeVar("T")


class _PageData(Generic[T]):
    __slots__ = ("_args", "_items", "_op", "_options", "_raw", "bookmark")

    def __init__(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any], data: Any) -> None:
        self._op = op
        self._args = args
        self._options = options
        self._raw: list[Any] = (data.get("items") if isinstance(data, dict) else None) or []
        self._items: list[T] | None = None
        bookmark = data.get("bookmark") if isinstance(data, dict) else None
        self.bookmark: str | None = bookmark or None

    @property
    def items(self) -> list[T]:
        """This page's items, as models."""
        if self._items is None:
            name = self._op.response_model
            if name is None:
                self._items = list(self._raw)
            else:
                self._items = construct_all(model_class(name), self._raw)
        return self._items

    @property
    def next_bookmark(self) -> str | None:
        """Pass this as ``bookmark=`` to resume after this page; None on the last page."""
        return self.bookmark

    def has_next_page(self) -> bool:
        return self.bookmark is not None

    def _next_args(self) -> dict[str, Any]:
        return {**self._args, "bookmark": self.bookmark}

    @property
    def _max_items(self) -> int | None:
        value = self._options.get("max_items")
        return int(value) if value is not None else None

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self._raw)} items, next_bookmark={self.bookmark!r})"


class SyncPage(_PageData[T]):
    __slots__ = ("_pipeline",)

    def __init__(
        self, pipeline: SyncPipeline, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any], data: Any
    ) -> None:
        super().__init__(op, args, options, data)
        self._pipeline = pipeline

    def next_page(self) -> SyncPage[T]:
        if self.bookmark is None:
            raise LookupError("this is the last page: has_next_page() is False")
        return fetch_page(self._pipeline, self._op, self._next_args(), self._options)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page: SyncPage[T] = self
        yield page
        while page.bookmark is not None:
            page = page.next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        remaining = self._max_items
        for page in self.iter_pages():
            yield from page.items if remaining is None else page.items[:remaining]
            if remaining is not None:
                remaining -= min(remaining, len(page))
                if remaining <= 0:
                    return


def fetch_page(
    pipeline: SyncPipeline, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]
) -> SyncPage[Any]:
    data = pipeline.request(op, args, options)
    return SyncPage(pipeline, op, args, options, data)


class AsyncPage(_PageData[T]):
    __slots__ = ("_pipeline",)

    def __init__(
        self, pipeline: AsyncPipeline, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any], data: Any
    ) -> None:
        super().__init__(op, args, options, data)
        self._pipeline = pipeline

    async def next_page(self) -> AsyncPage[T]:
        if self.bookmark is None:
            raise LookupError("this is the last page: has_next_page() is False")
        return await afetch_page(self._pipeline, self._op, self._next_args(), self._options)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        yield page
        while page.bookmark is not None:
            page = await page.next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        remaining = self._max_items
        async for page in self.iter_pages():
            for item in page.items if remaining is None else page.items[:remaining]:
                yield item
            if remaining is not None:
                remaining -= min(remaining, len(page))
                if remaining <= 0:
                    return


async def afetch_page(
    pipeline: AsyncPipeline, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]
) -> AsyncPage[Any]:
    data = await pipeline.request(op, args, options)
    return AsyncPage(pipeline, op, args, options, data)


class AsyncPager(Generic[T]):
    """Returned by paginated async methods: awaitable (first page) and async-iterable (all items)."""

    __slots__ = ("_args", "_op", "_options", "_pipeline")

    def __init__(
        self, pipeline: AsyncPipeline, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]
    ) -> None:
        self._pipeline = pipeline
        self._op = op
        self._args = args
        self._options = options

    def first_page(self) -> Any:
        return afetch_page(self._pipeline, self._op, self._args, self._options)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        page: AsyncPage[T] = yield from self.first_page().__await__()
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        first: AsyncPage[T] = await self.first_page()
        async for page in first.iter_pages():
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        first: AsyncPage[T] = await self.first_page()
        async for item in first:
            yield item
