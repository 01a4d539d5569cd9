"""Ads credit: redeeming an offer code, and the discounts it puts on the ad account.

Pinterest's offer codes are its own; the client sends only their SHA-256 (``offerCodeHash``). The
sandbox knows a fixed set of offer codes (``OFFERS``, reference data, documented in
docs/sandbox.md) so a test can redeem one and read the credit back:

- a known code's hash: ``success: true``; unless ``validateOnly``, the credit is stored on the
  account and ``ads_credits_discounts/get`` lists it;
- the same code again on the same account: ``success: false`` with the spec's ``errorCode`` 2708
  ("The offer has already been redeemed by this advertiser"), also with ``validateOnly``;
- a hash of no known code: ``success: false``, ``errorCode`` null (the spec documents no code for
  it) and a message saying the code is not valid. Nothing is stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from ..context import Context
from ._helpers import account, view

Handler = Callable[[Context], Any]

# offer code -> (title, discount type, currency, credit in micro-currency)
OFFERS: dict[str, tuple[str, str, str, int]] = {
    "SANDBOX-WELCOME-100": ("Ads Credits", "MARKETING_OFFER_CREDIT", "USD", 100_000_000),
    "SANDBOX-COUPON-25": ("Ads Coupon", "COUPON", "USD", 25_000_000),
    "SANDBOX-GOODWILL-50": ("Goodwill credit", "GOODWILL_CREDIT", "USD", 50_000_000),
}
BY_HASH = {hashlib.sha256(code.encode()).hexdigest(): code for code in OFFERS}
ALREADY_REDEEMED = 2708  # the spec's example errorCode


def redeem(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    body = ctx.body or {}
    code = BY_HASH.get(str(body.get("offerCodeHash", "")))
    if code is None:
        return {"success": False, "errorCode": None, "errorMessage": "The offer code is not valid"}
    key = f"{account_id}:{code}"
    if ctx.store.get("ads_credit", key) is not None:
        return {"success": False, "errorCode": ALREADY_REDEEMED,
                "errorMessage": "The offer has already been redeemed by this advertiser"}  # fmt: skip
    if not body.get("validateOnly"):
        title, kind, currency, micros = OFFERS[code]
        credit = {"advertiser_id": account_id, "active": True, "title": title, "discountType": kind,
                  "discountCurrency": currency, "discountInMicroCurrency": micros,
                  # Spend is not drawn from this credit: the sandbox bills nothing.
                  "remainingDiscountInMicroCurrency": micros}  # fmt: skip
        ctx.store.put("ads_credit", key, credit, parent=account_id)
    return {"success": True, "errorCode": None, "errorMessage": None}


def discounts(ctx: Context) -> dict[str, Any]:
    return ctx.page("ads_credit", str(account(ctx)["id"]), view=view)


HANDLERS: dict[str, Handler] = {
    "ads_credit/redeem": redeem,
    "ads_credits_discounts/get": discounts,
}
