"""Downloading the files of bulk downloads and leads exports, sync and async, against the sandbox.

The file links in a job's status expire after five minutes on the sandbox clock. A download with
an expired link gets 403 from the file host, reads the job's status exactly once more for a fresh
link and downloads that; the file request goes out with no Authorization header (it is not an API
request). Every request the sandbox sees is recorded to check both.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from pinterest_rest import PermissionDeniedError, Pinterest
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.workflows.batch_jobs import (
    adownload_bulk_result,
    adownload_leads_export,
    arun_bulk_download,
    download_bulk_result,
    download_leads_export,
    run_bulk_download,
    run_leads_export,
)

Seen = list[tuple[str, str, bool]]  # method, path, sent with Authorization


def _record(sandbox: Sandbox) -> Seen:
    seen: Seen = []
    handle = sandbox.app.handle

    def recording(method: str, url: str, headers: dict[str, str], body: bytes) -> Any:
        authorised = any(k.lower() == "authorization" for k in headers)
        seen.append((method, url.split("?")[0].split("/", 3)[-1], authorised))
        return handle(method, url, headers, body)

    sandbox.app.handle = recording  # type: ignore[assignment]
    return seen


def _account(c: Pinterest) -> str:
    return c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id


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
    return ad.items[0].data.id


def _files(seen: Seen) -> list[tuple[str, str, bool]]:
    return [entry for entry in seen if entry[1].startswith("_sandbox/files/")]


def _status_reads(seen: Seen, status_path: str) -> int:
    """API reads of the job's status (``status_path`` ends the path, under /v5)."""
    return sum(
        1 for method, path, _ in seen if method == "GET" and path.startswith("v5/") and path.endswith(status_path)
    )


def _check_one_refresh(seen: Seen, status_path: str) -> None:
    files = _files(seen)
    assert len(files) == 2, seen  # the expired link (403), then the fresh one
    assert files[0][1] != files[1][1]
    assert not any(authorised for _, _, authorised in files), "the file host must not get the API token"
    assert _status_reads(seen, status_path) == 1, seen


def test_bulk_result_download_replaces_an_expired_link_with_one_status_read(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = _account(c)
    request_id = c.bulk.create_download(account, entity_types=["CAMPAIGN"]).request_id
    assert request_id
    done = run_bulk_download(c, account, entity_types=["CAMPAIGN"], interval=0.001)
    assert done.status == "SUCCEEDED" and done.result_url
    first = json.loads(download_bulk_result(c, account, request_id))
    assert first == {"CAMPAIGN": []}

    old_link = c.bulk.get_request(account, request_id).result_url
    seen = _record(sandbox)
    sandbox.clock.advance(301)
    assert json.loads(download_bulk_result(c, account, request_id, url=old_link)) == first
    _check_one_refresh(seen, f"bulk/{request_id}")


def test_leads_export_download_replaces_an_expired_link(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = _account(c)
    today = date.today().isoformat()
    ad = _ad(c, account)
    export_id = c.leads_export.create(account, start_date=today, end_date=today, ad_id=ad).leads_export_id
    assert export_id
    done = run_leads_export(c, account, start_date=today, end_date=today, ad_id=ad, interval=0.001)
    assert done.export_status == "FINISHED"
    assert json.loads(download_leads_export(c, account, export_id)) == []

    old_link = c.leads_export.get(account, export_id).download_url
    seen = _record(sandbox)
    sandbox.clock.advance(301)
    assert json.loads(download_leads_export(c, account, export_id, url=old_link)) == []
    _check_one_refresh(seen, f"leads_export/{export_id}")


def test_a_link_that_stays_expired_raises_permission_denied(sandbox: Sandbox) -> None:
    """When the re-read gives the same link back, there is nothing to retry: the 403 is raised."""
    c = sandbox.client()
    account = _account(c)
    request_id = c.bulk.create_download(account, entity_types=["CAMPAIGN"]).request_id
    assert request_id
    link = c.bulk.get_request(account, request_id).result_url
    sandbox.clock.advance(301)
    expired_again: Callable[[], str | None] = lambda: link  # noqa: E731
    from pinterest_rest.workflows.reports import download_fresh

    with pytest.raises(PermissionDeniedError):
        download_fresh(c, link, expired_again, "bulk request")


def test_async_downloads_replace_an_expired_link(sandbox: Sandbox) -> None:
    sync = sandbox.client()
    account = _account(sync)
    today = date.today().isoformat()
    ad = _ad(sync, account)
    export_id = sync.leads_export.create(account, start_date=today, end_date=today, ad_id=ad).leads_export_id
    assert export_id

    async def run() -> None:
        async with sandbox.async_client() as c:
            done = await arun_bulk_download(c, account, entity_types=["CAMPAIGN"], interval=0.001)
            assert done.status == "SUCCEEDED"
            request_id = (await c.bulk.create_download(account, entity_types=["CAMPAIGN"])).request_id
            assert request_id
            bulk_link = (await c.bulk.get_request(account, request_id)).result_url
            leads_link = (await c.leads_export.get(account, export_id)).download_url
            seen = _record(sandbox)
            sandbox.clock.advance(301)
            assert set(json.loads(await adownload_bulk_result(c, account, request_id, url=bulk_link))) == {"CAMPAIGN"}
            _check_one_refresh(seen, f"bulk/{request_id}")
            seen.clear()
            assert json.loads(await adownload_leads_export(c, account, export_id, url=leads_link)) == []
            _check_one_refresh(seen, f"leads_export/{export_id}")

    asyncio.run(run())
