"""Many machines (issue 15, item 3): RedisTokenStore and RedisRateLimitStore against a real
redis-server, with real worker processes and the sandbox served over HTTP."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._locks import LockTimeoutError
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.oauth import Token, exchange_code
from pinterest_rest.sandbox import Sandbox, SandboxConfig

from .test_file_token_store import RefreshLog, check_one_refresh_per_expiry, run_workers

pytest.importorskip("redis", reason="redis-py is missing: pip install -e '.[dev]'")

from pinterest_rest.redis import RedisRateLimitStore, RedisTokenStore

HERE = Path(__file__).parent


def test_workers_sharing_a_redis_token_refresh_once_per_expiry(redis_url: str, redis_client: Any) -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=1))
    store = RedisTokenStore(redis_client, key="tests:token")
    store.save(exchange_code(sb.client(access_token=None), sb.issue_code(), "https://e.com/cb"))
    log = RefreshLog(sb)
    seconds = 10.0
    with sb.serve() as url:
        results = run_workers(url, "redis", redis_url, 4, seconds)
    check_one_refresh_per_expiry(log, results, seconds)


def test_token_round_trip_hides_secrets(redis_client: Any) -> None:
    store = RedisTokenStore(redis_client, key="t1")
    assert store.load() is None
    store.save(Token("pina_SECRET", "pinr_SECRET", expires_at=123.0, scopes=("boards:read",)))
    loaded = store.load()
    assert loaded is not None and loaded.scopes == ("boards:read",) and loaded.refresh_token == "pinr_SECRET"
    assert "SECRET" not in repr(store)


def test_a_crashed_worker_cannot_hold_the_refresh_lock(redis_url: str, redis_client: Any) -> None:
    code = (
        "import os, sys\n"
        "from pinterest_rest.redis import RedisTokenStore\n"
        "held = RedisTokenStore.from_url(sys.argv[1], key='t2', lock_timeout=2.0).refresh_lock()\n"
        "held.__enter__()\n"
        "os._exit(3)\n"
    )
    assert subprocess.run([sys.executable, "-c", code, redis_url], check=False).returncode == 3
    impatient = RedisTokenStore(redis_client, key="t2", wait_timeout=0.1)
    with pytest.raises(LockTimeoutError), impatient.refresh_lock():
        pass  # still held right after the crash ...
    started = time.monotonic()
    with RedisTokenStore(redis_client, key="t2", wait_timeout=5).refresh_lock():
        pass  # ... and free once its timeout ran out
    assert time.monotonic() - started < 2.5


# -- rate limits --------------------------------------------------------------------------------


def _ok(req: Any) -> Any:
    return (200, {"items": [], "bookmark": None})


def test_one_budget_shared_by_many_clients_and_threads(redis_client: Any) -> None:
    """10 clients (as 10 workers would) with one budget: 20 calls per 1 s in total, not each."""
    store = RedisRateLimitStore(redis_client, {"org_read": (20, 1.0)}, burst=1)
    clients = [Pinterest("t", base_url="http://x/v5", transport=MockTransport(_ok), rate_limit_store=store)]
    clients += [
        Pinterest(
            "t",
            base_url="http://x/v5",
            transport=MockTransport(_ok),
            rate_limit_store=RedisRateLimitStore(redis_client, {"org_read": (20, 1.0)}, burst=1),
        )
        for _ in range(9)
    ]
    stamps: list[float] = []
    lock = threading.Lock()

    def work(c: Pinterest) -> None:
        for _ in range(5):
            c.boards.list()
            with lock:
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    # 50 calls: 1 at once, then 18 per second. Never more than 20 in any 1 s window.
    for i, start in enumerate(stamps):
        assert sum(1 for s in stamps[i:] if s < start + 1.0) <= 20
    assert stamps[-1] - stamps[0] >= (50 - 1) / 18 - 0.2


def test_per_ad_account_budgets_are_separate(redis_client: Any) -> None:
    store = RedisRateLimitStore(redis_client, {"ads_conversions": (5, 60.0)}, burst=2)
    c = Pinterest("t", base_url="http://x/v5", transport=MockTransport(_ok), rate_limit_store=store)
    events = [{"event_name": "lead", "action_source": "web", "event_time": 1, "event_id": "e", "user_data": {}}]
    started = time.monotonic()
    for account in ("111", "111", "222", "222"):
        c.conversion_events.create(account, data=events)  # type: ignore[list-item]
    assert time.monotonic() - started < 1  # each ad account had its own 2 immediate slots
    keys = sorted(k.decode() for k in redis_client.keys("pinterest-rest:ratelimit:*"))
    assert keys == ["pinterest-rest:ratelimit:ads_conversions:111", "pinterest-rest:ratelimit:ads_conversions:222"]
    third = SimpleNamespace(url="http://x/v5/ad_accounts/111/events")
    assert store.reserve("ads_conversions", third) > 50  # type: ignore[arg-type]  # 111 is spent: 1 per minute


def test_a_429_seen_by_one_worker_pauses_every_worker(redis_client: Any) -> None:
    def limited(req: Any) -> Any:
        return (429, ({"code": 8, "message": "slow down"}, {"retry-after": "1", "x-ratelimit-remaining": "0"}))

    budget = {"org_read": (1000, 60.0)}
    a = Pinterest(
        "t",
        base_url="http://x/v5",
        max_retries=0,
        transport=MockTransport(limited),
        rate_limit_store=RedisRateLimitStore(redis_client, budget),
    )
    b = Pinterest(
        "t",
        base_url="http://x/v5",
        transport=MockTransport(_ok),
        rate_limit_store=RedisRateLimitStore(redis_client, budget),
    )
    b.boards.list()  # a full bucket: no wait
    from pinterest_rest import RateLimitError

    with pytest.raises(RateLimitError):
        a.boards.list()
    started = time.monotonic()
    b.boards.list()  # another worker: waits out the Retry-After the first one was given
    assert 0.9 <= time.monotonic() - started < 2.0


def test_a_low_remaining_count_lowers_the_shared_level(redis_client: Any) -> None:
    def nearly_spent(req: Any) -> Any:
        return (200, ({"items": [], "bookmark": None}, {"x-ratelimit-remaining": "0", "x-ratelimit-limit": "100"}))

    store = RedisRateLimitStore(redis_client, {"org_read": (100, 10.0)}, burst=10)
    c = Pinterest("t", base_url="http://x/v5", transport=MockTransport(nearly_spent), rate_limit_store=store)
    c.boards.list()  # the server says nothing is left though the bucket held 9 more
    assert store.reserve("org_read") > 0.05  # so the next slot is a refill interval away


def test_async_clients_share_the_budget(redis_client: Any) -> None:
    store = RedisRateLimitStore(redis_client, {"org_read": (11, 1.0)}, burst=1)

    async def run() -> float:
        c = AsyncPinterest("t", base_url="http://x/v5", transport=AsyncMockTransport(_ok), rate_limit_store=store)
        started = time.monotonic()
        await asyncio.gather(*[c.boards.list() for _ in range(6)])
        return time.monotonic() - started

    assert asyncio.run(run()) >= 0.45  # 1 at once, then one per 0.1 s


def test_budget_and_store_are_exclusive(redis_client: Any) -> None:
    store = RedisRateLimitStore(redis_client, {"org_read": (10, 1.0)})
    with pytest.raises(ValueError, match="not both"):
        Pinterest("t", rate_limit_budget={"org_read": (1, 1.0)}, rate_limit_store=store)
    with pytest.raises(ValueError, match="burst"):
        RedisRateLimitStore(redis_client, {"org_read": (10, 1.0)}, burst=10)


def test_processes_sharing_a_budget_get_no_429_from_a_sandbox_enforcing_it(redis_url: str) -> None:
    """4 worker processes, one Redis budget equal to the sandbox's enforced limit: no 429s and
    never more than the limit per window (the benchmark measures the rate: shared_budget.py)."""
    sys.path.insert(0, str(HERE.parent.parent / "benchmarks"))
    import shared_budget

    result = shared_budget.run(workers=4, limit=60, window=2, seconds=5.0, redis_url=redis_url)
    assert result["status_429"] == 0 and result["errors"] == 0
    assert result["ok"] <= 60 * (5.0 / 2 + 1)
    assert json.dumps(result)  # plain data, printable


def test_the_many_workers_example_runs_on_redis(redis_url: str) -> None:
    example = HERE.parent.parent / "examples" / "many_workers.py"
    result = subprocess.run(
        [sys.executable, str(example), "--redis", redis_url, "--seconds", "3"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "sharing Redis" in result.stdout and "0 failed" in result.stdout
