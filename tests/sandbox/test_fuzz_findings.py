"""Spec-valid requests the schemathesis gate found refused, each answered as the spec allows now."""

from __future__ import annotations

import json
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Sandbox


def _account(sb: Sandbox) -> str:
    return str(sb.client().ad_accounts.create(name="Shop", country="US", owner_user_id="1").id)


@pytest.mark.parametrize("level", ["PRODUCT_ITEM", "PRODUCT_ITEM_TARGETING", "KEYWORD"])
def test_a_report_of_a_level_the_sandbox_keeps_no_entities_for_is_valid_and_empty(level: str) -> None:
    sb = Sandbox()
    c = sb.client(max_retries=0)
    account = _account(sb)
    started = c.ad_accounts.create_report(
        account, start_date="2026-01-01", end_date="2026-01-02", granularity="DAY", level=level,
        columns=["SPEND_IN_DOLLAR"], report_format="JSON",
    )  # fmt: skip
    done: Any = None
    for _ in range(5):
        done = c.ad_accounts.get_report(account, token=started.token)
        if done.report_status == "FINISHED":
            break
    assert done.report_status == "FINISHED"
    reply = sb.app.handle("GET", done.url, {}, b"")
    assert reply.status == 200 and json.loads(reply.body) in ([], {})  # no numbers invented
    sb.close()


def test_a_report_date_the_calendar_lacks_is_still_refused() -> None:
    sb = Sandbox()
    with pytest.raises(pr.BadRequestError, match="must be dates"):
        sb.client(max_retries=0).ad_accounts.create_report(
            _account(sb), start_date="2020-13-45", end_date="2026-01-02", granularity="DAY", level="CAMPAIGN",
            columns=["SPEND_IN_DOLLAR"],
        )  # fmt: skip
    sb.close()


def test_running_a_customer_list_upload_twice_is_a_409_and_changes_nothing() -> None:
    sb = Sandbox()
    c = sb.client(max_retries=0)
    account = _account(sb)
    lst = c.customer_lists.create(account, name="Buyers", records="a@x.com", list_type="EMAIL")
    upload = c.customer_list_uploads.create(account, lst.id, operation="ADD", total_parts=1).customer_list_upload
    assert c.customer_list_uploads.run(account, lst.id, upload.id).state == "RUNNING"
    with pytest.raises(pr.ConflictError) as caught:
        c.customer_list_uploads.run(account, lst.id, upload.id)
    assert "already run" in str(caught.value)
    assert sb.store.get("list_upload", upload.id)["state"] == "RUNNING"  # type: ignore[index]
    sb.close()
