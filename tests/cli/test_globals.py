"""Global options before the group reach every group; usage errors, argv encoding, network errors."""

from __future__ import annotations

import json
import os
import socket
from typing import Any

import pytest

from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN, ExitStatus

ME = {"username": "ada", "account_type": "BUSINESS"}


def test_base_url_and_token_before_auth_reach_auth_status(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, ME))
    r = cli("--base-url", "http://127.0.0.1:8155/v5", "--token", TOKEN, "auth", "status", "-o", "json", transport=t)
    assert r.status == 0, r.err
    assert [req.url for req in t.requests] == ["http://127.0.0.1:8155/v5/user_account"]
    assert t.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
    info = json.loads(r.out)
    assert info["base_url"] == "http://127.0.0.1:8155/v5" and info["token_source"] == "--token"
    assert TOKEN not in r.all


def test_debug_before_auth_logs_requests(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, ME))
    r = cli("--debug", "--token", TOKEN, "auth", "status", transport=t)
    assert r.status == 0, r.err
    assert "> GET https://api.pinterest.com/v5/user_account" in r.err
    assert TOKEN not in r.all


def test_options_after_the_command_override_the_ones_before(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, ME))
    r = cli("--base-url", "http://a.invalid/v5", "auth", "status", "--base-url", "http://b.invalid/v5",
            "--token", TOKEN, transport=t)  # fmt: skip
    assert r.status == 0, r.err
    assert t.requests[0].url == "http://b.invalid/v5/user_account"


def test_debug_before_reports_run(cli: CLI) -> None:
    def handler(req: Request) -> Any:
        return (200, {"report_status": "IN_PROGRESS", "token": "tok"})

    t = MockTransport(handler)
    r = cli(
        "--debug", "--token", TOKEN, "reports", "run", "1", "--start-date", "2024-01-01", "--end-date",
        "2024-01-02", "--granularity", "DAY", "--columns", "SPEND_IN_DOLLAR", transport=t,
    )  # fmt: skip
    assert r.status == 0, r.err
    assert "> POST https://api.pinterest.com/v5/ad_accounts/1/reports" in r.err
    assert json.loads(r.out)["token"] == "tok"
    # --columns after `reports run` is the report's API field, not the output option
    assert json.loads(t.requests[0].body or b"")["columns"] == ["SPEND_IN_DOLLAR"]


def test_globals_before_media_and_sandbox_and_config(cli: CLI, tmp_path: Any) -> None:
    r = cli("--profile", "work", "--debug", "media", "upload", "--help")
    assert r.status == 0 and "FILE" in r.out
    r = cli("--profile", "work", "sandbox", "serve", "--help")
    assert r.status == 0 and "--port" in r.out
    r = cli("--profile", "work", "config", "set", "output", "json")
    assert r.status == 0, r.err
    r = cli("--profile", "work", "-o", "json", "config", "show")
    assert json.loads(r.out)["settings"] == {"output": "json"}


def test_global_dry_run_before_group(cli: CLI) -> None:
    r = cli("--dry-run", "-o", "json", "--base-url", "http://x.invalid/v5", "boards", "get", "549755885175")
    assert r.status == 0, r.err
    assert json.loads(r.out)["url"] == "http://x.invalid/v5/boards/549755885175"


def test_bad_global_value_before_group_is_a_usage_error(cli: CLI) -> None:
    r = cli("--timeout", "0", "boards", "list")
    assert r.status == ExitStatus.USAGE
    assert r.err.splitlines()[-1] == "pinterest: error: argument --timeout: must be more than 0, got '0'"
    r = cli("-o", "xml", "boards", "list")
    assert r.status == ExitStatus.USAGE and "invalid choice 'xml'" in r.err


def test_unknown_global_option_usage_on_its_own_line(cli: CLI) -> None:
    r = cli("--bogus", "boards", "list")
    assert r.status == ExitStatus.USAGE
    lines = r.err.splitlines()
    assert lines[0].startswith("usage: pinterest")
    assert lines[1] == "pinterest: error: unknown global option '--bogus'"


def test_invalid_utf8_in_argv_exits_2(cli: CLI) -> None:
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")  # how Python hands over undecodable argv bytes
    r = cli("boards", "get", bad)
    assert r.status == ExitStatus.USAGE
    assert "argument 3" in r.err and "not valid UTF-8" in r.err
    assert "unexpected" not in r.err


