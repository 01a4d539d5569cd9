"""A lock shared by every process on one machine, held on a small file beside the thing it guards.

Used by ``oauth.FileTokenStore`` so that only one process at a time refreshes a stored token.

- POSIX: ``fcntl.flock`` on ``<path>``. The kernel drops the lock when the holder exits or
  crashes, so a dead process never keeps it.
- Windows: ``msvcrt.locking`` on the first byte of ``<path>``; also released by the OS on exit.
- Anywhere else (no fcntl, no msvcrt): an exclusive-create marker file ``<path>.held``. A marker
  older than ``stale_after`` seconds is taken to belong to a crashed process and removed.

The lock is not re-entrant, and not a thread lock: callers serialise their own threads first.
"""

from __future__ import annotations

import os
import time
from types import TracebackType

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows and exotic platforms
    fcntl = None  # type: ignore[assignment]

try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


class LockTimeoutError(TimeoutError):
    """The lock stayed held by someone else for longer than the caller was willing to wait."""


class FileLock:
    """``with FileLock(path):`` -- exclusive across processes; ``timeout`` None waits forever."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float | None = 60.0, stale_after: float = 120.0):
        self.path = os.fspath(path)
        self.timeout = timeout
        self.stale_after = stale_after
        self._fd: int | None = None

    def acquire(self) -> None:
        directory = os.path.dirname(self.path) or "."
        os.makedirs(directory, mode=0o700, exist_ok=True)
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        if fcntl is None and msvcrt is None:
            self._acquire_marker(deadline)
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            self._lock_fd(fd, deadline)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _lock_fd(self, fd: int, deadline: float | None) -> None:
        delay = 0.001
        while True:
            try:
                if fcntl is not None:
                    if deadline is None:
                        fcntl.flock(fd, fcntl.LOCK_EX)  # block in the kernel: no polling needed
                        return
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                else:  # pragma: no cover - Windows
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeoutError(f"{self.path} is still locked after {self.timeout} s") from None
                time.sleep(delay)
                delay = min(0.05, delay * 2)

    def _acquire_marker(self, deadline: float | None) -> None:
        marker = self.path + ".held"
        delay = 0.001
        while True:
            try:
                fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                try:
                    if time.time() - os.stat(marker).st_mtime > self.stale_after:
                        os.unlink(marker)  # its holder is gone
                        continue
                except FileNotFoundError:
                    continue
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeoutError(f"{marker} is still held after {self.timeout} s") from None
                time.sleep(delay)
                delay = min(0.05, delay * 2)
                continue
            os.close(fd)
            return

    def release(self) -> None:
        if self._fd is None:
            if fcntl is None and msvcrt is None:
                try:
                    os.unlink(self.path + ".held")
                except FileNotFoundError:
                    pass
            return
        fd, self._fd = self._fd, None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            else:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"FileLock({self.path!r})"
