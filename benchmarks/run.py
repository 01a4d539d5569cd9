"""One command for the whole benchmark: `python benchmarks/run.py [--quick] [--only TASK] [--repeat N]`.

Sets up the venvs (envs.py), starts the loopback stub (stub.py), runs every contender's worker in a
fresh process per task and repetition (workers/harness.py), measures start-up (measure.py) and
writes results.json + RESULTS.md (report.py). Only a full run (no --quick/--only) writes
benchmarks/RESULTS.md; the others write RESULTS.partial.md (gitignored) unless --out is given.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import contenders as C  # noqa: E402
import envs as E  # noqa: E402
import instructions  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import targets as T  # noqa: E402

HARNESS = HERE / "workers" / "harness.py"
WORKER_TIMEOUT = 900


def log(msg: str) -> None:
    print(f"[run {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Stub:
    def __init__(self, campaigns: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "stub.py"), "--campaigns", str(campaigns)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            raise RuntimeError(f"stub did not start: {line}")
        self.port = int(line[1])
        self.base = f"http://127.0.0.1:{self.port}/v5"

    def stats(self) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", "/__stats")
        data = json.loads(conn.getresponse().read())
        conn.close()
        return data

    def stop(self) -> None:
        self.proc.stdin.close()
        self.proc.terminate()
        self.proc.wait(10)


def run_worker(python: Path, adapter: str, task: str, args: dict, stub: Stub, cwd: Path) -> dict:
    cmd = [str(python), str(HARNESS), adapter, task, "--base", stub.base]
    if args.get("profile"):
        args = {k: v for k, v in args.items() if k != "profile"}
        cmd += ["--profile", str(cwd / "profile.txt")]
    for k, v in args.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    before = stub.stats()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=measure.clean_env(), capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    wall = time.perf_counter() - t0
    after = stub.stats()
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or ["(no output)"]
        return {"error": lines[-1][:300]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    busy = result.get("wall_s") or wall
    result["process_wall_s"] = wall
    result["connections"] = after["connections"] - before["connections"]
    result["requests"] = after["requests"] - before["requests"]
    # The stub's CPU over the worker's measured interval is at most its CPU over the whole process.
    result["stub_cpu_share"] = (after["cpu"] - before["cpu"]) / busy if busy else None
    return result


def _json_script(python: Path, argv: list[str], cwd: Path) -> dict:
    proc = subprocess.run(
        [str(python), *argv], cwd=cwd, env=measure.clean_env(), capture_output=True, text=True, timeout=WORKER_TIMEOUT
    )
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or ["(no output)"]
        return {"error": lines[-1][:300]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_sandbox(python: Path, stub: Stub, cwd: Path, quick: bool) -> dict:
    """The sandbox's two rows: cost at 100 vs 100,000 stored objects, and HTTP throughput vs the stub."""
    scale = ["--small", "100", "--large", "1000"] if quick else []
    n = ["--n", "300"] if quick else []
    return {
        "scale": _json_script(python, [str(HERE / "sandbox_scale.py"), *scale], cwd),
        "http": _json_script(python, [str(HERE / "sandbox_http.py"), "--stub-base", stub.base, *n], cwd),
    }


def profile_misses(results: dict, envs: dict, stub: Stub, cwd: Path, quick: bool) -> dict[str, str]:
    """For each missed target of pinterest-rest, one profiled run of the task behind it."""
    out: dict[str, str] = {}
    env = envs["pinterest-rest"]
    for task_title, _target, _measured, _ratio, ok in T.evaluate(results):
        spec = T.PROFILE_FOR.get(task_title)
        if ok is not False or spec is None or task_title in out or not env.ok:
            continue
        log(f"profiling missed target: {task_title}")
        if spec[0] == "importtime":
            out[task_title] = measure.importtime(env.python, spec[1], cwd)
            continue
        contender, task = C.BY_NAME[spec[1]], C.BY_TASK[spec[2]]
        task_args = dict(task.quick if quick else task.args, profile=True)
        res = run_worker(env.python, contender.adapter, task.name, task_args, stub, cwd)
        text = (cwd / "profile.txt").read_text() if "error" not in res else res["error"]
        out[task_title] = f"{contender.name}, task {task.name}, under cProfile:\n{text}"
    return out


