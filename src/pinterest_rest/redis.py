"""Many workers on many machines, one Pinterest app: a token and rate-limit budgets kept in Redis.

Needs the ``redis`` extra (``pip install 'pinterest-rest[redis]'``, redis-py). Nothing here is
imported by ``import pinterest_rest``; a client that is not given these stores never touches Redis.

    import redis
    from pinterest_rest import Pinterest
    from pinterest_rest.oauth import RefreshingAuth
    from pinterest_rest.redis import RedisRateLimitStore, RedisTokenStore

    r = redis.Redis.from_url("redis://cache.internal:6379/0")
    app = Pinterest(client_id="...", client_secret="...")
    client = Pinterest(
        auth=RefreshingAuth(app, RedisTokenStore(r, key="pinterest:token:shop-42")),
        rate_limit_store=RedisRateLimitStore(r, {"ads_read": (1000, 60.0), "ads_analytics": (300, 60.0)}),
    )

``RedisTokenStore``: the token as one JSON value. Refreshes are single-flight across every worker:
RefreshingAuth takes the store's Redis lock, re-reads the token, and refreshes only if nobody else
just did. The lock expires after ``lock_timeout`` seconds, so a worker that crashes while holding
it blocks the others for at most that long. Anyone who can read the key can use the token:
protect Redis as you would the token (AUTH, TLS, a private network).

``RedisRateLimitStore``: one token bucket per rate-limit category (and per ad account for the
categories in ``per_ad_account``), updated atomically by a Lua script on Redis's own clock, so
every worker draws from the same budget whatever its clock says. ``(calls, period)`` means at
most ``calls`` requests in any ``period`` seconds: the bucket holds ``burst`` requests and refills
at ``(calls - burst - headroom) / period``, so even a burst at a window's edge stays within the
limit. ``headroom`` (default 2 % of ``calls``, at least ``burst``) absorbs the varying delay
between a worker taking its slot and its request reaching Pinterest; with the default ``burst``
(1 %) about 97 % of the budget is used. Each
caller reserves its slot and sleeps until it comes, so waiting workers are served in order.
It also learns from the answers every worker gets: an ``x-ratelimit-remaining`` lower than the
bucket's level lowers it (other apps and scripts spend the same user's budget); a remaining count
of 0 or a 429 empties it until ``x-ratelimit-reset`` (or ``Retry-After``) has passed, for every
worker at once.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._locks import LockTimeoutError
from .oauth import Token

if TYPE_CHECKING:
    from ._transport import Request, Response

__all__ = ["RedisRateLimitStore", "RedisTokenStore"]

# Categories whose limit Pinterest counts per ad account, as the spec's descriptions say
# ("5,000 calls per minute per ad account" for POST /ad_accounts/{id}/events).
PER_AD_ACCOUNT = frozenset({"ads_conversions"})
_AD_ACCOUNT = re.compile(r"/ad_accounts/([^/?#]+)")


def _redis_from_url(url: str) -> Any:
    try:
        import redis
    except ImportError:  # pragma: no cover - the extra is missing
        raise ImportError("pinterest_rest.redis needs redis-py: pip install 'pinterest-rest[redis]'") from None
    return redis.Redis.from_url(url)


# -- the token ----------------------------------------------------------------------------------


class RedisTokenStore:
    """The token in one Redis key, with a refresh lock shared by every worker (see the module doc).

    ``lock_timeout``: seconds after which a held lock expires by itself (make it longer than a
    token request can take); ``wait_timeout``: how long a worker waits for the lock (None: forever).
    """

    def __init__(
        self,
        client: Any,
        key: str = "pinterest-rest:token",
        *,
        lock_timeout: float = 30.0,
        wait_timeout: float | None = 60.0,
    ) -> None:
        self._redis = client
        self.key = key
        self.lock_timeout = lock_timeout
        self.wait_timeout = wait_timeout

    @classmethod
    def from_url(cls, url: str, key: str = "pinterest-rest:token", **kw: Any) -> RedisTokenStore:
        return cls(_redis_from_url(url), key, **kw)

    def load(self) -> Token | None:
        raw = self._redis.get(self.key)
        if raw is None:
            return None
        return Token.from_dict(json.loads(raw))

    def save(self, token: Token) -> None:
        self._redis.set(self.key, json.dumps(token.to_dict(), sort_keys=True))

    def delete(self) -> None:
        self._redis.delete(self.key)

    @contextlib.contextmanager
    def refresh_lock(self) -> Iterator[None]:
        # thread_local=False: an async RefreshingAuth takes the lock in one thread and may release
        # it from another.
        lock = self._redis.lock(
            f"{self.key}:refresh-lock",
            timeout=self.lock_timeout,
            blocking_timeout=self.wait_timeout,
            thread_local=False,
        )
        if not lock.acquire():
            raise LockTimeoutError(f"the refresh lock of {self.key!r} is still held after {self.wait_timeout} s")
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # expired meanwhile: someone else may hold it now
                lock.release()

    def __repr__(self) -> str:
        return f"RedisTokenStore(key={self.key!r})"


# -- rate-limit budgets -------------------------------------------------------------------------

# Take one slot: refill by the time passed (Redis's clock), take a token even if that leaves the
# level negative (a reservation), and answer how many microseconds the caller waits for it.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'level', 'stamp')
local level = tonumber(state[1]) or capacity
local stamp = tonumber(state[2]) or now
level = math.min(capacity, level + math.max(0, now - stamp) * rate) - 1
redis.call('HSET', KEYS[1], 'level', tostring(level), 'stamp', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if level >= 0 then return 0 end
return math.ceil(-level / rate * 1000000)
"""

