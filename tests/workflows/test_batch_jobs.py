"""The other long jobs, one call each, against the sandbox (and a mock for customer-list uploads)."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest import Pinterest
from pinterest_rest._transport.mock import MockTransport
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.workflows.batch_jobs import (
    run_bulk_download,
    run_items_batch,
    run_leads_export,
    wait_customer_list_upload,
    wait_feed_ingestion,
)
from pinterest_rest.workflows.jobs import JobFailedError


def _ad(c: Pinterest, account: str) -> str:
    campaign = c.campaigns.create(
        account, body=[{"ad_account_id": account, "name": "c", "objective_type": "AWARENESS"}]
    )
    group_body = [{"name": "g", "campaign_id": campaign.items[0].data.id, "budget_in_micro_currency": 1_000_000,
                   "billable_event": "IMPRESSION"}]  # fmt: skip
    group = c.ad_groups.create(account, body=group_body).items[0].data.id
    board = c.boards.create(name="Ads").id
    pin = c.pins.create(board_id=board, media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"}).id
    ad = c.ads.create(account, body=[{"ad_group_id": group, "pin_id": pin, "creative_type": "REGULAR"}])
    return str(ad.items[0].data.id)


def test_bulk_items_batch_leads_export_and_feed(sandbox: Sandbox) -> None:
    sandbox.config.job_polls = 2
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    seen: list[Any] = []
    bulk = run_bulk_download(c, account, entity_types=["CAMPAIGN"], interval=0.001, progress=seen.append)
    assert bulk.status == "SUCCEEDED" and bulk.result_url and [s.status for s in seen] == ["RUNNING", "SUCCEEDED"]
    body = {
        "country": "US",
        "language": "EN",
        "operation": "UPSERT",  # UPDATE needs the item to exist already
        "catalog_type": "RETAIL",
        "items": [{"item_id": "sku-1", "attributes": {"title": "Shirt"}}],
    }
    batch = run_items_batch(c, body=body, interval=0.001)
    assert batch.status == "COMPLETED" and batch["items"][0]["status"] == "SUCCESS"
    ad = _ad(c, account)  # a lead export needs a real ad
    export = run_leads_export(c, account, start_date="2026-01-01", end_date="2026-01-02", ad_id=ad, interval=0.001)
    assert export.export_status == "FINISHED" and export.download_url
    from pinterest_rest.sandbox import schemas
    from pinterest_rest.sandbox.samples import sample

    feed = c.catalog_feeds.create(body=sample(schemas.operation("feeds/create")["request"], "feed"))
    assert c.catalog_feeds.ingest(feed.id).status == "PROCESSING"
    assert wait_feed_ingestion(c, feed.id, interval=0.001).status == "COMPLETED"


def test_customer_list_upload_states() -> None:
    states = iter(["NOT_STARTED", "RUNNING", "SUCCEEDED"])
    c = Pinterest(
        "t", base_url="http://x/v5", transport=MockTransport(lambda r: (200, {"id": "9", "state": next(states)}))
    )
    assert wait_customer_list_upload(c, "1", "2", "9", interval=0.001).state == "SUCCEEDED"
    failing = Pinterest(
        "t", base_url="http://x/v5", transport=MockTransport(lambda r: (200, {"id": "9", "state": "FAILED"}))
    )
    with pytest.raises(JobFailedError, match="FAILED"):
        wait_customer_list_upload(failing, "1", "2", "9", interval=0.001)


# -- async versions (issue 15, item 5) ----------------------------------------------------------


def test_async_bulk_items_batch_leads_export_and_feed(sandbox: Sandbox) -> None:
    import asyncio

    from pinterest_rest.sandbox import schemas
    from pinterest_rest.sandbox.samples import sample
    from pinterest_rest.workflows.batch_jobs import (
        arun_bulk_download,
        arun_bulk_upsert,
        arun_items_batch,
        arun_leads_export,
        await_bulk_request,
        await_feed_ingestion,
    )

    sandbox.config.job_polls = 2
    account = sandbox.client().ad_accounts.create(name="Shop", country="US", owner_user_id="1").id

    async def run() -> None:
        c = sandbox.async_client()
        seen: list[Any] = []
        bulk = await arun_bulk_download(c, account, entity_types=["CAMPAIGN"], interval=0.001, progress=seen.append)
        assert bulk.status == "SUCCEEDED" and bulk.result_url and [s.status for s in seen] == ["RUNNING", "SUCCEEDED"]
        upsert = await arun_bulk_upsert(
            c, account, create={"campaigns": [{"ad_account_id": account, "name": "C", "objective_type": "AWARENESS"}]},
            interval=0.001,
        )  # fmt: skip
        assert upsert.status == "SUCCEEDED"
        started = await c.bulk.create_download(account, entity_types=["CAMPAIGN"])
        assert (await await_bulk_request(c, account, started.request_id, interval=0.001)).status == "SUCCEEDED"
        body = {
            "country": "US",
            "language": "EN",
            "operation": "UPSERT",
            "catalog_type": "RETAIL",
            "items": [{"item_id": "sku-1", "attributes": {"title": "Shirt"}}],
        }
        batch = await arun_items_batch(c, body=body, interval=0.001)
        assert batch.status == "COMPLETED" and batch["items"][0]["status"] == "SUCCESS"
        ad = _ad(sandbox.client(), account)  # a lead export needs a real ad
        export = await arun_leads_export(
            c, account, start_date="2026-01-01", end_date="2026-01-02", ad_id=ad, interval=0.001
        )
        assert export.export_status == "FINISHED" and export.download_url
        feed = await c.catalog_feeds.create(body=sample(schemas.operation("feeds/create")["request"], "feed"))
        await c.catalog_feeds.ingest(feed.id)
        assert (await await_feed_ingestion(c, feed.id, interval=0.001)).status == "COMPLETED"

    asyncio.run(run())


def test_async_customer_list_upload_states() -> None:
    import asyncio

    from pinterest_rest import AsyncPinterest
    from pinterest_rest._transport.mock import AsyncMockTransport
    from pinterest_rest.workflows.batch_jobs import await_customer_list_upload

    def client(states: list[str]) -> AsyncPinterest:
        it = iter(states)
        return AsyncPinterest(
            "t", base_url="http://x/v5", transport=AsyncMockTransport(lambda r: (200, {"id": "9", "state": next(it)}))
        )

    async def run() -> None:
        ok = await await_customer_list_upload(client(["RUNNING", "SUCCEEDED"]), "1", "2", "9", interval=0.001)
        assert ok.state == "SUCCEEDED"
        with pytest.raises(JobFailedError, match="customer list upload 9 ended as FAILED"):
            await await_customer_list_upload(client(["FAILED"]), "1", "2", "9", interval=0.001)

    asyncio.run(run())


def test_every_sync_batch_job_helper_has_an_async_twin() -> None:
    import inspect

    from pinterest_rest.workflows import batch_jobs

    sync = [
        n
        for n, f in vars(batch_jobs).items()
        if n.startswith(("run_", "wait_")) and inspect.isfunction(f) and f.__module__ == batch_jobs.__name__
    ]
    assert len(sync) == 7
    for name in sync:
        assert inspect.iscoroutinefunction(getattr(batch_jobs, "a" + name)), name
