"""The retry table, exactly, through a mock transport (backoff and sleeps patched to zero)."""

from __future__ import annotations

import asyncio
import email.utils
import threading
import time
from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._retry import RetryBudget, retry_after
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("pinterest_rest._retry.backoff", lambda attempt: 0.0)
    # time.sleep is the time module's, shared by every thread: only this test's own sleeps are
    # recorded (a thread another test left behind may still be polling; it sleeps for real).
    test_thread, real_sleep = threading.get_ident(), time.sleep

    def fake_time_sleep(delay: float) -> None:
        if threading.get_ident() == test_thread:
            slept.append(delay)
        else:
            real_sleep(delay)

    monkeypatch.setattr("pinterest_rest._pipeline.time.sleep", fake_time_sleep)

    async def fake_sleep(delay: float) -> None:
        slept.append(delay)

    monkeypatch.setattr("asyncio.sleep", fake_sleep)
    return slept


def answers(*items: Any) -> MockTransport:
    return MockTransport(list(items))


def client(transport: MockTransport, **kw: Any) -> Pinterest:
    return Pinterest("t", base_url="http://api.test/v5", transport=transport, **kw)


ERR = {"code": 1, "message": "x"}


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retried_statuses_for_reads(status: int) -> None:
    t = answers((status, ERR), (status, ERR), (200, {"id": "1"}))
    assert client(t).boards.get("1").id == "1"
    assert len(t.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_not_retried_statuses(status: int) -> None:
    t = answers((status, ERR), (200, {}))
    with pytest.raises(pr.APIStatusError):
        client(t).boards.get("1")
    assert len(t.requests) == 1


def test_gives_up_after_max_retries_and_per_call_override() -> None:
    t = answers(*[(503, ERR)] * 10)
    with pytest.raises(pr.InternalServerError):
        client(t).boards.get("1")
    assert len(t.requests) == 4  # default: 3 retries
    t2 = answers(*[(503, ERR)] * 10)
    with pytest.raises(pr.InternalServerError):
        client(t2, max_retries=5).boards.get("1", max_retries=0)
    assert len(t2.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_processed_writes_are_not_retried_unless_opted_in(status: int) -> None:
    t = answers((status, ERR), (200, {"id": "1"}))
    with pytest.raises(pr.APIStatusError):
        client(t).boards.create(name="x")
    assert len(t.requests) == 1
    t2 = answers((status, ERR), (200, {"id": "1"}))
    assert client(t2).boards.create(name="x", retry_writes=True).id == "1"
    t3 = answers((status, ERR), (200, {"id": "1"}))
    assert client(t3, retry_writes=True).boards.create(name="x").id == "1"


def test_writes_retried_on_429_and_unsent_connection_errors() -> None:
    t = answers((429, ERR), pr.APIConnectionError(sent=False), (200, {"id": "1"}))
    assert client(t).boards.create(name="x").id == "1"
    assert len(t.requests) == 3
    t2 = answers(pr.APIConnectionError(sent=True), (200, {"id": "1"}))
    with pytest.raises(pr.APIConnectionError):
        client(t2).boards.create(name="x")
    t3 = answers(pr.APITimeoutError(sent=True), (200, {"id": "1"}))
    with pytest.raises(pr.APITimeoutError):
        client(t3).pins.delete("1")


def test_reads_retried_on_any_connection_error_and_timeout() -> None:
    t = answers(pr.APIConnectionError(sent=True), pr.APITimeoutError(), (200, {"id": "1"}))
    assert client(t).boards.get("1").id == "1"


def test_retry_after_seconds_date_and_cap(no_waiting: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    t = answers((503, (ERR, {"Retry-After": "7"})), (503, (ERR, {"Retry-After": when})), (200, {}))
    client(t, max_retries=2).boards.get("1")
    assert no_waiting[0] == 7.0 and 25 < no_waiting[1] <= 30
    assert retry_after({"retry-after": "3600"}, 503) == 60.0
    assert retry_after({"x-ratelimit-reset": "12"}, 429) == 12.0
    assert retry_after({"x-ratelimit-reset": "12"}, 503) is None
    assert retry_after({"retry-after": "soon"}, 503) is None


def test_retry_budget_stops_an_outage_from_multiplying_traffic() -> None:
    t = MockTransport(lambda r: (503, ERR))
    c = client(t, max_retries=3)
    c._pipeline.budget = RetryBudget(capacity=20)  # four retries' worth
    for _ in range(5):
        with pytest.raises(pr.InternalServerError):
            c.boards.get("1")
    assert len(t.requests) == 5 + 4  # retries stopped when the budget ran dry
    assert c._pipeline.budget.tokens < 5


def test_async_retries() -> None:
    t = AsyncMockTransport([(503, ERR), pr.APIConnectionError(sent=False), (200, {"id": "1"})])

    async def run() -> Any:
        return await AsyncPinterest("t", base_url="http://api.test/v5", transport=t).boards.create(
            name="x", retry_writes=True
        )

    assert asyncio.run(run()).id == "1"
    assert len(t.requests) == 3
