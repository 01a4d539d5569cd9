"""One call each for Pinterest's other long jobs: start (or take a started one), wait, return the
final status object. Each job is a ``JobKind`` (how to poll it, its status field and end states
from the spec) run by the generic waiter (jobs.py), so the sync and async helpers share
everything but the ``await``.

    result = run_bulk_download(client, ad_account_id, entity_types=["CAMPAIGN"])   # .result_url
    batch = run_items_batch(client, body={...})                                   # per-item statuses
    export = run_leads_export(client, ad_account_id, start_date=..., end_date=..., ad_id=...)
    result = wait_feed_ingestion(client, feed_id)                                  # after feeds.ingest
    upload = wait_customer_list_upload(client, ad_account_id, customer_list_id, upload_id)

    data = download_bulk_result(client, ad_account_id, request_id)                # the file's bytes
    data = download_leads_export(client, ad_account_id, export_id)

The downloads go through ``client.send_external`` (no credentials sent to the file host) and,
when the short-lived link has expired (403), read the status once more for a fresh one (the same
helper as run_report's, in reports.py).

Async: the same names prefixed with ``a`` (``arun_bulk_download``, ``await_bulk_request``,
``arun_items_batch``, ``arun_leads_export``, ``await_feed_ingestion``,
``await_customer_list_upload``, ``adownload_bulk_result``, ``adownload_leads_export``) take an ``AsyncPinterest``; cancel them the asyncio way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .jobs import await_for, wait_for
from .reports import adownload_fresh, download_fresh

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._async_client import AsyncPinterest
    from .._client import Pinterest
    from ..models.arguments import BulkCreateDownloadArgs, BulkCreateUpsertArgs, LeadsExportCreateArgs
    from ..models.bulk import BulkUpsertStatusResponse
    from ..models.catalog_feeds import CatalogsFeedProcessingResult
    from ..models.catalog_items import CatalogItemsCreateBatchBody, CatalogsItemsBatch
    from ..models.customer_list_uploads import CustomerListUploadResponse
    from ..models.leads_export import LeadsExportResponseData

S = TypeVar("S")
Progress = Callable[[Any], None] | None


def _same(status: Any) -> Any:
    return status


@dataclass(frozen=True)
class JobKind(Generic[S]):
    """How to follow one kind of job whose status object is an ``S``. ``poll(client, *ids)`` is the
    status call (a coroutine for an async client); ``pick`` turns its answer into the status
    object the waiter checks."""

    what: str
    poll: Callable[..., Any]
    key: str
    done: tuple[str, ...]
    failed: tuple[str, ...]
    pick: Callable[[Any], S] = _same

    def wait(
        self, client: Pinterest, ids: tuple[str, ...], timeout: float | None, interval: float, progress: Progress,
        cancel: threading.Event | None,
    ) -> S:  # fmt: skip
        def poll() -> S:
            status: S = self.pick(self.poll(client, *ids))
            return status

        final: S = wait_for(
            poll, key=self.key, done=self.done, failed=self.failed,
            what=f"{self.what} {ids[-1]}", timeout=timeout, interval=interval, progress=progress, cancel=cancel,
        )  # fmt: skip
        return final

    async def await_(
        self, client: AsyncPinterest, ids: tuple[str, ...], timeout: float | None, interval: float, progress: Progress
    ) -> S:
        async def poll() -> S:
            return self.pick(await self.poll(client, *ids))

        return await await_for(
            poll, key=self.key, done=self.done, failed=self.failed, what=f"{self.what} {ids[-1]}",
            timeout=timeout, interval=interval, progress=progress,
        )  # fmt: skip


def _newest(page: Any) -> CatalogsFeedProcessingResult:
    from ..models.catalog_feeds import CatalogsFeedProcessingResult

    items = page.items
    if items:
        newest: CatalogsFeedProcessingResult = items[0]
        return newest
    # No result yet: a stand-in that is neither done nor failed, so the wait goes on.
    queued: CatalogsFeedProcessingResult = CatalogsFeedProcessingResult.construct({"status": "QUEUED_FOR_PROCESSING"})
    return queued


BULK: JobKind[BulkUpsertStatusResponse] = JobKind(
    "bulk request", lambda c, a, r: c.bulk.get_request(a, r), "status", ("SUCCEEDED",), ("FAILED",)
)
ITEMS_BATCH: JobKind[CatalogsItemsBatch] = JobKind(
    "items batch", lambda c, b: c.catalog_items.get_batch(b), "status", ("COMPLETED",), ("FAILED",)
)
LEADS_EXPORT: JobKind[LeadsExportResponseData] = JobKind(
    "leads export", lambda c, a, e: c.leads_export.get(a, e), "export_status", ("FINISHED",), ("FAILED",)
)
FEED_INGESTION: JobKind[CatalogsFeedProcessingResult] = JobKind(
    "feed ingestion",
    lambda c, f: c.catalog_feeds.list_processing_results(f, page_size=1),
    "status",
    ("COMPLETED",),
    ("FAILED",),
    pick=_newest,
)
CUSTOMER_LIST_UPLOAD: JobKind[CustomerListUploadResponse] = JobKind(
    "customer list upload",
    lambda c, a, lst, u: c.customer_list_uploads.get(a, lst, u),
    "state",
    ("SUCCEEDED",),
    ("FAILED",),
)


# -- sync -------------------------------------------------------------------------------------


def run_bulk_download(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Unpack[BulkCreateDownloadArgs],
) -> BulkUpsertStatusResponse:  # fmt: skip
    """Start a bulk download and wait until it SUCCEEDED (``result_url`` holds the file; or
    ``download_bulk_result`` fetches it). ``request`` is ``bulk.create_download``'s keywords."""
    request_id = client.bulk.create_download(ad_account_id, **request).request_id or ""
    return BULK.wait(client, (ad_account_id, request_id), timeout, interval, progress, cancel)


