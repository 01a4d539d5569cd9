"""When to retry, and how long to wait first. Pure functions; the pipelines own the sleeping.

The policy (docs/retries.md has the reasoning):

* Retried: connection errors, timeouts, and HTTP 408, 429, 500, 502, 503, 504.
* Pinterest has no idempotency key, so a POST/PATCH/PUT/DELETE is retried only when it provably
  was not processed: the connection never opened (``sent=False``) or the server said 429. Callers
  who know a write is safe to repeat pass ``retry_writes=True``.
* The wait is the server's ``Retry-After`` (seconds or an HTTP date), else the tightest
  rate-limit window's reset on a 429 (parsed by ``_ratelimit``), capped at ``MAX_RETRY_AFTER``;
  otherwise exponential backoff with full jitter.
* A retry budget shared by every call of a client stops an outage from multiplying traffic:
  each retry spends tokens; a call that succeeds gives back what its retries spent (botocore's
  quota rule), or one token when it needed none; an empty budget means no retry.
"""

from __future__ import annotations

import random
import threading
import time
from typing import TYPE_CHECKING

from ._errors import APIConnectionError, APITimeoutError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._transport import Response

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 60.0

# Pinterest's rate-limit headers. The pipeline checks every answer for them, so the names live
# here, on its import path; their values are parsed by ``_ratelimit``, which is imported only when
# one is read (a RateLimit, an error, a 429's wait), not by every cold start.
LIMIT = "x-ratelimit-limit"
REMAINING = "x-ratelimit-remaining"
RESET = "x-ratelimit-reset"


def retry_after(headers: Mapping[str, str], status: int) -> float | None:
    """Seconds the server asked us to wait, if it said; None if it did not (or said nonsense)."""
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        try:
            seconds = float(value)
        except ValueError:
            from email.utils import parsedate_to_datetime  # rare: only for HTTP-date Retry-After

            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                when = None
            seconds = when.timestamp() - time.time() if when is not None else -1.0
        if seconds >= 0:
            return min(seconds, MAX_RETRY_AFTER)
        if seconds != -1.0:
            return 0.0  # a date in the past: go now
    if status == 429:
        from ._ratelimit import reset_seconds

        reset = reset_seconds(headers)
        return min(reset, MAX_RETRY_AFTER) if reset is not None else None
    return None


def backoff(attempt: int) -> float:
    """Full-jitter exponential backoff for retry number ``attempt`` (0-based)."""
    return random.uniform(0, min(MAX_BACKOFF, INITIAL_BACKOFF * (2**attempt)))


def should_retry_response(method: str, response: Response, retry_writes: bool) -> bool:
    status = response.status_code
    if status not in RETRY_STATUSES:
        return False
    return bool(status == 429 or method in SAFE_METHODS or retry_writes)


def should_retry_error(method: str, error: APIConnectionError, retry_writes: bool) -> bool:
    return not error.sent or method in SAFE_METHODS or retry_writes


class RetryBudget:
    """A token bucket over retries, shared by all calls of one client (and its with_options copies).

    Why the refund rule matters: when every retry spent 5 and every success earned 1, a server
    that answers "429 once, then OK" drained the bucket in 125 calls although every call
    succeeded. Giving a successful call back what it spent keeps the budget for real outages,
    where calls fail and their spending is kept.
    """

    RETRY_COST = 5
    TIMEOUT_COST = 10
    SUCCESS_REFUND = 1

    def __init__(self, capacity: int = 500) -> None:
        self.capacity = capacity
        self.tokens = capacity
        self._lock = threading.Lock()

    def spend(self, error: BaseException | None) -> int:
        """Take the cost of one retry; returns it (0 means the budget is empty: do not retry)."""
        cost = self.TIMEOUT_COST if isinstance(error, APITimeoutError) else self.RETRY_COST
        with self._lock:
            if self.tokens < cost:
                return 0
            self.tokens -= cost
            return cost

    def refund(self, spent: int = 0) -> None:
        """A call succeeded: give back what its retries spent, or one token if it made none."""
        if self.tokens < self.capacity:
            with self._lock:
                self.tokens = min(self.capacity, self.tokens + (spent or self.SUCCESS_REFUND))
