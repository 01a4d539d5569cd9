"""One call each for Pinterest's other long jobs: start (or take a started one), wait, return the
final status object. Each is the generic waiter (jobs.py) with the job's own status field and end
states from the spec.

    result = run_bulk_download(client, ad_account_id, entity_types=["CAMPAIGN"])   # .result_url
    batch = run_items_batch(client, body={...})                                   # per-item statuses
    export = run_leads_export(client, ad_account_id, start_date=..., end_date=..., ad_id=...)
    result = wait_feed_ingestion(client, feed_id)                                  # after feeds.ingest
    upload = wait_customer_list_upload(client, ad_account_id, customer_list_id, upload_id)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .jobs import wait_for

if TYPE_CHECKING:
    from .._client import Pinterest
    from ..models.catalog_items import CatalogItemsCreateBatchBody

Progress = Callable[[Any], None] | None


def _wait(
    poll: Callable[[], Any], key: str, done: tuple[str, ...], failed: tuple[str, ...], what: str, **kw: Any
) -> Any:
    return wait_for(poll, key=key, done=done, failed=failed, what=what, **kw)


def run_bulk_download(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    """Start a bulk download and wait until it SUCCEEDED (``result_url`` holds the file)."""
    request_id = client.bulk.create_download(ad_account_id, **request).request_id or ""
    return wait_bulk_request(
        client, ad_account_id, request_id, timeout=timeout, interval=interval, progress=progress, cancel=cancel
    )


def run_bulk_upsert(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    request_id = client.bulk.create_upsert(ad_account_id, **request).request_id or ""
    return wait_bulk_request(
        client, ad_account_id, request_id, timeout=timeout, interval=interval, progress=progress, cancel=cancel
    )


def wait_bulk_request(client: Pinterest, ad_account_id: str, request_id: str, **kw: Any) -> Any:
    return _wait(
        lambda: client.bulk.get_request(ad_account_id, request_id), "status", ("SUCCEEDED",), ("FAILED",),
        f"bulk request {request_id}", **kw,
    )  # fmt: skip


def run_items_batch(
    client: Pinterest, *, body: CatalogItemsCreateBatchBody, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None,
) -> Any:  # fmt: skip
    """Send a catalog items batch and wait until it is COMPLETED (then read ``items`` for per-item status)."""
    batch_id = client.catalog_items.create_batch(body=body).batch_id or ""
    return _wait(
        lambda: client.catalog_items.get_batch(batch_id), "status", ("COMPLETED",), ("FAILED",),
        f"items batch {batch_id}", timeout=timeout, interval=interval, progress=progress, cancel=cancel,
    )  # fmt: skip


def run_leads_export(
    client: Pinterest, ad_account_id: str, *, timeout: float | None = 900.0, interval: float = 2.0,
    progress: Progress = None, cancel: threading.Event | None = None, **request: Any,
) -> Any:  # fmt: skip
    """Start a leads export and wait until FINISHED (``download_url`` holds the file)."""
    export_id = client.leads_export.create(ad_account_id, **request).leads_export_id or ""
    return _wait(
        lambda: client.leads_export.get(ad_account_id, export_id), "export_status", ("FINISHED",), ("FAILED",),
        f"leads export {export_id}", timeout=timeout, interval=interval, progress=progress, cancel=cancel,
    )  # fmt: skip


def wait_feed_ingestion(client: Pinterest, feed_id: str, **kw: Any) -> Any:
    """Wait until the newest processing result of a feed is COMPLETED (start one with feeds.ingest)."""

    def newest() -> Any:
        items = client.catalog_feeds.list_processing_results(feed_id, page_size=1).items
        return items[0] if items else {"status": "QUEUED_FOR_PROCESSING"}

    return _wait(newest, "status", ("COMPLETED",), ("FAILED",), f"feed {feed_id} ingestion", **kw)


def wait_customer_list_upload(
    client: Pinterest, ad_account_id: str, customer_list_id: str, upload_id: str, **kw: Any
) -> Any:
    return _wait(
        lambda: client.customer_list_uploads.get(ad_account_id, customer_list_id, upload_id), "state",
        ("SUCCEEDED",), ("FAILED",), f"customer list upload {upload_id}", **kw,
    )  # fmt: skip
