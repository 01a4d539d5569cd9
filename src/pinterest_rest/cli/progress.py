"""Progress on stderr for uploads and long jobs, drawn only when stderr is a terminal.

Off a terminal every method is a no-op, so scripts and logs see nothing but the result.
"""

from __future__ import annotations

import time
from typing import IO

_FRAMES = "|/-\\"


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


class Progress:
    """A bar for a known total (bytes), or a spinner with a status line for a job."""

    def __init__(self, stream: IO[str], enabled: bool, label: str, total: int | None = None, width: int = 30) -> None:
        self.stream = stream
        self.enabled = enabled
        self.label = label
        self.total = total
        self.width = width
        self.done = 0
        self._last = 0.0
        self._tick = 0
        self._drawn = False

    def advance(self, n: int) -> None:
        self.done += n
        self._draw()

    def status(self, text: str) -> None:
        """A spinner frame with the job's current state (polling)."""
        if not self.enabled:
            return
        self._tick += 1
        self._write(f"{self.label} {_FRAMES[self._tick % 4]} {text}")

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1 and (self.total is None or self.done < self.total):
            return
        self._last = now
        if self.total:
            frac = min(1.0, self.done / self.total)
            filled = int(frac * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            self._write(f"{self.label} [{bar}] {frac * 100:5.1f}% {_size(self.done)}/{_size(self.total)}")
        else:
            self._write(f"{self.label} {_size(self.done)}")

    def _write(self, line: str) -> None:
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._drawn = True

    def close(self, final: str | None = None) -> None:
        if not self.enabled:
            return
        if final is not None:
            self._write(f"{self.label} {final}")
        elif self.total is not None:
            self._draw(force=True)
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