def run_instructions(envs: dict, stub: Stub, cwd: Path, quick: bool) -> dict:
    """Instruction counts of the start-up and stream comparisons (instructions.py), or why not."""
    why = instructions.unavailable()
    if why:
        return {"error": why}
    python = envs["pinterest-rest"].python
    out: dict = {}
    try:
        out["cold_start"] = instructions.cold_start(python, stub.base, cwd)
        out["cli"] = {
            "pinterest " + " ".join(a): instructions.cli(python, a, cwd) for a in (["boards", "list", "--help"],)
        }
        total = 1000 if quick else 10_000
        out["stream"] = {"total": total}
        for name in (T.OURS_SYNC, "raw urllib3"):
            # raw urllib3 runs in pinterest-rest's venv, as in the cold start: the same urllib3.
            out["stream"][name] = instructions.stream(python, C.BY_NAME[name].adapter, stub.base, total, cwd)
        # Per call: (n0, n1) calls, the difference over n1 - n0 (raw aiohttp: the same aiohttp).
        n = (5, 55) if quick else (40, 540)
        pairs = {
            "get_board": ("raw urllib3", {}),
            "list_boards": ("raw urllib3", {}),
            "create_pin": ("raw urllib3", {}),
        }
        pairs["tasks"] = ("raw aiohttp", {"workers": 32})
        out["per_call"] = {}
        for task, (baseline, extra) in pairs.items():
            ours = T.OURS_ASYNC if task == "tasks" else T.OURS_SYNC
            # 32 tasks: both counts past the 32 connections the first gather opens, so those cancel too.
            n_task = ((64, 192) if quick else (64, 704)) if task == "tasks" else n
            out["per_call"][task] = {
                who: instructions.per_call(python, C.BY_NAME[who].adapter, task, stub.base, n_task, cwd, **extra)
                for who in (ours, baseline)
            }
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        out["error"] = str(e)[:300]
    return out


