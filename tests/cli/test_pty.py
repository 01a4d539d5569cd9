"""The CLI in a real pseudo-terminal at 80 and 200 columns: table choice, colours, progress.

Each test runs ``python -m pinterest_rest.cli --sandbox ...`` with stdout and stderr on the slave
side of a pty whose window size is set, so the CLI sees a terminal exactly as in a shell (no
COLUMNS variable: the width comes from the terminal itself).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

pytest.importorskip("pinterest_rest.sandbox")

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def run_in_pty(args: list[str], columns: int, config: Path, **env: str) -> str:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    environ.update({"PINTEREST_CONFIG_DIR": str(config), "TERM": "xterm-256color", **env})
    proc = subprocess.Popen(
        [sys.executable, "-m", "pinterest_rest.cli", "--sandbox", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environ,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def plain_json(args: list[str], config: Path) -> object:
    env = {**os.environ, "PINTEREST_CONFIG_DIR": str(config)}
    out = subprocess.run(
        [sys.executable, "-m", "pinterest_rest.cli", "--sandbox", *args, "-o", "json"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def test_table_fits_80_columns_with_id_and_name_first(config: Path) -> None:
    out = ANSI.sub("", run_in_pty(["boards", "list"], 80, config))
    lines = out.rstrip("\n").splitlines()
    assert lines[0].split()[:2] == ["ID", "NAME"]
    assert [line.split()[1] for line in lines[1:]] == ["Travel", "Home", "Recipes"]
    assert max(len(line) for line in lines) <= 80


def test_wider_terminal_shows_more_columns(config: Path) -> None:
    narrow = ANSI.sub("", run_in_pty(["boards", "list"], 80, config)).splitlines()[0].split()
    wide_out = ANSI.sub("", run_in_pty(["boards", "list"], 200, config))
    wide = wide_out.splitlines()[0].split()
    assert len(wide) > len(narrow) and wide[:2] == ["ID", "NAME"]
    assert max(len(line) for line in wide_out.splitlines()) <= 200


def test_header_bold_and_json_coloured_on_a_terminal(config: Path) -> None:
    assert run_in_pty(["boards", "list"], 80, config).startswith("\x1b[1mID")
    board = plain_json(["boards", "list"], config)["items"][0]  # type: ignore[index]
    out = run_in_pty(["boards", "get", board["id"]], 80, config)
    assert '\x1b[1;34m"id"\x1b[0m' in out and f'\x1b[32m"{board["id"]}"\x1b[0m' in out
    assert json.loads(ANSI.sub("", out)) == plain_json(["boards", "get", board["id"]], config)


def test_no_color_keeps_a_terminal_plain(config: Path) -> None:
    out = run_in_pty(["boards", "list", "-o", "json"], 80, config, NO_COLOR="1")
    assert "\x1b[" not in out
    assert json.loads(out)["items"][0]["name"] == "Travel ideas"


@pytest.mark.parametrize("columns", [80, 200])
def test_upload_progress_stays_on_one_terminal_line(tmp_path: Path, config: Path, columns: int) -> None:
    video = tmp_path / ("a-rather-long-file-name-for-a-holiday-video-" * 2 + ".mp4")
    video.write_bytes(os.urandom(300_000))
    out = run_in_pty(["media", "upload", str(video), "--wait", "--poll-interval", "0"], columns, config)
    frames = [ANSI.sub("", f) for f in re.split(r"\r\x1b\[K", out) if f.strip()]
    bars = [f for f in frames if "uploading" in f]
    assert bars and "100.0%" in bars[-1] and "[######" in bars[-1]
    assert all(len(f.split("\n")[0]) < columns for f in frames)
    assert any(f.startswith("media ") and "succeeded" in f for f in frames)
    result = json.loads(ANSI.sub("", out[out.index("{") :]))
    assert result["status"] == "succeeded"
