# pyright: strict
"""Type expectations for the hand-written APIs (media upload, video pins, reports, batch jobs).

These are the types issue 13 asks for. They are checked like the other files, but the test that
checks this file is marked expected-to-fail until the hand-written modules are typed (see
test_typecheck.py): each expectation below names the return type the module should declare.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from pinterest_rest import Pinterest
from pinterest_rest.models import Media, Pin
from pinterest_rest.workflows.reports import run_report


def upload_and_pin(client: Pinterest) -> None:
    media = client.media.upload("video.mp4")
    assert_type(media.media_id, str)
    pin = client.pins.create_video_pin(board_id="1", path="video.mp4", title="t")
    assert_type(pin, Pin)
    assert_type(client.media.upload("video.mp4", wait=False), Media)


def reports(client: Pinterest) -> None:
    rows = run_report(
        client,
        "123",
        start_date="2026-01-01",
        end_date="2026-01-30",
        granularity="DAY",
        level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR"],
        report_format="JSON",
    )
    assert_type(rows, list[dict[str, Any]])
    run_report(client, "123", granularity="NOT_A_GRANULARITY")  # type: ignore[arg-type]  # must be refused
