"""Long-running jobs: analytics reports, bulk download/upsert, catalog item batches, lead exports.

Every job is stored when requested, reports running until polled ``config.job_polls`` times
(``progress``), then done. What a job produces is derived from stored state and computed when
it finishes: a report's rows come from the same analytics engine as the sync analytics calls; a
bulk download holds the requested entity types under the requested ids (and their children); a
bulk upsert creates and updates stored objects through the same handlers as the batch endpoints
(so the same rules and per-item errors apply); item batches change the stored catalog items; a
lead export holds the stored leads of the ad's lead form. Download links come from
``files.download_url`` and expire after five minutes on the sandbox clock.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from ..analytics import Engine, parse_range, rows
from ..context import Context
from ..errors import bad_request, not_found
from ..files import download_url, json_file, register_download
from ..store import Store, declare
from . import ads
from ._helpers import account, progress, require, stamp, view
from .analytics import REPORT_BACK, REPORT_SPAN

# Report level -> (engine level, stored kind, id column); targeting levels report their base entity.
LEVELS = {
    "ADVERTISER": ("AD_ACCOUNT", "ad_account", "ADVERTISER_ID"),
    "CAMPAIGN": ("CAMPAIGN", "campaign", "CAMPAIGN_ID"),
    "AD_GROUP": ("AD_GROUP", "ad_group", "AD_GROUP_ID"),
    "PIN_PROMOTION": ("AD", "ad", "PIN_PROMOTION_ID"),
    "PRODUCT_GROUP": ("PRODUCT_GROUP", "product_group", "PRODUCT_GROUP_ID"),
}


def entity_labels(store: Store, level: str, ident: str) -> dict[str, Any]:
    """Entity columns of a report row, read from the object and its parents."""
    out: dict[str, Any] = {}
    chain = [("PIN_PROMOTION", "ad", "ad_group_id"), ("AD_GROUP", "ad_group", "campaign_id"),
             ("CAMPAIGN", "campaign", "ad_account_id"), ("ADVERTISER", "ad_account", "")]  # fmt: skip
    names = [c[0] for c in chain]
    start = names.index(level) if level in names else len(names)
    current: str | None = ident
    for prefix, kind, up in chain[start:]:
        doc = store.get(kind, current) if current else None
        if doc is None:
            break
        out[f"{prefix}_ID"] = doc["id"]
        out[f"{prefix}_NAME"] = doc.get("name")
        out[f"{prefix}_STATUS"] = doc.get("status")
        current = str(doc.get(up)) if up else None
    return out


def report_rows(store: Store, account_id: str, spec: dict[str, Any], today: date) -> list[dict[str, Any]]:
    first, last = parse_range(spec.get("start_date"), spec.get("end_date"), today, REPORT_BACK, REPORT_SPAN)
    base = str(spec.get("level", "CAMPAIGN")).removesuffix("_TARGETING")
    if base not in LEVELS:
        # Levels whose entities the sandbox does not keep (product items, keywords): it has no
        # numbers for them, so the report is valid and empty rather than invented or refused.
        return []
    level, kind, id_column = LEVELS[base]
    if level == "AD_ACCOUNT":
        ids = [account_id]
    else:
        wanted = {k: {str(v) for v in spec.get(k) or []} for k in ("campaign_ids", "ad_group_ids", "ad_ids")}
        ids = []
        for doc in store.list(kind, account_id if kind != "product_group" else None):
            if wanted["campaign_ids"] and str(doc.get("campaign_id", doc["id"])) not in wanted["campaign_ids"]:
                continue
            if wanted["ad_group_ids"] and str(doc.get("ad_group_id", doc["id"])) not in wanted["ad_group_ids"]:
                continue
            ids.append(doc["id"])
    columns = [str(c) for c in spec.get("columns") or []]
    engine = Engine(store, account_id)

    def label(ident: str) -> dict[str, Any]:
        known = entity_labels(store, base, ident)
        row = {id_column: ident}
        row.update({c: known[c] for c in columns if c in known})
        return row

    return rows(engine, level, ids, first, last, str(spec.get("granularity", "DAY")), columns, label)


RowMaker = Callable[[Store, str, dict[str, Any], date], list[dict[str, Any]]]


def start_report(ctx: Context, kind: str, account_id: str, spec: dict[str, Any], make: RowMaker) -> str:
    """Store a report job of ``kind`` and hand out its token. ``make`` runs once first, so a bad
    request is refused before any token exists; the rows are computed again when the job finishes
    (from the state at that time, as Pinterest's reports read the data of their finish time)."""
    today = date.fromtimestamp(ctx.now())
    make(ctx.store, account_id, spec, today)
    token = ctx.store.next_id(kind)
    job = {"token": token, "id": token, "format": spec.get("report_format", "JSON"), "spec": spec,
           "account": account_id, "today": today.isoformat(), "status": "IN_PROGRESS"}  # fmt: skip
    ctx.store.put(kind, token, job)
    return token


def poll_report(ctx: Context, kind: str, what: str, make: RowMaker) -> dict[str, Any]:
    """One status poll of the ``token`` report of the path's ad account (404 for another's):
    ``{report_status, url, size}``, the rows made by ``make`` once ``job_polls`` polls have passed."""
    account_id = str(account(ctx)["id"])
    token = str(ctx.query.get("token", ""))
    report = require(ctx, kind, token, what)
    if report.get("account") != account_id:
        raise not_found(what, token)
    if report["status"] != "FINISHED" and progress(ctx, kind, report):
        report["status"] = "FINISHED"
        report["rows"] = make(ctx.store, account_id, report["spec"], date.fromisoformat(report["today"]))
        ctx.store.put(kind, token, report)
    if report["status"] != "FINISHED":
        return {"report_status": report["status"], "url": None, "size": None}
    return {
        "report_status": "FINISHED",
        "url": download_url(ctx, kind, token),
        "size": float(len(_report_file(report)[1])),
    }


def register_report_download(kind: str) -> None:
    """Serve finished ``kind`` reports at the links ``poll_report`` hands out (JSON or CSV)."""

    def produce(store: Store, token: str) -> tuple[str, bytes] | None:
        report = store.get(kind, token)
        return _report_file(report) if report and report.get("status") == "FINISHED" else None

    register_download(kind, produce)


def reports_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    token = start_report(ctx, "report", account_id, dict(ctx.body or {}), report_rows)
    return {"report_status": "IN_PROGRESS", "token": token, "message": None}


def reports_get(ctx: Context) -> dict[str, Any]:
    return poll_report(ctx, "report", "Report", report_rows)


def _report_file(report: dict[str, Any]) -> tuple[str, bytes]:
    found: list[dict[str, Any]] = report.get("rows") or []
    if report["format"] == "CSV":
        buf = io.StringIO()
        names = list(dict.fromkeys(k for r in found for k in r)) or ["DATE"]
        writer = csv.DictWriter(buf, fieldnames=names)
        writer.writeheader()
        writer.writerows(found)
        return "text/csv", buf.getvalue().encode()
    return json_file(found)


register_report_download("report")


# -- bulk download and upsert -------------------------------------------------------------------

BULK_KINDS = {"CAMPAIGN": "campaign", "AD_GROUP": "ad_group", "AD": "ad", "KEYWORD": "keyword",
              "LABEL": "label", "PRODUCT_GROUP": "product_group_promotion"}  # fmt: skip


def _bulk_download(store: Store, account_id: str, body: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Objects of the requested types; with ``entity_ids``, only those and their descendants."""
    wanted = {str(i) for i in body.get("entity_ids") or []}
    statuses = set((body.get("campaign_filter") or {}).get("campaign_status") or [])

    def selected(doc: dict[str, Any]) -> bool:
        if statuses and doc.get("type") == "campaign" and doc.get("summary_status") not in statuses:
            return False
        if not wanted:
            return True
        line = {doc.get("id"), doc.get("campaign_id"), doc.get("ad_group_id"), doc.get("parent_id")}
        return bool(wanted & {str(v) for v in line if v})

    out: dict[str, list[dict[str, Any]]] = {}
    for entity_type in body.get("entity_types") or []:
        kind = BULK_KINDS.get(entity_type)
        if kind:
            out[entity_type] = [view(d) for d in store.list(kind, account_id) if selected(d)]
    return out


def _bulk_upsert(ctx: Context, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Apply creates, then updates, through the batch handlers; one result per item."""
    results: list[dict[str, Any]] = []
    for action, table in (("create", body.get("create") or {}), ("update", body.get("update") or {})):
        for plural, handlers in (("campaigns", ads.CAMPAIGNS), ("ad_groups", ads.AD_GROUPS), ("ads", ads.ADS)):
            entries = table.get(plural) or []
            if not entries:
                continue
            answer = handlers[action](replace(ctx, body=entries))
            for entry, item in zip(entries, answer["items"], strict=True):
                errors = item.get("exceptions")
                errors = [errors] if isinstance(errors, dict) and errors else (errors or [])
                results.append({"action": action.upper(), "entity_type": plural, "id": (item.get("data") or {}).get("id", entry.get("id")),
                                "status": "FAILED" if errors else "SUCCEEDED", "errors": errors})  # fmt: skip
    return results


def bulk_download_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    ident = ctx.store.next_id()
    job = {"id": ident, "type": "download", "body": ctx.body or {}, "status": "RUNNING"}
    ctx.store.put("bulk_request", ident, {**job, "_parent": account_id}, parent=account_id)
    return {"request_id": ident}


def bulk_upsert_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    ident = ctx.store.next_id()
    job = {"id": ident, "type": "upsert", "body": ctx.body or {}, "status": "RUNNING"}
    ctx.store.put("bulk_request", ident, {**job, "_parent": account_id}, parent=account_id)
    return {"request_id": ident}


def bulk_get(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    job = require(ctx, "bulk_request", ctx.path["bulk_request_id"], "Bulk request", account_id)
    if job["status"] == "RUNNING" and progress(ctx, "bulk_request", job):
        if job["type"] == "download":
            job["result"] = _bulk_download(ctx.store, account_id, job["body"])
        else:
            job["result"] = _bulk_upsert(ctx, job["body"])
        failed = job["type"] == "upsert" and any(r["status"] == "FAILED" for r in job["result"])
        job["status"] = "FAILED" if failed else "SUCCEEDED"
        ctx.store.put("bulk_request", job["id"], job, parent=account_id)
    if job["status"] == "RUNNING":
        return {"status": "RUNNING", "result_url": ""}
    return {"status": job["status"], "result_url": download_url(ctx, "bulk", job["id"])}


def _bulk_file(store: Store, ident: str) -> tuple[str, bytes] | None:
    job = store.get("bulk_request", ident)
    return json_file(job["result"]) if job and "result" in job else None


register_download("bulk", _bulk_file)


# -- lead exports: the stored leads of the ad's lead form ---------------------------------------


def leads_export_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    body = ctx.body or {}
    ad = require(ctx, "ad", str(body.get("ad_id", "")), "Ad", account_id)
    if str(body.get("end_date")) < str(body.get("start_date")):
        raise bad_request("end_date is before start_date")
    ident = ctx.store.next_id()
    job = {"id": ident, "body": body, "lead_form_id": ad.get("lead_form_id"), "status": "IN_PROGRESS"}
    ctx.store.put("leads_export", ident, {**job, "_parent": account_id}, parent=account_id)
    return {"leads_export_id": ident}


def leads_export_get(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    job = require(ctx, "leads_export", ctx.path["leads_export_id"], "Leads export", account_id)
    if job["status"] == "IN_PROGRESS" and progress(ctx, "leads_export", job):
        first, last = job["body"]["start_date"], job["body"]["end_date"]
        job["leads"] = [
            view(lead)
            for lead in ctx.store.list("lead", account_id)
            if lead.get("lead_form_id") == job.get("lead_form_id") and first <= lead["created_date"] <= last
        ]
        job["status"] = "FINISHED"
        ctx.store.put("leads_export", job["id"], job, parent=account_id)
    if job["status"] != "FINISHED":
        return {"export_status": "IN_PROGRESS", "download_url": None}
    return {"export_status": "FINISHED", "download_url": download_url(ctx, "leads", job["id"])}


def _leads_file(store: Store, ident: str) -> tuple[str, bytes] | None:
    job = store.get("leads_export", ident)
    return json_file(job["leads"]) if job and "leads" in job else None


register_download("leads", _leads_file)


# -- catalog item batches: operations applied to the stored items when the batch completes -------


declare("catalog_item", index=("catalog_type",))  # feed processing results count items by type


def _apply_items(ctx: Context, body: dict[str, Any]) -> list[dict[str, Any]]:
    catalog_type = body.get("catalog_type", "RETAIL")
    operation = str(body.get("operation", "UPDATE"))
    records = []
    for entry in body.get("items", []):
        item_id = str(entry.get("item_id") or entry.get("hotel_id") or entry.get("creative_assets_id") or "")
        key = f"{catalog_type}:{body.get('country', '')}:{body.get('language', '')}:{item_id}"
        stored = ctx.store.get("catalog_item", key)
        error = None
        if not item_id:
            error = ("item_id", "item_id is missing")
        elif operation in ("UPDATE", "DELETE", "DELETE_DISCONTINUED") and stored is None:
            error = ("item_id", f"item {item_id} does not exist")
        elif operation == "CREATE" and stored is not None:
            error = ("item_id", f"item {item_id} already exists")
        if error is None:
            if operation == "DELETE":
                ctx.store.delete("catalog_item", key)
            elif operation == "DELETE_DISCONTINUED":  # the spec: only sets availability out of stock
                if stored is not None:
                    stored["attributes"] = {**(stored.get("attributes") or {}), "availability": "out of stock"}
                    ctx.store.put("catalog_item", key, stored)
            else:
                attributes = {**((stored or {}).get("attributes") or {}), **(entry.get("attributes") or {})}
                doc = {"id": key, "item_id": item_id, "catalog_type": catalog_type, "attributes": attributes}
                ctx.store.put("catalog_item", key, doc)
        records.append(
            {
                "item_id": item_id,
                "status": "FAILURE" if error else "SUCCESS",
                "errors": [{"attribute": error[0], "code": 1, "message": error[1]}] if error else [],
                "warnings": [],
            }
        )
    return records


def _batch_view(job: dict[str, Any]) -> dict[str, Any]:
    done = job["status"] == "COMPLETED"
    return {
        "batch_id": job["id"],
        "catalog_type": (job.get("body") or {}).get("catalog_type", "RETAIL"),
        "created_time": job["created_time"],
        "completed_time": job.get("completed_time") if done else None,
        "status": job["status"],
        "items": job.get("records", []) if done else [],
    }


def items_batch_post(ctx: Context) -> dict[str, Any]:
    ident = ctx.store.next_id()
    at = stamp("CatalogsRetailItemsBatch", "created_time", ctx.now())
    job = {"id": ident, "body": ctx.body or {}, "status": "PROCESSING", "created_time": at}
    ctx.store.put("items_batch", ident, job)
    return _batch_view(job)


def items_batch_get(ctx: Context) -> dict[str, Any]:
    job = require(ctx, "items_batch", ctx.path["batch_id"], "Items batch")
    if job["status"] == "PROCESSING" and progress(ctx, "items_batch", job):
        job["records"] = _apply_items(ctx, job["body"])
        job["status"] = "COMPLETED"
        job["completed_time"] = stamp("CatalogsRetailItemsBatch", "completed_time", ctx.now())
        ctx.store.put("items_batch", job["id"], job)
    return _batch_view(job)


HANDLERS = {
    "analytics/create_report": reports_create,
    "analytics/get_report": reports_get,
    "bulk_download/create": bulk_download_create,
    "bulk_upsert/create": bulk_upsert_create,
    "bulk_request/get": bulk_get,
    "leads_export/create": leads_export_create,
    "leads_export/get": leads_export_get,
    "items_batch/post": items_batch_post,
    "items_batch/get": items_batch_get,
}
