"""Waiting for Pinterest's asynchronous jobs (reports, media processing, batches, exports).

``wait_for`` polls a status function with growing intervals until a done state, and raises
``JobFailedError`` on a failure state (FAILED, EXPIRED, CANCELLED ...) or ``JobTimeoutError`` when
``timeout`` runs out. ``cancel`` (a threading.Event) stops a sync wait early; an async wait is
cancelled the asyncio way.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Collection, Generator
from typing import Any, TypeVar

from .._errors import PinterestError

T = TypeVar("T")

FAILED_STATES = frozenset({"FAILED", "EXPIRED", "CANCELLED", "CANCELED", "DOES_NOT_EXIST", "failed"})


class JobFailedError(PinterestError):
    def __init__(self, message: str, status: Any = None) -> None:
        super().__init__(message)
        self.status = status


class JobTimeoutError(PinterestError):
    pass


class JobCancelledError(PinterestError):
    pass


def _state(result: Any, key: str) -> Any:
    return result.get(key) if hasattr(result, "get") else getattr(result, key, None)


def _intervals(first: float, maximum: float) -> Any:
    delay = first
    while True:
        yield delay
        delay = min(maximum, delay * 1.5)


def _check(
    result: Any, key: str, done: Collection[str], failed: Collection[str], what: str, error: type[JobFailedError]
) -> bool:
    state = _state(result, key)
    if state in failed:
        raise error(f"{what} ended as {state}", status=result)
    return state in done


def _steps(
    key: str,
    done: Collection[str],
    failed: Collection[str],
    timeout: float | None,
    interval: float,
    max_interval: float,
    progress: Callable[[Any], None] | None,
    what: str,
    error: type[JobFailedError],
) -> Generator[float, Any, Any]:
    """The waiting logic without I/O, shared by the sync and async waiters: send in each polled
    status, get back how long to sleep; the generator returns the final status when done."""
    deadline = None if timeout is None else time.monotonic() + timeout
    result = yield 0.0
    for delay in _intervals(interval, max_interval):
        if progress is not None:
            progress(result)
        if _check(result, key, done, failed, what, error):
            return result
        if deadline is not None and time.monotonic() + delay > deadline:
            raise JobTimeoutError(f"{what} still {_state(result, key)} after {timeout} s")
        result = yield delay
    raise AssertionError("unreachable")


DONE_STATES = ("FINISHED", "SUCCEEDED", "COMPLETED", "succeeded")


def wait_for(
    poll: Callable[[], T],
    *,
    key: str = "status",
    done: Collection[str] = DONE_STATES,
    failed: Collection[str] = FAILED_STATES,
    timeout: float | None = 600.0,
    interval: float = 0.5,
    max_interval: float = 10.0,
    progress: Callable[[T], None] | None = None,
    cancel: threading.Event | None = None,
    what: str = "job",
    error: type[JobFailedError] = JobFailedError,
) -> T:
    steps = _steps(key, done, failed, timeout, interval, max_interval, progress, what, error)
    next(steps)
    while True:
        try:
            delay = steps.send(poll())
        except StopIteration as finished:
            result: T = finished.value
            return result
        if cancel is None:
            time.sleep(delay)
        elif cancel.wait(delay):
            raise JobCancelledError(f"waiting for {what} was cancelled")


async def await_for(
    poll: Callable[[], Awaitable[T]],
    *,
    key: str = "status",
    done: Collection[str] = DONE_STATES,
    failed: Collection[str] = FAILED_STATES,
    timeout: float | None = 600.0,
    interval: float = 0.5,
    max_interval: float = 10.0,
    progress: Callable[[T], None] | None = None,
    what: str = "job",
    error: type[JobFailedError] = JobFailedError,
) -> T:
    steps = _steps(key, done, failed, timeout, interval, max_interval, progress, what, error)
    next(steps)
    while True:
        try:
            delay = steps.send(await poll())
        except StopIteration as finished:
            result: T = finished.value
            return result
        await asyncio.sleep(delay)
