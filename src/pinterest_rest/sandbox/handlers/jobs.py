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


# -- other jobs: each is created, then reports running until polled ``job_polls`` times -------


def _start(ctx: Context, kind: str, extra: dict[str, Any] | None = None) -> str:
    if "ad_account_id" in ctx.path and ctx.store.get("ad_account", ctx.path["ad_account_id"]) is None:
        raise not_found("Ad account", ctx.path["ad_account_id"])
    ident: str = ctx.store.next_id()
    ctx.store.put(kind, ident, {"id": ident, "polls": 0, "body": ctx.body, **(extra or {})})
    return ident


def _poll(ctx: Context, kind: str, ident: str) -> tuple[dict[str, Any], bool]:
    job = ctx.store.get(kind, ident)
    if job is None:
        raise not_found(kind.replace("_", " ").capitalize(), ident)
    job["polls"] += 1
    ctx.store.put(kind, ident, job)
    return job, job["polls"] >= ctx.app.config.job_polls


def bulk_create(ctx: Context) -> dict[str, Any]:
    return {"request_id": _start(ctx, "bulk_request")}


def bulk_get(ctx: Context) -> dict[str, Any]:
    _, done = _poll(ctx, "bulk_request", ctx.path["bulk_request_id"])
    url = ctx.url(f"/_sandbox/files/bulk-{ctx.path['bulk_request_id']}") if done else ""
    return {"status": "SUCCEEDED" if done else "RUNNING", "result_url": url}


def leads_export_create(ctx: Context) -> dict[str, Any]:
    return {"leads_export_id": _start(ctx, "leads_export")}


def leads_export_get(ctx: Context) -> dict[str, Any]:
    _, done = _poll(ctx, "leads_export", ctx.path["leads_export_id"])
    url = ctx.url(f"/_sandbox/files/leads-{ctx.path['leads_export_id']}") if done else None
    return {"export_status": "FINISHED" if done else "IN_PROGRESS", "download_url": url}


def _batch_view(job: dict[str, Any], done: bool) -> dict[str, Any]:
    body = job.get("body") or {}
    items = []
    for entry in body.get("items", []):
        item_id = str(entry.get("item_id", ""))
        ok = bool(item_id)
        items.append(
            {
                "item_id": item_id,
                "status": "SUCCESS" if ok else "FAILURE",
                "errors": [] if ok else [{"attribute": "item_id", "code": 1, "message": "item_id is missing"}],
                "warnings": [],
            }
        )
    return {
        "batch_id": job["id"],
        "catalog_type": body.get("catalog_type", "RETAIL"),
        "created_time": "2026-01-01T00:00:00",
        "completed_time": "2026-01-01T00:00:05" if done else None,
        "status": "COMPLETED" if done else "PROCESSING",
        "items": items if done else [],
    }


def items_batch_post(ctx: Context) -> dict[str, Any]:
    ident = _start(ctx, "items_batch")
    job = ctx.store.get("items_batch", ident) or {}
    return _batch_view(job, False)


def items_batch_get(ctx: Context) -> dict[str, Any]:
    job, done = _poll(ctx, "items_batch", ctx.path["batch_id"])
    return _batch_view(job, done)


HANDLERS = {
    "analytics/create_report": reports_create,
    "analytics/get_report": reports_get,
    "bulk_download/create": bulk_create,
    "bulk_upsert/create": bulk_create,
    "bulk_request/get": bulk_get,
    "leads_export/create": leads_export_create,
    "leads_export/get": leads_export_get,
    "items_batch/post": items_batch_post,
    "items_batch/get": items_batch_get,
}
