"""Reports, media upload, the job waiter, Conversions API batching and the throttle, end to end
against the offline sandbox (sync and async) and, where a fault must be exact, a mock."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
import time
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport.mock import MockTransport
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.workflows.conversions import MAX_BATCH, build_event, hash_user_data, send_events
from pinterest_rest.workflows.jobs import JobCancelledError, JobFailedError, JobTimeoutError, wait_for
from pinterest_rest.workflows.media import MediaUploadError
from pinterest_rest.workflows.reports import arun_report, run_report

REPORT = {
    "start_date": "2026-01-01",
    "end_date": "2026-01-05",
    "granularity": "DAY",
    "level": "CAMPAIGN",
    "columns": ["SPEND_IN_DOLLAR"],
}


def account(c: Pinterest) -> str:
    ident = str(c.ad_accounts.create(name="Shop", country="US", owner_user_id="1").id)
    # A report has rows only for objects that exist: one campaign.
    c.campaigns.create(ident, body=[{"ad_account_id": ident, "name": "Spring", "objective_type": "AWARENESS"}])
    return ident


@pytest.mark.parametrize("fmt", ["CSV", "JSON"])
def test_run_report_sync(sandbox: Sandbox, fmt: str) -> None:
    sandbox.config.job_polls = 3
    c = sandbox.client()
    seen: list[str] = []
    rows = run_report(
        c, account(c), interval=0.001, progress=lambda s: seen.append(s.report_status), report_format=fmt, **REPORT
    )
    assert [r["DATE"] for r in rows] == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"]
    assert seen == ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"]


def test_run_report_async(sandbox: Sandbox) -> None:
    c = sandbox.client()
    ad_account = account(c)

    async def run() -> list[dict[str, Any]]:
        async with sandbox.async_client() as ac:
            return await arun_report(ac, ad_account, interval=0.001, report_format="CSV", **REPORT)

    assert len(asyncio.run(run())) == 5


def test_waiter_failure_timeout_and_cancel() -> None:
    with pytest.raises(JobFailedError, match="EXPIRED"):
        wait_for(lambda: {"status": "EXPIRED"}, interval=0.001)
    with pytest.raises(JobTimeoutError):
        wait_for(lambda: {"status": "IN_PROGRESS"}, interval=0.01, timeout=0.03)
    cancel = threading.Event()
    threading.Timer(0.05, cancel.set).start()
    with pytest.raises(JobCancelledError):
        wait_for(lambda: {"status": "IN_PROGRESS"}, interval=0.01, max_interval=0.01, timeout=None, cancel=cancel)


def test_media_upload_and_video_pin_sync(sandbox: Sandbox, tmp_path: Any) -> None:
    sandbox.config.job_polls = 2
    c = sandbox.client()
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\x00" * 700_000)
    progress: list[tuple[int, int]] = []
    media = c.media.upload(path, progress=lambda s, t: progress.append((s, t)), poll_interval=0.001)
    assert media.status == "succeeded"
    assert progress[-1] == (700_000, 700_000) and len(progress) > 1  # streamed in chunks
    board = c.boards.create(name="Videos")
    pin = c.pins.create_video_pin(board_id=board.id, path=path, title="Clip", poll_interval=0.001)
    assert pin.title == "Clip" and pin.media.media_type == "video"


def test_media_upload_over_real_http_streams(sandbox: Sandbox) -> None:
    with sandbox.serve(port=0) as url:
        media = Pinterest("t", base_url=url).media.upload(io.BytesIO(b"v" * 300_000), poll_interval=0.001)
        assert media.status == "succeeded"


def test_media_upload_async(sandbox: Sandbox) -> None:
    async def run() -> Any:
        async with sandbox.async_client() as ac:
            board = await ac.boards.create(name="V")
            return await ac.pins.create_video_pin(
                board_id=board.id, path=io.BytesIO(b"abc"), title="A", poll_interval=0.001
            )

    assert asyncio.run(run()).title == "A"


def test_media_failed_status_raises() -> None:
    def handler(req: Any) -> Any:
        if req.url.endswith("/media") and req.method == "POST":
            return (
                201,
                {
                    "media_id": "9",
                    "media_type": "video",
                    "upload_url": "http://up.test/u",
                    "upload_parameters": {"key": "k"},
                },
            )
        if req.url == "http://up.test/u":
            return (204, None)
        return (200, {"media_id": "9", "media_type": "video", "status": "failed"})

    c = Pinterest("t", base_url="http://x/v5", transport=MockTransport(handler))
    with pytest.raises(MediaUploadError):
        c.media.upload(io.BytesIO(b"x"), poll_interval=0.001)


def test_conversions_hashing_rules() -> None:
    sha = lambda s: hashlib.sha256(s.encode()).hexdigest()  # noqa: E731
    hashed = hash_user_data(
        {"em": "  Jane.Doe@Example.COM ", "ph": "+1 (555) 010-9999", "client_ip_address": "1.2.3.4", "fn": "Jane"}
    )
    assert hashed["em"] == [sha("jane.doe@example.com")]
    assert hashed["ph"] == [sha("15550109999")]
    assert hashed["fn"] == [sha("jane")]
    assert hashed["client_ip_address"] == "1.2.3.4"  # not an identifier Pinterest wants hashed
    assert hash_user_data({"em": [sha("a@b.c")]})["em"] == [sha("a@b.c")]  # already hashed: untouched


def test_send_events_batches_and_surfaces_failures(sandbox: Sandbox) -> None:
    c = sandbox.client()
    ad_account = account(c)
    events = [build_event("checkout", 1767225600 + i, {"em": f"user{i}@example.com"}) for i in range(MAX_BATCH + 5)]
    events.insert(
        3, build_event("checkout", int(time.time()) + 10 * 86400, {"em": "late@example.com"})
    )  # future: rejected
    sent: list[int] = []
    original = sandbox.app.handle

    def counting(method: str, url: str, headers: dict[str, str], body: bytes, origin: str = "") -> Any:
        if "/events" in url:
            sent.append(body.count(b'"event_name"'))
        return original(method, url, headers, body, origin)

    sandbox.app.handle = counting  # type: ignore[method-assign]
    result = send_events(c, ad_account, events)
    assert sent == [1000, 6]
    assert result.received == MAX_BATCH + 5 and not result.ok
    assert [f.index for f in result.failures] == [3]
    assert sandbox.state.conversion_events.count() == MAX_BATCH + 5
    test_run = send_events(c, ad_account, events[:10], test=True)
    assert test_run.received == 9 and sandbox.state.conversion_events.count() == MAX_BATCH + 5


def test_throttle_spaces_calls_per_category() -> None:
    t = MockTransport(lambda r: (200, {"items": [], "bookmark": None}))
    c = Pinterest("t", base_url="http://x/v5", transport=t, rate_limit_budget={"org_read": (5, 0.5)})
    start = time.monotonic()
    for _ in range(10):
        c.boards.list()
    elapsed = time.monotonic() - start
    assert elapsed >= 0.4  # 5 immediately, 5 more at 10 per second
    start = time.monotonic()
    for _ in range(10):
        c.ad_accounts.list()  # ads_read: not throttled
    assert time.monotonic() - start < 0.4


def test_throttle_async() -> None:
    from pinterest_rest._transport.mock import AsyncMockTransport

    t = AsyncMockTransport(lambda r: (200, {"id": "1"}))
    c = AsyncPinterest("t", base_url="http://x/v5", transport=t, rate_limit_budget={"org_read": (2, 0.2)})

    async def run() -> float:
        start = time.monotonic()
        await asyncio.gather(*[c.boards.get("1") for _ in range(4)])
        return time.monotonic() - start

    assert asyncio.run(run()) >= 0.15
