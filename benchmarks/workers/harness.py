"""Runs one benchmark task for one contender in this (fresh) process and prints one JSON line.

    <venv>/bin/python harness.py ADAPTER TASK --base URL [--n N] [--workers W] [--total T]

ADAPTER is a module beside this file (raw_urllib3, pinterest_rest_sync, ...) exposing either a sync
or an async (`ASYNC = True`) set of functions: make_client, close, get_board, list_boards,
create_pin, iter_campaigns, and the accessors get_id / get_title. This file only times and checks:
every answer is verified (ids, counts, last id), so a client that returns the wrong thing fails
loudly instead of looking fast. Only the standard library is imported before the adapter, so the
`rss` task sees what the contender itself costs.
"""

from __future__ import annotations

import os
import sys


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("adapter")
    parser.add_argument("task")
    parser.add_argument("--base", required=True)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--walks", type=int, default=5, help="timed walks of a campaigns_stream run")
    parser.add_argument("--profile", help="write a cProfile summary (top by own time) to this file")
    args = parser.parse_args(argv)
    rss_args = rss_bytes()
    adapter = __import__(args.adapter)
    if args.task == "rss":
        rss1 = rss_bytes()
        if getattr(adapter, "ASYNC", False):
            import asyncio

            async def create() -> int:
                client = await adapter.make_client(args.base, 1)
                rss = rss_bytes()
                await adapter.close(client)
                return rss

            rss2 = asyncio.run(create())
        else:
            client = adapter.make_client(args.base, 1)
            rss2 = rss_bytes()
            adapter.close(client)
        _emit({"rss_import": rss1, "rss_client": rss2, "import_rise": rss1 - rss_args})
        return
    import tasks

    fn = getattr(tasks, "async_" + args.task if getattr(adapter, "ASYNC", False) else args.task)
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        tasks.PROFILES.append(profile)  # worker threads add their own
        profile.enable()
    if getattr(adapter, "ASYNC", False):
        import asyncio

        result = asyncio.run(fn(adapter, args))
    else:
        result = fn(adapter, args)
    if args.profile:
        profile.disable()
        _write_profile(tasks.PROFILES, args.profile)
    _emit(result)


def _write_profile(profiles: list, path: str) -> None:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiles[0], stream=out)
    for extra in profiles[1:]:
        stats.add(extra)
    stats.strip_dirs().sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    with open(path, "w") as f:
        f.write(out.getvalue())


def _emit(result: dict) -> None:
    import json

    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1:])
