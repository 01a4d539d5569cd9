"""Self-serve insertion orders: create -> status -> order lines -> edit -> order lines."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest import BadRequestError, NotFoundError
from pinterest_rest.sandbox import Sandbox

ORDER: dict[str, Any] = {
    "order_line_type": "BUDGET", "start_date": "2026-01-01", "end_date": "2026-03-31", "po_number": "PO-1",
    "pmp_id": "pmp-1", "order_name": "Spring", "media_contact_firstname": "Ann", "media_contact_lastname": "Lee",
    "media_contact_email": "ann@example.com", "currency_info": "USD", "billto_company_id": "c-1",
    "billto_business_address_id": "a-1", "billto_billing_address_id": "a-2", "billing_contact_firstname": "Bo",
    "billing_contact_lastname": "Ng", "billing_contact_email": "bo@example.com", "accepted_terms_id": "t-1",
    "accepted_terms_time": 1767225600, "budget_amount": 5000000,
}  # fmt: skip


def test_insertion_order_round_trip(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    assert list(c.billing.insertion_orders_status(account)) == []
    order = c.billing.create_insertion_order(account, **ORDER).pin_order_id
    second = c.billing.create_insertion_order(account, **{**ORDER, "order_name": "Summer"}).pin_order_id
    status = c.billing.insertion_order_status(account, order)
    assert status.pin_order_id == order and status.status == "Approved" and status.creation_time.endswith(".000Z")
    assert [s.pin_order_id for s in c.billing.insertion_orders_status(account)] == [order, second]
    [line] = list(c.billing.ssio_order_lines(account, pin_order_id=order))
    assert (line.order_name, line.budget_amount, line.currency_info) == ("Spring", 5000000, "USD")
    assert line.accepted_terms_time == "2026-01-01T00:00:00.000Z" and line.pin_order_id == order
    assert len(list(c.billing.ssio_order_lines(account))) == 2
    edited = c.billing.update_insertion_order(
        account, salesforce_order_id=order, budget_amount=7000000, po_number="PO-2"
    )
    assert edited.pin_order_id == order
    [line] = list(c.billing.ssio_order_lines(account, pin_order_id=order))
    assert (line.budget_amount, line.po_number, line.order_name) == (7000000, "PO-2", "Spring")
    [other] = list(c.billing.ssio_order_lines(account, pin_order_id=second))
    assert other.budget_amount == 5000000  # the other order is untouched


def test_insertion_order_errors(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    other = c.ad_accounts.create(name="Other", country="US", owner_user_id="1").id
    order = c.billing.create_insertion_order(account, **ORDER).pin_order_id
    with pytest.raises(NotFoundError, match="Insertion order"):
        c.billing.insertion_order_status(account, "999999")
    with pytest.raises(NotFoundError):
        c.billing.insertion_order_status(other, order)  # another account's order
    with pytest.raises(NotFoundError, match="Insertion order"):
        c.billing.update_insertion_order(account, salesforce_order_id="999999", po_number="x")
    with pytest.raises(NotFoundError, match="Order line"):
        c.billing.update_insertion_order(account, salesforce_order_id=order, salesforce_order_line_id="1")
    with pytest.raises(BadRequestError, match="salesforce_order_id"):
        c.billing.update_insertion_order(account, po_number="x")
    with pytest.raises(BadRequestError, match="end_date is before start_date"):
        c.billing.create_insertion_order(account, **{**ORDER, "end_date": "2025-01-01"})
    with pytest.raises(BadRequestError, match="end_date is before start_date"):
        c.billing.update_insertion_order(account, salesforce_order_id=order, end_date="2025-12-31")
    assert len(list(c.billing.insertion_orders_status(account))) == 1  # the refused create stored nothing


def test_insertion_order_dates_must_be_calendar_days(sandbox: Sandbox) -> None:
    # The fuzz gate's find: the pattern admits 0000-00-00, and the order line answered it back as
    # its `format: date` end_date, an answer outside its own schema. Refused, nothing stored.
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    for field, day in (("end_date", "0000-00-00"), ("start_date", "2026-02-30"), ("end_date", "2026-13-01")):
        with pytest.raises(BadRequestError, match="start_date and end_date must be dates"):
            c.billing.create_insertion_order(account, **{**ORDER, field: day})
    assert list(c.billing.insertion_orders_status(account)) == []
    order = c.billing.create_insertion_order(account, **ORDER).pin_order_id
    with pytest.raises(BadRequestError, match="start_date and end_date must be dates"):
        c.billing.update_insertion_order(account, salesforce_order_id=order, end_date="0000-00-00")
    [line] = list(c.billing.ssio_order_lines(account, pin_order_id=order))
    assert (line.start_date, line.end_date) == ("2026-01-01", "2026-03-31")


def test_ssio_account_answers_the_account_currency_and_no_salesforce_records(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1", currency="EUR").id
    info = c.billing.ssio_accounts(account)
    assert (info.currency, info.eligible, info.billto_infos, info.pmp_names) == ("EUR", True, [], [])
    with pytest.raises(NotFoundError):
        c.billing.ssio_accounts("12345")
