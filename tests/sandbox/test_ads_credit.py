"""Ads credit: an offer code redeemed once puts a credit on the account; the discounts list it."""

from __future__ import annotations

import hashlib

import pytest

from pinterest_rest import NotFoundError
from pinterest_rest.sandbox import Sandbox


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def test_redeem_validate_then_apply_then_refuse_a_second_time(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    assert list(c.billing.ads_credit_discounts(account)) == []
    checked = c.billing.redeem_ads_credit(account, offerCodeHash=_hash("SANDBOX-WELCOME-100"), validateOnly=True)
    assert checked.success is True
    assert list(c.billing.ads_credit_discounts(account)) == []  # validateOnly stores nothing
    applied = c.billing.redeem_ads_credit(account, offerCodeHash=_hash("SANDBOX-WELCOME-100"), validateOnly=False)
    assert applied.success is True and applied.errorCode is None
    [credit] = list(c.billing.ads_credit_discounts(account))
    assert credit.advertiser_id == account and credit.active is True
    assert (credit.discountInMicroCurrency, credit.discountCurrency) == (100_000_000, "USD")
    assert credit.remainingDiscountInMicroCurrency == 100_000_000
    for validate in (True, False):
        again = c.billing.redeem_ads_credit(account, offerCodeHash=_hash("SANDBOX-WELCOME-100"), validateOnly=validate)
        assert (again.success, again.errorCode) == (False, 2708)
        assert again.errorMessage == "The offer has already been redeemed by this advertiser"
    assert len(list(c.billing.ads_credit_discounts(account))) == 1
    # another account may redeem the same offer; its credit is its own
    other = c.ad_accounts.create(name="Other", country="US", owner_user_id="1").id
    assert c.billing.redeem_ads_credit(other, offerCodeHash=_hash("SANDBOX-WELCOME-100"), validateOnly=False).success
    assert [d.advertiser_id for d in c.billing.ads_credit_discounts(other)] == [other]


def test_unknown_offer_code_is_refused_and_stores_nothing(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    answer = c.billing.redeem_ads_credit(account, offerCodeHash=_hash("NO-SUCH-CODE"), validateOnly=False)
    assert answer.success is False and answer.errorMessage == "The offer code is not valid"
    assert list(c.billing.ads_credit_discounts(account)) == []
    with pytest.raises(NotFoundError):
        c.billing.redeem_ads_credit("12345", offerCodeHash=_hash("SANDBOX-WELCOME-100"), validateOnly=False)
    with pytest.raises(NotFoundError):
        c.billing.ads_credit_discounts("12345").items  # noqa: B018
