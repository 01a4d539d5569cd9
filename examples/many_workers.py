"""Several worker processes, one Pinterest app: a shared token (file or Redis) and a shared budget.

    python examples/many_workers.py                          # one machine: a token file
    python examples/many_workers.py --redis redis://host:6379/0   # many machines: Redis
    python examples/many_workers.py --redis local            # start a throwaway redis-server

Runs against the offline sandbox served over HTTP, with access tokens that live 2 seconds (the
sandbox rotates the refresh token on every refresh, as Pinterest does): every worker keeps
calling, and each expiry costs exactly one refresh for all of them together.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pinterest_rest import Pinterest
from pinterest_rest.oauth import FileTokenStore, RefreshingAuth, TokenStore, exchange_code


def store_for(where: str) -> TokenStore:
    if where.startswith("redis://"):
        from pinterest_rest.redis import RedisTokenStore

        return RedisTokenStore.from_url(where, key="example:pinterest-token")
    return FileTokenStore(where)  # locked across processes while refreshing


def worker(base_url: str, where: str, seconds: float) -> None:
    app = Pinterest(client_id="sandbox-app", client_secret="sandbox-secret", base_url=base_url)
    auth = RefreshingAuth(app, store_for(where), margin=0.5)
    options: dict[str, object] = {}
    if where.startswith("redis://"):
        from pinterest_rest.redis import RedisRateLimitStore

        # One budget for every worker on every machine: 40 calls per 2 s in total, not each.
        options["rate_limit_store"] = RedisRateLimitStore.from_url(where, {"org_read": (40, 2.0)})
    client = Pinterest(auth=auth, base_url=base_url, **options)  # type: ignore[arg-type]
    calls = 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        client.user_account.get()
        calls += 1
        time.sleep(0.02)
    print(json.dumps({"calls": calls, "refreshes": auth.refresh_count}), flush=True)


@contextlib.contextmanager
def local_redis() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("no redis-server on PATH: install it or pass --redis redis://...")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""], stdout=subprocess.DEVNULL
    )
    time.sleep(0.3)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis", help="a Redis URL, or 'local' to start one")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], float(args.worker[2]))
        return
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(local_redis()) if args.redis == "local" else args.redis
        run(args.workers, args.seconds, redis_url, Path(stack.enter_context(tempfile.TemporaryDirectory())))


def run(workers: int, seconds: float, redis_url: str | None, tmp: Path) -> None:
    from pinterest_rest.sandbox import Sandbox, SandboxConfig

    sandbox = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=2))
    where = redis_url or str(tmp / "token.json")
    token = exchange_code(sandbox.client(access_token=None), sandbox.issue_code(), "https://example.com/cb")
    store_for(where).save(token)  # signed in once; every worker reads it from here
    with sandbox.serve() as base_url:
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", base_url, where, str(seconds)], stdout=subprocess.PIPE, text=True
            )
            for _ in range(workers)
        ]
        results = [json.loads(p.communicate()[0]) for p in procs]
    kind = "Redis" if redis_url else "a token file"
    print(f"{workers} workers sharing {kind}: {sum(r['calls'] for r in results)} calls, 0 failed")
    print(f"refreshes: {sum(r['refreshes'] for r in results)} in {seconds:g} s of 2-second tokens")


if __name__ == "__main__":
    main()
