"""Rate limits per ``x-ratelimit-category``, with Pinterest's multi-window headers.

Pinterest (developers.pinterest.com/docs/reference/rate-limits, Standard access) applies a universal
limit of 100 requests per second per user per app to every call, plus a per-minute limit per
category. The page states ads_analytics 300/min, ads_read 1,000/min and ads_conversions 120,000/min
per ad account; the other categories' numbers below are the sandbox's reading of the same table
and are easy to override (``SandboxConfig(rate_limits={"ads_write": [(5, 60)]})``).

Each answer carries the windows in the form Pinterest sends (the IETF RateLimit fields' list form):

    x-ratelimit-limit: 300, 100;w=1, 300;w=60     first: the limit of the window nearest exhaustion
    x-ratelimit-remaining: 299                    requests left in that window
    x-ratelimit-reset: 42                         whole seconds until that window starts over

With ``enforce_rate_limits`` a request past any window answers 429 with ``Retry-After`` (seconds until
that window resets). Windows are fixed (they start at the first request) and read the sandbox clock,
so ``sb.clock.advance(60)`` refills them.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .clock import Clock

Window = tuple[int, float]  # (requests, seconds)

UNIVERSAL: Window = (100, 1.0)  # every call, all categories together

PER_MINUTE: dict[str, int] = {
    "ads_analytics": 300,  # documented
    "ads_conversions": 120_000,  # documented; per ad account
    "ads_read": 1_000,  # documented
    "ads_write": 400,
    "advanced_auction_read": 1_000,
    "advanced_auction_write": 400,
    "catalogs_read": 1_000,
    "catalogs_write": 400,
    "msot_write": 400,
    "org_analytics": 300,
    "org_read": 1_000,
    "org_write": 1_000,
    "trends_read": 1_000,
}
_DEFAULT_PER_MINUTE = 1_000
PER_AD_ACCOUNT = frozenset({"ads_conversions"})


def windows_for(category: str, overrides: Mapping[str, Sequence[Window]] | None = None) -> list[Window]:
    """The category's own windows (without the universal one)."""
    if overrides and category in overrides:
        return [(int(n), float(w)) for n, w in overrides[category]]
    return [(PER_MINUTE.get(category, _DEFAULT_PER_MINUTE), 60.0)]


@dataclass
class Verdict:
    headers: dict[str, str]
    limited: bool
    retry_after: int


class RateLimiter:
    """Fixed-window counters keyed by (bucket, window length); one lock, O(windows) per request."""

    def __init__(
        self,
        clock: Clock,
        overrides: Mapping[str, Sequence[Window]] | None = None,
        universal: Window | None = UNIVERSAL,
    ) -> None:
        self._clock = clock
        self._overrides = dict(overrides or {})
        self._universal = universal
        self._lock = threading.Lock()
        self._state: dict[tuple[str, float], tuple[float, int]] = {}

    def check(self, category: str, ad_account_id: str | None = None) -> Verdict:
        bucket = f"{category}:{ad_account_id}" if category in PER_AD_ACCOUNT and ad_account_id else category
        plan = [(bucket, n, w) for n, w in windows_for(category, self._overrides)]
        if self._universal is not None:
            plan.append(("*", *self._universal))
        now = self._clock.monotonic()
        seen: list[tuple[int, int, float, float]] = []  # (limit, remaining, reset seconds, width)
        limited, retry_after = False, 0
        with self._lock:
            for key, limit, width in plan:
                start, used = self._state.get((key, width), (now, 0))
                if now - start >= width:
                    start, used = now, 0
                used += 1
                self._state[(key, width)] = (start, used)
                reset = max(0.0, width - (now - start))
                seen.append((limit, max(0, limit - used), reset, width))
                if used > limit:
                    limited = True
                    retry_after = max(retry_after, max(1, math.ceil(reset)))
        # The binding window: least remaining, then the longest wait.
        limit, remaining, reset, _ = min(seen, key=lambda s: (s[1], -s[2]))
        policies = ", ".join(f"{n};w={_num(w)}" for n, _, _, w in sorted(seen, key=lambda s: s[3]))
        headers = {
            "x-ratelimit-limit": f"{limit}, {policies}",
            "x-ratelimit-remaining": str(remaining),
            "x-ratelimit-reset": str(max(1, math.ceil(reset))),
        }
        return Verdict(headers, limited, retry_after)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