def draw_chart(json_path: Path, png: Path) -> str | None:
    """RESULTS.png from the plot venv (matplotlib lives there, never in the package's deps)."""
    env = E.ensure("plot", ["matplotlib"])
    if not env.ok:
        log(f"no chart: {env.reason}")
        return None
    proc = subprocess.run(
        [str(env.python), str(HERE / "chart.py"), str(json_path), str(png)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        log(f"no chart: {proc.stderr.strip().splitlines()[-1:]}")
        return None
    return png.name


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_at_start": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the pinterest-rest benchmarks.")
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test of the harness")
    parser.add_argument("--only", action="append", help="task name, 'imports' or 'cli' (repeatable)")
    parser.add_argument("--repeat", type=int, default=9, help="runs per timed task (default 9; existing clients 3)")
    parser.add_argument("--pairs", type=int, default=None, help="paired runs per import/CLI timing")
    parser.add_argument("--contender", action="append", help="limit to these contenders (by name)")
    parser.add_argument("--worktree", action="store_true", help="install pinterest-rest from the work tree")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    partial = args.quick or bool(args.only) or bool(args.contender)
    out = args.out or HERE / ("RESULTS.partial.md" if partial else "RESULTS.md")
    pairs = args.pairs or (3 if args.quick else 25)  # medians of 25 pairs: start-up times swing ±20% run to run here
    wanted = set(args.only or [t.name for t in C.TASKS] + ["imports", "cli", "cold_start", "instructions", "sandbox"])
    who = [c for c in C.CONTENDERS if not args.contender or c.name in args.contender]
    started = time.time()

    envs, versions, source = E.setup(args.worktree)
    for name, env in envs.items():
        if not env.ok:
            log(f"venv {name} unavailable: {env.reason}")
    results: dict = {
        "meta": {
            "command": "python benchmarks/run.py " + shlex.join(argv if argv is not None else sys.argv[1:]),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "machine": machine(),
            "pinterest_rest_source": source,
            "versions": versions,
            "quick": args.quick,
            "repeat": args.repeat,
            "pairs": pairs,
        },
        "unavailable": {name: env.reason for name, env in envs.items() if not env.ok},
        "tasks": {},
        "imports": {},
        "cli": {},
    }
    cwd = measure.empty_cwd()
    total = C.BY_TASK["campaigns_stream"].quick["total"] if args.quick else 10_000
    stub = Stub(total)
    log(f"stub on port {stub.port}; pinterest-rest from {source or 'unavailable'}")
    try:
        tasks = [t for t in C.TASKS if t.name in wanted]
        failed: set[tuple[str, str]] = set()
        for rep in range(args.repeat):
            for task in tasks:
                if not task.repeat and rep > 0:
                    continue
                # The contenders' order rotates from round to round, so no contender always runs
                # right after the same neighbour (or first, on a cold machine).
                for c in who[rep % len(who) :] + who[: rep % len(who)]:
                    env = envs[c.venv]
                    if not C.runs_task(c, task) or not env.ok or (task.name, c.name) in failed:
                        continue
                    if c.kind == "existing" and rep >= C.EXISTING_MAX_REPEAT:
                        continue
                    task_args = dict(task.quick if args.quick else task.args)
                    if task.name.startswith("campaigns"):
                        task_args.setdefault("total", total)
                    res = run_worker(env.python, c.adapter, task.name, task_args, stub, cwd)
                    slot = results["tasks"].setdefault(task.name, {}).setdefault(c.name, [])
                    slot.append(res)
                    if "error" in res:
                        failed.add((task.name, c.name))
                        log(f"{task.name} / {c.name}: FAILED {res['error']}")
                    else:
                        log(f"{task.name} / {c.name} (run {rep + 1}): {report.brief(task.name, res)}")
        if "imports" in wanted:
            for venv, stmts in C.IMPORTS.items():
                env = envs[venv]
                if not env.ok:
                    continue
                for label, stmt in stmts.items():
                    try:
                        res = measure.import_time(env.python, stmt, pairs, cwd)
                    except RuntimeError as e:
                        res = {"error": str(e)[:300]}
                    results["imports"][label] = {"venv": venv, **res}
                    log(f"import {label}: {res.get('diff_median_ms', res.get('error'))}")
        if "cli" in wanted and envs["pinterest-rest"].ok:
            for argv_ in (["--help"], ["boards", "list", "--help"]):
                label = "pinterest " + " ".join(argv_)
                results["cli"][label] = measure.cli_time(envs["pinterest-rest"].python, argv_, pairs, cwd)
                log(f"cli {label}: {results['cli'][label]}")
        if "cold_start" in wanted and envs["pinterest-rest"].ok:
            results["cold_start"] = measure.cold_start(envs["pinterest-rest"].python, stub.base, pairs, cwd)
            log(f"cold start: {results['cold_start']}")
        if "instructions" in wanted and envs["pinterest-rest"].ok:
            results["instructions"] = run_instructions(envs, stub, cwd, args.quick)
            log(f"instructions: {results['instructions']}")
        if "sandbox" in wanted and envs["pinterest-rest"].ok:
            results["sandbox"] = run_sandbox(envs["pinterest-rest"].python, stub, cwd, args.quick)
            log(f"sandbox: {results['sandbox']}")
        results["profiles"] = profile_misses(results, envs, stub, cwd, args.quick)
    finally:
        stub.stop()
    results["meta"]["duration_s"] = time.time() - started
    json_out = out.with_suffix(".json")
    json_out.write_text(json.dumps(results, indent=1, sort_keys=True))
    results["chart"] = draw_chart(json_out, out.with_suffix(".png"))
    if results["chart"]:
        json_out.write_text(json.dumps(results, indent=1, sort_keys=True))
    out.write_text(report.render(results))
    log(f"wrote {out} and {json_out} in {results['meta']['duration_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
