"""The README's command-line lines work as written (against the sandbox) or, where they need
production or block (login, refresh, serve), at least name real commands and options."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from pinterest_rest.cli import main

from .blocks import ROOT

_SH = re.compile(r"```sh\n(.*?)```", re.S)
LINES = [
    line.split("  #")[0].strip()
    for block in _SH.findall((ROOT / "README.md").read_text("utf-8"))
    for line in block.splitlines()
    if line.startswith("pinterest ")
]
NEEDS_PRODUCTION = ("auth login", "auth refresh", "auth revoke", "sandbox serve")


def test_readme_has_cli_lines() -> None:
    assert len(LINES) >= 6 and any("--paginate" in line for line in LINES)


@pytest.mark.parametrize("line", LINES)
def test_readme_cli_line(line: str, tmp_path: Path) -> None:
    argv = shlex.split(line)[1:]
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out, err = io.StringIO(), io.StringIO()
    if any(line.startswith(f"pinterest {cmd}") for cmd in NEEDS_PRODUCTION):
        words = [w for w in argv if not w.startswith("-")][:2]
        try:
            status = main([*words, "--help"], env=env, stdout=out, stderr=err, isatty=False)
        except SystemExit as exit_:  # argparse's own exit, if main lets it through
            status = int(exit_.code or 0)
        assert status == 0, err.getvalue()
        for option in (w.split("=")[0] for w in argv if w.startswith("--")):
            assert option in out.getvalue(), f"{line}: {option} is not an option of {' '.join(words)}"
        return
    if "--sandbox" not in argv:
        argv.insert(0, "--sandbox")
    status = main(argv, env=env, stdout=out, stderr=err, isatty=False)
    assert status == 0, err.getvalue()
    assert out.getvalue().strip(), f"{line} printed nothing"
