"""Pinterest's ``x-ratelimit-*`` response headers: the one parser (``RateLimit``, retry timing, errors).

Pinterest sends the IETF draft format, where a header may list several quota policies:

    x-ratelimit-limit: 100, 100;w=1, 1000;w=60     <- current limit, then limit;w=window-seconds
    x-ratelimit-remaining: 99                       <- for the current (tightest) policy
    x-ratelimit-reset: 1                            <- seconds until that policy's window resets

``remaining`` and ``reset`` may list policies the same way (``7, 7;w=60``), and older answers
carry single numbers. Every policy is kept in ``RateLimit.windows``; the headline ``limit``,
``remaining`` and ``reset`` are the tightest window's (fewest requests remaining).

Parsing is lazy: the pipeline keeps each category's last headers and reads the clock, nothing
more, and a ``RateLimit`` parses them the first time one of its values is read.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from ._retry import LIMIT, REMAINING, RESET


def has_rate_limit(headers: Mapping[str, str]) -> bool:
    return LIMIT in headers or REMAINING in headers or RESET in headers


def _items(value: str | None) -> list[tuple[float, float | None]]:
    """``"100, 100;w=1"`` -> ``[(100.0, None), (100.0, 1.0)]``; unreadable items are skipped."""
    out: list[tuple[float, float | None]] = []
    if not value:
        return out
    for item in value.split(","):
        number, *params = item.split(";")
        try:
            n = float(number)
        except ValueError:
            continue
        if n != n or n < 0:  # NaN or negative: not a count
            continue
        window: float | None = None
        for param in params:
            key, _, raw = param.partition("=")
            if key.strip().lower() == "w":
                try:
                    window = float(raw.strip().strip('"'))
                except ValueError:
                    window = None
        out.append((n, window))
    return out


def _int(n: float | None) -> int | None:
    return int(n) if n is not None else None


class RateWindow:
    """One quota policy: ``limit`` requests per ``window`` seconds (None when not stated)."""

    __slots__ = ("limit", "remaining", "reset", "window")

    def __init__(self, limit: int | None, remaining: int | None, reset: float | None, window: float | None) -> None:
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.window = window

    def _key(self) -> tuple[object, ...]:
        return (self.limit, self.remaining, self.reset, self.window)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RateWindow) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"RateWindow(limit={self.limit}, remaining={self.remaining}, reset={self.reset}, window={self.window})"


def parse_windows(headers: Mapping[str, str]) -> tuple[RateWindow, ...]:
    limits = _items(headers.get(LIMIT))
    remaining = _items(headers.get(REMAINING))
    resets = _items(headers.get(RESET))
    bare_limit = next((n for n, w in limits if w is None), None)
    bare_remaining = next((n for n, w in remaining if w is None), None)
    bare_reset = next((n for n, w in resets if w is None), None)
    remaining_by_w = {w: n for n, w in remaining if w is not None}
    reset_by_w = {w: n for n, w in resets if w is not None}
    policies = [(n, w) for n, w in limits if w is not None]
    if not policies:
        if bare_limit is None and bare_remaining is None and bare_reset is None:
            return ()
        return (RateWindow(_int(bare_limit), _int(bare_remaining), bare_reset, None),)
    # The bare numbers describe the current policy: the first one whose limit is the bare limit.
    current = next((w for n, w in policies if n == bare_limit), policies[0][1] if len(policies) == 1 else None)
    windows = []
    for n, w in policies:
        rem = remaining_by_w.get(w, bare_remaining if w == current else None)
        rst = reset_by_w.get(w, bare_reset if w == current else None)
        windows.append(RateWindow(int(n), _int(rem), rst, w))
    return tuple(windows)


def tightest(windows: tuple[RateWindow, ...]) -> RateWindow | None:
    """The window with the fewest requests remaining (the longest wait breaks ties)."""
    known = [w for w in windows if w.remaining is not None]
    if not known:
        return windows[0] if windows else None
    return min(known, key=lambda w: (w.remaining, -(w.reset or 0.0)))


def reset_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds until the tightest window resets, as the server said (used for 429 waits)."""
    window = tightest(parse_windows(headers))
    return window.reset if window is not None else None


class RateLimit:
    """What the server said about the caller's budget in one response.

    ``limit`` and ``remaining`` count requests in the tightest window; ``reset`` is the number of
    seconds until it resets, as sent; ``windows`` holds every policy the headers listed;
    ``observed_at`` is ``time.monotonic()`` on receipt; ``resets_in`` counts down from it.
    """

    __slots__ = ("_headers", "_windows", "category", "observed_at")

    def __init__(self, headers: Mapping[str, str], category: str = "", observed_at: float | None = None) -> None:
        self._headers = headers
        self._windows: tuple[RateWindow, ...] | None = None
        self.category = category
        self.observed_at = time.monotonic() if observed_at is None else observed_at

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], category: str = "") -> RateLimit | None:
        """A RateLimit for these headers, or None when they carry no rate-limit information."""
        if not has_rate_limit(headers):
            return None
        windows = parse_windows(headers)
        if not windows:
            return None
        limit = cls(headers, category)
        limit._windows = windows
        return limit

    @property
    def windows(self) -> tuple[RateWindow, ...]:
        if self._windows is None:
            self._windows = parse_windows(self._headers)
        return self._windows

    @property
    def _headline(self) -> RateWindow | None:
        return tightest(self.windows)

    @property
    def limit(self) -> int | None:
        w = self._headline
        return w.limit if w is not None else None

    @property
    def remaining(self) -> int | None:
        w = self._headline
        return w.remaining if w is not None else None

    @property
    def reset(self) -> float | None:
        w = self._headline
        return w.reset if w is not None else None

    @property
    def resets_in(self) -> float | None:
        """Seconds from now until the tightest window resets, by the server's last word."""
        reset = self.reset
        if reset is None:
            return None
        return max(0.0, reset - (time.monotonic() - self.observed_at))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RateLimit):
            return NotImplemented
        return self.windows == other.windows and self.category == other.category

    def __hash__(self) -> int:
        return hash((self.windows, self.category))

    def __repr__(self) -> str:
        return (
            f"RateLimit(limit={self.limit}, remaining={self.remaining}, reset={self.reset}, "
            f"category={self.category!r}, windows={len(self.windows)})"
        )
