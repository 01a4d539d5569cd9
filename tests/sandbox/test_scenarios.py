"""Stateful scenarios through the real client, in-process and over real HTTP."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import urllib3

import pinterest_rest as pr
from pinterest_rest import Pinterest
from pinterest_rest.sandbox import Faults, Sandbox, SandboxConfig

IMAGE = {"source_type": "image_url", "url": "https://example.com/a.jpg"}


def test_board_section_pin_lifecycle(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="Trips", description="Places", privacy="SECRET")
    assert board.id and board.name == "Trips" and board.privacy == "SECRET"
    section = c.boards.create_section(board.id, name="Japan")
    pins = [
        c.pins.create(board_id=board.id, board_section_id=section.id, title=f"p{i}", media_source=IMAGE)
        for i in range(3)
    ]
    assert sandbox.state.pins.count() == 3
    assert [p.id for p in c.boards.list_section_pins(board.id, section.id)] == [p.id for p in pins]
    assert c.boards.get(board.id).pin_count == 3
    updated = c.pins.update(pins[0].id, title="Kyoto")
    assert updated.title == "Kyoto" and c.pins.get(pins[0].id).title == "Kyoto"
    assert c.boards.update_section(board.id, section.id, name="Japan 2026").name == "Japan 2026"
    with pytest.raises(pr.ConflictError):
        c.boards.create(name="Trips")
    c.pins.delete(pins[1].id)
    with pytest.raises(pr.NotFoundError):
        c.pins.get(pins[1].id)
    assert len(list(c.boards.list_pins(board.id))) == 2
    c.boards.delete_section(board.id, section.id)
    c.boards.delete(board.id)
    assert sandbox.state.pins.count() == 0 and sandbox.state.board.count() == 0
    with pytest.raises(pr.NotFoundError):
        c.boards.get(board.id)


def test_pagination_over_1000_pins(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="Many")
    for i in range(1000):
        sandbox.store.put(
            "pin", f"{10**17 + i}", {"id": f"{10**17 + i}", "title": str(i), "board_id": board.id}, parent=board.id
        )
    first = c.boards.list_pins(board.id)
    assert len(first.items) == 25 and first.next_bookmark
    ids = [p.id for p in c.boards.list_pins(board.id, page_size=250)]
    assert ids == [f"{10**17 + i}" for i in range(1000)]  # stable insertion order, no gaps, no repeats
    assert [len(p) for p in c.boards.list_pins(board.id, page_size=250).iter_pages()] == [250, 250, 250, 250]
    with pytest.raises(pr.BadRequestError, match="bookmark"):
        c.boards.list_pins(board.id, bookmark="not-a-bookmark")
    with pytest.raises(pr.BadRequestError, match="page_size"):
        c.boards.list_pins(board.id, page_size=251)


def item(op_id: str, **fields: Any) -> dict[str, Any]:
    from pinterest_rest.sandbox import schemas
    from pinterest_rest.sandbox.samples import sample

    data: dict[str, Any] = sample(schemas.operation(op_id)["request"], op_id)[0]
    data.update(fields)
    return data


def test_campaign_ad_group_ad(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    assert c.ad_accounts.get(account.id).name == "Shop"
    campaign = (
        c.campaigns.create(
            account.id,
            body=[item("campaigns/create", lifetime_spend_cap=None, name="Spring", ad_account_id=account.id)],
        )
        .items[0]
        .data
    )
    group = c.ad_groups.create(account.id, body=[item("ad_groups/create", campaign_id=campaign.id)]).items[0].data
    board = c.boards.create(name="Ads")
    pin = c.pins.create(board_id=board.id, media_source=IMAGE)
    ad = c.ads.create(account.id, body=[item("ads/create", ad_group_id=group.id, pin_id=pin.id)]).items[0].data
    assert ad.ad_group_id == group.id and group.campaign_id == campaign.id
    orphan = c.ad_groups.create(account.id, body=[item("ad_groups/create", campaign_id="999")])
    assert orphan.items[0].exceptions and orphan.items[0].data is None
    c.campaigns.update(account.id, body=[{"id": campaign.id, "ad_account_id": account.id, "name": "Spring v2"}])
    assert c.campaigns.get(account.id, campaign.id).name == "Spring v2"
    assert [x.id for x in c.campaigns.list(account.id)] == [campaign.id]
    assert [x.id for x in c.ads.list(account.id)] == [ad.id]
    with pytest.raises(pr.NotFoundError):
        c.campaigns.get(account.id, "12345")


def test_report_wait_and_download(sandbox: Sandbox) -> None:
    sandbox.config.job_polls = 2
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    body = [{"ad_account_id": account.id, "name": "Spring", "objective_type": "AWARENESS"}]
    c.campaigns.create(account.id, body=body)
    for fmt in ("CSV", "JSON"):
        started = c.ad_accounts.create_report(
            account.id, start_date="2026-01-01", end_date="2026-01-03", granularity="DAY", level="CAMPAIGN",
            columns=["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"], report_format=fmt,
        )  # fmt: skip
        assert started.report_status == "IN_PROGRESS"
        statuses = []
        while True:
            status = c.ad_accounts.get_report(account.id, token=started.token)
            statuses.append(status.report_status)
            if status.report_status == "FINISHED":
                break
        assert statuses == ["IN_PROGRESS", "FINISHED"]
        data = urllib3.PoolManager().request("GET", status.url).data if status.url.startswith("http://127") else None
        reply = sandbox.app.handle("GET", status.url, {}, b"")
        rows = list(csv.DictReader(io.StringIO(reply.body.decode()))) if fmt == "CSV" else json.loads(reply.body)
        assert [r["DATE"] for r in rows] == ["2026-01-01", "2026-01-02", "2026-01-03"]
        assert data is None


def multipart(fields: dict[str, str], payload: bytes) -> tuple[bytes, str]:
    boundary = "sandboxboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\n\r\n'.encode()
        + payload
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_media_register_upload_poll_in_process_and_http(sandbox: Sandbox) -> None:
    c = sandbox.client()
    media = c.media.create(media_type="video")
    assert c.media.get(media.media_id).status == "registered"
    body, ctype = multipart(media.upload_parameters.to_dict(), b"\x00" * 2048)
    reply = sandbox.app.handle("POST", media.upload_url, {"content-type": ctype}, body)
    assert reply.status == 204
    assert c.media.get(media.media_id).status == "succeeded"
    board = c.boards.create(name="Videos")
    pin = c.pins.create(
        board_id=board.id,
        media_source={"source_type": "video_id", "media_id": media.media_id, "cover_image_url": "https://e.com/c.jpg"},
    )
    assert pin.media["media_type"] == "video"

    with sandbox.serve(port=0) as base_url:
        http = Pinterest("t", base_url=base_url)
        media2 = http.media.create(media_type="video")
        assert media2.upload_url.startswith(base_url.rsplit("/v5", 1)[0])
        body, ctype = multipart(media2.upload_parameters.to_dict(), b"abc" * 1000)
        resp = urllib3.PoolManager().request("POST", media2.upload_url, body=body, headers={"Content-Type": ctype})
        assert resp.status == 204
        assert http.media.get(media2.media_id).status == "succeeded"
        missing = urllib3.PoolManager().request(
            "POST", media2.upload_url, body=b"x", headers={"Content-Type": "text/plain"}
        )
        assert missing.status == 400


def test_oauth_code_token_refresh_revoke() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes"))
    c = sb.client(access_token=None)
    code = sb.issue_code(scopes=["boards:read", "boards:write", "user_accounts:read"])
    grant = c.oauth.token(grant_type="authorization_code", code=code, redirect_uri="http://localhost/cb")
    token, refresh = grant.access_token, grant["refresh_token"]
    user = sb.client(access_token=token)
    assert user.user_account.get().username
    with pytest.raises(pr.PermissionDeniedError, match="ads:read"):
        user.ad_accounts.list()
    renewed = c.oauth.token(grant_type="refresh_token", refresh_token=refresh)
    assert renewed["refresh_token"] != refresh  # continuous refresh rotates it
    with pytest.raises(pr.BadRequestError):
        c.oauth.token(grant_type="refresh_token", refresh_token=refresh)  # the old one is spent
    c.oauth.revoke_token(token=renewed.access_token, token_type_hint="access_token")
    with pytest.raises(pr.AuthenticationError):
        sb.client(access_token=renewed.access_token).user_account.get()
    with pytest.raises(pr.AuthenticationError):
        sb.client(access_token="made-up").boards.list()
    with pytest.raises(pr.AuthenticationError):
        sb.client(client_secret="wrong").oauth.token(grant_type="client_credentials")
    app_token = c.oauth.token(grant_type="client_credentials", scope="boards:read")
    assert app_token.scope == "boards:read"


def test_tokens_expire() -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=0))
    token = sb.issue_token()
    time.sleep(0.01)
    with pytest.raises(pr.AuthenticationError, match="expired"):
        sb.client(access_token=token).user_account.get()


def test_rate_limit_headers_and_enforcement() -> None:
    sb = Sandbox(config=SandboxConfig(rate_limit=3, enforce_rate_limits=True))
    c = sb.client(max_retries=0)
    raw = c.boards.with_raw_response.list()
    assert raw.rate_limit is not None and raw.rate_limit.limit == 3 and raw.rate_limit.remaining == 2
    c.boards.list()
    c.boards.list()
    with pytest.raises(pr.RateLimitError) as info:
        c.boards.list()
    assert info.value.headers["retry-after"]
    c.ad_accounts.list()  # ads_read: another category, its own budget


def test_fault_injection_is_seeded_and_client_recovers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pinterest_rest._retry.backoff", lambda attempt: 0.0)
    faults = Faults(error=0.3, reset=0.1, truncate=0.1, seed=7)
    outcomes = []
    for _ in range(2):
        sb = Sandbox(config=SandboxConfig(faults=Faults(**vars(faults))))
        c = sb.client(max_retries=0)
        seen = []
        for _ in range(30):
            try:
                c.user_account.get()
                seen.append("ok")
            except pr.PinterestError as err:
                seen.append(type(err).__name__)
        outcomes.append(seen)
    assert outcomes[0] == outcomes[1]  # same seed, same faults
    assert {"ok", "InternalServerError", "APIConnectionError"} <= set(outcomes[0])
    sb = Sandbox(config=SandboxConfig(faults=Faults(error=0.3, seed=1)))
    assert all(sb.client(max_retries=5).boards.list() is not None for _ in range(20))


def test_async_client_in_process(sandbox: Sandbox) -> None:
    async def run() -> list[str]:
        async with sandbox.async_client() as c:
            board = await c.boards.create(name="Async")
            await asyncio.gather(
                *[c.pins.create(board_id=board.id, title=str(i), media_source=IMAGE) for i in range(30)]
            )
            return [p.title async for p in c.boards.list_pins(board.id, page_size=7)]

    assert sorted(asyncio.run(run()), key=int) == [str(i) for i in range(30)]


def test_32_concurrent_writers_on_a_file_db(tmp_path: Path) -> None:
    db = str(tmp_path / "sandbox.sqlite")
    with Sandbox(db=db) as sb, sb.serve(port=0) as base_url:
        c = Pinterest("t", base_url=base_url)
        board = c.boards.create(name="Concurrent")
        errors: list[BaseException] = []

        def writer(n: int) -> None:
            try:
                for i in range(10):
                    c.pins.create(board_id=board.id, title=f"{n}-{i}", media_source=IMAGE)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(32)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        titles = {p.title for p in c.boards.list_pins(board.id, page_size=250)}
        assert titles == {f"{n}-{i}" for n in range(32) for i in range(10)}
    with Sandbox(db=db) as again:  # survives a restart
        assert again.state.pin.count() == 320


def test_demo_seed_and_python_m_serve() -> None:
    assert Sandbox(seed="demo").client().boards.list().items
    proc = subprocess.Popen(
        [sys.executable, "-m", "pinterest_rest.sandbox", "--port", "0", "--seed", "demo"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line.split(" on ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v5")
        boards = Pinterest("any", base_url=url).boards.list()
        assert len(boards.items) == 3
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_crud_kinds_and_jobs(sandbox: Sandbox) -> None:
    from .test_every_operation import valid_request

    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    audience = c.audiences.create(account.id, name="Buyers", rule={"visitor_source_id": "1"}, audience_type="VISITOR")
    assert c.audiences.get(account.id, audience.id).id == audience.id
    assert c.audiences.update(account.id, audience.id, name="Buyers 2", operation_type="UPDATE").name == "Buyers 2"
    assert [a.id for a in c.audiences.list(account.id)] == [audience.id]
    with pytest.raises(pr.NotFoundError):
        c.audiences.get(account.id, "42")
    from pinterest_rest._registry import OPERATIONS

    op = OPERATIONS["feeds/create"]
    url, headers, body = valid_request(op, {})
    feed_id = json.loads(sandbox.app.handle("POST", url, headers, body).body)["id"]
    assert c.catalog_feeds.get(feed_id).id == feed_id
    c.catalog_feeds.delete(feed_id)
    with pytest.raises(pr.NotFoundError):
        c.catalog_feeds.get(feed_id)

    sandbox.config.job_polls = 2
    batch = c.catalog_items.create_batch(
        body={
            "country": "US",
            "language": "EN",
            "operation": "UPDATE",
            "catalog_type": "RETAIL",
            "items": [{"item_id": "sku-1", "attributes": {"title": "Shirt"}}],
        }
    )
    assert batch.status == "PROCESSING"
    states = [c.catalog_items.get_batch(batch.batch_id).status for _ in range(2)]
    assert states == ["PROCESSING", "COMPLETED"]
    # Lead exports: tests/sandbox/test_jobs_state.py (they need a real ad and stored leads).


def test_keywords_and_product_group_promotions(sandbox: Sandbox) -> None:
    c = sandbox.client()
    account = c.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    campaign = (
        c.campaigns.create(
            account.id, body=[item("campaigns/create", lifetime_spend_cap=None, ad_account_id=account.id)]
        )
        .items[0]
        .data
    )
    group = c.ad_groups.create(account.id, body=[item("ad_groups/create", campaign_id=campaign.id)]).items[0].data
    made = c.keywords.create(account.id, parent_id=group.id, keywords=[{"value": "red shoes", "match_type": "BROAD"}])
    keyword = made.keywords[0]
    assert keyword.value == "red shoes" and keyword.parent_id == group.id
    assert [k.id for k in c.keywords.list(account.id, ad_group_id=group.id)] == [keyword.id]
    assert c.keywords.update(account.id, keywords=[{"id": keyword.id, "archived": True}]).keywords[0].archived is True
    promo = c.product_group_promotions.create(
        account.id,
        ad_group_id=group.id,
        product_group_promotion=[{"catalog_product_group_id": "1", "status": "ACTIVE"}],
    )
    promo_id = promo.items[0].data.id
    assert c.product_group_promotions.get(account.id, promo_id).ad_group_id == group.id
    c.product_group_promotions.update(
        account.id, ad_group_id=group.id, product_group_promotion=[{"id": promo_id, "status": "PAUSED"}]
    )
    assert c.product_group_promotions.get(account.id, promo_id).status == "PAUSED"
    missing = c.product_group_promotions.create(
        account.id, ad_group_id="999", product_group_promotion=[{"catalog_product_group_id": "1"}]
    )
    assert missing.items[0].exceptions
