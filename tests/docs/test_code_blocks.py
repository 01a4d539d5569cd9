"""Every Python code block of README.md and docs/ runs against the sandbox, or type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .blocks import PRELUDE, ROOT, Block, all_blocks, is_sketch, run

BLOCKS = all_blocks()
SKETCHED = [b for b in BLOCKS if is_sketch(b)]
RUNNABLE = [b for b in BLOCKS if b.mode in ("run", "setup") and not is_sketch(b)]
TYPECHECKED = [b for b in BLOCKS if b.mode == "typecheck"]


def test_blocks_found() -> None:
    assert len(RUNNABLE) > 100 and TYPECHECKED
    assert {b.mode for b in BLOCKS} <= {"run", "setup", "typecheck"}, "unknown check: mode"


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda b: b.id)
def test_block_runs(block: Block, docs_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(block)


@pytest.mark.parametrize("block", SKETCHED, ids=lambda b: b.id)
def test_sketches_compile(block: Block) -> None:
    compile(block.code, block.id, "exec")


def test_production_blocks_typecheck(tmp_path: Path) -> None:
    """Blocks that need production are checked by mypy, each on its own (no page setup)."""
    files = []
    for n, block in enumerate(TYPECHECKED):
        path = tmp_path / f"block_{n}.py"
        path.write_text(f"# {block.id}\n" + PRELUDE + block.code, "utf-8")
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--follow-imports=silent",
         "--cache-dir", str(ROOT / ".mypy_cache"), "--config-file", "/dev/null", *files],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    where = {f"block_{n}.py": b.id for n, b in enumerate(TYPECHECKED)}
    report = "\n".join(
        next((f"{where[k]}{line[len(k) :]}" for k in where if line.startswith(k)), line)
        for line in result.stdout.splitlines()
    )
    assert result.returncode == 0, report
