"""The analytics engine: rows for what exists, totals that add up, a consistent hierarchy,
limits as the spec states, and reports that agree with the sync calls."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Sandbox

TODAY = date.today()
START, END = (TODAY - timedelta(days=7)).isoformat(), (TODAY - timedelta(days=1)).isoformat()
COLUMNS = ["SPEND_IN_MICRO_DOLLAR", "IMPRESSION_1", "TOTAL_CLICKTHROUGH"]


def build(sb: Sandbox, campaigns: int = 2, groups: int = 2) -> dict[str, Any]:
    c = sb.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id
    out: dict[str, Any] = {"account": account, "campaigns": {}}
    for i in range(campaigns):
        body = [{"ad_account_id": account, "name": f"C{i}", "objective_type": "AWARENESS"}]
        campaign = c.campaigns.create(account, body=body).items[0].data
        out["campaigns"][campaign.id] = []
        for g in range(groups):
            group_body = [{"name": f"G{i}{g}", "campaign_id": campaign.id, "budget_in_micro_currency": 10_000_000,
                           "billable_event": "IMPRESSION"}]  # fmt: skip
            out["campaigns"][campaign.id].append(c.ad_groups.create(account, body=group_body).items[0].data.id)
    return out


def test_rows_for_requested_existing_campaigns_each_day_requested_columns_only(sandbox: Sandbox) -> None:
    tree = build(sandbox)
    c = sandbox.client()
    ids = list(tree["campaigns"])
    found = c.campaigns.analytics(
        tree["account"], start_date=START, end_date=END, campaign_ids=ids, columns=COLUMNS, granularity="DAY"
    )
    rows = [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in found]
    assert len(rows) == 14
    assert {r["CAMPAIGN_ID"] for r in rows} == set(ids)
    assert sorted({r["DATE"] for r in rows}) == [(TODAY - timedelta(days=d)).isoformat() for d in range(7, 0, -1)]
    assert all(set(r) == {"CAMPAIGN_ID", "DATE", *COLUMNS} for r in rows)


def test_unknown_ids_and_accounts_are_404(sandbox: Sandbox) -> None:
    tree = build(sandbox, 1, 1)
    c = sandbox.client()
    with pytest.raises(pr.NotFoundError):
        c.campaigns.analytics(tree["account"], start_date=START, end_date=END, campaign_ids=["12345"],
                              columns=COLUMNS, granularity="DAY")  # fmt: skip
    with pytest.raises(pr.NotFoundError):
        c.ad_accounts.analytics("12345", start_date=START, end_date=END, columns=COLUMNS, granularity="DAY")


def _sync(sb: Sandbox, account: str, granularity: str, **extra: Any) -> list[dict[str, Any]]:
    query = {"start_date": START, "end_date": END, "columns": ",".join(COLUMNS), "granularity": granularity, **extra}
    url = f"http://sandbox.local/v5/ad_accounts/{account}/campaigns/analytics?" + "&".join(
        f"{k}={v}" for k, v in query.items()
    )
    reply = sb.app.handle("GET", url, {"authorization": "Bearer t"}, b"")
    assert reply.status == 200, reply.body
    result: list[dict[str, Any]] = json.loads(reply.body)
    return result


def test_totals_weeks_months_and_hours_add_up_to_the_days(sandbox: Sandbox) -> None:
    tree = build(sandbox, 1, 1)
    campaign = next(iter(tree["campaigns"]))
    days = _sync(sandbox, tree["account"], "DAY", campaign_ids=campaign)
    for granularity in ("TOTAL", "WEEK", "MONTH"):
        buckets = _sync(sandbox, tree["account"], granularity, campaign_ids=campaign)
        for column in ("SPEND_IN_MICRO_DOLLAR", "TOTAL_CLICKTHROUGH"):
            assert sum(b[column] for b in buckets) == sum(d[column] for d in days), (granularity, column)
    total = _sync(sandbox, tree["account"], "TOTAL", campaign_ids=campaign)
    assert len(total) == 1 and "DATE" not in total[0]
    hours = _sync(sandbox, tree["account"], "HOUR", campaign_ids=campaign)
    assert len(hours) == 7 * 24
    for day in days:
        of_day = [h for h in hours if h["DATE"] == day["DATE"]]
        assert sum(h["SPEND_IN_MICRO_DOLLAR"] for h in of_day) == day["SPEND_IN_MICRO_DOLLAR"]


def test_account_spend_is_the_sum_of_its_campaigns_and_campaigns_of_their_ad_groups(sandbox: Sandbox) -> None:
    tree = build(sandbox, 3, 2)
    c = sandbox.client()
    account = tree["account"]
    kw: dict[str, Any] = {"start_date": START, "end_date": END, "columns": COLUMNS, "granularity": "TOTAL"}
    whole = c.ad_accounts.analytics(account, **kw)[0]
    campaigns = c.campaigns.analytics(account, campaign_ids=list(tree["campaigns"]), **kw)
    assert whole["SPEND_IN_MICRO_DOLLAR"] == sum(r["SPEND_IN_MICRO_DOLLAR"] for r in campaigns)
    for campaign, groups in tree["campaigns"].items():
        own = next(r for r in campaigns if r["CAMPAIGN_ID"] == campaign)
        parts = c.ad_groups.analytics(account, ad_group_ids=groups, **kw)
        assert own["TOTAL_CLICKTHROUGH"] == sum(r["TOTAL_CLICKTHROUGH"] for r in parts)


def test_report_and_sync_call_give_the_same_numbers(sandbox: Sandbox) -> None:
    tree = build(sandbox, 2, 1)
    c = sandbox.client()
    account = tree["account"]
    started = c.ad_accounts.create_report(
        account, start_date=START, end_date=END, granularity="DAY", level="CAMPAIGN",
        columns=["CAMPAIGN_NAME", *COLUMNS], report_format="CSV",
    )  # fmt: skip
    url = c.ad_accounts.get_report(account, token=started.token).url
    reply = sandbox.app.handle("GET", url, {}, b"")
    report = list(csv.DictReader(io.StringIO(reply.body.decode())))
    sync = _sync(sandbox, account, "DAY", campaign_ids=",".join(tree["campaigns"]))
    assert len(report) == len(sync) == 14
    names = {cid: f"C{i}" for i, cid in enumerate(tree["campaigns"])}
    by_key = {(r["CAMPAIGN_ID"], r["DATE"]): r for r in report}
    for row in sync:
        line = by_key[(row["CAMPAIGN_ID"], row["DATE"])]
        assert line["CAMPAIGN_NAME"] == names[row["CAMPAIGN_ID"]]
        assert all(float(line[col]) == row[col] for col in COLUMNS)


def test_same_request_same_numbers_in_a_new_sandbox() -> None:
    answers = []
    for _ in range(2):
        with Sandbox() as sb:
            tree = build(sb, 1, 1)
            answers.append(_sync(sb, tree["account"], "DAY", campaign_ids=next(iter(tree["campaigns"]))))
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        ((TODAY - timedelta(days=91)).isoformat(), END, "90 days back"),
        ((TODAY - timedelta(days=10)).isoformat(), (TODAY + timedelta(days=90)).isoformat(), "90 days past"),
        (END, START, "before start_date"),
    ],
)
def test_date_limits_are_400(sandbox: Sandbox, start: str, end: str, problem: str) -> None:
    tree = build(sandbox, 1, 0)
    with pytest.raises(pr.BadRequestError, match=problem):
        sandbox.client().ad_accounts.analytics(
            tree["account"], start_date=start, end_date=end, columns=COLUMNS, granularity="DAY"
        )


def test_pin_analytics_answer_all_and_404_for_a_missing_pin(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="B")
    pin = c.pins.create(board_id=board.id, media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"})
    answer = c.pins.analytics(pin.id, start_date=START, end_date=END, metric_types=["IMPRESSION", "SAVE"])
    entry = answer["all"]
    assert len(entry["daily_metrics"]) == 7
    assert entry["summary_metrics"]["SAVE"] == sum(d["metrics"]["SAVE"] for d in entry["daily_metrics"])
    with pytest.raises(pr.NotFoundError):
        c.pins.analytics("12345", start_date=START, end_date=END, metric_types=["IMPRESSION"])


def test_user_account_analytics_has_every_requested_metric_and_sums_the_pins(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="B")
    pins = [c.pins.create(board_id=board.id, media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"})
            for _ in range(2)]  # fmt: skip
    wanted = ["IMPRESSION", "PIN_CLICK", "PIN_CLICK_RATE"]
    user = c.user_account.analytics(start_date=START, end_date=END, metric_types=wanted)["all"]
    assert set(user["summary_metrics"]) == set(wanted)
    per_pin = [c.pins.analytics(p.id, start_date=START, end_date=END, metric_types=wanted[:2])["all"] for p in pins]
    assert user["summary_metrics"]["IMPRESSION"] == sum(p["summary_metrics"]["IMPRESSION"] for p in per_pin)
    s = user["summary_metrics"]
    assert s["PIN_CLICK_RATE"] == round(s["PIN_CLICK"] / s["IMPRESSION"], 6)


def test_targeting_analytics_split_the_campaigns_numbers(sandbox: Sandbox) -> None:
    tree = build(sandbox, 1, 1)
    c = sandbox.client()
    campaign = next(iter(tree["campaigns"]))
    kw: dict[str, Any] = {"start_date": START, "end_date": END, "columns": COLUMNS, "granularity": "TOTAL"}
    whole = c.campaigns.analytics(tree["account"], campaign_ids=[campaign], **kw)[0]
    split = c.campaigns.targeting_analytics(tree["account"], campaign_ids=[campaign], targeting_types=["GENDER"], **kw)
    parts = [d["metrics"] for d in split.data]
    assert {d["targeting_value"] for d in split.data} == {"female", "male", "unknown"}
    assert sum(p["TOTAL_CLICKTHROUGH"] for p in parts) == whole["TOTAL_CLICKTHROUGH"]
    with pytest.raises(pr.NotFoundError):
        c.campaigns.targeting_analytics(tree["account"], campaign_ids=["777"], targeting_types=["GENDER"], **kw)
