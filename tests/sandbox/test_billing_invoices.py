"""Billing invoices are Pinterest's documents: listed (filters, sort, order) and downloaded from
the store, which starts empty."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pinterest_rest import NotFoundError
from pinterest_rest.sandbox import Sandbox


def _invoice(account: str, ident: str, due: str, status: str, kind: str, amount: int) -> dict[str, Any]:
    return {"id": ident, "ad_account_id": account, "invoice_due_date": due, "status": status, "document_type": kind,
            "amount_billed_micro_currency": amount, "currency": "USD", "billing_period_start_date": due}  # fmt: skip


def test_invoices_are_listed_filtered_sorted_and_downloaded_from_the_store(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    assert list(c.billing.list_invoices(account)) == []  # a new account has no invoices
    for doc in (_invoice(account, "31", "2026-03-01", "OPEN", "INVOICE", 900),
                _invoice(account, "32", "2026-01-01", "CLOSED", "INVOICE", 100),
                _invoice(account, "33", "2026-02-01", "OPEN", "CREDIT_MEMO", 500)):  # fmt: skip
        sandbox.store.put("billing_invoice", doc["id"], doc, parent=account)
    assert [i.id for i in c.billing.list_invoices(account)] == ["32", "33", "31"]  # DUE_DATE by default
    assert [i.id for i in c.billing.list_invoices(account, order="DESCENDING")] == ["31", "33", "32"]
    assert [i.id for i in c.billing.list_invoices(account, sort="TOTAL_AMOUNT")] == ["32", "33", "31"]
    assert [i.id for i in c.billing.list_invoices(account, status="OPEN", document_type="INVOICE")] == ["31"]
    window = c.billing.list_invoices(account, start_due_date="2026-01-15", end_due_date="2026-02-15")
    assert [i.id for i in window] == ["33"]
    link = c.billing.download_invoice(account, "33")
    reply = sandbox.app.handle("GET", link.download_url, {}, b"")
    assert link.id == "33" and json.loads(reply.body)["document_type"] == "CREDIT_MEMO"
    with pytest.raises(NotFoundError, match="Billing invoice"):
        c.billing.download_invoice(account, "999")
    other = c.ad_accounts.create(name="Other", country="US", owner_user_id="1").id
    assert list(c.billing.list_invoices(other)) == []
    with pytest.raises(NotFoundError):
        c.billing.download_invoice(other, "33")  # another account's invoice
