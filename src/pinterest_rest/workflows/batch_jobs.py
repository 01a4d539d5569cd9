"""One call each for Pinterest's other long jobs: start (or take a started one), wait, return the
final status object. Each job is a ``JobKind`` (how to poll it, its status field and end states
from the spec) run by the generic waiter (jobs.py), so the sync and async helpers share
everything but the ``await``.

    result = run_bulk_download(client, ad_account_id, entity_types=["CAMPAIGN"])   # .result_url
    batch = run_items_batch(client, body={...})                                   # per-item statuses
    export = run_leads_export(client, ad_account_id, start_date=..., end_date=..., ad_id=...)
    result = wait_feed_ingestion(client, feed_id)                                  # after feeds.ingest
    upload = wait_customer_list_upload(client, ad_account_id, customer_list_id, upload_id)

Async: the same names prefixed with ``a`` (``arun_bulk_download``, ``await_bulk_request``,
``arun_items_batch``, ``arun_leads_export``, ``await_feed_ingestion``,
``await_customer_list_upload``) take an ``AsyncPinterest``; cancel them the asyncio way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .jobs import await_for, wait_for

if TYPE_CHECKING:
    from .._client import AsyncPinterest, Pinterest
    from ..models.catalog_items import CatalogItemsCreateBatchBody

Progress = Callable[[Any], None] | None


def _same(status: Any) -> Any:
    return status


@dataclass(frozen=True)
class JobKind:
    """How to follow one kind of job. ``poll(client, *ids)`` is the status call (a coroutine for an
    async client); ``pick`` turns its answer into the status object the waiter checks."""

    what: str
    poll: Callable[..., Any]
    key: str
    done: tuple[str, ...]
    failed: tuple[str, ...]
    pick: Callable[[Any], Any] = _same

    def wait(self, client: Pinterest, ids: tuple[str, ...], **kw: Any) -> Any:
        return wait_for(
            lambda: self.pick(self.poll(client, *ids)), key=self.key, done=self.done, failed=self.failed,
            what=f"{self.what} {ids[-1]}", **kw,
        )  # fmt: skip

    async def await_(self, client: AsyncPinterest, ids: tuple[str, ...], **kw: Any) -> Any:
        async def poll() -> Any:
            return self.pick(await self.poll(client, *ids))

        kw.pop("cancel", None)  # async waits are cancelled by cancelling the task
        return await await_for(
            poll, key=self.key, done=self.done, failed=self.failed, what=f"{self.what} {ids[-1]}", **kw
        )


def _newest(page: Any) -> Any:
    items = page.items
    return items[0] if items else {"status": "QUEUED_FOR_PROCESSING"}


BULK = JobKind("bulk request", lambda c, a, r: c.bulk.get_request(a, r), "status", ("SUCCEEDED",), ("FAILED",))
ITEMS_BATCH = JobKind("items batch", lambda c, b: c.catalog_items.get_batch(b), "status", ("COMPLETED",), ("FAILED",))
LEADS_EXPORT = JobKind(
    "leads export", lambda c, a, e: c.leads_export.get(a, e), "export_status", ("FINISHED",), ("FAILED",)
)
FEED_INGESTION = JobKind(
    "feed ingestion",
    lambda c, f: c.catalog_feeds.list_processing_results(f, page_size=1),
    "status",
    ("COMPLETED",),
    ("FAILED",),
    pick=_newest,
)
CUSTOMER_LIST_UPLOAD = JobKind(
    "customer list upload",
    lambda c, a, lst, u: c.customer_list_uploads.get(a, lst, u),
    "state",
    ("SUCCEEDED",),
    ("FAILED",),
)


def _kw(timeout: float | None, interval: float, progress: Progress, cancel: threading.Event | None) -> dict[str, Any]:
    return {"timeout": timeout, "interval": interval, "progress": progress, "cancel": cancel}


# -- sync -------------------------------------------------------------------------------------


def run_bulk_download(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    """Start a bulk download and wait until it SUCCEEDED (``result_url`` holds the file)."""
    request_id = client.bulk.create_download(ad_account_id, **request).request_id or ""
    return BULK.wait(client, (ad_account_id, request_id), **_kw(timeout, interval, progress, cancel))


def run_bulk_upsert(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    request_id = client.bulk.create_upsert(ad_account_id, **request).request_id or ""
    return BULK.wait(client, (ad_account_id, request_id), **_kw(timeout, interval, progress, cancel))


def wait_bulk_request(client: Pinterest, ad_account_id: str, request_id: str, **kw: Any) -> Any:
    return BULK.wait(client, (ad_account_id, request_id), **kw)


def run_items_batch(
    client: Pinterest, *, body: CatalogItemsCreateBatchBody, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None,
) -> Any:  # fmt: skip
    """Send a catalog items batch and wait until it is COMPLETED (then read ``items`` for per-item status)."""
    batch_id = client.catalog_items.create_batch(body=body).batch_id or ""
    return ITEMS_BATCH.wait(client, (batch_id,), **_kw(timeout, interval, progress, cancel))


def run_leads_export(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    """Start a leads export and wait until FINISHED (``download_url`` holds the file)."""
    export_id = client.leads_export.create(ad_account_id, **request).leads_export_id or ""
    return LEADS_EXPORT.wait(client, (ad_account_id, export_id), **_kw(timeout, interval, progress, cancel))


def wait_feed_ingestion(client: Pinterest, feed_id: str, **kw: Any) -> Any:
    """Wait until the newest processing result of a feed is COMPLETED (start one with feeds.ingest)."""
    return FEED_INGESTION.wait(client, (feed_id,), **kw)


def wait_customer_list_upload(
    client: Pinterest, ad_account_id: str, customer_list_id: str, upload_id: str, **kw: Any
) -> Any:
    return CUSTOMER_LIST_UPLOAD.wait(client, (ad_account_id, customer_list_id, upload_id), **kw)


# -- async ------------------------------------------------------------------------------------


async def arun_bulk_download(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Any,
) -> Any:  # fmt: skip
    request_id = (await client.bulk.create_download(ad_account_id, **request)).request_id or ""
    return await BULK.await_(client, (ad_account_id, request_id), **_kw(timeout, interval, progress, None))


async def arun_bulk_upsert(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Any,
) -> Any:  # fmt: skip
    request_id = (await client.bulk.create_upsert(ad_account_id, **request)).request_id or ""
    return await BULK.await_(client, (ad_account_id, request_id), **_kw(timeout, interval, progress, None))


async def await_bulk_request(client: AsyncPinterest, ad_account_id: str, request_id: str, **kw: Any) -> Any:
    return await BULK.await_(client, (ad_account_id, request_id), **kw)


async def arun_items_batch(
    client: AsyncPinterest, *, body: CatalogItemsCreateBatchBody, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None,
) -> Any:  # fmt: skip
    batch_id = (await client.catalog_items.create_batch(body=body)).batch_id or ""
    return await ITEMS_BATCH.await_(client, (batch_id,), **_kw(timeout, interval, progress, None))


async def arun_leads_export(
    client: AsyncPinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, **request: Any,
) -> Any:  # fmt: skip
    export_id = (await client.leads_export.create(ad_account_id, **request)).leads_export_id or ""
    return await LEADS_EXPORT.await_(client, (ad_account_id, export_id), **_kw(timeout, interval, progress, None))


async def await_feed_ingestion(client: AsyncPinterest, feed_id: str, **kw: Any) -> Any:
    return await FEED_INGESTION.await_(client, (feed_id,), **kw)


async def await_customer_list_upload(
    client: AsyncPinterest, ad_account_id: str, customer_list_id: str, upload_id: str, **kw: Any
) -> Any:
    return await CUSTOMER_LIST_UPLOAD.await_(client, (ad_account_id, customer_list_id, upload_id), **kw)
