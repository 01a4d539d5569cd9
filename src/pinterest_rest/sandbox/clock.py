"""The sandbox's clock: real time plus an offset that tests move forward.

Everything in the sandbox that depends on time (token expiry, download links that expire, rate-limit
windows, ``created_at`` stamps, job progress) reads ``Sandbox.clock`` instead of ``time.time()``, so
a test can jump ahead instead of sleeping:

    sb = Sandbox()
    url = ...                                  # a report download link, valid 5 minutes
    sb.clock.advance(301)                      # now it has expired
    sb.clock.now()                             # epoch seconds (float), real time + offset
    sb.clock.iso()                             # "2026-12-01T21:10:00Z": RFC 3339 with a UTC offset
    sb.clock.monotonic()                       # for intervals: time.monotonic() + offset

The clock never goes backwards (``advance`` refuses a negative step), so an expiry once passed stays
passed; ``freeze()`` stops the real-time part, which makes answers byte-for-byte repeatable.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone


class Clock:
    def __init__(self, *, frozen_at: float | None = None) -> None:
        self._offset = 0.0
        self._frozen: float | None = frozen_at
        self._frozen_mono = time.monotonic()
        self._lock = threading.Lock()

    def now(self) -> float:
        """Seconds since the epoch, as the sandbox sees them."""
        base = self._frozen if self._frozen is not None else time.time()
        return base + self._offset

    def monotonic(self) -> float:
        """A monotonic reading for intervals (rate-limit windows), moved by ``advance`` too."""
        base = self._frozen_mono if self._frozen is not None else time.monotonic()
        return base + self._offset

    def advance(self, seconds: float) -> float:
        """Move the clock ``seconds`` forward; returns the new ``now()``."""
        if seconds < 0:
            raise ValueError(f"Clock.advance needs seconds >= 0, got {seconds}")
        with self._lock:
            self._offset += float(seconds)
        return self.now()

    def freeze(self, at: float | None = None) -> None:
        """Stop real time from passing (at ``at`` epoch seconds, or now); ``advance`` still works."""
        with self._lock:
            self._frozen = self.now() - self._offset if at is None else float(at) - self._offset
            self._frozen_mono = time.monotonic()

    def iso(self, at: float | None = None) -> str:
        """``at`` (default now) as RFC 3339 date-time in UTC with the ``Z`` offset, whole seconds."""
        moment = datetime.fromtimestamp(self.now() if at is None else at, tz=timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def date(self, at: float | None = None) -> str:
        """``at`` (default now) as an ISO date (YYYY-MM-DD) in UTC."""
        return datetime.fromtimestamp(self.now() if at is None else at, tz=timezone.utc).strftime("%Y-%m-%d")

    def __repr__(self) -> str:
        return f"Clock(now={self.iso()!r}, offset={self._offset:g}s{', frozen' if self._frozen is not None else ''})"
