"""Every script in examples/ (the README tour among them) runs against the offline sandbox and exits cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path: Path) -> None:
    result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()


def test_tour_prints_boards_and_pins() -> None:
    tour = next(p for p in EXAMPLES if p.name == "tour.py")
    out = subprocess.run([sys.executable, str(tour)], capture_output=True, text=True, timeout=120).stdout
    assert "Created board" in out and "pinned" in out and "Your boards:" in out and "2 pins left" in out


# The code blocks of docs/*.md and README.md are run by tests/docs/test_code_blocks.py.
