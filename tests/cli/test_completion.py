"""Completion scripts: generated from the registry, valid, and completing in real shells when present."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pinterest_rest._registry import OPERATIONS

from .conftest import CLI


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_script_mentions_every_command(cli: CLI, shell: str) -> None:
    r = cli("completion", shell)
    assert r.status == 0
    for op in OPERATIONS.values():
        assert op.method_name.replace("_", "-") in r.out
    if shutil.which(shell):
        check = ["-n"] if shell != "fish" else ["--no-execute"]
        path = Path(cli.home) / f"c.{shell}"
        path.write_text(r.out)
        subprocess.run([shell, *check, str(path)], check=True)


def _complete_bash(script: Path, words: list[str]) -> list[str]:
    driver = (
        f"source {script}; COMP_WORDS=({' '.join(repr(w) for w in words)}); "
        "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _pinterest; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    return subprocess.run(["bash", "-c", driver], check=True, capture_output=True, text=True).stdout.split()


@pytest.mark.skipif(not shutil.which("bash"), reason="bash not installed")
def test_bash_completes_groups_commands_options_and_enums(cli: CLI) -> None:
    script = Path(cli.home) / "pinterest.bash"
    script.write_text(cli("completion", "bash").out)
    assert _complete_bash(script, ["pinterest", "boa"]) == ["boards"]
    assert "list-pins" in _complete_bash(script, ["pinterest", "boards", "l"])
    assert "--privacy" in _complete_bash(script, ["pinterest", "boards", "list", "--pr"])
    assert _complete_bash(script, ["pinterest", "boards", "list", "--privacy", "PUB"]) == [
        "PUBLIC",
        "PUBLIC_AND_SECRET",
    ]
    assert _complete_bash(script, ["pinterest", "--profile", "w", "ad-accounts", "campa"]) == ["campaigns"]
    assert "--entity-statuses" in _complete_bash(
        script, ["pinterest", "ad-accounts", "campaigns", "list", "1", "--ent"]
    )


@pytest.mark.skipif(not shutil.which("fish"), reason="fish not installed")
def test_fish_completes(cli: CLI) -> None:
    script = Path(cli.home) / "pinterest.fish"
    script.write_text(cli("completion", "fish").out)

    def complete(line: str) -> list[str]:
        out = subprocess.run(
            ["fish", "-c", f"source {script}; complete -C{line!r}"], check=True, capture_output=True, text=True
        ).stdout
        return [row.split("\t")[0] for row in out.splitlines()]

    assert "list-pins" in complete("pinterest boards l")
    assert "SECRET" in complete("pinterest boards list --privacy ")
    assert "campaigns" in complete("pinterest ad-accounts camp")