# Learn from an answer: lower the level to the server's remaining count (ARGV[3], -1 if not sent),
# or below zero so that nobody goes for ARGV[4] seconds (a 429).
_LEARN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
local remaining, pause = tonumber(ARGV[3]), tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'level', 'stamp')
local level = tonumber(state[1]) or capacity
local stamp = tonumber(state[2]) or now
level = math.min(capacity, level + math.max(0, now - stamp) * rate)
if remaining >= 0 and remaining < level then level = remaining end
if pause > 0 then level = math.min(level, -pause * rate) end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'stamp', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0
"""


class _Budget:
    __slots__ = ("capacity", "period", "rate")

    def __init__(self, category: str, calls: int, period: float, burst: int | None, headroom: float) -> None:
        if calls <= 0 or period <= 0:
            raise ValueError(f"rate-limit budget {category!r}: needs calls > 0 and period > 0")
        if not 0 <= headroom < 0.5:
            raise ValueError(f"headroom is a fraction of calls in [0, 0.5), not {headroom}")
        capacity = burst if burst is not None else max(1, calls // 100)
        spare = max(float(capacity), calls * headroom)
        if capacity < 1 or capacity + spare >= calls:
            raise ValueError(
                f"rate-limit budget {category!r}: burst must be at least 1 and, with the headroom "
                f"({spare:g}), below calls ({calls})"
            )
        self.capacity = float(capacity)
        self.rate = (calls - capacity - spare) / period
        self.period = period


class RedisRateLimitStore:
    """Budgets per rate-limit category shared by every worker through Redis (see the module doc).

    ``budget``: ``{category: (calls, period_seconds)}``; categories not listed are not throttled.
    ``per_ad_account``: categories budgeted separately for each ad account (default: those the
    spec says are counted per ad account). ``burst``: requests the bucket holds (default 1 % of
    ``calls``, at least 1). ``headroom``: the fraction of ``calls`` left unused as a safety margin.
    """

    def __init__(
        self,
        client: Any,
        budget: Mapping[str, tuple[int, float]],
        *,
        per_ad_account: Collection[str] = PER_AD_ACCOUNT,
        burst: int | None = None,
        headroom: float = 0.02,
        prefix: str = "pinterest-rest:ratelimit:",
    ) -> None:
        self._redis = client
        self._budgets = {c: _Budget(c, calls, period, burst, headroom) for c, (calls, period) in budget.items()}
        self._per_ad_account = frozenset(per_ad_account)
        self.prefix = prefix
        self._take = client.register_script(_TAKE)
        self._learn = client.register_script(_LEARN)

    @classmethod
    def from_url(cls, url: str, budget: Mapping[str, tuple[int, float]], **kw: Any) -> RedisRateLimitStore:
        return cls(_redis_from_url(url), budget, **kw)

    def _key(self, category: str, url: str | None) -> str:
        if category in self._per_ad_account and url:
            found = _AD_ACCOUNT.search(url)
            if found:
                return f"{self.prefix}{category}:{found.group(1)}"
        return self.prefix + category

    def _ttl_ms(self, b: _Budget) -> int:
        return int(max(b.period, 1.0) * 2000) + 60_000  # idle buckets are full again long before

    def reserve(self, category: str, request: Request | None = None) -> float:
        """Take a slot; return the seconds to wait before using it (0 when it is free now)."""
        b = self._budgets.get(category)
        if b is None:
            return 0.0
        key = self._key(category, request.url if request is not None else None)
        micros = self._take(keys=[key], args=[b.capacity, b.rate, self._ttl_ms(b)])
        return int(micros) / 1_000_000

    def acquire(self, category: str, request: Request | None = None) -> None:
        delay = self.reserve(category, request)
        if delay > 0:
            time.sleep(delay)

    async def aacquire(self, category: str, request: Request | None = None) -> None:
        if category not in self._budgets:
            return
        import asyncio

        delay = await asyncio.to_thread(self.reserve, category, request)  # redis-py is blocking
        if delay > 0:
            await asyncio.sleep(delay)

    def observe(self, category: str, response: Response) -> None:
        b = self._budgets.get(category)
        if b is None:
            return
        from ._ratelimit import RateLimit
        from ._retry import retry_after

        limit = RateLimit.from_headers(response.headers, category)
        remaining = limit.remaining if limit is not None and limit.remaining is not None else -1
        pause = 0.0
        if response.status_code == 429:
            pause = retry_after(response.headers, 429) or 1.0
        elif remaining == 0 and limit is not None and limit.reset:
            pause = min(limit.reset, b.period)  # spent, by the server's count: wait for its reset
        elif not 0 <= remaining < b.capacity:
            return  # the bucket holds at most `capacity`: a higher count cannot lower it
        key = self._key(category, response.request.url if response.request is not None else None)
        self._learn(keys=[key], args=[b.capacity, b.rate, remaining, pause, self._ttl_ms(b)])

    def reset(self, category: str, ad_account_id: str | None = None) -> None:
        """Forget a bucket (it starts full again)."""
        url = f"/ad_accounts/{ad_account_id}" if ad_account_id else None
        self._redis.delete(self._key(category, url))

    def __repr__(self) -> str:
        return f"RedisRateLimitStore({sorted(self._budgets)}, prefix={self.prefix!r})"
