"""Does the sandbox's cost grow with its data? Create, get and filtered list with N stored objects.

    python benchmarks/sandbox_scale.py                              # N = 100 and 100,000
    python benchmarks/sandbox_scale.py --small 100 --large 1000      # quick
    python benchmarks/sandbox_scale.py --repeat 300 --json out.json

It fills one fresh in-memory sandbox per size with N boards (half SECRET), then times, per call
(median of ``--repeat`` calls, in microseconds; the two sizes take turns call by call):

  store level   put a new board (index + uniqueness rows), get by id, find(privacy=SECRET) first page
  app level     POST /v5/boards, GET /v5/boards/{id}, GET /v5/boards?privacy=SECRET (25 per page),
                each through SandboxApp.handle (routing, validation, handler, JSON)

and prints each call's cost at the large size as a ratio to the small one (target: <= 1.2x, issue
17 item 5). Ratios, not wall-clock numbers, are what to compare across machines.

Output: the table goes to stderr; the LAST stdout line is one JSON object for the benchmark
harness, the app-level medians in microseconds:

    {"small": 100, "large": 100000, "create": {"small_us": .., "large_us": .., "ratio": ..},
     "get": {...}, "list": {...}}
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pinterest_rest.sandbox import Sandbox

H = {"authorization": "Bearer t", "content-type": "application/json"}


def _fill(sb: Sandbox, n: int) -> list[str]:
    ids = []
    with sb.store.transaction():
        for i in range(n):
            ident = sb.store.next_id()
            doc = {
                "id": ident,
                "name": f"Board {i}",
                "description": "",
                "privacy": "SECRET" if i % 2 else "PUBLIC",
                "owner": {"username": "sandbox_user"},
                "created_at": "2026-01-01T00:00:00Z",
                "board_pins_modified_at": "2026-01-01T00:00:00Z",
                "pin_count": 0,
                "follower_count": 0,
                "collaborator_count": 0,
                "is_ads_only": False,
            }
            sb.store.put("board", ident, doc)
            ids.append(ident)
    return ids


def _calls(sb: Sandbox, ids: list[str], n: int) -> dict[str, Callable[[int], Any]]:
    """The six calls timed, bound to one filled sandbox."""
    rng = random.Random(n)
    app, store = sb.app, sb.store

    def store_put(i: int) -> None:
        ident = store.next_id()
        store.put(
            "board",
            ident,
            {"id": ident, "name": f"new {n} {i}", "privacy": "PUBLIC", "owner": {"username": "sandbox_user"}},
        )

    def store_get(i: int) -> None:
        assert store.get("board", rng.choice(ids)) is not None

    def store_find(i: int) -> None:
        assert len(store.find("board", {"privacy": "SECRET"}, limit=26)) == 26

    def app_create(i: int) -> None:
        body = json.dumps({"name": f"app {n} {i}"}).encode()
        assert app.handle("POST", "/v5/boards", H, body).status == 200

    def app_get(i: int) -> None:
        assert app.handle("GET", f"/v5/boards/{rng.choice(ids)}", H, b"").status == 200

    def app_list(i: int) -> None:
        assert app.handle("GET", "/v5/boards?privacy=SECRET&page_size=25", H, b"").status == 200

    return {
        "store put": store_put,
        "store get": store_get,
        "store find (indexed)": store_find,
        "POST /boards": app_create,
        "GET /boards/{id}": app_get,
        "GET /boards?privacy=SECRET": app_list,
    }


def measure(sizes: tuple[int, ...], repeat: int, budget: float = 10.0) -> dict[int, dict[str, float]]:
    """Median microseconds per call, per size and call name.

    Every size's sandbox is filled first and stays open; then, call by call, the sizes take turns
    sample by sample (the order alternating), so a slow spell of a shared machine lands on the small
    and the large store alike. Timed one size after the other, a spell during one block showed up as
    a 0.5x or a 1.6x "ratio" from run to run."""
    boxes = {}
    for n in sizes:
        sb = Sandbox()
        boxes[n] = (sb, _calls(sb, _fill(sb, n), n))
    names = list(boxes[sizes[0]][1])
    out: dict[int, dict[str, float]] = {n: {} for n in sizes}
    for name in names:
        fns = [(n, boxes[n][1][name]) for n in sizes]
        for _, fn in fns:
            fn(-1)  # warm caches (validators, routes)
        samples: dict[int, list[float]] = {n: [] for n in sizes}
        began = time.perf_counter()
        for i in range(repeat):
            for n, fn in fns if i % 2 == 0 else reversed(fns):
                start = time.perf_counter()
                fn(i)
                samples[n].append(time.perf_counter() - start)
            if i >= 5 and time.perf_counter() - began > budget:
                break
        for n in sizes:
            out[n][name] = statistics.median(samples[n]) * 1e6
    for sb, _ in boxes.values():
        sb.close()
    return out


# The three app-level calls the harness reads, by their JSON key.
_APP_CALLS = {"create": "POST /boards", "get": "GET /boards/{id}", "list": "GET /boards?privacy=SECRET"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100, help="stored boards in the baseline run")
    parser.add_argument("--large", type=int, default=100_000, help="stored boards in the scaled run")
    parser.add_argument("--repeat", type=int, default=200, help="calls per measurement (median taken)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args(argv)
    small, large = args.small, args.large
    if not 0 < small < large:
        parser.error("--small and --large must be positive, with --small below --large")
    results = measure((small, large), args.repeat)
    table = [f"{'call':32} {f'N={small:,} (us)':>16} {f'N={large:,} (us)':>16} {'ratio':>8}"]
    for name in results[small]:
        a, b = results[small][name], results[large][name]
        table.append(f"{name:32} {a:16.1f} {b:16.1f} {b / a:7.2f}x")
    print("\n".join(table), file=sys.stderr)
    summary: dict[str, Any] = {"small": small, "large": large}
    for key, name in _APP_CALLS.items():
        a, b = results[small][name], results[large][name]
        summary[key] = {"small_us": round(a, 1), "large_us": round(b, 1), "ratio": round(b / a, 3)}
    if args.json:
        every = {str(n): r for n, r in results.items()}
        args.json.write_text(json.dumps({**summary, "all": every}, indent=2) + "\n")
    print(json.dumps(summary))  # the last stdout line: what the harness reads
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
