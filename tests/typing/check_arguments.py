# pyright: strict
"""The generated ``*Args`` TypedDicts let a hand-written helper forward typed keyword arguments."""

from __future__ import annotations

from typing_extensions import Unpack, assert_type

from pinterest_rest import Pinterest
from pinterest_rest.models import AdAccountsCreateReportArgs, AdsAnalyticsCreateAsyncResponse, PinsCreateVideoPinArgs


def start_report(client: Pinterest, ad_account_id: str, **args: Unpack[AdAccountsCreateReportArgs]) -> str:
    started = client.ad_accounts.create_report(ad_account_id, **args)
    assert_type(started, AdsAnalyticsCreateAsyncResponse)
    return started.token or ""


def pin_with(client: Pinterest, board_id: str, **fields: Unpack[PinsCreateVideoPinArgs]) -> None:
    client.pins.create(board_id=board_id, media_source={"source_type": "video_id", "media_id": "1"}, **fields)


def callers(client: Pinterest) -> None:
    start_report(
        client,
        "1",
        start_date="2026-01-01",
        end_date="2026-01-30",
        granularity="DAY",
        level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR"],
    )
    pin_with(client, "1", title="t", link="https://example.com")
