"""Analytics reports in one call: create, wait until FINISHED, download the file, parse the rows."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .jobs import await_for, wait_for

if TYPE_CHECKING:
    from .._client import AsyncPinterest, Pinterest


def parse_rows(content: bytes, report_format: str) -> list[dict[str, Any]]:
    """CSV -> list of dicts (strings, as in the file); JSON -> the decoded rows (flattened one level
    when the file groups rows by entity id, as Pinterest's JSON reports do)."""
    if report_format.upper() == "CSV":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    data = json.loads(content)
    if isinstance(data, dict):
        return [row for rows in data.values() for row in (rows if isinstance(rows, list) else [rows])]
    return list(data)


def _download(client: Pinterest, url: str, refetch: Callable[[], Any]) -> bytes:
    """The report file. Its link is short-lived: when the file host answers 403 (expired), the
    report's status is read once more for a fresh link and the download tried again."""
    from .._errors import PermissionDeniedError

    try:
        return client.send_external("GET", url).content
    except PermissionDeniedError:
        fresh = refetch().url or ""
        if not fresh or fresh == url:
            raise
        return client.send_external("GET", fresh).content


async def _adownload(client: AsyncPinterest, url: str, refetch: Callable[[], Awaitable[Any]]) -> bytes:
    from .._errors import PermissionDeniedError

    try:
        return (await client.send_external("GET", url)).content
    except PermissionDeniedError:
        fresh = (await refetch()).url or ""
        if not fresh or fresh == url:
            raise
        return (await client.send_external("GET", fresh)).content


def run_report(
    client: Pinterest,
    ad_account_id: str,
    *,
    timeout: float | None = 600.0,
    interval: float = 1.0,
    progress: Callable[[Any], None] | None = None,
    cancel: threading.Event | None = None,
    **create_args: Any,
) -> list[dict[str, Any]]:
    """``client.ad_accounts.create_report(ad_account_id, **create_args)``, waited for and downloaded."""
    fmt = str(create_args.get("report_format", "JSON"))
    started = client.ad_accounts.create_report(ad_account_id, **create_args)
    token = started.token or ""
    finished = wait_for(
        lambda: client.ad_accounts.get_report(ad_account_id, token=token),
        key="report_status",
        timeout=timeout,
        interval=interval,
        progress=progress,
        cancel=cancel,
        what=f"report {token}",
    )
    return parse_rows(
        _download(client, finished.url or "", lambda: client.ad_accounts.get_report(ad_account_id, token=token)), fmt
    )


async def arun_report(
    client: AsyncPinterest,
    ad_account_id: str,
    *,
    timeout: float | None = 600.0,
    interval: float = 1.0,
    progress: Callable[[Any], None] | None = None,
    **create_args: Any,
) -> list[dict[str, Any]]:
    fmt = str(create_args.get("report_format", "JSON"))
    started = await client.ad_accounts.create_report(ad_account_id, **create_args)
    token = started.token or ""

    async def poll() -> Any:
        return await client.ad_accounts.get_report(ad_account_id, token=token)

    finished = await await_for(
        poll, key="report_status", timeout=timeout, interval=interval, progress=progress, what=f"report {token}"
    )
    return parse_rows(await _adownload(client, finished.url or "", poll), fmt)
