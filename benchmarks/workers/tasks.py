"""Timed loops, one function per task (sync, and `async_` twins); each checks every answer.

Times are wall seconds from time.perf_counter; CPU from time.process_time (the whole worker
process: user + system, all threads), so "client CPU per call" excludes the stub, which runs in
another process.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import tracemalloc

BOARD_BASE = 549755800000  # keep in step with benchmarks/fixtures.py (workers import only stdlib)
CAMPAIGN_BASE = 626736533000000
AD_ACCOUNT = "549755885175"
SMALL_AD_ACCOUNT = "549755885176"
SMALL_ACCOUNT_CAMPAIGNS = 150
MEDIA = {"source_type": "image_url", "url": "https://i.pinimg.com/originals/aa/bb/cc/x.jpg"}
WARMUP = 20
PROFILES: list = []  # cProfile.Profile objects when the harness runs with --profile


class WrongAnswer(AssertionError):
    pass


def check(ok: bool, what: str) -> None:
    if not ok:
        raise WrongAnswer(what)


def summary(latencies: list[float], cpu: float, wall: float) -> dict:
    lat = sorted(latencies)
    n = len(lat)
    return {
        "n": n,
        "mean_us": sum(lat) / n * 1e6,
        "p50_us": lat[n // 2] * 1e6,
        "p99_us": lat[min(n - 1, int(n * 0.99))] * 1e6,
        "cpu_us_per_call": cpu / n * 1e6,
        "wall_s": wall,
    }


def _board_id(i: int) -> str:
    return str(BOARD_BASE + i % 100)


def _check_board(adapter, board, want: str) -> None:
    check(adapter.get_id(board) == want, f"board id {adapter.get_id(board)!r} != {want!r}")


def _check_page(adapter, items) -> None:
    check(len(items) == 25, f"page has {len(items)} boards, not 25")
    check(adapter.get_id(items[0]) == str(BOARD_BASE), "first board id")
    check(adapter.get_id(items[-1]) == str(BOARD_BASE + 24), "last board id")


def _check_pin(adapter, pin, title: str) -> None:
    check(adapter.get_title(pin) == title, f"pin title {adapter.get_title(pin)!r} != {title!r}")
    check(bool(adapter.get_id(pin)), "pin has no id")


def _check_campaigns(adapter, count: int, first, last, total: int) -> None:
    check(count == total, f"got {count} campaigns, not {total}")
    check(adapter.get_id(first) == str(CAMPAIGN_BASE), "first campaign id")
    check(adapter.get_id(last) == str(CAMPAIGN_BASE + total - 1), "last campaign id")


# ---- sequential calls ---------------------------------------------------------------------------


def _sequential(adapter, args, call) -> dict:
    client = adapter.make_client(args.base, 1)
    for i in range(WARMUP):
        call(client, i)
    lat = []
    append = lat.append
    perf = time.perf_counter
    cpu0, t0 = time.process_time(), perf()
    for i in range(args.n):
        s = perf()
        call(client, i)
        append(perf() - s)
    wall, cpu = perf() - t0, time.process_time() - cpu0
    adapter.close(client)
    return summary(lat, cpu, wall)


def get_board(adapter, args) -> dict:
    def call(client, i):
        want = _board_id(i)
        _check_board(adapter, adapter.get_board(client, want), want)

    return _sequential(adapter, args, call)


def list_boards(adapter, args) -> dict:
    return _sequential(adapter, args, lambda client, i: _check_page(adapter, adapter.list_boards(client)))


def create_pin(adapter, args) -> dict:
    def call(client, i):
        title = f"t{i}"
        _check_pin(adapter, adapter.create_pin(client, "549755885175", title), title)

    return _sequential(adapter, args, call)


async def _async_sequential(adapter, args, call) -> dict:
    client = await adapter.make_client(args.base, 1)
    for i in range(WARMUP):
        await call(client, i)
    lat = []
    perf = time.perf_counter
    cpu0, t0 = time.process_time(), perf()
    for i in range(args.n):
        s = perf()
        await call(client, i)
        lat.append(perf() - s)
    wall, cpu = perf() - t0, time.process_time() - cpu0
    await adapter.close(client)
    return summary(lat, cpu, wall)


async def async_get_board(adapter, args) -> dict:
    async def call(client, i):
        want = _board_id(i)
        _check_board(adapter, await adapter.get_board(client, want), want)

    return await _async_sequential(adapter, args, call)


async def async_list_boards(adapter, args) -> dict:
    async def call(client, i):
        _check_page(adapter, await adapter.list_boards(client))

    return await _async_sequential(adapter, args, call)


async def async_create_pin(adapter, args) -> dict:
    async def call(client, i):
        title = f"t{i}"
        _check_pin(adapter, await adapter.create_pin(client, "549755885175", title), title)

    return await _async_sequential(adapter, args, call)


# ---- pagination ---------------------------------------------------------------------------------


def _walk(adapter, client, account: str, page_size: int, keep: list | None) -> tuple[int, object, object]:
    count, first, last = 0, None, None
    for item in adapter.iter_campaigns(client, account, page_size):
        if first is None:
            first = item
        if keep is not None:
            keep.append(item)
        count += 1
        last = item
    return count, first, last


def _campaigns(adapter, args, mode: str) -> dict:
    client = adapter.make_client(args.base, 1)
    warm = _walk(adapter, client, SMALL_AD_ACCOUNT, args.page_size, None)  # imports, connection
    _check_campaigns(adapter, *warm, SMALL_ACCOUNT_CAMPAIGNS)
    del warm
    keep: list | None = [] if mode == "kept" else None
    gc.collect()
    if mode != "time":
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
    # A timed run walks args.walks times (5 unless told) and reports its fastest walk (wall and CPU each): one
    # walk is ~50 ms, short enough for a neighbour's burst on a shared machine to swing a single
    # walk by 30%. Memory runs walk once (tracemalloc sees one walk's peak).
    walls, cpus = [], []
    for _ in range(args.walks if mode == "time" else 1):
        cpu0, t0 = time.process_time(), time.perf_counter()
        result = _walk(adapter, client, AD_ACCOUNT, args.page_size, keep)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - cpu0)
        _check_campaigns(adapter, *result, args.total)
    out = {"n": args.total, "wall_s": min(walls), "cpu_s": min(cpus), "walks": len(walls)}
    if mode != "time":
        del result
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.update(peak_rise=peak - base, retained=current - base)
    adapter.close(client)
    return out


def campaigns_stream(adapter, args) -> dict:
    return _campaigns(adapter, args, "time")


def campaigns_stream_mem(adapter, args) -> dict:
    return _campaigns(adapter, args, "stream")


def campaigns_kept_mem(adapter, args) -> dict:
    return _campaigns(adapter, args, "kept")


READ_FIELDS = ("id", "name", "status", "daily_spend_cap")  # 4 fields a report script reads


def campaigns_kept_read(adapter, args) -> dict:
    """Keep 10,000 campaigns, then read 4 fields of each (what code does with what it kept).

    `keep_s` is the walk that keeps every item, `read_s` the loop reading the fields afterwards,
    `wall_s` both; the answers are checked (every campaign's id and name match its number).
    """
    client = adapter.make_client(args.base, 1)
    _walk(adapter, client, SMALL_AD_ACCOUNT, args.page_size, None)
    keep: list = []
    gc.collect()
    t0 = time.perf_counter()
    result = _walk(adapter, client, AD_ACCOUNT, args.page_size, keep)
    t1 = time.perf_counter()
    read = adapter.read_fields
    total = 0
    for item in keep:
        cid, name, status, cap = read(item)
        total += len(cid) + len(name) + len(status) + (cap or 0)
    t2 = time.perf_counter()
    _check_campaigns(adapter, *result, args.total)
    cid, name, _status, _cap = read(keep[-1])
    check(name == f"ACME Tools {int(cid) - CAMPAIGN_BASE}", f"last campaign name {name!r}")
    adapter.close(client)
    return {"n": args.total, "keep_s": t1 - t0, "read_s": t2 - t1, "wall_s": t2 - t0, "checksum": total}


def field_reads(adapter, args) -> dict:
    """ns per field read on response objects: 4 fields of each of 25 Boards, args.n rounds.

    The raw floor reads `dict[key]`; a client's models are read the way its users read them.
    """
    client = adapter.make_client(args.base, 1)
    items = adapter.list_boards(client)
    _check_page(adapter, items)
    read = adapter.read_board_fields
    for item in items:  # warm: lazy structures built on first access count as the first read
        read(item)
    rounds = max(args.n, 1)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            read(item)
    wall = time.perf_counter() - t0
    adapter.close(client)
    reads = rounds * len(items) * 4
    return {"n": reads, "wall_s": wall, "ns_per_read": wall / reads * 1e9}


async def _async_walk(adapter, client, account: str, page_size: int, keep: list | None):
    count, first, last = 0, None, None
    async for item in adapter.iter_campaigns(client, account, page_size):
        if first is None:
            first = item
        if keep is not None:
            keep.append(item)
        count += 1
        last = item
    return count, first, last


async def _async_campaigns(adapter, args, mode: str) -> dict:
    client = await adapter.make_client(args.base, 1)
    warm = await _async_walk(adapter, client, SMALL_AD_ACCOUNT, args.page_size, None)
    _check_campaigns(adapter, *warm, SMALL_ACCOUNT_CAMPAIGNS)
    del warm
    keep: list | None = [] if mode == "kept" else None
    gc.collect()
    if mode != "time":
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
    walls, cpus = [], []
    for _ in range(args.walks if mode == "time" else 1):  # as in _campaigns
        cpu0, t0 = time.process_time(), time.perf_counter()
        result = await _async_walk(adapter, client, AD_ACCOUNT, args.page_size, keep)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - cpu0)
        _check_campaigns(adapter, *result, args.total)
    out = {"n": args.total, "wall_s": min(walls), "cpu_s": min(cpus), "walks": len(walls)}
    if mode != "time":
        del result
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.update(peak_rise=peak - base, retained=current - base)
    await adapter.close(client)
    return out


async def async_campaigns_stream(adapter, args) -> dict:
    return await _async_campaigns(adapter, args, "time")


async def async_campaigns_stream_mem(adapter, args) -> dict:
    return await _async_campaigns(adapter, args, "stream")


async def async_campaigns_kept_mem(adapter, args) -> dict:
    return await _async_campaigns(adapter, args, "kept")


# ---- concurrency --------------------------------------------------------------------------------


def threads(adapter, args) -> dict:
    """args.n GETs from args.workers threads sharing one client."""
    client = adapter.make_client(args.base, args.workers)
    for i in range(WARMUP):  # imports and first connection, as in the sequential tasks
        adapter.get_board(client, _board_id(i))
    errors: list[BaseException] = []
    start = threading.Barrier(args.workers + 1)

    def work(k: int) -> None:
        profile = None
        if PROFILES:  # cProfile sees one thread: give each worker thread its own
            import cProfile

            profile = cProfile.Profile()
        start.wait()
        if profile:
            profile.enable()
        try:
            for i in range(k, args.n, args.workers):
                want = _board_id(i)
                _check_board(adapter, adapter.get_board(client, want), want)
        except BaseException as e:
            errors.append(e)
        finally:
            if profile:
                profile.disable()
                PROFILES.append(profile)

    pool = [threading.Thread(target=work, args=(k,)) for k in range(args.workers)]
    for t in pool:
        t.start()
    cpu0, t0 = time.process_time(), time.perf_counter()
    start.wait()
    for t in pool:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    adapter.close(client)
    if errors:
        raise errors[0]
    return {
        "n": args.n,
        "workers": args.workers,
        "wall_s": wall,
        "rps": args.n / wall,
        "cpu_us_per_call": cpu / args.n * 1e6,
    }


async def async_tasks(adapter, args) -> dict:
    """args.n GETs from args.workers asyncio tasks sharing one async client."""
    client = await adapter.make_client(args.base, args.workers)
    for i in range(WARMUP):  # imports and first connection, as in the sequential tasks
        await adapter.get_board(client, _board_id(i))

    async def work(k: int) -> None:
        for i in range(k, args.n, args.workers):
            want = _board_id(i)
            _check_board(adapter, await adapter.get_board(client, want), want)

    cpu0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(work(k) for k in range(args.workers)))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    await adapter.close(client)
    return {
        "n": args.n,
        "workers": args.workers,
        "wall_s": wall,
        "rps": args.n / wall,
        "cpu_us_per_call": cpu / args.n * 1e6,
    }
