"""One rate-limit parser (multi-window), read lazily; the retry budget's refund rule."""

from __future__ import annotations

import pytest

from pinterest_rest import Pinterest, RateLimitError, _retry
from pinterest_rest._pipeline import Pipeline
from pinterest_rest._ratelimit import RateLimit, RateWindow, parse_windows
from pinterest_rest._retry import RetryBudget, retry_after
from pinterest_rest._transport import Response
from pinterest_rest._transport.mock import MockTransport

MULTI = {"x-ratelimit-limit": "100, 100;w=1, 1000;w=60", "x-ratelimit-remaining": "99", "x-ratelimit-reset": "1"}


def test_multi_window_headers_keep_every_window() -> None:
    limit = RateLimit.from_headers(MULTI, "org_read")
    assert limit is not None
    assert limit.windows == (RateWindow(100, 99, 1.0, 1.0), RateWindow(1000, None, None, 60.0))
    assert (limit.limit, limit.remaining, limit.reset) == (100, 99, 1.0)  # the tightest window
    assert limit.category == "org_read"
    assert 0.0 <= (limit.resets_in or 0) <= 1.0


def test_per_window_remaining_picks_the_tightest() -> None:
    headers = {
        "x-ratelimit-limit": "100, 100;w=1, 1000;w=60",
        "x-ratelimit-remaining": "80, 80;w=1, 3;w=60",
        "x-ratelimit-reset": "1, 1;w=1, 42;w=60",
    }
    limit = RateLimit.from_headers(headers)
    assert limit is not None
    assert (limit.limit, limit.remaining, limit.reset) == (1000, 3, 42.0)


def test_single_numbers_still_read_and_garbage_ignored() -> None:
    limit = RateLimit.from_headers(
        {"x-ratelimit-limit": "10", "x-ratelimit-remaining": "4", "x-ratelimit-reset": "2.5"}
    )
    assert limit is not None and (limit.limit, limit.remaining, limit.reset) == (10, 4, 2.5)
    assert limit.windows == (RateWindow(10, 4, 2.5, None),)
    assert RateLimit.from_headers({"x-ratelimit-limit": "lots"}) is None
    assert RateLimit.from_headers({}) is None
    assert parse_windows({"x-ratelimit-remaining": "-1, nan"}) == ()


def test_retry_after_reads_the_multi_window_reset() -> None:
    # Before: "7, 7;w=60" read as no value, and a 0-0.5 s jitter was used instead.
    assert retry_after({"x-ratelimit-reset": "7, 7;w=60"}, 429) == 7.0
    assert retry_after({"x-ratelimit-reset": "7"}, 429) == 7.0
    assert retry_after({"retry-after": "3", "x-ratelimit-reset": "7"}, 429) == 3.0
    assert retry_after({"x-ratelimit-reset": "7"}, 503) is None


def test_errors_and_raw_responses_use_the_same_parser() -> None:
    transport = MockTransport([MockTransport.json(429, {"code": 8, "message": "slow down"}, MULTI)])
    client = Pinterest(access_token="t", transport=transport, max_retries=0)
    with pytest.raises(RateLimitError) as caught:
        client.user_account.get()
    assert caught.value.rate_limit is not None and len(caught.value.rate_limit.windows) == 2
    transport = MockTransport(lambda req: MockTransport.json(200, {"username": "u"}, MULTI))
    raw = Pinterest(access_token="t", transport=transport).user_account.with_raw_response.get()
    assert raw.rate_limit is not None and raw.rate_limit.windows[1].limit == 1000


def test_rate_limits_are_parsed_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []
    real = parse_windows

    def counting(headers: object) -> object:
        parsed.append(headers)
        return real(headers)  # type: ignore[arg-type]

    monkeypatch.setattr("pinterest_rest._ratelimit.parse_windows", counting)
    transport = MockTransport(lambda req: MockTransport.json(200, {"username": "u"}, MULTI))
    client = Pinterest(access_token="t", transport=transport)
    for _ in range(50):
        client.user_account.get()
    assert parsed == []  # 50 answers, nothing parsed
    limits = client.rate_limits
    assert limits[next(iter(limits))].remaining == 99
    assert len(parsed) == 1


def test_observe_keeps_the_previous_headers_when_an_answer_has_none() -> None:
    pipeline = Pipeline.__new__(Pipeline)
    pipeline._rate_seen = {}
    pipeline.throttle = None

    class Op:
        ratelimit_category = "org_read"

    pipeline.observe(Op(), Response(200, MULTI, b"", None))  # type: ignore[arg-type]
    pipeline.observe(Op(), Response(200, {}, b"", None))  # type: ignore[arg-type]
    assert pipeline.rate_limits["org_read"].remaining == 99


def test_budget_survives_429_once_then_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: each retry cost 5, each success refunded 1, so the 125th such call failed."""
    monkeypatch.setattr(_retry, "backoff", lambda attempt: 0.0)
    state = {"n": 0}

    def handler(req: object) -> object:
        state["n"] += 1
        if state["n"] % 2:
            return MockTransport.json(429, {"code": 8, "message": "slow"}, {"retry-after": "0"})
        return (200, {"username": "u"})

    client = Pinterest(access_token="t", transport=MockTransport(handler))  # type: ignore[arg-type]
    for _ in range(300):
        client.user_account.get()
    assert client._pipeline.budget.tokens == client._pipeline.budget.capacity


def test_budget_refund_rule() -> None:
    budget = RetryBudget(capacity=20)
    spent = budget.spend(None) + budget.spend(None)
    assert budget.tokens == 10
    budget.refund(spent)  # a call that succeeded after two retries gives both back
    assert budget.tokens == 20
    budget.spend(None)
    budget.refund()  # a call with no retries earns one
    assert budget.tokens == 16
    assert RetryBudget(capacity=4).spend(None) == 0  # empty: no retry
