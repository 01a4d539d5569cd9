# The calls below are wrong on purpose (what a script without a type checker would send):
# mypy: disable-error-code="call-arg,arg-type"
"""Every workflow entry point refuses a misspelt keyword with TypeError before anything is sent.

Each call below is made on a client whose mock transport records requests; the test asserts the
error names the keyword (and, where a close valid name exists, suggests it) and that the
transport saw no request at all. ``create_video_pin`` is the case that matters most: it uploads
and waits for minutes before creating the pin, so a typo in a pin field must fail first. Its
video path does not exist, so reaching the upload would raise FileNotFoundError instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.workflows import batch_jobs
from pinterest_rest.workflows.conversions import asend_events, send_events
from pinterest_rest.workflows.reports import arun_report, run_report

MISSING_VIDEO = "/nonexistent/clip.mp4"
REPORT = {"start_date": "2026-01-01", "end_date": "2026-01-02", "granularity": "DAY", "level": "CAMPAIGN",
          "columns": ["SPEND_IN_DOLLAR"]}  # fmt: skip
ITEMS = {"country": "US", "language": "EN", "operation": "DELETE", "items": [{"item_id": "sku"}]}


def _never(request: Any) -> Any:
    raise AssertionError(f"nothing should be sent, but {request.method} {request.url} was")


def _sync() -> tuple[Pinterest, MockTransport]:
    transport = MockTransport(_never)
    return Pinterest("t", base_url="http://x/v5", transport=transport, max_retries=0), transport


def _async() -> tuple[AsyncPinterest, AsyncMockTransport]:
    transport = AsyncMockTransport(_never)
    return AsyncPinterest("t", base_url="http://x/v5", transport=transport, max_retries=0), transport


def test_create_video_pin_refuses_a_misspelt_pin_field_before_uploading() -> None:
    client, transport = _sync()
    with pytest.raises(TypeError, match=r"create_video_pin\(\).*'titel'.*did you mean 'title'"):
        client.pins.create_video_pin(board_id="1", path=MISSING_VIDEO, titel="x")
    assert transport.requests == []


def test_async_create_video_pin_refuses_a_misspelt_pin_field_before_uploading() -> None:
    client, transport = _async()
    with pytest.raises(TypeError, match=r"create_video_pin\(\).*'titel'.*did you mean 'title'"):
        asyncio.run(client.pins.create_video_pin(board_id="1", path=MISSING_VIDEO, titel="x"))
    assert transport.requests == []


def test_create_video_pin_refuses_the_fields_it_builds_itself_and_bad_option_values() -> None:
    client, transport = _sync()
    with pytest.raises(TypeError, match="media_source"):
        client.pins.create_video_pin(board_id="1", path=MISSING_VIDEO, media_source={})
    from pinterest_rest import ValidationError

    with pytest.raises(ValidationError, match="max_retries"):
        client.pins.create_video_pin(board_id="1", path=MISSING_VIDEO, max_retries=-1)
    assert transport.requests == []


def test_create_video_pin_still_takes_real_pin_fields_and_options() -> None:
    """The check lets valid keywords through: the call goes on to register the upload (the mock
    transport's first request, which it refuses)."""
    client, _ = _sync()
    with pytest.raises(AssertionError, match="nothing should be sent, but POST http://x/v5/media"):
        client.pins.create_video_pin(
            board_id="1", path=MISSING_VIDEO, title="t", description="d", link="https://e.com", timeout=5
        )


SYNC_CALLS: dict[str, tuple[str, Callable[[Pinterest], Any]]] = {
    "media.upload": ("progres", lambda c: c.media.upload(MISSING_VIDEO, progres=print)),
    "run_report": ("granularty", lambda c: run_report(c, "1", **{**REPORT, "granularty": "DAY"})),
    "run_bulk_download": ("entity_type", lambda c: batch_jobs.run_bulk_download(c, "1", entity_type=["AD"])),
    "run_bulk_upsert": ("creat", lambda c: batch_jobs.run_bulk_upsert(c, "1", creat={})),
    "wait_bulk_request": ("timout", lambda c: batch_jobs.wait_bulk_request(c, "1", "2", timout=1)),
    "download_bulk_result": ("urll", lambda c: batch_jobs.download_bulk_result(c, "1", "2", urll="x")),
    "run_items_batch": ("intervall", lambda c: batch_jobs.run_items_batch(c, body=ITEMS, intervall=1)),
    "run_leads_export": (
        "timout",
        lambda c: batch_jobs.run_leads_export(
            c, "1", start_date="2026-01-01", end_date="2026-01-02", ad_id="3", timout=1
        ),
    ),
    "download_leads_export": ("urll", lambda c: batch_jobs.download_leads_export(c, "1", "2", urll="x")),
    "wait_feed_ingestion": ("progres", lambda c: batch_jobs.wait_feed_ingestion(c, "1", progres=print)),
    "wait_customer_list_upload": (
        "cancell",
        lambda c: batch_jobs.wait_customer_list_upload(c, "1", "2", "3", cancell=None),
    ),
    "send_events": ("tset", lambda c: send_events(c, "1", [{"event_id": "e"}], tset=True)),
}

ASYNC_CALLS: dict[str, tuple[str, Callable[[AsyncPinterest], Awaitable[Any]]]] = {
    "media.upload": ("progres", lambda c: c.media.upload(MISSING_VIDEO, progres=print)),
    "arun_report": ("granularty", lambda c: arun_report(c, "1", **{**REPORT, "granularty": "DAY"})),
    "arun_bulk_download": ("entity_type", lambda c: batch_jobs.arun_bulk_download(c, "1", entity_type=["AD"])),
    "arun_bulk_upsert": ("creat", lambda c: batch_jobs.arun_bulk_upsert(c, "1", creat={})),
    "await_bulk_request": ("timout", lambda c: batch_jobs.await_bulk_request(c, "1", "2", timout=1)),
    "adownload_bulk_result": ("urll", lambda c: batch_jobs.adownload_bulk_result(c, "1", "2", urll="x")),
    "arun_items_batch": ("intervall", lambda c: batch_jobs.arun_items_batch(c, body=ITEMS, intervall=1)),
    "arun_leads_export": (
        "timout",
        lambda c: batch_jobs.arun_leads_export(
            c, "1", start_date="2026-01-01", end_date="2026-01-02", ad_id="3", timout=1
        ),
    ),
    "adownload_leads_export": ("urll", lambda c: batch_jobs.adownload_leads_export(c, "1", "2", urll="x")),
    "await_feed_ingestion": ("progres", lambda c: batch_jobs.await_feed_ingestion(c, "1", progres=print)),
    "await_customer_list_upload": (
        "intervall",
        lambda c: batch_jobs.await_customer_list_upload(c, "1", "2", "3", intervall=1),
    ),
    "asend_events": ("tset", lambda c: asend_events(c, "1", [{"event_id": "e"}], tset=True)),
}


@pytest.mark.parametrize("name", sorted(SYNC_CALLS))
def test_sync_workflow_refuses_an_unknown_keyword_before_sending(name: str) -> None:
    keyword, call = SYNC_CALLS[name]
    client, transport = _sync()
    with pytest.raises(TypeError, match=repr(keyword)):
        call(client)
    assert transport.requests == []


@pytest.mark.parametrize("name", sorted(ASYNC_CALLS))
def test_async_workflow_refuses_an_unknown_keyword_before_sending(name: str) -> None:
    keyword, call = ASYNC_CALLS[name]
    client, transport = _async()

    async def run() -> None:
        await call(client)

    with pytest.raises(TypeError, match=repr(keyword)):
        asyncio.run(run())
    assert transport.requests == []


def test_a_misspelt_report_argument_suggests_the_right_one() -> None:
    client, transport = _sync()
    with pytest.raises(TypeError, match="did you mean 'granularity'"):
        run_report(client, "1", **{**REPORT, "granularty": "DAY"})
    assert transport.requests == []
