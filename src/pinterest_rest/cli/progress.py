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


def _columns(stream: IO[str]) -> int:
    import os

    try:
        return max(20, os.get_terminal_size(stream.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return 80


class Progress:
    """A bar for a known total (bytes), or a spinner with a status line for a job."""

    def __init__(
        self,
        stream: IO[str],
        enabled: bool,
        label: str,
        total: int | None = None,
        width: int = 30,
        columns: int | None = None,
    ) -> None:
        self.stream = stream
        self.columns = columns if columns is not None else _columns(stream)
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
        self._write(f" {_FRAMES[self._tick % 4]} {text}")

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
            self._write(f" [{bar}] {frac * 100:5.1f}% {_size(self.done)}/{_size(self.total)}")
        else:
            self._write(f" {_size(self.done)}")

    def _write(self, tail: str) -> None:
        """Draw ``label + tail`` on one terminal line, never wrapped (a wrapped line would not be
        erased by the next ``\r``): a long label is shortened in the middle, the tail kept."""
        room = self.columns - 1 - len(tail)
        label = self.label
        if len(label) > room:
            keep = max(0, room - 1)
            label = label[: keep - keep // 2] + "…" + label[len(label) - keep // 2 :] if keep else ""
        line = (label + tail)[: self.columns - 1]
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._drawn = True

    def close(self, final: str | None = None) -> None:
        if not self.enabled:
            return
        if final is not None:
            self._write(f" {final}")
        elif self.total is not None:
            self._draw(force=True)
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
