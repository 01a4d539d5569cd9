"""media upload and reports run, end to end through the client on a MockTransport."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN


class FakeAPI:
    """Just enough of Pinterest (and S3) for the workflows: counts polls, records uploads."""

    def __init__(self) -> None:
        self.polls = 0
        self.uploads: list[Request] = []

    def __call__(self, req: Request) -> Any:
        url = req.url
        if url.endswith("/v5/media") and req.method == "POST":
            return (
                201,
                {
                    "media_id": "41",
                    "upload_url": "https://s3.test/up",
                    "upload_parameters": {"key": "k1", "policy": "p"},
                },
            )
        if url == "https://s3.test/up":
            self.uploads.append(req)
            return (204, None)
        if "/v5/media/41" in url:
            self.polls += 1
            return (200, {"media_id": "41", "status": "succeeded" if self.polls >= 2 else "processing"})
        if url.endswith("/reports") and req.method == "POST":
            return (200, {"report_status": "IN_PROGRESS", "token": "tok1", "message": None})
        if "/reports?token=tok1" in url:
            self.polls += 1
            if self.polls < 2:
                return (200, {"report_status": "IN_PROGRESS", "url": None, "size": None})
            return (
                200,
                {"report_status": "FINISHED", "url": "https://files.test/r.csv?X-Amz-Signature=s3cr3t", "size": 20},
            )
        if url.startswith("https://files.test/r.csv"):
            return (200, b"date,spend\n2024-01-01,5\n")
        return (404, {"code": 1, "message": "no route " + url})


def test_media_upload_wait(cli: CLI, tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00video-bytes" * 1000)
    api = FakeAPI()
    r = cli(
        "media", "upload", str(video), "--wait", "--poll-interval", "0", "--token", TOKEN, transport=MockTransport(api)
    )
    assert r.status == 0, r.err
    assert json.loads(r.out) == {"media_id": "41", "status": "succeeded"}
    (upload,) = api.uploads
    assert "Authorization" not in upload.headers  # the S3 policy is the credential, not our token
    assert upload.body is not None and b"video-bytes" in upload.body and b'name="policy"' in upload.body
    assert int(upload.headers["Content-Length"]) == len(upload.body)
    assert upload.body.index(b'name="key"') < upload.body.index(b'name="file"')
    assert r.err == ""  # not a terminal: no progress


def test_media_upload_progress_on_tty(cli: CLI, tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"x" * 200_000)
    r = cli(
        "media",
        "upload",
        str(video),
        "--wait",
        "--poll-interval",
        "0",
        "--token",
        TOKEN,
        tty=True,
        transport=MockTransport(FakeAPI()),
    )
    assert r.status == 0, r.err
    assert "uploading clip.mp4 [" in r.err and "100.0%" in r.err
    assert "succeeded" in r.err


def test_reports_run_wait_download(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    api = FakeAPI()
    transport = MockTransport(api)
    r = cli(
        "reports", "run", "549755885175", "--start-date", "2024-01-01", "--end-date", "2024-01-31",
        "--granularity", "DAY", "--columns", "SPEND_IN_MICRO_DOLLAR", "--wait", "--download", str(out),
        "--poll-interval", "0", "--token", TOKEN, "--debug", transport=transport,
    )  # fmt: skip
    assert r.status == 0, r.err
    assert out.read_text() == "date,spend\n2024-01-01,5\n"
    result = json.loads(r.out)
    assert result["report_status"] == "FINISHED" and result["file"] == str(out)
    created = json.loads(transport.requests[0].body or b"")
    assert created["level"] == "ADVERTISER" and created["columns"] == ["SPEND_IN_MICRO_DOLLAR"]
    assert TOKEN not in r.all and "s3cr3t" not in r.err  # --debug masks the presigned signature


def test_reports_run_failed_job(cli: CLI) -> None:
    def handler(req: Request) -> Any:
        if req.method == "POST":
            return (200, {"report_status": "IN_PROGRESS", "token": "t"})
        return (200, {"report_status": "FAILED", "message": "boom"})

    r = cli(
        "reports", "run", "1", "--start-date", "2024-01-01", "--end-date", "2024-01-02", "--granularity", "DAY",
        "--columns", "SPEND_IN_DOLLAR", "--wait", "--poll-interval", "0", "--token", TOKEN,
        transport=MockTransport(handler),
    )  # fmt: skip
    assert r.status == 1
    assert "report ended FAILED: boom" in r.err
