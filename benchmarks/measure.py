"""Start-up measurements from outside: import time, modules loaded, CLI start-up.

Import time is `python -c "<import>"` minus `python -c pass`, in paired runs (order alternating
within each pair) from an empty working directory whose parent is empty too: pinterest-api-sdk walks
the parent of the cwd looking for config.json at import, so a populated parent would inflate it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def clean_env() -> dict[str, str]:
    """The caller's environment without anything that would steer a contender."""
    drop = ("PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONHOME")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PINTEREST_")}


def empty_cwd() -> Path:
    path = Path(tempfile.mkdtemp(prefix="bench-")) / "cwd"
    path.mkdir()
    return path


def _wall(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.decode()[-300:]}")
    return elapsed


def paired(a: list[str], b: list[str], pairs: int, cwd: Path) -> dict:
    """Times of command a and b in `pairs` alternating pairs, after one warm-up of each (pyc files)."""
    _wall(a, cwd)
    _wall(b, cwd)
    ta, tb = [], []
    for i in range(pairs):
        if i % 2:
            tb.append(_wall(b, cwd))
            ta.append(_wall(a, cwd))
        else:
            ta.append(_wall(a, cwd))
            tb.append(_wall(b, cwd))
    diffs = [y - x for x, y in zip(ta, tb)]
    return {
        "a_median_ms": statistics.median(ta) * 1e3,
        "b_median_ms": statistics.median(tb) * 1e3,
        "b_min_ms": min(tb) * 1e3,
        "diff_min_ms": min(diffs) * 1e3,
        "diff_median_ms": statistics.median(diffs) * 1e3,
        "pairs": pairs,
    }


def rotated(commands: dict[str, list[str]], rounds: int, cwd: Path) -> dict[str, list[float]]:
    """Wall times of each command over `rounds` rounds; every round runs each command once, the
    order rotating from round to round, so a slow spell of a shared machine lands on all of them
    alike rather than on whichever was timed in that block. One warm-up of each first (pyc files)."""
    names = list(commands)
    for name in names:
        _wall(commands[name], cwd)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for k in range(len(names)):
            name = names[(r + k) % len(names)]
            times[name].append(_wall(commands[name], cwd))
    return times


def import_time(python: Path, stmt: str, pairs: int, cwd: Path) -> dict:
    res = paired([str(python), "-c", "pass"], [str(python), "-c", stmt], pairs, cwd)
    code = f"import sys; n = len(sys.modules); {stmt}; print(len(sys.modules) - n)"
    out = subprocess.run([str(python), "-c", code], cwd=cwd, env=clean_env(), capture_output=True, text=True)
    res["modules"] = int(out.stdout.strip()) if out.returncode == 0 else None
    return res


def cli_time(python: Path, argv: list[str], pairs: int, cwd: Path) -> dict:
    """`pinterest <argv>` against `python -c "import pinterest_rest"` (both whole process wall times)."""
    script = python.parent / "pinterest"
    if not script.exists():
        return {"error": "not available: no `pinterest` console script installed"}
    probe = subprocess.run([str(script), *argv], cwd=cwd, env=clean_env(), capture_output=True, text=True)
    if probe.returncode != 0 or "usage" not in probe.stdout.lower():
        return {"error": f"not available: `pinterest {' '.join(argv)}` exited {probe.returncode}"}
    return paired([str(python), "-c", "import pinterest_rest"], [str(script), *argv], pairs, cwd)


def importtime(python: Path, argv: list[str], cwd: Path, top: int = 25) -> str:
    """`python -X importtime ARGV`: the `top` imports by cumulative time, as text."""
    argv = [a.replace("{bin}", str(python.parent)) for a in argv]
    proc = subprocess.run(
        [str(python), "-X", "importtime", *argv], cwd=cwd, env=clean_env(), capture_output=True, text=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            rows.append((int(cumulative), name))
    rows.sort(reverse=True)
    lines = [f"{'cumulative us':>14}  module (python -X importtime {' '.join(argv)})"]
    lines += [f"{us:>14}  {name}" for us, name in rows[:top]]
    return "\n".join(lines)


def cold_start_scripts(base: str) -> tuple[str, str]:
    """The two ``python -c`` programs the cold start compares: pinterest-rest's and raw urllib3's."""
    board = "549755800000"
    ours = (
        "from pinterest_rest import Pinterest\n"
        f"b = Pinterest(access_token='x', base_url={base!r}).boards.get({board!r})\n"
        f"assert b.id == {board!r}"
    )
    raw = (
        "import json, urllib3\n"
        f"r = urllib3.PoolManager().request('GET', {base!r} + '/boards/{board}', headers={{'Authorization': 'Bearer x'}})\n"
        f"assert json.loads(r.data)['id'] == {board!r}"
    )
    return ours, raw


def cold_start(python: Path, base: str, pairs: int, cwd: Path) -> dict:
    """A fresh process that imports, makes a client and GETs one Board: pinterest-rest vs raw urllib3.

    Both run in pinterest-rest's venv (same urllib3), against the stub, each minus `python -c pass`
    (interleaved in one series, see ``rotated``), so the ratio compares what each adds to a bare
    interpreter.
    """
    ours, raw = cold_start_scripts(base)
    # One interleaved series (bare, raw, ours rotating), so both sides see the same machine; each
    # side's figure is the median over rounds of (its time - the bare interpreter's in that round).
    rounds = 2 * pairs
    times = rotated(
        {"pass": [str(python), "-c", "pass"], "raw": [str(python), "-c", raw], "ours": [str(python), "-c", ours]},
        rounds,
        cwd,
    )
    out = {}
    for side in ("ours", "raw"):
        diffs = [t - base for t, base in zip(times[side], times["pass"])]
        out[side] = {
            "diff_median_ms": statistics.median(diffs) * 1e3,
            "diff_min_ms": min(diffs) * 1e3,
            "b_median_ms": statistics.median(times[side]) * 1e3,
            "a_median_ms": statistics.median(times["pass"]) * 1e3,
            "pairs": rounds,
        }
    return out