def run_bulk_upsert(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Unpack[BulkCreateUpsertArgs],
) -> BulkUpsertStatusResponse:  # fmt: skip
    """Start a bulk upsert (``bulk.create_upsert``'s keywords) and wait until it SUCCEEDED."""
    request_id = client.bulk.create_upsert(ad_account_id, **request).request_id or ""
    return BULK.wait(client, (ad_account_id, request_id), timeout, interval, progress, cancel)


def wait_bulk_request(
    client: Pinterest, ad_account_id: str, request_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None,
) -> BulkUpsertStatusResponse:  # fmt: skip
    """Wait for a bulk request started elsewhere."""
    return BULK.wait(client, (ad_account_id, request_id), timeout, interval, progress, cancel)


def download_bulk_result(client: Pinterest, ad_account_id: str, request_id: str, *, url: str | None = None) -> bytes:
    """The file of a SUCCEEDED bulk download: ``url`` (a ``result_url`` you hold) or, if not
    given, the one in the request's status. An expired link is replaced once by a fresh one."""

    def fresh() -> str | None:
        return client.bulk.get_request(ad_account_id, request_id).result_url

    return download_fresh(client, url or fresh(), fresh, f"bulk request {request_id}")


def run_items_batch(
    client: Pinterest, *, body: CatalogItemsCreateBatchBody, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None,
) -> CatalogsItemsBatch:  # fmt: skip
    """Send a catalog items batch and wait until it is COMPLETED (then read ``items`` for per-item status)."""
    batch_id = client.catalog_items.create_batch(body=body).batch_id or ""
    return ITEMS_BATCH.wait(client, (batch_id,), timeout, interval, progress, cancel)


def run_leads_export(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Unpack[LeadsExportCreateArgs],
) -> LeadsExportResponseData:  # fmt: skip
    """Start a leads export and wait until FINISHED (``download_url`` holds the file; or
    ``download_leads_export`` fetches it)."""
    export_id = client.leads_export.create(ad_account_id, **request).leads_export_id or ""
    return LEADS_EXPORT.wait(client, (ad_account_id, export_id), timeout, interval, progress, cancel)


def download_leads_export(
    client: Pinterest, ad_account_id: str, leads_export_id: str, *, url: str | None = None
) -> bytes:
    """The file of a FINISHED leads export (``url``, or the one in its status); an expired link
    is replaced once by a fresh one."""

    def fresh() -> str | None:
        return client.leads_export.get(ad_account_id, leads_export_id).download_url

    return download_fresh(client, url or fresh(), fresh, f"leads export {leads_export_id}")


