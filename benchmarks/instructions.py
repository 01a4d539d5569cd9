"""Instruction counts: the client-cost comparisons again, without the machine's noise.

On a shared two-core machine the same process's wall or CPU time swings by 20-30% from one run to
the next, which is more than the 5-10% margins the CPU, start-up and stream targets test. The number of
instructions a process executes does not depend on its neighbours: run under
``valgrind --tool=cachegrind --cache-sim=no`` with ``PYTHONHASHSEED=0`` it repeats to within a
fraction of a percent. Every figure here is such a count for a whole process, and each ratio is
formed exactly as its timed row's is (see targets.py). Skipped, with the reason recorded, when
valgrind is not installed (``apt-get install valgrind``).

An instruction is not a nanosecond (cache misses, page faults and system calls cost time that a
count does not show), so these rows stand beside the timed rows, never in place of them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import measure

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
HARNESS = Path(__file__).resolve().parent / "workers" / "harness.py"


def unavailable() -> str | None:
    """Why counts cannot be taken here, or None."""
    return None if shutil.which("valgrind") else "valgrind is not installed"


def count(argv: list[str], cwd: Path) -> int:
    """Instructions executed by the whole process ``argv`` (user space, every thread)."""
    env = {**measure.clean_env(), "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    found = _REFS.search(proc.stderr)
    if proc.returncode != 0 or found is None:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"{' '.join(argv[:3])}: exit {proc.returncode}: {tail[:200]}")
    return int(found.group(1).replace(",", ""))


def cold_start(python: Path, base: str, cwd: Path) -> dict:
    """Import + client + one GET over a bare interpreter, pinterest-rest vs raw urllib3 (the same
    two scripts as ``measure.cold_start``)."""
    ours, raw = measure.cold_start_scripts(base)
    bare = count([str(python), "-c", "pass"], cwd)
    ours_n = count([str(python), "-c", ours], cwd) - bare
    raw_n = count([str(python), "-c", raw], cwd) - bare
    return {"ours": ours_n, "raw": raw_n, "bare": bare}


def cli(python: Path, argv: list[str], cwd: Path) -> dict:
    """``pinterest ARGV`` against ``python -c 'import pinterest_rest'``, whole processes (as ``cli_time``)."""
    script = python.parent / "pinterest"
    return {
        "a": count([str(python), "-c", "import pinterest_rest"], cwd),
        "b": count([str(script), *argv], cwd),
    }


def stream(python: Path, adapter: str, base: str, total: int, cwd: Path) -> int:
    """Instructions of one walk of ``total`` campaigns: a worker making 3 timed walks minus the same
    worker making 1 (start-up, the warm-up walk and the checks cancel out), halved."""

    def walks(n: int) -> int:
        return count(
            [
                str(python),
                str(HARNESS),
                adapter,
                "campaigns_stream",
                "--base",
                base,
                "--total",
                str(total),
                "--walks",
                str(n),
            ],
            cwd,
        )

    return (walks(3) - walks(1)) // 2


def per_call(python: Path, adapter: str, task: str, base: str, n: tuple[int, int], cwd: Path, **extra: int) -> float:
    """Instructions per call of a sequential or concurrent worker task (get_board, list_boards,
    create_pin, tasks): the worker making n[1] calls minus the same worker making n[0], over the
    difference, so start-up, warm-up and the client's creation cancel out."""

    def calls(k: int) -> int:
        argv = [str(python), str(HARNESS), adapter, task, "--base", base, "--n", str(k)]
        for key, value in extra.items():
            argv += [f"--{key}", str(value)]
        return count(argv, cwd)

    return (calls(n[1]) - calls(n[0])) / (n[1] - n[0])
