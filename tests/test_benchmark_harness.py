"""Checks the benchmark harness itself (benchmarks/), quickly, offline, without its venvs.

Never asserts a timing: only that the stub answers with Pinterest's shapes and pages correctly,
that a worker runs and checks its answers, and that the report computes ratios and ✓/✗ right.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import fixtures  # noqa: E402
import report  # noqa: E402
import stub  # noqa: E402
import targets  # noqa: E402

CAMPAIGNS = 250


@pytest.fixture(scope="module")
def server():
    port, api, stop = stub.start_in_thread(campaigns=CAMPAIGNS)
    yield port, api
    stop()


def _call(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    data = None if body is None else json.dumps(body).encode()
    conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    out = r.status, json.loads(r.read())
    conn.close()
    return out


def test_stub_board_and_board_pages(server):
    port, _ = server
    status, board = _call(port, "GET", "/v5/boards/123")
    assert status == 200 and board["id"] == "123" and board["owner"] == {"username": "bench_user"}
    status, page = _call(port, "GET", "/v5/boards?page_size=25")
    assert status == 200 and set(page) == {"items", "bookmark"}
    assert len(page["items"]) == 25 and page["bookmark"] == "25"
    _, last = _call(port, "GET", "/v5/boards?page_size=25&bookmark=25")
    assert last["bookmark"] is None and last["items"][-1]["id"] == str(fixtures.BOARD_BASE + 49)


def test_stub_campaign_bookmark_paging(server):
    port, _ = server
    ids, bookmark, pages = [], None, 0
    while True:
        query = "page_size=100" + (f"&bookmark={bookmark}" if bookmark else "")
        status, page = _call(port, "GET", f"/v5/ad_accounts/{fixtures.AD_ACCOUNT}/campaigns?{query}")
        assert status == 200
        ids += [c["id"] for c in page["items"]]
        pages += 1
        bookmark = page["bookmark"]
        if bookmark is None:
            break
    assert pages == 3 and len(ids) == CAMPAIGNS == len(set(ids))
    assert ids[-1] == str(fixtures.CAMPAIGN_BASE + CAMPAIGNS - 1)
    _, small = _call(port, "GET", f"/v5/ad_accounts/{fixtures.SMALL_AD_ACCOUNT}/campaigns?page_size=250")
    assert len(small["items"]) == fixtures.SMALL_ACCOUNT_CAMPAIGNS


def test_stub_pins_errors_and_stats(server):
    port, api = server
    before = api.stats.connections
    status, pin = _call(
        port, "POST", "/v5/pins", {"board_id": "7", "title": "hi", "media_source": {"source_type": "image_url"}}
    )
    assert status == 201 and pin["board_id"] == "7" and pin["title"] == "hi"
    assert _call(port, "GET", f"/v5/pins/{pin['id']}") == (200, pin)
    status, err = _call(port, "POST", "/v5/pins", {"title": "no board"})
    assert status == 400 and set(err) == {"code", "message"}
    assert _call(port, "GET", "/v5/nope")[0] == 404
    assert _call(port, "GET", "/v5/boards?page_size=0")[0] == 400
    _, stats = _call(port, "GET", "/__stats")
    assert stats["connections"] == before + 5  # the stats probe itself is not counted


def _worker(port: int, adapter: str, task: str, *args: str, extra_path: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PINTEREST_")}
    paths = [p for p in (extra_path, str(BENCH.parent / "src"), env.get("PYTHONPATH", "")) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    cmd = [
        sys.executable,
        str(BENCH / "workers" / "harness.py"),
        adapter,
        task,
        "--base",
        f"http://127.0.0.1:{port}/v5",
    ]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize(
    ("task", "args", "key"),
    [
        ("get_board", ["--n", "5"], "cpu_us_per_call"),
        ("create_pin", ["--n", "5"], "p99_us"),
        ("campaigns_stream", ["--total", str(CAMPAIGNS)], "wall_s"),
        ("campaigns_kept_mem", ["--total", str(CAMPAIGNS)], "retained"),
        ("threads", ["--n", "16", "--workers", "4"], "rps"),
    ],
)
def test_worker_quick_stdlib(server, task, args, key):
    port, _ = server
    proc = _worker(port, "raw_httpclient", task, *args)
    assert proc.returncode == 0, proc.stderr
    assert key in json.loads(proc.stdout.splitlines()[-1])


def test_a_timed_stream_run_reports_its_fastest_of_several_checked_walks(server):
    # Each walk's answers are checked (a wrong count or last id fails the worker); the run reports
    # the fastest wall and the least CPU among them, the stream target's figures.
    port, _ = server
    proc = _worker(port, "raw_httpclient", "campaigns_stream", "--total", str(CAMPAIGNS))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.splitlines()[-1])
    assert out["walks"] == 5 and out["n"] == CAMPAIGNS
    assert out["cpu_s"] > 0 and out["wall_s"] > 0
    mem = json.loads(_worker(port, "raw_httpclient", "campaigns_kept_mem", "--total", str(CAMPAIGNS)).stdout)
    assert mem["walks"] == 1


def test_worker_quick_pinterest_rest(server):
    pytest.importorskip("urllib3")
    port, _ = server
    proc = _worker(port, "pinterest_rest_sync", "list_boards", "--n", "3")
    if "No module named 'pinterest_rest'" in proc.stderr:
        pytest.skip("pinterest_rest not importable")
    assert proc.returncode == 0, proc.stderr


def test_worker_fails_on_wrong_answer(server, tmp_path):
    port, _ = server
    (tmp_path / "liar.py").write_text(
        "from raw_httpclient import *\nfrom raw_httpclient import get_board as _get\n"
        "def get_board(c, board_id):\n    return {**_get(c, board_id), 'id': '0'}\n"
    )
    proc = _worker(port, "liar", "get_board", "--n", "3", extra_path=str(tmp_path))
    assert proc.returncode != 0 and "WrongAnswer" in proc.stderr


def _imp(ms: float) -> dict:
    return {"venv": "pinterest-rest", "diff_min_ms": ms, "diff_median_ms": ms, "modules": 3}


def _results(ours_cpu: float, raw_cpu: float) -> dict:
    run = lambda **kw: [{**kw}]  # noqa: E731
    return {
        "meta": {
            "command": "python benchmarks/run.py",
            "date": "today",
            "machine": {"nproc": 2, "cpu": "x", "python": "3", "platform": "p", "loadavg_at_start": [0, 0, 0]},
            "versions": {"raw": {"urllib3": "2"}},
            "repeat": 1,
            "pairs": 1,
        },
        "tasks": {
            "get_board": {
                "pinterest-rest sync": run(cpu_us_per_call=ours_cpu, mean_us=1, p50_us=1, p99_us=1, stub_cpu_share=0.1),
                "raw urllib3": run(cpu_us_per_call=raw_cpu, mean_us=1, p50_us=1, p99_us=1, stub_cpu_share=0.1),
                "pinterest-api-sdk": run(cpu_us_per_call=1000.0, mean_us=1, p50_us=1, p99_us=1, stub_cpu_share=0.1),
                "python-pinterest sync": [{"error": "WrongAnswer: board id"}],
            },
            "tasks": {
                "pinterest-rest async": run(rps=700.0, connections=32, cpu_us_per_call=1, stub_cpu_share=0.5),
                "raw aiohttp": run(rps=1000.0, connections=32, cpu_us_per_call=1, stub_cpu_share=0.5),
            },
        },
        "imports": {
            "import pinterest_rest": {"venv": "pinterest-rest", "diff_min_ms": 1, "diff_median_ms": 11.0, "modules": 3},
            "Pinterest(access_token='x') ready": _imp(12.0),
            "urllib3.PoolManager() ready": _imp(10.0),
            "import urllib3 (its transport)": {
                "venv": "pinterest-rest",
                "diff_min_ms": 1,
                "diff_median_ms": 10.0,
                "modules": 3,
            },
        },
        "cli": {"pinterest --help": {"error": "not available: no `pinterest` console script installed"}},
    }


def test_targets_ratios_and_marks():
    rows = {(r[0], r[1]): r for r in targets.evaluate(_results(ours_cpu=104.0, raw_cpu=100.0))}
    board = rows[("GET one Board, client CPU/call", "≤ 1.05x raw urllib3 + json.loads")]
    assert board[3] == "1.04x" and board[4] is True
    best = rows[("GET one Board, client CPU/call", "≤ 0.6x best existing Pinterest client")]
    assert best[3] == "0.10x" and best[4] is True and "pinterest-api-sdk" in best[2]  # failed runs are ignored
    assert rows[("32 asyncio tasks, one client", "≥ 0.95x raw aiohttp req/s")][3:] == ("0.70x", False)
    assert rows[("`import pinterest_rest`", "≤ 1.2x importing urllib3 alone")][4] is True
    assert rows[("`Pinterest(access_token='x') ready`", "≤ 1.2x urllib3 PoolManager ready")][3:] == ("1.20x", True)
    assert rows[("25-Board page, typed models", "≤ 1.05x raw urllib3 + json.loads")][3:] == ("n/a", None)
    missed = {(r[0], r[1]): r for r in targets.evaluate(_results(ours_cpu=106.0, raw_cpu=100.0))}
    assert missed[("GET one Board, client CPU/call", "≤ 1.05x raw urllib3 + json.loads")][4] is False


def test_new_targets_cold_start_reads_and_sandbox():
    res = _results(ours_cpu=100.0, raw_cpu=100.0)
    res["cold_start"] = {"ours": _imp(60.0), "raw": _imp(50.0)}
    res["tasks"]["field_reads"] = {
        "pinterest-rest sync": [{"ns_per_read": 90.0}],
        "raw urllib3": [{"ns_per_read": 50.0}],
    }
    res["sandbox"] = {
        "scale": {"small": 100, "large": 100_000, "create": {"small_us": 100.0, "large_us": 110.0}},
        "http": {"stub_rps": 1000.0, "sandbox_rps": 400.0, "ratio": 0.4},
    }
    rows = {r[0]: r for r in targets.evaluate(res)}
    assert rows["Cold start: import + client + first GET"][3:] == ("1.20x", False)
    assert rows["Model field read"][3:] == ("1.80x", True)
    assert rows["Sandbox create, 100,000 vs 100 stored"][3:] == ("1.10x", True)
    assert rows["Sandbox get, 100,000 vs 100 stored"][3:] == ("n/a", None)
    assert rows["Sandbox over HTTP, 32 clients"][3:] == ("0.40x", False)


def test_instruction_rows_form_each_ratio_like_their_timed_rows():
    res = _results(ours_cpu=100.0, raw_cpu=100.0)
    res["instructions"] = {
        "cold_start": {"ours": 108_000_000, "raw": 100_000_000, "bare": 38_000_000},
        "cli": {"pinterest boards list --help": {"a": 80_000_000, "b": 100_000_000}},
        "stream": {"total": 10_000, "pinterest-rest sync": 560_000_000, "raw urllib3": 530_000_000},
        "per_call": {
            "get_board": {"pinterest-rest sync": 750_000.0, "raw urllib3": 800_000.0},
            "tasks": {"pinterest-rest async": 400_000.0, "raw aiohttp": 350_000.0},
        },
    }
    rows = {r[0]: r for r in targets.evaluate(res)}
    assert rows["Cold start, instructions"][3:] == ("1.08x", True)
    assert rows["CLI `pinterest boards list --help`, instructions"][3:] == ("1.25x", False)
    assert rows["10,000 campaigns streamed, instructions per walk"][3:] == ("1.06x", False)
    assert rows["GET one Board, instructions/call"][2:] == ("750K vs 800K", "0.94x", True)
    assert rows["32 asyncio tasks, instructions/request"][3:] == ("1.14x", False)
    res["instructions"] = {"error": "valgrind is not installed"}
    rows = {r[0]: r for r in targets.evaluate(res)}
    assert rows["Instructions (valgrind)"][2:] == ("valgrind is not installed", "n/a", None)
    assert "Cold start, instructions" not in {r[0] for r in targets.evaluate(_results(ours_cpu=1.0, raw_cpu=1.0))}


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_instruction_counts_repeat_and_see_the_work(tmp_path):
    import instructions

    # Deterministic to well under the margins the targets test, and more work counts more.
    small = [sys.executable, "-c", "pass"]
    big = [sys.executable, "-c", "sum(range(200000))"]
    a, b = instructions.count(small, tmp_path), instructions.count(small, tmp_path)
    assert abs(a - b) / a < 0.005
    assert instructions.count(big, tmp_path) > a * 1.05
    with pytest.raises(RuntimeError, match="exit 3"):
        instructions.count([sys.executable, "-c", "raise SystemExit(3)"], tmp_path)


@pytest.mark.parametrize(("task", "key"), [("campaigns_kept_read", "read_s"), ("field_reads", "ns_per_read")])
def test_read_tasks_check_answers(server, task, key):
    port, _ = server
    args = ["--total", str(CAMPAIGNS)] if task.startswith("campaigns") else ["--n", "3"]
    proc = _worker(port, "raw_urllib3", task, *args)
    if "No module named 'urllib3'" in proc.stderr:
        pytest.skip("urllib3 not importable")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1])[key] > 0


def test_report_renders_marks_and_failures():
    text = report.render(_results(ours_cpu=131.0, raw_cpu=100.0))
    assert "| ✗ |" in text and "| ✓ |" in text and "| n/a |" in text
    assert "python-pinterest sync" in text and "WrongAnswer" in text
    assert "not available" in text and "1.31x" in text


def test_chart_bars_measure_budget_used_both_directions():
    import chart

    assert chart.budget_used("≤ 1.05x raw urllib3", "1.05x") == 1.0
    assert abs(chart.budget_used("≥ 0.95x raw aiohttp req/s", "0.76x") - 1.25) < 1e-9  # a miss: > 1
    assert chart.budget_used("peak memory rise < 5 MiB", "—") is None
    rows = chart.bars(_results(ours_cpu=131.0, raw_cpu=100.0))
    assert any(label.startswith("GET one Board") and not ok for label, _used, ok in rows)


def test_sandbox_http_times_interleaved_rounds_and_compares_best(server):
    """sandbox_http.py serves the sandbox in a child process and times it against the stub in
    interleaved rounds; the row's ratio is best round over best round (one round each used to
    decide it, and moved between 0.43x and 0.89x with the same code)."""
    pytest.importorskip("aiohttp")
    pytest.importorskip("uvicorn")
    port, _ = server
    argv = ["--stub-base", f"http://127.0.0.1:{port}/v5", "--n", "40", "--workers", "4", "--rounds", "2"]
    proc = subprocess.run(
        [sys.executable, str(BENCH / "sandbox_http.py"), *argv],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.splitlines()[-1])
    assert out["rounds"] == 2 and len(out["stub_runs"]) == 2 and len(out["sandbox_runs"]) == 2
    assert out["stub_rps"] == max(out["stub_runs"]) and out["sandbox_rps"] == max(out["sandbox_runs"])
    assert out["ratio"] == out["sandbox_rps"] / out["stub_rps"]
