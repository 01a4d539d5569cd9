"""Self-serve insertion orders (SSIO): created and edited orders are stored, and every SSIO read
answers from them.

- ``POST .../ssio/insertion_orders`` stores the order (its ``pin_order_id`` is a new id) and the
  order line it describes; the order's status is ``Approved`` at once (guess: Pinterest's
  Salesforce review has no sandbox counterpart, and the instant answer matches the sandbox's
  instant ad review).
- ``PATCH`` names the order by ``salesforce_order_id`` (the spec's "OrderId in SFDC", which is the
  ``pin_order_id`` the create answered) and, optionally, the line by ``salesforce_order_line_id``;
  it changes the fields sent on that order's line. An unknown order or line is a 404.
- The status reads and ``ssio/order_lines`` (``pin_order_id`` filter) list what was stored.
- ``ssio/accounts`` answers the account's currency and eligibility; the Salesforce bill-to and PMP
  records it lists on Pinterest are not the sandbox's to know, so those lists are empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ..analytics import calendar_days
from ..context import Context
from ..errors import bad_request, not_found
from ..store import declare
from ._helpers import account, build, require, spec_filter, view

Handler = Callable[[Context], Any]

declare("ssio_order_line", index=("pin_order_id",))  # the order-lines filter is an index lookup

# Fields of an order line an edit may change (the request's common part, as the create sent them).
EDITABLE = ("agency_link", "billing_contact_email", "billing_contact_firstname", "billing_contact_lastname",
            "budget_amount", "end_date", "media_contact_email", "media_contact_firstname",
            "media_contact_lastname", "po_number", "start_date", "ads_manager_order_line_id")  # fmt: skip


LAST_SECOND = 253402300799  # 9999-12-31T23:59:59Z: the last time the spec's 4-digit-year pattern can hold


def _millis(at: float) -> str:
    """Salesforce's timestamp form, as the spec's pattern has it: ``2020-10-06T13:07:04.000Z``."""
    return datetime.fromtimestamp(at, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _check_dates(fields: dict[str, Any]) -> None:
    start, end = fields.get("start_date"), fields.get("end_date")
    # The request bodies give these dates only a pattern, which admits days no calendar has
    # (0000-00-00); the order line that answers them types them `format: date`. Refused as the
    # report bodies' dates are, so nothing invalid is stored and echoed.
    calendar_days(*(value for value in (start, end) if value is not None))
    if start and end and str(end) < str(start):
        raise bad_request("end_date is before start_date")


def create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    body = dict(ctx.body or {})
    _check_dates(body)
    order_id = ctx.store.next_id()
    line_id = ctx.store.next_id()
    at = ctx.now()
    order = {"pin_order_id": order_id, "status": "Approved", "creation_time": _millis(at)}
    ctx.store.put("ssio_insertion_order", order_id, {**order, "_parent": account_id}, parent=account_id)
    sent = {k: v for k, v in body.items() if k not in ("accepted_terms_time", "user_email", "pmp_id")}
    server: dict[str, Any] = {"pin_order_id": order_id, "salesforce_order_line_id": line_id,
                              "last_modified_date_time": _millis(at)}  # fmt: skip
    terms_at = body.get("accepted_terms_time")
    if isinstance(terms_at, int) and 0 <= terms_at <= LAST_SECOND:  # else not answerable in the spec's form
        server["accepted_terms_time"] = _millis(float(terms_at))
    line = build("SSIOOrderLine", sent, server)
    ctx.store.put("ssio_order_line", line_id, {**line, "_parent": account_id}, parent=account_id)
    return {"pin_order_id": order_id}


def edit(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    body = dict(ctx.body or {})
    order_id = str(body.get("salesforce_order_id") or "")
    if not order_id:
        raise bad_request("salesforce_order_id is required: it names the insertion order to edit")
    require(ctx, "ssio_insertion_order", order_id, "Insertion order", account_id)
    lines = ctx.store.find("ssio_order_line", {"pin_order_id": order_id}, parent=account_id)
    wanted = body.get("salesforce_order_line_id")
    if wanted:
        lines = [line for line in lines if line.get("salesforce_order_line_id") == str(wanted)]
        if not lines:
            raise not_found("Order line", str(wanted))
    changes = {k: body[k] for k in EDITABLE if k in body}
    for line in lines:
        _check_dates({**line, **changes})
    for line in lines:
        updated = build("SSIOOrderLine", {**view(line), **changes}, {"last_modified_date_time": _millis(ctx.now())})
        ident = str(line["salesforce_order_line_id"])
        ctx.store.put("ssio_order_line", ident, {**updated, "_parent": account_id}, parent=account_id)
    return {"pin_order_id": order_id}


def statuses(ctx: Context) -> dict[str, Any]:
    return ctx.page("ssio_insertion_order", str(account(ctx)["id"]), view=view)


def status(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    return view(require(ctx, "ssio_insertion_order", ctx.path["pin_order_id"], "Insertion order", account_id))


def order_lines(ctx: Context) -> dict[str, Any]:
    return ctx.page("ssio_order_line", str(account(ctx)["id"]), spec_filter(ctx), view)


def accounts(ctx: Context) -> dict[str, Any]:
    doc = account(ctx)
    answer: dict[str, Any] = {"eligible": True, "can_edit": True, "error": "No Error", "billto_infos": [],
                              "pmp_names": []}  # fmt: skip
    if doc.get("currency"):
        answer["currency"] = doc["currency"]
    return answer


HANDLERS: dict[str, Handler] = {
    "ssio_insertion_order/create": create,
    "ssio_insertion_order/edit": edit,
    "ssio_insertion_orders_status/get_by_ad_account": statuses,
    "ssio_insertion_orders_status/get_by_pin_order_id": status,
    "ssio_order_lines/get_by_ad_account": order_lines,
    "ssio_accounts/get": accounts,
}
