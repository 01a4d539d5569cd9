"""Processes on one machine sharing one token file (issue 15, item 2).

Real subprocesses, a real HTTP sandbox that issues short-lived access tokens and rotates the
refresh token on every refresh (the old one is refused after use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from pinterest_rest._locks import LockTimeoutError
from pinterest_rest.oauth import FileTokenStore, RefreshingAuth, Token, exchange_code
from pinterest_rest.sandbox import Sandbox, SandboxConfig

WORKER = Path(__file__).with_name("token_worker.py")
TTL = 1  # seconds an access token lives; workers refresh 0.4 s before expiry


class RefreshLog:
    """Wraps the sandbox app: records when each refresh_token grant arrived."""

    def __init__(self, sb: Sandbox) -> None:
        self.times: list[float] = []
        self.refused = 0
        handle = sb.app.handle
        lock = threading.Lock()

        def counting(method: str, url: str, headers: dict[str, str], body: bytes, origin: str = "") -> Any:
            reply = handle(method, url, headers, body, origin)
            if url.split("?")[0].endswith("/oauth/token") and b"grant_type=refresh_token" in body:
                with lock:
                    self.times.append(time.monotonic())
                    self.refused += reply.status != 200
            return reply

        sb.app.handle = counting  # type: ignore[method-assign]


def run_workers(base_url: str, kind: str, where: str, n: int, seconds: float) -> list[dict[str, Any]]:
    start = time.time() + 1.5  # time for every interpreter to start
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), base_url, kind, where, str(start), str(start + seconds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(n)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=seconds + 60)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def check_one_refresh_per_expiry(log: RefreshLog, results: list[dict[str, Any]], seconds: float) -> None:
    assert [r["failures"] for r in results] == [0] * len(results), [r["errors"] for r in results]
    assert log.refused == 0
    total = sum(r["refreshes"] for r in results)
    assert total == len(log.times)  # every refresh request the server saw came from a worker's count
    # One refresh per token lifetime: never two within one lifetime, and about seconds / lifetime.
    lifetime = TTL - 0.4
    gaps = [b - a for a, b in zip(log.times, log.times[1:], strict=False)]
    assert gaps and min(gaps) > lifetime * 0.8, gaps
    assert seconds / TTL - 1 <= total <= seconds / lifetime + 2, total
    assert sum(1 for r in results if r["refreshes"]) >= 2  # the work really was shared


def test_processes_sharing_a_token_file_refresh_once_per_expiry(tmp_path: Path) -> None:
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=TTL))
    path = tmp_path / "token.json"
    FileTokenStore(path).save(exchange_code(sb.client(access_token=None), sb.issue_code(), "https://e.com/cb"))
    log = RefreshLog(sb)
    seconds = 10.0
    with sb.serve() as url:
        results = run_workers(url, "file", str(path), 4, seconds)
    check_one_refresh_per_expiry(log, results, seconds)
    assert sum(r["calls"] for r in results) > 400


def test_a_token_refreshed_by_another_process_is_used_not_refreshed_again(tmp_path: Path) -> None:
    """The reproduction: A and B load one file; A refreshes (rotating the refresh token); B's next
    refresh used to send the retired refresh token and fail with 400 Invalid refresh token."""
    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=3600))
    app = sb.client(access_token=None)
    path = tmp_path / "token.json"
    token = exchange_code(app, sb.issue_code(), "https://e.com/cb")
    token.expires_at = time.time() + 30  # inside the refresh margin: both want to refresh
    FileTokenStore(path).save(token)
    a = RefreshingAuth(app, FileTokenStore(path))
    b = RefreshingAuth(app, FileTokenStore(path))
    assert sb.client(auth=a).user_account.get().username
    assert a.refresh_count == 1
    assert sb.client(auth=b).user_account.get().username  # no BadRequestError
    assert b.refresh_count == 0
    assert b.token is not None and a.token is not None and b.token.access_token == a.token.access_token


def test_refresh_lock_excludes_other_processes(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "t.json", lock_timeout=0.2)
    store.save(Token("a", "r"))
    code = (
        "import sys, time\n"
        "from pinterest_rest.oauth import FileTokenStore\n"
        "with FileTokenStore(sys.argv[1]).refresh_lock():\n"
        "    print('held', flush=True)\n"
        "    time.sleep(1.5)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(store.path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockTimeoutError), store.refresh_lock():
        pass
    holder.wait(10)
    with store.refresh_lock():  # released when the holder exited
        pass


def test_a_crashed_holder_does_not_keep_the_lock(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "t.json", lock_timeout=5)
    code = (
        "import os, sys\n"
        "from pinterest_rest.oauth import FileTokenStore\n"
        "held = FileTokenStore(sys.argv[1]).refresh_lock()\n"
        "held.__enter__()\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
        "os._exit(3)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(store.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockTimeoutError), FileTokenStore(store.path, lock_timeout=0.1).refresh_lock():
        pass  # really held
    holder.kill()  # a crash: no release, no cleanup
    holder.wait(10)
    started = time.monotonic()
    with store.refresh_lock():
        pass
    assert time.monotonic() - started < 1


def test_an_async_auth_uses_the_token_a_sync_process_refreshed(tmp_path: Path) -> None:
    import asyncio

    sb = Sandbox(config=SandboxConfig(auth="scopes", token_ttl=3600))
    app = sb.client(access_token=None)
    path = tmp_path / "token.json"
    token = exchange_code(app, sb.issue_code(), "https://e.com/cb")
    token.expires_at = time.time() + 30
    FileTokenStore(path).save(token)
    a = RefreshingAuth(app, FileTokenStore(path))
    b = RefreshingAuth(app, FileTokenStore(path), async_app=sb.async_client(access_token=None))
    assert sb.client(auth=a).user_account.get().username and a.refresh_count == 1

    async def call() -> None:
        await sb.async_client(auth=b).user_account.get()

    asyncio.run(call())
    assert b.refresh_count == 0 and b.token is not None and a.token is not None
    assert b.token.access_token == a.token.access_token


def test_a_cancelled_async_refresh_does_not_keep_the_lock(tmp_path: Path) -> None:
    import asyncio

    from pinterest_rest.oauth import _enter_in_thread

    store = FileTokenStore(tmp_path / "t.json", lock_timeout=5)
    holder = store.refresh_lock()
    holder.__enter__()  # another process's refresh, in effect: the async waiter has to wait

    async def run() -> None:
        waiter = asyncio.ensure_future(_enter_in_thread(FileTokenStore(store.path).refresh_lock()))
        await asyncio.sleep(0.1)
        waiter.cancel()
        try:
            await waiter
        except asyncio.CancelledError:
            pass
        holder.__exit__(None, None, None)  # the thread now gets the lock ... and gives it back
        await asyncio.sleep(0.3)

    asyncio.run(run())
    with FileTokenStore(store.path, lock_timeout=0.5).refresh_lock():
        pass  # free


def test_the_marker_file_fallback_for_platforms_without_fcntl_or_msvcrt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pinterest_rest import _locks

    monkeypatch.setattr(_locks, "fcntl", None)
    monkeypatch.setattr(_locks, "msvcrt", None)
    path = tmp_path / "t.lock"
    with _locks.FileLock(path):
        assert (tmp_path / "t.lock.held").exists()
        with pytest.raises(LockTimeoutError), _locks.FileLock(path, timeout=0.1):
            pass
    assert not (tmp_path / "t.lock.held").exists()
    (tmp_path / "t.lock.held").write_text("")  # left by a process that crashed long ago
    os.utime(tmp_path / "t.lock.held", (time.time() - 600, time.time() - 600))
    with _locks.FileLock(path, timeout=1, stale_after=120):
        pass
