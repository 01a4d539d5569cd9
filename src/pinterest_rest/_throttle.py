"""Client-side spacing of requests per ``x-ratelimit-category``, so a busy script stays under its
budget instead of collecting 429s.

    client = Pinterest(rate_limit_budget={"ads_read": (100, 60.0)})   # at most 100 calls per 60 s

A token bucket per category: it starts full (``calls`` tokens), refills at ``calls / period`` per
second, and a call that finds it empty waits for the next token. Categories not listed are not
throttled. One bucket is shared by every thread (and task) of a client.

The pipeline calls ``acquire(category, request)`` before each attempt and ``observe(category,
response)`` after it. A budget shared by many processes or machines implements the same three
methods (``pinterest_rest.redis.RedisRateLimitStore``) and is given as ``rate_limit_store=``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ._transport import Request, Response


class RateLimiter(Protocol):
    """What the pipeline needs from a client-side rate limiter (local or shared)."""

    def acquire(self, category: str, request: Request | None = None) -> None: ...

    async def aacquire(self, category: str, request: Request | None = None) -> None: ...

    def observe(self, category: str, response: Response) -> None: ...


class _Bucket:
    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, calls: int, period: float) -> None:
        if calls <= 0 or period <= 0:
            raise ValueError("a rate-limit budget needs calls > 0 and period > 0")
        self.capacity = float(calls)
        self.rate = calls / period
        self.tokens = float(calls)
        self.stamp = time.monotonic()

    def take(self) -> float:
        """Take one token; return how long the caller must wait before using it."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


class Throttle:
    def __init__(self, budget: Mapping[str, tuple[int, float]]) -> None:
        self._buckets = {category: _Bucket(calls, period) for category, (calls, period) in budget.items()}
        self._lock = threading.Lock()

    def _wait(self, category: str) -> float:
        bucket = self._buckets.get(category)
        if bucket is None:
            return 0.0
        with self._lock:
            return bucket.take()

    def acquire(self, category: str, request: Any = None) -> None:
        delay = self._wait(category)
        if delay > 0:
            time.sleep(delay)

    async def aacquire(self, category: str, request: Any = None) -> None:
        delay = self._wait(category)
        if delay > 0:
            import asyncio

            await asyncio.sleep(delay)

    def observe(self, category: str, response: Any) -> None:
        """One process's budget is the caller's own word: the server's headers do not change it."""

    def __repr__(self) -> str:
        return f"Throttle({sorted(self._buckets)})"
