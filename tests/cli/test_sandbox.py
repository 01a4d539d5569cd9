"""Scenarios against the offline sandbox (``pinterest_rest.sandbox``), served on a loopback port.

Skipped until the sandbox is installed. Uses only its public API: ``Sandbox(db=..., seed=...)``
and ``with sandbox.serve(port=0) as base_url``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import CLI

sandbox_mod = pytest.importorskip("pinterest_rest.sandbox")

TOKEN = "sandbox-test-token"


@pytest.fixture
def base_url() -> Iterator[str]:
    box = sandbox_mod.Sandbox(db=":memory:")
    with box.serve(port=0) as url:
        yield str(url)


def test_create_from_flags_and_json_then_list_all(cli: CLI, base_url: str, tmp_path: Path) -> None:
    made = []
    for i in range(30):
        r = cli("boards", "create", "--name", f"board {i}", "--base-url", base_url, "--token", TOKEN)
        assert r.status == 0, r.err
        made.append(json.loads(r.out)["id"])
    body = tmp_path / "board.json"
    body.write_text(json.dumps({"name": "from json", "description": "d"}))
    r = cli("boards", "create", "--json", str(body), "--base-url", base_url, "--token", TOKEN)
    assert r.status == 0, r.err
    assert json.loads(r.out)["name"] == "from json"
    r = cli("boards", "list", "--all", "-o", "ndjson", "--page-size", "7", "--base-url", base_url, "--token", TOKEN)
    assert r.status == 0, r.err
    names = [json.loads(line)["name"] for line in r.out.splitlines()]
    assert len(names) == 31 and "from json" in names
    r = cli("boards", "list", "--max-items", "10", "-o", "ndjson", "--base-url", base_url, "--token", TOKEN)
    assert len(r.out.splitlines()) == 10


def test_pin_from_flags(cli: CLI, base_url: str) -> None:
    board = json.loads(cli("boards", "create", "--name", "b", "--base-url", base_url, "--token", TOKEN).out)["id"]
    media = json.dumps({"source_type": "image_url", "url": "https://example.com/a.png"})
    r = cli(
        "pins",
        "create",
        "--board-id",
        board,
        "--title",
        "Hi",
        "--media-source",
        media,
        "--base-url",
        base_url,
        "--token",
        TOKEN,
    )
    assert r.status == 0, r.err
    pin = json.loads(r.out)
    assert pin["title"] == "Hi" and pin["board_id"] == board
    r = cli("pins", "get", "999999999", "--base-url", base_url, "--token", TOKEN)
    assert r.status == 4


def test_media_upload_wait(cli: CLI, base_url: str, tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"v" * 50_000)
    r = cli(
        "media", "upload", str(video), "--wait", "--poll-interval", "0.05", "--base-url", base_url, "--token", TOKEN
    )
    assert r.status == 0, r.err
    assert json.loads(r.out)["status"] == "succeeded"


def test_report_download(cli: CLI, base_url: str, tmp_path: Path) -> None:
    accounts = json.loads(
        cli("ad-accounts", "create", "--name", "acct", "--country", "US", "--base-url", base_url, "--token", TOKEN).out
    )
    out = tmp_path / "report.csv"
    r = cli(
        "reports", "run", accounts["id"], "--start-date", "2024-01-01", "--end-date", "2024-01-07", "--granularity", "DAY",
        "--columns", "SPEND_IN_MICRO_DOLLAR", "--report-format", "CSV", "--wait", "--poll-interval", "0.05",
        "--download", str(out), "--base-url", base_url, "--token", TOKEN,
    )  # fmt: skip
    assert r.status == 0, r.err
    assert out.stat().st_size > 0
    assert json.loads(r.out)["report_status"] == "FINISHED"
