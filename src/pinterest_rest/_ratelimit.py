"""Pinterest's ``x-ratelimit-*`` response headers, parsed."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

_FIRST_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?)")


def _number(value: str | None) -> float | None:
    if not value:
        return None
    match = _FIRST_NUMBER.match(value)
    return float(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class RateLimit:
    """What the server said about the caller's budget in one response.

    ``limit`` and ``remaining`` count requests in the current window; ``reset`` is the number of
    seconds until the window resets, as sent; ``observed_at`` is ``time.monotonic()`` on receipt.
    Headers like ``100, 100;w=60`` (limit, then policy) are read up to the first number.
    """

    limit: int | None
    remaining: int | None
    reset: float | None
    category: str = ""
    observed_at: float = field(default=0.0, compare=False)

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], category: str = "") -> RateLimit | None:
        limit = _number(headers.get("x-ratelimit-limit"))
        remaining = _number(headers.get("x-ratelimit-remaining"))
        reset = _number(headers.get("x-ratelimit-reset"))
        if limit is None and remaining is None and reset is None:
            return None
        return cls(
            int(limit) if limit is not None else None,
            int(remaining) if remaining is not None else None,
            reset,
            category,
            time.monotonic(),
        )

    @property
    def resets_in(self) -> float | None:
        """Seconds from now until the window resets, by the server's last word."""
        if self.reset is None:
            return None
        return max(0.0, self.reset - (time.monotonic() - self.observed_at))
