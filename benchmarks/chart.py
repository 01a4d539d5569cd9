"""Draws RESULTS.png: every target row as one bar, measured against its target.

    <plot venv>/bin/python chart.py RESULTS.json RESULTS.png

Runs in the benchmark's own `plot` venv (matplotlib), never in the package's: users get no plotting
dependency. Each bar is "how much of the allowed budget was used": for a `≤ L` target the measured
ratio divided by L, for a `≥ L` target L divided by the measured ratio. So 1.0 is the target's edge,
bars left of it meet their target (green) and bars right of it miss (red), whatever the direction.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import targets as T  # noqa: E402

_LIMIT = re.compile(r"([≤≥<>])\s*([0-9.]+)x")


def budget_used(target: str, ratio_text: str) -> float | None:
    """The bar length for one row, or None when the row has no x-ratio against an x-limit."""
    m = _LIMIT.search(target)
    if not m or not ratio_text.endswith("x"):
        return None
    limit, measured = float(m.group(2)), float(ratio_text[:-1])
    if m.group(1) in "≤<":
        return measured / limit
    return limit / measured if measured else None


def bars(results: dict) -> list[tuple[str, float, bool]]:
    out = []
    for task, target, _measured, ratio_text, ok in T.evaluate(results):
        used = budget_used(target, ratio_text)
        if used is not None and ok is not None:
            out.append((f"{task}  [{target}, {ratio_text}]", used, ok))
    return out


def draw(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = bars(results)
    fig, ax = plt.subplots(figsize=(11, 0.38 * len(rows) + 1.4))
    labels = [r[0].replace("`", "") for r in rows]
    cap = 3.0  # a far miss is clipped at 3x the budget (its number is in the label) so the rest stay readable
    lengths = [min(r[1], cap) for r in rows]
    ax.barh(range(len(rows)), lengths, color=["#2e7d32" if r[2] else "#c62828" for r in rows])
    for y, (row, length) in enumerate(zip(rows, lengths)):
        if row[1] > cap:
            ax.text(length, y, f" {row[1]:.1f}", va="center", fontsize=8)
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_xlim(0, max(1.3, max(lengths, default=1.0) * 1.12))
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("share of the target's budget used (1.0 = the target; left of it = met)")
    ax.set_title(f"pinterest-rest benchmark targets ({results['meta']['date']})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str]) -> int:
    results = json.loads(Path(argv[0]).read_text())
    draw(results, Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
