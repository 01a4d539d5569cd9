"""No credential in frame locals, in --debug / --dry-run output, or in files a crash leaves behind."""

from __future__ import annotations

import asyncio
import io
import os
import socket
import subprocess
import sys
import textwrap
import time
import traceback
from pathlib import Path

import pytest

from pinterest_rest import AsyncPinterest, Pinterest, _retry
from pinterest_rest._errors import APIConnectionError
from pinterest_rest._files import remove_leftovers, write_private_json
from pinterest_rest._secret import AuthorizationValue, Secret, masked_request
from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport
from pinterest_rest.cli.main import main

TOKEN = "pina_SECRET_token_value_123"
REFRESH = "pinr_SECRET_refresh_value_456"


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: connecting is refused


def _locals_text(exc: BaseException) -> str:
    """Every local of every frame of the error and of every error chained to it (suppressed or
    not: a reporter may walk them all), as ``pytest -l``/Sentry show them (repr)."""
    out = []
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        for frame, _ in traceback.walk_tb(current.__traceback__):
            for name, value in frame.f_locals.items():
                out.append(f"{name}={value!r}")
        todo += [current.__cause__, current.__context__]
    return "\n".join(out)


def test_secret_type_masks_repr_and_str() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in f"{secret}"
    assert secret.reveal() == TOKEN
    import copy
    import pickle

    assert copy.deepcopy(secret) is secret
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    value = AuthorizationValue("Bearer " + TOKEN)
    assert value == "Bearer " + TOKEN  # what goes on the wire
    assert TOKEN not in repr(value) and TOKEN not in repr({"Authorization": value})


def test_the_wire_still_carries_the_token() -> None:
    transport = MockTransport(lambda req: (200, {"username": "u"}))
    Pinterest(access_token=TOKEN, transport=transport).user_account.get()
    assert transport.requests[0].headers["Authorization"] == "Bearer " + TOKEN


def test_sync_traceback_frame_locals_hold_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "backoff", lambda attempt: 0.0)
    client = Pinterest(access_token=TOKEN, base_url=f"http://127.0.0.1:{_dead_port()}/v5")
    with pytest.raises(APIConnectionError) as caught:
        client.boards.get("123")
    text = _locals_text(caught.value)
    assert "send" in "".join(f.f_code.co_name for f, _ in traceback.walk_tb(caught.value.__traceback__))
    assert TOKEN not in text


def test_async_traceback_frame_locals_hold_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "backoff", lambda attempt: 0.0)

    async def run() -> BaseException:
        client = AsyncPinterest(access_token=TOKEN, base_url=f"http://127.0.0.1:{_dead_port()}/v5")
        try:
            await client.boards.get("123")
        except APIConnectionError as exc:
            return exc
        finally:
            await client.close()
        raise AssertionError("no error")

    exc = asyncio.run(run())
    assert TOKEN not in _locals_text(exc)


def test_dry_run_masks_a_refresh_token_in_a_form_body() -> None:
    out, err = io.StringIO(), io.StringIO()
    env = {"HOME": "/nonexistent", "PINTEREST_CLIENT_ID": "id", "PINTEREST_CLIENT_SECRET": "app-secret"}
    argv = ["oauth", "token", "--grant-type", "refresh_token", "--refresh-token", REFRESH, "--dry-run", "-o", "json"]
    status = main(argv, env=env, stdout=out, stderr=err, isatty=False)
    assert status == 0, err.getvalue()
    assert REFRESH not in out.getvalue() + err.getvalue()
    assert "app-secret" not in out.getvalue()
    assert "refresh_token=***" in out.getvalue()


def test_debug_and_dry_run_share_one_masking_function() -> None:
    request = Request(
        "POST",
        "https://uploads.example/x?X-Amz-Signature=abc&keep=1",
        {"Authorization": AuthorizationValue("Bearer " + TOKEN), "Content-Type": "application/json"},
        b'{"refresh_token": "%s", "name": "ok"}' % REFRESH.encode(),
    )
    shown = masked_request(request)
    assert shown["headers"]["Authorization"] == "Bearer ***"
    assert shown["body"] == {"refresh_token": "***", "name": "ok"}
    assert shown["url"] == "https://uploads.example/x?X-Amz-Signature=***&keep=1"
    from pinterest_rest.cli.transports import DebugTransport

    log = io.StringIO()
    DebugTransport(MockTransport(), log).send(request)
    assert TOKEN not in log.getvalue() and REFRESH not in log.getvalue()


def test_killed_save_leaves_a_temp_file_that_the_next_save_removes(tmp_path: Path) -> None:
    target = tmp_path / "token.json"
    script = textwrap.dedent(
        f"""
        import json, os, signal
        from pinterest_rest import _files
        real_dump = json.dump
        def dump_then_die(data, fh, **kw):
            real_dump(data, fh, **kw)
            fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)   # kill -9 between writing and renaming
        _files.json.dump = dump_then_die
        _files.write_private_json({str(target)!r}, {{"access_token": "{TOKEN}"}})
        """
    )
    subprocess.run([sys.executable, "-c", script], check=False, timeout=30)
    leftovers = [p for p in tmp_path.iterdir() if p.name != "token.json"]
    assert leftovers, "the killed save should have left its temporary file"
    assert all(p.name.startswith(".token.json.tmp-") for p in leftovers)
    old = time.time() - 3600
    for p in leftovers:
        os.utime(p, (old, old))
    write_private_json(target, {"access_token": "new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["token.json"]
    assert (target.stat().st_mode & 0o777) == 0o600 or os.name == "nt"


def test_a_concurrent_fresh_temp_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "token.json"
    fresh = tmp_path / ".token.json.tmp-abc.json"
    fresh.write_text("{}")
    assert remove_leftovers(target) == 0
    assert fresh.exists()
