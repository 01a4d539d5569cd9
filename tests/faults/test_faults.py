"""Real HTTP through a fault-injecting proxy: what the clients report against what reached the server.

Counts are kept small (each test well under a few seconds); everything is loopback.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import urllib3.connectionpool

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._errors import APIConnectionError, APIStatusError, InternalServerError, RateLimitError
from pinterest_rest._pipeline import Pipeline
from pinterest_rest._transport import aiohttp as aiohttp_transport

from .conftest import Rig

_names = itertools.count()


def _sync(rig: Rig, **kw: Any) -> Pinterest:
    return Pinterest(access_token=rig.token, base_url=rig.url, **kw)


def _async(rig: Rig, **kw: Any) -> AsyncPinterest:
    return AsyncPinterest(access_token=rig.token, base_url=rig.url, **kw)


def _run_sync(n: int, call: Callable[[int], Any]) -> list[BaseException | None]:
    out: list[BaseException | None] = []
    for i in range(n):
        try:
            call(i)
            out.append(None)
        except Exception as exc:
            out.append(exc)
    return out


def _run_async(client: AsyncPinterest, n: int, call: Callable[[int], Awaitable[Any]]) -> list[BaseException | None]:
    async def main() -> list[BaseException | None]:
        out: list[BaseException | None] = []
        try:
            for i in range(n):
                try:
                    await call(i)
                    out.append(None)
                except Exception as exc:
                    out.append(exc)
        finally:
            await client.close()
        return out

    return asyncio.run(main())


def _board_names(rig: Rig) -> Counter[str]:
    return Counter(doc.get("name", "") for doc in rig.sandbox.state.boards.all())


def _check_writes(rig: Rig, names: list[str], results: list[BaseException | None]) -> None:
    """0 lost, 0 duplicated, and never ``sent=False`` for a write the server carried out."""
    stored = _board_names(rig)
    for name, result in zip(names, results, strict=True):
        count = stored[name]
        assert count <= 1, f"{name} was created {count} times"
        if result is None:
            assert count == 1, f"{name}: the call succeeded but nothing was stored"
        elif isinstance(result, APIConnectionError) and not result.sent:
            assert count == 0, f"{name}: reported sent=False but the server stored it"


# -- every attempt is ours ------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["reset_after", "reset_before", "truncate", "503", "429"])
def test_outage_attempts_are_equal_for_both_clients_and_bounded(rig: Rig, fault: str) -> None:
    """100 % faults on reads: same attempts per call sync and async, <= 1.34 once the budget is spent."""
    rig.proxy.plan([fault])
    calls = 300
    sync = _sync(rig)
    results = _run_sync(calls, lambda i: sync.user_account.get())
    sync_attempts = rig.proxy.stats()["received"]
    aclient = _async(rig)
    aresults = _run_async(aclient, calls, lambda i: aclient.user_account.get())
    async_attempts = rig.proxy.stats()["received"]
    assert all(isinstance(r, (APIConnectionError, APIStatusError)) for r in results + aresults)
    assert sync_attempts == async_attempts
    assert sync_attempts / calls <= 1.34


def test_async_delete_is_not_resent_by_aiohttp(rig: Rig) -> None:
    """A reset after the server carried out a DELETE: one attempt, reported as maybe-sent."""
    sync = _sync(rig)
    board_ids = [sync.boards.create(name=f"del-{next(_names)}").id for _ in range(10)]
    rig.proxy.plan(["reset_after"], methods=["DELETE"])
    rig.proxy.stats()
    aclient = _async(rig)
    results = _run_async(aclient, 10, lambda i: aclient.boards.delete(board_ids[i]))
    stats = rig.proxy.stats()
    assert stats["received"] == 10  # nobody below the pipeline resent them
    assert all(isinstance(r, APIConnectionError) and r.sent for r in results)
    assert all(rig.sandbox.state.boards.get(b) is None for b in board_ids)  # the server did delete


def test_truncated_close_delimited_read_is_retried(rig: Rig) -> None:
    rig.proxy.plan(["truncate"], rate=0.25, seed=3)
    sync = _sync(rig)
    results = _run_sync(40, lambda i: sync.user_account.get())
    assert results.count(None) == 40
    assert rig.proxy.stats()["received"] > 40  # some answers were cut, and retried
    aclient = _async(rig)
    aresults = _run_async(aclient, 40, lambda i: aclient.user_account.get())
    assert aresults.count(None) == 40


def test_truncated_write_is_reported_maybe_sent_and_not_resent(rig: Rig) -> None:
    rig.proxy.plan(["truncate"], methods=["POST"])
    names = [f"cut-{next(_names)}" for _ in range(5)]
    sync = _sync(rig)
    results = _run_sync(5, lambda i: sync.boards.create(name=names[i]))
    assert rig.proxy.stats()["received"] == 5
    assert all(isinstance(r, APIConnectionError) and r.sent for r in results)
    _check_writes(rig, names, results)
    assert all(_board_names(rig)[n] == 1 for n in names)


# -- close-after-answer ---------------------------------------------------------------------------


def test_close_after_answer_loses_no_post(rig: Rig) -> None:
    rig.proxy.plan(["close_after"])
    names = [f"close-{next(_names)}" for _ in range(200)]
    sync = _sync(rig)
    results = _run_sync(100, lambda i: sync.boards.create(name=names[i]))
    aclient = _async(rig)
    results += _run_async(aclient, 100, lambda i: aclient.boards.create(name=names[100 + i]))
    assert [r for r in results if r is not None] == []
    _check_writes(rig, names, results)


def test_stale_connection_detected_at_send_when_the_fin_comes_late(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    """The FIN arrives just after the pool checked the connection (the idle-timeout race): the
    request meets a closed socket, TCP never acknowledges it, and it is resent as unsent."""
    monkeypatch.setattr(urllib3.connectionpool, "is_connection_dropped", lambda conn: False)
    real_probe = aiohttp_transport._probe
    monkeypatch.setattr(aiohttp_transport, "_probe", lambda sock: (True, real_probe(sock)[1]))
    rig.proxy.plan(["close_after"])
    names = [f"late-{next(_names)}" for _ in range(60)]
    sync = _sync(rig)
    results = _run_sync(30, lambda i: sync.boards.create(name=names[i]))
    aclient = _async(rig)
    results += _run_async(aclient, 30, lambda i: aclient.boards.create(name=names[30 + i]))
    assert [r for r in results if r is not None] == []
    _check_writes(rig, names, results)


class _Counts:
    """How often the async transport looked at a socket, resent a GET itself, and the pipeline retried."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.probes = self.resends = self.retries = 0
        real_probe = aiohttp_transport._probe
        real_resend = aiohttp_transport.AiohttpTransport._resend_unprobed
        real_retry_delay = Pipeline.retry_delay

        def probe(sock: Any) -> tuple[bool, int | None]:
            self.probes += 1
            return real_probe(sock)

        async def resend(transport: Any, *args: Any) -> Any:
            self.resends += 1
            return await real_resend(transport, *args)

        def retry_delay(pipeline: Pipeline, *args: Any) -> float | None:
            self.retries += 1
            return real_retry_delay(pipeline, *args)

        monkeypatch.setattr(aiohttp_transport, "_probe", probe)
        monkeypatch.setattr(aiohttp_transport.AiohttpTransport, "_resend_unprobed", resend)
        monkeypatch.setattr(Pipeline, "retry_delay", retry_delay)


