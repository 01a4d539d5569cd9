# pyright: strict
"""Type expectations for the hand-written APIs (media upload, video pins, reports, batch jobs,
conversions), sync and async: they take the wrapped operation's typed keywords and return models.

Each ``# type: ignore[...]`` line is a call that must be refused: mypy --strict warns about an
unused ignore, so the line fails the check if the call is ever accepted.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest.models import (
    BulkUpsertStatusResponse,
    CatalogsFeedProcessingResult,
    CatalogsItemsBatch,
    CustomerListUploadResponse,
    LeadsExportResponseData,
    Media,
    Pin,
)
from pinterest_rest.models.catalog_items import CatalogsItemsDeleteBatchRequestParam
from pinterest_rest.workflows import batch_jobs
from pinterest_rest.workflows.conversions import SendResult, asend_events, build_event, send_events
from pinterest_rest.workflows.reports import arun_report, run_report


def upload_and_pin(client: Pinterest) -> None:
    media = client.media.upload("video.mp4")
    assert_type(media.media_id, str)
    pin = client.pins.create_video_pin(board_id="1", path="video.mp4", title="t")
    assert_type(pin, Pin)
    assert_type(client.media.upload("video.mp4", wait=False), Media)


def reports(client: Pinterest) -> None:
    rows = run_report(
        client,
        "123",
        start_date="2026-01-01",
        end_date="2026-01-30",
        granularity="DAY",
        level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR"],
        report_format="JSON",
    )
    assert_type(rows, list[dict[str, Any]])
    run_report(  # type: ignore[call-arg]  # level, columns, end_date are required
        client, "123", start_date="2026-01-01", granularity="DAY"
    )
    run_report(
        client,
        "123",
        start_date="2026-01-01",
        end_date="2026-01-30",
        granularity="NOT_A_GRANULARITY",  # type: ignore[arg-type]
        level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR"],
    )
    client.pins.create_video_pin(board_id="1", path="v.mp4", titel="t")  # type: ignore[call-arg]


def batch(client: Pinterest) -> None:
    bulk = batch_jobs.run_bulk_download(client, "1", entity_types=["CAMPAIGN"], output_format="JSON")
    assert_type(bulk, BulkUpsertStatusResponse)
    assert_type(batch_jobs.run_bulk_upsert(client, "1", create={}), BulkUpsertStatusResponse)
    assert_type(batch_jobs.wait_bulk_request(client, "1", "2", timeout=5), BulkUpsertStatusResponse)
    assert_type(batch_jobs.download_bulk_result(client, "1", "2"), bytes)
    export = batch_jobs.run_leads_export(client, "1", start_date="2026-01-01", end_date="2026-01-02", ad_id="3")
    assert_type(export, LeadsExportResponseData)
    assert_type(batch_jobs.download_leads_export(client, "1", "4", url=export.download_url), bytes)
    assert_type(batch_jobs.wait_feed_ingestion(client, "5"), CatalogsFeedProcessingResult)
    assert_type(batch_jobs.wait_customer_list_upload(client, "1", "2", "3"), CustomerListUploadResponse)
    batch_jobs.run_bulk_download(client, "1", entity_types=["NOT_A_TYPE"])  # type: ignore[list-item]
    batch_jobs.run_leads_export(client, "1", start_date="2026-01-01", end_date="2026-01-02")  # type: ignore[call-arg]


def conversions(client: Pinterest) -> None:
    event = build_event("checkout", 1_700_000_000, {"em": "a@b.com"}, order_id="o-1")
    assert_type(send_events(client, "1", [event], test=True), SendResult)


async def async_workflows(client: AsyncPinterest) -> None:
    media = await client.media.upload("video.mp4")
    assert_type(media, Media)
    assert_type(await client.pins.create_video_pin(board_id="1", path="v.mp4", title="t"), Pin)
    rows = await arun_report(
        client, "1", start_date="2026-01-01", end_date="2026-01-30", granularity="DAY", level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR"],
    )  # fmt: skip
    assert_type(rows, list[dict[str, Any]])
    assert_type(await batch_jobs.arun_bulk_download(client, "1", entity_types=["AD"]), BulkUpsertStatusResponse)
    delete: CatalogsItemsDeleteBatchRequestParam = {
        "country": "US",
        "language": "EN",
        "operation": "DELETE",
        "items": [{"item_id": "sku"}],
    }
    assert_type(await batch_jobs.arun_items_batch(client, body=delete), CatalogsItemsBatch)
    assert_type(await batch_jobs.adownload_leads_export(client, "1", "2"), bytes)
    assert_type(await asend_events(client, "1", []), SendResult)
