"""``pinterest sandbox serve`` (knobs shared with ``python -m pinterest_rest.sandbox``) and ``--sandbox``'s seed."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import CLI, ExitStatus

pytest.importorskip("pinterest_rest.sandbox")
pytest.importorskip("uvicorn")

from pinterest_rest.cli.sandbox_options import add_arguments, config_from


def _flags(help_text: str) -> set[str]:
    return set(re.findall(r"(?m)^  (--[a-z-]+)", help_text))


def test_serve_has_every_knob_of_python_m_sandbox(cli: CLI) -> None:
    ours = _flags(cli("sandbox", "serve", "--help").out)
    theirs = subprocess.run(
        [sys.executable, "-m", "pinterest_rest.sandbox", "--help"], capture_output=True, text=True, check=True
    ).stdout
    theirs_flags = _flags(theirs)
    assert theirs_flags - {"--help"} <= ours
    for knob in ("--auth", "--job-polls", "--enforce-rate-limits", "--fault-error", "--fault-reset", "--seed"):
        assert knob in ours and knob in theirs_flags


def test_knobs_build_the_sandbox_config() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser, db=":memory:", db_help="", seed="none")
    ns = parser.parse_args(["--auth", "scopes", "--job-polls", "3", "--enforce-rate-limits", "--rate-limit", "5",
                            "--fault-error", "0.25", "--fault-seed", "7"])  # fmt: skip
    config = config_from(ns)
    assert (config.auth, config.job_polls, config.enforce_rate_limits, config.rate_limit) == ("scopes", 3, True, 5)
    assert (config.faults.error, config.faults.seed, config.faults.reset) == (0.25, 7, 0.0)
    with pytest.raises(SystemExit):
        parser.parse_args(["--fault-error", "1.5"])


def test_bad_knob_is_a_usage_error(cli: CLI) -> None:
    r = cli("sandbox", "serve", "--fault-reset", "2")
    assert r.status == ExitStatus.USAGE and "must be from 0 to 1" in r.err


def _serve(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PINTEREST_CONFIG_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pinterest_rest.cli", "sandbox", "serve", "--port", "0", "--db", ":memory:", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    second = proc.stdout.readline()
    assert ":0/" not in first, first  # the real address, not the requested port 0
    match = re.search(r"http://127\.0\.0\.1:(\d+)/v5", first)
    assert match, first
    url = match.group(0)
    assert second.strip() == f"export PINTEREST_BASE_URL={url}"
    return proc, url


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    return err


def test_serve_prints_the_address_then_logs_each_request(tmp_path: Path) -> None:
    proc, url = _serve(tmp_path)
    try:
        request = urllib.request.Request(f"{url}/boards?page_size=2", headers={"Authorization": "Bearer t"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            boards = json.loads(answer.read())
        assert [b["name"] for b in boards["items"]] == ["Travel ideas", "Home workshop"]  # the demo seed
        time.sleep(0.2)
    finally:
        err = _stop(proc)
    line = next(line for line in err.splitlines() if "/boards" in line)
    assert re.fullmatch(r"\d\d:\d\d:\d\d GET /v5/boards 200 \d+ ms", line), line
    assert "page_size" not in err  # the query string is never logged


def test_serve_quiet_logs_nothing(tmp_path: Path) -> None:
    proc, url = _serve(tmp_path, "--quiet", "--seed", "none")
    try:
        with urllib.request.urlopen(
            urllib.request.Request(f"{url}/boards", headers={"Authorization": "Bearer t"})
        ) as a:
            assert json.loads(a.read())["items"] == []
    finally:
        err = _stop(proc)
    assert "/boards" not in err


def test_sandbox_flag_starts_from_the_demo_seed(cli: CLI) -> None:
    r = cli("--sandbox", "boards", "list", "-o", "ndjson")
    assert r.status == 0, r.err
    names = [json.loads(line)["name"] for line in r.out.splitlines()]
    assert names == ["Travel ideas", "Home workshop", "Recipes"]
    again = cli("--sandbox", "boards", "list", "-o", "ndjson")
    assert again.out.count("\n") == 3  # seeded once: the data is kept, not duplicated


def test_sandbox_seed_can_be_turned_off(cli: CLI) -> None:
    r = cli("--sandbox", "boards", "list", "-o", "ndjson", env={"PINTEREST_SANDBOX_SEED": "none"})
    assert r.status == 0 and r.out == ""
    bad = cli("--sandbox", "boards", "list", env={"PINTEREST_SANDBOX_SEED": "lots"})
    assert bad.status == ExitStatus.USAGE and "PINTEREST_SANDBOX_SEED" in bad.err