def wait_feed_ingestion(
    client: Pinterest, feed_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None,
) -> CatalogsFeedProcessingResult:  # fmt: skip
    """Wait until the newest processing result of a feed is COMPLETED (start one with feeds.ingest)."""
    return FEED_INGESTION.wait(client, (feed_id,), timeout, interval, progress, cancel)


def wait_customer_list_upload(
    client: Pinterest, ad_account_id: str, customer_list_id: str, upload_id: str, *, timeout: float | None = 900.0,
    interval: float = 2.0, progress: Progress = None, cancel: threading.Event | None = None,
) -> CustomerListUploadResponse:  # fmt: skip
    return CUSTOMER_LIST_UPLOAD.wait(
        client, (ad_account_id, customer_list_id, upload_id), timeout, interval, progress, cancel
    )


# -- async ------------------------------------------------------------------------------------


async def arun_bulk_download(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Unpack[BulkCreateDownloadArgs],
) -> BulkUpsertStatusResponse:  # fmt: skip
    request_id = (await client.bulk.create_download(ad_account_id, **request)).request_id or ""
    return await BULK.await_(client, (ad_account_id, request_id), timeout, interval, progress)


async def arun_bulk_upsert(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Unpack[BulkCreateUpsertArgs],
) -> BulkUpsertStatusResponse:  # fmt: skip
    request_id = (await client.bulk.create_upsert(ad_account_id, **request)).request_id or ""
    return await BULK.await_(client, (ad_account_id, request_id), timeout, interval, progress)


async def await_bulk_request(
    client: AsyncPinterest, ad_account_id: str, request_id: str, *, timeout: float | None = 900.0,
    interval: float = 2.0, progress: Progress = None,
) -> BulkUpsertStatusResponse:  # fmt: skip
    return await BULK.await_(client, (ad_account_id, request_id), timeout, interval, progress)


async def adownload_bulk_result(
    client: AsyncPinterest, ad_account_id: str, request_id: str, *, url: str | None = None
) -> bytes:
    async def fresh() -> str | None:
        return (await client.bulk.get_request(ad_account_id, request_id)).result_url

    return await adownload_fresh(client, url or await fresh(), fresh, f"bulk request {request_id}")


async def arun_items_batch(
    client: AsyncPinterest, *, body: CatalogItemsCreateBatchBody, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None,
) -> CatalogsItemsBatch:  # fmt: skip
    batch_id = (await client.catalog_items.create_batch(body=body)).batch_id or ""
    return await ITEMS_BATCH.await_(client, (batch_id,), timeout, interval, progress)


async def arun_leads_export(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Unpack[LeadsExportCreateArgs],
) -> LeadsExportResponseData:  # fmt: skip
    export_id = (await client.leads_export.create(ad_account_id, **request)).leads_export_id or ""
    return await LEADS_EXPORT.await_(client, (ad_account_id, export_id), timeout, interval, progress)


async def adownload_leads_export(
    client: AsyncPinterest, ad_account_id: str, leads_export_id: str, *, url: str | None = None
) -> bytes:
    async def fresh() -> str | None:
        return (await client.leads_export.get(ad_account_id, leads_export_id)).download_url

    return await adownload_fresh(client, url or await fresh(), fresh, f"leads export {leads_export_id}")


async def await_feed_ingestion(
    client: AsyncPinterest, feed_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None,
) -> CatalogsFeedProcessingResult:  # fmt: skip
    return await FEED_INGESTION.await_(client, (feed_id,), timeout, interval, progress)


async def await_customer_list_upload(
    client: AsyncPinterest, ad_account_id: str, customer_list_id: str, upload_id: str, *,
    timeout: float | None = 900.0, interval: float = 2.0, progress: Progress = None,
) -> CustomerListUploadResponse:  # fmt: skip
    return await CUSTOMER_LIST_UPLOAD.await_(
        client, (ad_account_id, customer_list_id, upload_id), timeout, interval, progress
    )
