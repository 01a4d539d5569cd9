"""The served sandbox against the benchmark's raw stub server: requests/s with 32 concurrent clients.

    python benchmarks/sandbox_http.py [--threads 32] [--seconds 8]

Both servers run in their own process (``python benchmarks/stub.py`` and ``python -m
pinterest_rest.sandbox --seed demo``); 32 threads, each with its own keep-alive urllib3 connection,
send ``GET /v5/boards/{id}`` for ``--seconds`` and count 200 answers. Prints both rates and the
ratio (target: the sandbox >= 0.5x the stub, issue 17 item 5). Client and servers share the machine's
cores, as in the main benchmark.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import urllib3

HERE = Path(__file__).resolve().parent
AUTH = {"Authorization": "Bearer sandbox-token"}


def _rate(base: str, board_id: str, threads: int, seconds: float) -> float:
    counts = [0] * threads
    stop = time.monotonic() + seconds
    start_line = threading.Barrier(threads + 1)

    def work(n: int) -> None:
        pool = urllib3.HTTPConnectionPool(
            base.split("//")[1].split(":")[0], int(base.rsplit(":", 1)[1].split("/")[0]), maxsize=1
        )
        start_line.wait()
        while time.monotonic() < stop:
            answer = pool.request("GET", f"/v5/boards/{board_id}", headers=AUTH)
            if answer.status == 200:
                counts[n] += 1
        pool.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    began = time.monotonic()
    start_line.wait()
    for w in workers:
        w.join()
    return sum(counts) / (time.monotonic() - began)


def _start(command: list[str], marker: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if marker not in line:
        proc.kill()
        raise RuntimeError(f"{command[1]} did not start: {line!r}")
    return proc, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args(argv)

    stub, line = _start([sys.executable, "stub.py", "--campaigns", "150"], "PORT")
    stub_base = f"http://127.0.0.1:{line.split()[1]}"
    try:
        stub_rps = _rate(stub_base, "549755885175", args.threads, args.seconds)
    finally:
        stub.terminate()
        stub.wait(10)

    sandbox, line = _start(
        [sys.executable, "-m", "pinterest_rest.sandbox", "--seed", "demo", "--port", "0"], "Pinterest sandbox on"
    )
    base = line.split()[3].removesuffix("/v5")
    try:
        boards = json.loads(urllib3.request("GET", base + "/v5/boards", headers=AUTH).data)
        sandbox_rps = _rate(base, boards["items"][0]["id"], args.threads, args.seconds)
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    print(f"raw stub      {stub_rps:9.0f} requests/s")
    print(f"sandbox HTTP  {sandbox_rps:9.0f} requests/s")
    print(f"ratio         {sandbox_rps / stub_rps:9.2f}x  (target >= 0.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