def test_refused_connection_names_host_and_port(cli: CLI) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = cli("--base-url", f"http://127.0.0.1:{port}/v5", "--max-retries", "0", "boards", "list", "--token", TOKEN)
    assert r.status == ExitStatus.NETWORK
    assert f"127.0.0.1:{port}" in r.err
    r = cli("--base-url", "https://nowhere.invalid/v5", "--max-retries", "0", "boards", "list", "--token", TOKEN)
    assert r.status == ExitStatus.NETWORK and "nowhere.invalid:443" in r.err


# -- names and help ----------------------------------------------------------------------------


def test_groups_are_sorted_and_help_ends_with_the_docs_url(cli: CLI) -> None:
    from pinterest_rest.cli.names import DOCS_URL

    r = cli("--help")
    lines = r.out.splitlines()
    start = lines.index("API groups (`pinterest <group> --help` lists the commands):") + 1
    groups = [line.split()[0] for line in lines[start : lines.index("", start)]]
    assert groups == sorted(groups) and len(groups) > 40
    others = [line.split()[0] for line in lines[lines.index("Other commands:") + 1 : lines.index("", start + 50)]]
    assert others == sorted(others) and "api" in others
    assert lines[-1] == f"Docs: {DOCS_URL}" and DOCS_URL.startswith("https://")
    assert "docs/cli.md" not in r.out


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("measurement-events", "msot-events"),
        ("conversion-quality", "conversion-eqs"),
        ("targeting-templates", "targeting-template"),
        ("reference-data", "resources"),
    ],
)
def test_readable_group_names_keep_the_old_ones_as_aliases(cli: CLI, new: str, old: str) -> None:
    top = cli("--help").out
    assert f"  {new} " in top and f"(was: {old})" in top
    assert not any(line.startswith(f"  {old} ") for line in top.splitlines())
    for name in (new, old):
        r = cli(name, "--help")
        assert r.status == 0, (name, r.err)


def test_alias_runs_the_same_command(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"items": [], "bookmark": None}))
    for group in ("conversion-quality", "conversion-eqs"):
        r = cli(group, "list", "123", "--lookback-period", "1d", "--token", TOKEN, transport=t)
        assert r.status == 0, r.err
    assert len({req.url for req in t.requests}) == 1 and "/ad_accounts/123/conversion_eqs" in t.requests[0].url
    r = cli("ad-accounts", "measurement-events", "--help")
    assert r.status == 0 and "msot" in r.out.lower()
    assert "pinterest measurement-events create" in cli("ops", "msot").out


def test_invalid_utf8_argv_in_a_real_process_exits_2(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PINTEREST_CONFIG_DIR": str(tmp_path), "LC_ALL": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"pinterest_rest.cli", b"boards", b"get", b"caf\xe9"],
        env=env, capture_output=True,
    )  # fmt: skip
    assert proc.returncode == ExitStatus.USAGE, proc.stderr
    assert b"is not valid UTF-8" in proc.stderr and b"Traceback" not in proc.stderr


def _stored_expired_token(cli: CLI) -> None:
    import time

    tokens = cli.config_dir / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    (tokens / "default.json").write_text(
        json.dumps(
            {
                "access_token": TOKEN,
                "refresh_token": "pinr_REFRESH_never_printed",
                "expires_at": time.time() - 10,  # expired: the next call refreshes first
                "client_id": "app",
                "client_secret": "app-secret",
                "scope": "boards:read,user_accounts:read",
            }
        )
    )
    os.chmod(tokens / "default.json", 0o600)


def test_refresh_before_auth_status_goes_to_the_given_base_url(cli: CLI) -> None:
    _stored_expired_token(cli)

    def handler(req: Request) -> Any:
        if req.url.endswith("/oauth/token"):
            return (200, {"access_token": "pina_NEW", "refresh_token": "pinr_NEW", "expires_in": 3600,
                          "token_type": "bearer", "scope": "boards:read,user_accounts:read"})  # fmt: skip
        return (200, ME)

    t = MockTransport(handler)
    r = cli("--base-url", "http://127.0.0.1:8155/v5", "auth", "status", transport=t)
    assert r.status == 0, r.err
    assert t.requests, "nothing was sent"
    assert all(req.url.startswith("http://127.0.0.1:8155/v5/") for req in t.requests), [q.url for q in t.requests]


def test_logout_revoke_goes_to_the_given_base_url(cli: CLI) -> None:
    _stored_expired_token(cli)
    t = MockTransport(lambda req: (200, {}))
    r = cli("--base-url", "http://127.0.0.1:8155/v5", "auth", "logout", "--revoke", transport=t,
            env={"PINTEREST_CLIENT_ID": "app", "PINTEREST_CLIENT_SECRET": "app-secret"})  # fmt: skip
    assert r.status == 0, r.err
    assert t.requests and all(req.url.startswith("http://127.0.0.1:8155/v5/") for req in t.requests)
