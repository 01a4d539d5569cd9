"""Billing invoices: Pinterest's to issue, so they are listed from the store, which starts empty
(a new account has none; a test that needs one puts it: ``sb.store.put("billing_invoice", id,
doc, parent=account_id)``), like order lines and billing profiles.

The list applies every filter the operation declares (``status``, ``document_type``, the due
date range) and sorts by ``sort`` (default ``DUE_DATE``) in ``order``; ties go by id. A download
link names a stored invoice (else 404) and serves it as JSON (Pinterest serves a PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import not_found
from ..files import download_url, json_file, register_download
from ..store import Store
from ._helpers import account, build, list_page, require, view

Handler = Callable[[Context], Any]

SORT_FIELDS = {"DUE_DATE": "invoice_due_date", "BILLING_PERIOD": "billing_period_start_date",
               "DOCUMENT_TYPE": "document_type", "TOTAL_AMOUNT": "amount_billed_micro_currency",
               "INVOICE_NUMBER": "id"}  # fmt: skip


def _sort_key(field: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    def key(doc: dict[str, Any]) -> tuple[Any, ...]:
        value = doc.get(field)
        number = isinstance(value, (int, float)) or (field == "id" and str(value).isdigit())
        return (value is None, float(value) if number and value is not None else 0.0, str(value or ""),
                int(doc["id"]) if str(doc.get("id", "")).isdigit() else 0)  # fmt: skip

    return key


def invoices(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    q = ctx.query
    found = [view(d) for d in ctx.store.list("billing_invoice", account_id)]
    for param in ("status", "document_type"):
        if q.get(param):
            found = [d for d in found if d.get(param) == q[param]]
    if q.get("start_due_date"):
        found = [d for d in found if str(d.get("invoice_due_date", "")) >= str(q["start_due_date"])]
    if q.get("end_due_date"):
        found = [d for d in found if str(d.get("invoice_due_date", "9999")) <= str(q["end_due_date"])]
    found.sort(key=_sort_key(SORT_FIELDS[str(q.get("sort") or "DUE_DATE")]))
    if str(q.get("order", "")).upper() == "DESCENDING":
        found.reverse()
    return list_page(ctx, [build("BillingInvoiceResponse", d, {}) for d in found])


def invoice_download(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    ident = ctx.path["billing_invoice_id"]
    invoice = require(ctx, "billing_invoice", ident, "Billing invoice", account_id)
    if str(invoice.get("ad_account_id", account_id)) != account_id:  # put without ``_parent`` by a test
        raise not_found("Billing invoice", ident)
    return {"id": invoice["id"], "download_url": download_url(ctx, "billing_invoice", str(invoice["id"]))}


def _invoice_file(store: Store, ident: str) -> tuple[str, bytes] | None:
    invoice = store.get("billing_invoice", ident)
    return json_file(view(invoice)) if invoice else None


register_download("billing_invoice", _invoice_file)

HANDLERS: dict[str, Handler] = {
    "billing_invoices/get": invoices,
    "billing_invoice_download/get": invoice_download,
}