# Without the resend, nearly every GET after a connection's first would be a pipeline retry. A few
# still are, with or without the look at the socket: a request that lands in the moment between
# the proxy's FIN and its close is acknowledged by the proxy's kernel, never read, and reset. TCP
# cannot prove it went unread, so the pipeline retries it as it would any reset read.
_FEW_RETRIES = 0.1  # of the calls


def test_async_get_on_a_closed_pooled_connection_is_resent_at_once_without_a_probe(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GETs skip the per-request look at the socket; one that meets a connection the server closed
    with its last answer never reached it, and goes again at once (no pipeline retry, no backoff),
    and the server sees each GET once."""
    counts = _Counts(monkeypatch)
    rig.proxy.plan(["close_after"])
    aclient = _async(rig)
    results = _run_async(aclient, 60, lambda i: aclient.user_account.get())
    assert results == [None] * 60
    assert rig.proxy.stats()["received"] == 60
    assert counts.probes == 0
    assert counts.resends > 0  # the closed connections were met, not avoided by luck
    assert counts.retries <= _FEW_RETRIES * 60


def test_async_gets_from_many_tasks_survive_a_pool_of_closed_connections(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pooled connection closed (each answer comes with a FIN): 32 tasks' GETs all succeed,
    each reaching the server once, resent by the transport rather than retried by the pipeline."""
    counts = _Counts(monkeypatch)
    rig.proxy.plan(["close_after"])
    aclient = _async(rig)

    async def main() -> list[BaseException | None]:
        async def work() -> list[BaseException | None]:
            out: list[BaseException | None] = []
            for _ in range(5):
                try:
                    await aclient.user_account.get()
                    out.append(None)
                except Exception as exc:
                    out.append(exc)
            return out

        try:
            return [r for rs in await asyncio.gather(*(work() for _ in range(32))) for r in rs]
        finally:
            await aclient.close()

    assert asyncio.run(main()) == [None] * 160
    assert rig.proxy.stats()["received"] == 160
    assert counts.resends > 0
    assert counts.retries <= _FEW_RETRIES * 160


def test_async_writes_still_look_at_the_socket_and_gets_do_on_kernels_without_sent_counts(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write's resend must be proven safe first, so it always probes; a GET probes too where the
    kernel cannot say afterwards whether it was acknowledged (TCP_INFO without bytes sent)."""
    counts = _Counts(monkeypatch)
    sync = _sync(rig)
    board_id = sync.boards.create(name=f"probe-{next(_names)}").id
    aclient = _async(rig)
    _run_async(aclient, 5, lambda i: aclient.boards.update(board_id, description=f"d{i}"))
    assert counts.probes >= 4  # every request on a pooled connection
    counts.probes = 0
    monkeypatch.setattr(aiohttp_transport, "_kernel_counts_sent", False)
    aclient = _async(rig)
    _run_async(aclient, 5, lambda i: aclient.boards.get(board_id))
    assert counts.probes >= 4


def test_async_get_the_server_read_and_reset_is_not_resent_below_the_pipeline(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reset after the server read the GET: the transport does not resend it (the pipeline's
    retries decide), so the server sees exactly the pipeline's attempts."""
    counts = _Counts(monkeypatch)
    aclient = _async(rig, max_retries=0)
    failed: list[BaseException] = []

    async def main() -> None:
        try:
            await aclient.user_account.get()  # opens the connection the next GET reuses
            rig.proxy.stats()
            rig.proxy.plan(["reset_after"])
            try:
                await aclient.user_account.get()
            except Exception as exc:
                failed.append(exc)
        finally:
            await aclient.close()

    asyncio.run(main())
    assert len(failed) == 1 and isinstance(failed[0], APIConnectionError)
    assert rig.proxy.stats()["received"] == 1
    assert counts.resends == 0


# -- storms, slow answers, steady faults ----------------------------------------------------------


def test_429_storm_retries_writes_with_retry_after_and_503_does_not(rig: Rig) -> None:
    rig.proxy.plan(["429"], retry_after="0")
    sync = _sync(rig)
    results = _run_sync(5, lambda i: sync.boards.create(name=f"storm-{next(_names)}"))
    assert all(isinstance(r, RateLimitError) for r in results)
    sync_attempts = rig.proxy.stats()["received"]
    assert sync_attempts == 5 * (1 + sync.max_retries)
    aclient = _async(rig)
    aresults = _run_async(aclient, 5, lambda i: aclient.boards.create(name=f"storm-{next(_names)}"))
    assert all(isinstance(r, RateLimitError) for r in aresults)
    assert rig.proxy.stats()["received"] == sync_attempts

    rig.proxy.plan(["503"], retry_after="0")
    results = _run_sync(5, lambda i: sync.boards.create(name=f"storm-{next(_names)}"))
    assert all(isinstance(r, InternalServerError) for r in results)
    assert rig.proxy.stats()["received"] == 5  # a 503 may have been processed: not resent


def test_slow_answer_times_out_read_retried_write_reported(rig: Rig) -> None:
    rig.proxy.plan(["slow"], slow_seconds=0.4, rate=1.0)
    sync = _sync(rig, timeout=(2.0, 0.1), max_retries=1)
    name = f"slow-{next(_names)}"
    results = _run_sync(1, lambda i: sync.boards.create(name=name))
    assert isinstance(results[0], APIConnectionError) and results[0].sent
    assert rig.proxy.stats()["received"] == 1
    results = _run_sync(1, lambda i: sync.user_account.get())
    assert isinstance(results[0], APIConnectionError)
    assert rig.proxy.stats()["received"] == 2
    rig.proxy.plan(["ok"], rate=0.0)
    deadline = time.monotonic() + 10  # the proxy forwards before it stalls: the write did arrive
    while _board_names(rig)[name] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _board_names(rig)[name] == 1
    time.sleep(0.5)  # let the stalled answers drain before the next test


FAULTS = ["reset_before", "reset_after", "truncate", "close_after", "429", "503"]


def test_steady_30_percent_faults_keep_reads_above_99_percent(rig: Rig) -> None:
    rig.proxy.plan(FAULTS, rate=0.3, seed=11)
    sync = _sync(rig)
    results = _run_sync(400, lambda i: sync.user_account.get())
    aclient = _async(rig)
    aresults = _run_async(aclient, 400, lambda i: aclient.user_account.get())
    assert results.count(None) / len(results) >= 0.99
    assert aresults.count(None) / len(aresults) >= 0.99
    assert sync._pipeline.budget.tokens >= sync._pipeline.budget.capacity * 0.9  # not draining


def test_writes_under_faults_are_never_lost_or_duplicated(rig: Rig) -> None:
    rig.proxy.plan(FAULTS, rate=0.3, seed=5)
    names = [f"mixed-{next(_names)}" for _ in range(200)]
    sync = _sync(rig)
    results = _run_sync(100, lambda i: sync.boards.create(name=names[i]))
    aclient = _async(rig)
    results += _run_async(aclient, 100, lambda i: aclient.boards.create(name=names[100 + i]))
    _check_writes(rig, names, results)
    assert all(r is None or isinstance(r, (APIConnectionError, APIStatusError)) for r in results)
