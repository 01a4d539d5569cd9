"""Analytics reports in one call: create, wait until FINISHED, download the file, parse the rows."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._transport import Request
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


def _download(client: Any, url: str) -> bytes:
    # The file lives on another host (S3 for the real API), so the request carries no credentials;
    # it goes through the client's transport so in-process sandboxes and tests see it too.
    response = client._pipeline.transport.send(Request("GET", url, {"Accept": "*/*"}, None, client.timeout))
    if response.status_code >= 400:
        from .._errors import status_error

        raise status_error(response)
    content: bytes = response.content
    return content


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
    return parse_rows(_download(client, finished.url or ""), fmt)


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
    transport = client._pipeline.transport
    response = await transport.send(Request("GET", finished.url or "", {"Accept": "*/*"}, None, client.timeout))
    if response.status_code >= 400:
        from .._errors import status_error

        raise status_error(response)
    return parse_rows(response.content, fmt)
