"""Start-up of the CLI against ``import pinterest_rest`` (targets: --help <= 1.5x, boards list --help
<= 1.2x, whole-process medians). Not a test.

    python tests/cli/startup_bench.py [rounds]

Runs each command in a fresh interpreter, interleaved, with bytecode caching on (as installed
packages have it); prints median and minimum wall times and the ratios, and the same for the
processes' CPU time (user + system), which a busy machine distorts far less than wall time.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = tempfile.mkdtemp()
    env.update({"PYTHONPYCACHEPREFIX": os.path.join(tmp, "pyc"), "PINTEREST_CONFIG_DIR": os.path.join(tmp, "config")})
    exe = sys.executable
    script = shutil.which("pinterest", path=os.path.dirname(exe)) or "pinterest"
    commands = {
        "python -c 'import pinterest_rest'": [exe, "-c", "import pinterest_rest"],
        "pinterest --help": [script, "--help"],
        "pinterest boards list --help": [script, "boards", "list", "--help"],
    }
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(3):  # warm: bytecode
        for argv in commands.values():
            _run(argv, env)
    for _ in range(rounds):
        for name, argv in commands.items():
            w, c = _run(argv, env)
            wall[name].append(w)
            cpu[name].append(c)
    base = "python -c 'import pinterest_rest'"
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, {rounds} rounds")
    for label, times in (("wall", wall), ("cpu", cpu)):
        base_med, base_min = statistics.median(times[base]), min(times[base])
        for name, xs in times.items():
            med, low = statistics.median(xs), min(xs)
            print(
                f"{label:4} {name:36} median {med * 1e3:6.1f} ms ({med / base_med:.2f}x)"
                f"   min {low * 1e3:6.1f} ms ({low / base_min:.2f}x)"
            )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
