"""Long-running jobs: analytics reports. A report is IN_PROGRESS until polled ``job_polls`` times,
then FINISHED with a ``url`` the sandbox itself serves (CSV or JSON, per ``report_format``)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from ..context import Context
from ..errors import bad_request, not_found


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    columns = list(spec.get("columns") or ["SPEND_IN_MICRO_DOLLAR"])
    try:
        day, end = date.fromisoformat(spec["start_date"]), date.fromisoformat(spec["end_date"])
    except (KeyError, ValueError):
        raise bad_request("start_date and end_date must be YYYY-MM-DD") from None
    if end < day:
        raise bad_request("end_date is before start_date")
    rows: list[dict[str, Any]] = []
    while day <= end and len(rows) < 366:
        digest = hashlib.sha256(f"{spec.get('ad_account_id')}|{day}".encode()).digest()
        row: dict[str, Any] = {"DATE": day.isoformat()}
        for i, col in enumerate(columns):
            row[col] = int.from_bytes(digest[(i * 2) % 30 : (i * 2) % 30 + 2], "big")
        rows.append(row)
        day += timedelta(days=1 if spec.get("granularity") != "TOTAL" else 10**4)
    return rows


def reports_create(ctx: Context) -> dict[str, Any]:
    body = dict(ctx.body or {})
    body["ad_account_id"] = ctx.path["ad_account_id"]
    rows = _rows(body)
    token = ctx.store.next_id("report")
    fmt = body.get("report_format", "JSON")
    ctx.store.put("report", token, {"token": token, "polls": 0, "format": fmt, "rows": rows, "status": "IN_PROGRESS"})
    return {"report_status": "IN_PROGRESS", "token": token, "message": None}


def reports_get(ctx: Context) -> dict[str, Any]:
    token = str(ctx.query.get("token", ""))
    report = ctx.store.get("report", token)
    if report is None:
        raise not_found("Report", token)
    report["polls"] += 1
    if report["polls"] >= ctx.app.config.job_polls:
        report["status"] = "FINISHED"
    ctx.store.put("report", token, report)
    if report["status"] != "FINISHED":
        return {"report_status": report["status"], "url": None, "size": None}
    return {
        "report_status": "FINISHED",
        "url": ctx.url(f"/_sandbox/files/report-{token}"),
        "size": float(len(report["rows"])),
    }


HANDLERS = {"analytics/create_report": reports_create, "analytics/get_report": reports_get}
