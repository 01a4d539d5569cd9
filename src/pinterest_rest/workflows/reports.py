"""Analytics reports in one call: create, wait until FINISHED, download the file, parse the rows.

Also the one download of a file Pinterest links to from a job's status (``download_fresh``), used
for reports here and for bulk results and leads exports in batch_jobs.py."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .jobs import await_for, wait_for

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._async_client import AsyncPinterest
    from .._client import Pinterest
    from ..models.ad_accounts import AdsAnalyticsGetAsyncResponse
    from ..models.arguments import AdAccountsCreateReportArgs


def parse_rows(content: bytes, report_format: str) -> list[dict[str, Any]]:
    """CSV -> list of dicts (strings, as in the file); JSON -> the decoded rows (flattened one level
    when the file groups rows by entity id, as Pinterest's JSON reports do)."""
    if report_format.upper() == "CSV":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    data = json.loads(content)
    if isinstance(data, dict):
        return [row for rows in data.values() for row in (rows if isinstance(rows, list) else [rows])]
    return list(data)


def _no_link(what: str) -> Exception:
    from .._errors import PinterestError

    return PinterestError(f"{what} finished without a download link")


def download_fresh(client: Pinterest, url: str | None, fresh_url: Callable[[], str | None], what: str) -> bytes:
    """The file at ``url``, a short-lived link from a job's status, fetched outside the API
    (``client.send_external``: the client's transport and timeouts, no credentials). When the file
    host answers 403 (the link expired), ``fresh_url()`` reads the status once more for a new link
    and the download is tried once again."""
    from .._errors import PermissionDeniedError

    if not url:
        raise _no_link(what)
    try:
        return client.send_external("GET", url).content
    except PermissionDeniedError:
        fresh = fresh_url()
        if not fresh or fresh == url:
            raise
        return client.send_external("GET", fresh).content


async def adownload_fresh(
    client: AsyncPinterest, url: str | None, fresh_url: Callable[[], Awaitable[str | None]], what: str
) -> bytes:
    """The async ``download_fresh``."""
    from .._errors import PermissionDeniedError

    if not url:
        raise _no_link(what)
    try:
        return (await client.send_external("GET", url)).content
    except PermissionDeniedError:
        fresh = await fresh_url()
        if not fresh or fresh == url:
            raise
        return (await client.send_external("GET", fresh)).content


def run_report(
    client: Pinterest,
    ad_account_id: str,
    *,
    timeout: float | None = 600.0,
    interval: float = 1.0,
    progress: Callable[[AdsAnalyticsGetAsyncResponse], None] | None = None,
    cancel: threading.Event | None = None,
    **create_args: Unpack[AdAccountsCreateReportArgs],
) -> list[dict[str, Any]]:
    """``client.ad_accounts.create_report(ad_account_id, **create_args)``, waited for and downloaded.

    ``create_args`` are exactly ``create_report``'s keywords (a misspelt one raises TypeError
    before anything is sent). Returns the rows: dicts of column -> value (strings for CSV)."""
    fmt = create_args.get("report_format", "JSON")
    started = client.ad_accounts.create_report(ad_account_id, **create_args)
    token = started.token or ""

    def poll() -> AdsAnalyticsGetAsyncResponse:
        return client.ad_accounts.get_report(ad_account_id, token=token)

    finished = wait_for(
        poll,
        key="report_status",
        timeout=timeout,
        interval=interval,
        progress=progress,
        cancel=cancel,
        what=f"report {token}",
    )
    return parse_rows(download_fresh(client, finished.url, lambda: poll().url, f"report {token}"), fmt)


async def arun_report(
    client: AsyncPinterest,
    ad_account_id: str,
    *,
    timeout: float | None = 600.0,
    interval: float = 1.0,
    progress: Callable[[AdsAnalyticsGetAsyncResponse], None] | None = None,
    **create_args: Unpack[AdAccountsCreateReportArgs],
) -> list[dict[str, Any]]:
    """The async ``run_report``; cancel it the asyncio way."""
    fmt = create_args.get("report_format", "JSON")
    started = await client.ad_accounts.create_report(ad_account_id, **create_args)
    token = started.token or ""

    async def poll() -> AdsAnalyticsGetAsyncResponse:
        return await client.ad_accounts.get_report(ad_account_id, token=token)

    async def fresh_url() -> str | None:
        return (await poll()).url

    finished = await await_for(
        poll, key="report_status", timeout=timeout, interval=interval, progress=progress, what=f"report {token}"
    )
    return parse_rows(await adownload_fresh(client, finished.url, fresh_url, f"report {token}"), fmt)
