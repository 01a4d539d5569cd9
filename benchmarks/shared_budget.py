"""Worker processes sharing one rate-limit budget through Redis, against the sandbox enforcing the
same limit over HTTP: does the aggregate rate hold the budget, with no 429?

    python benchmarks/shared_budget.py                      # 8 workers, 300 calls / 10 s, 40 s
    python benchmarks/shared_budget.py --workers 8 --limit 300 --window 10 --seconds 40

Starts its own redis-server on a free loopback port (or uses --redis-url). Each worker is a fresh
process with its own Pinterest client (max_retries=0, so every 429 is counted, none hidden by a
retry) calling GET /user_account (category org_read) as fast as the shared budget lets it. The
sandbox counts org_read requests in fixed windows of ``window`` seconds and answers 429 past
``limit``. Reported: calls answered 200 and 429, the aggregate rate against the budget
(limit / window) as a ratio, and the most calls the sandbox saw in one of its windows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def worker(base_url: str, redis_url: str, start: float, end: float, limit: int, window: float) -> None:
    from pinterest_rest import Pinterest
    from pinterest_rest._errors import APIStatusError, PinterestError
    from pinterest_rest.redis import RedisRateLimitStore

    store = RedisRateLimitStore.from_url(redis_url, {"org_read": (limit, window)})
    client = Pinterest("sandbox-token", base_url=base_url, max_retries=0, rate_limit_store=store)
    ok = limited = errors = 0
    stamps: list[float] = []
    time.sleep(max(0.0, start - time.time()))
    while time.time() < end:
        try:
            client.user_account.get()
            ok += 1
            stamps.append(time.time())
        except APIStatusError as exc:
            limited += exc.status_code == 429
            errors += exc.status_code != 429
        except PinterestError:
            errors += 1
    print(json.dumps({"ok": ok, "status_429": limited, "errors": errors, "stamps": stamps}), flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def redis_server() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server) and no --redis-url given")
    import redis

    port = _free_port()
    with tempfile.TemporaryDirectory() as workdir:
        proc = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workdir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        for _ in range(500):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.02)
        try:
            yield url
        finally:
            client.close()
            proc.terminate()
            proc.wait(10)


def run(workers: int, limit: int, window: float, seconds: float, redis_url: str | None = None) -> dict[str, Any]:
    """Run the measurement; returns plain numbers (also used by the test suite, without timing asserts)."""
    if redis_url is None:
        with redis_server() as url:
            return run(workers, limit, window, seconds, url)
    import redis

    from pinterest_rest.sandbox import Sandbox, SandboxConfig

    redis.Redis.from_url(redis_url).delete("pinterest-rest:ratelimit:org_read")
    sb = Sandbox(config=SandboxConfig(enforce_rate_limits=True, rate_limit=limit, rate_window=int(window)))
    arrivals: list[float] = []
    lock = threading.Lock()
    handle = sb.app.handle

    def counting(method: str, url: str, headers: dict[str, str], body: bytes, origin: str = "") -> Any:
        with lock:
            arrivals.append(time.monotonic())
        return handle(method, url, headers, body, origin)

    sb.app.handle = counting  # type: ignore[method-assign]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    with sb.serve() as base_url:
        start = time.time() + 5.0  # every interpreter started before the clock runs
        end = start + seconds
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    base_url,
                    redis_url,
                    str(start),
                    str(end),
                    str(limit),
                    str(window),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(workers)
        ]
        outs = []
        for p in procs:
            out, err = p.communicate(timeout=seconds + 120)
            if p.returncode != 0:
                raise RuntimeError(f"worker failed: {err[-2000:]}")
            outs.append(json.loads(out.strip().splitlines()[-1]))
    ok = sum(o["ok"] for o in outs)
    budget_rate = limit / window
    # The rate is measured while every worker was calling: from the last worker's first answer to
    # the first worker's last one (a loaded machine may start some interpreters late).
    begin = max(o["stamps"][0] for o in outs if o["stamps"])
    finish = min(o["stamps"][-1] for o in outs if o["stamps"])
    inside = sum(1 for o in outs for t in o["stamps"] if begin <= t <= finish)
    span = max(finish - begin, 1e-9)
    # The sandbox's windows start at its first org_read request and are `window` seconds long.
    first = arrivals[0] if arrivals else 0.0
    per_window: dict[int, int] = {}
    for t in arrivals:
        per_window[int((t - first) // window)] = per_window.get(int((t - first) // window), 0) + 1
    return {
        "workers": workers,
        "budget": f"{limit} per {window:g} s",
        "seconds": seconds,
        "ok": ok,
        "status_429": sum(o["status_429"] for o in outs),
        "errors": sum(o["errors"] for o in outs),
        "measured_seconds": round(span, 3),
        "calls_measured": inside,
        "rate": round(inside / span, 3),
        "budget_rate": round(budget_rate, 3),
        "ratio": round(inside / span / budget_rate, 4),
        "max_per_server_window": max(per_window.values()) if per_window else 0,
        "per_worker_ok": [o["ok"] for o in outs],
        "per_server_window": [per_window[k] for k in sorted(per_window)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--limit", type=int, default=300, help="calls per window, for the budget and the sandbox")
    parser.add_argument("--window", type=float, default=10.0, help="seconds")
    parser.add_argument("--seconds", type=float, default=40.0, help="how long the workers run")
    parser.add_argument("--redis-url", help="an existing Redis (default: start one)")
    args = parser.parse_args(argv)
    if args.worker:
        base_url, redis_url, start, end, limit, window = args.worker
        worker(base_url, redis_url, float(start), float(end), int(limit), float(window))
        return 0
    result = run(args.workers, args.limit, args.window, args.seconds, args.redis_url)
    print(json.dumps(result, indent=2))
    within = abs(result["ratio"] - 1) <= 0.05
    print(
        f"aggregate {result['rate']}/s against a budget of {result['budget_rate']}/s: ratio {result['ratio']} "
        f"({'within' if within else 'NOT within'} 5 %), {result['status_429']} answers 429"
    )
    return 0 if within and result["status_429"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
