"""Start-up of the CLI against ``import pinterest_rest`` (targets: --help <= 1.5x, boards list --help <= 1.2x). Not a test.

    python tests/cli/startup_bench.py [rounds]

Runs each command in a fresh interpreter, interleaved, with bytecode caching on (as installed
packages have it); prints median and minimum wall times and the ratios.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = tempfile.mkdtemp()
    env.update({"PYTHONPYCACHEPREFIX": os.path.join(tmp, "pyc"), "PINTEREST_CACHE_DIR": os.path.join(tmp, "cache")})
    exe = sys.executable
    script = shutil.which("pinterest", path=os.path.dirname(exe)) or "pinterest"
    commands = {
        "python -c 'import pinterest_rest'": [exe, "-c", "import pinterest_rest"],
        "pinterest --help": [script, "--help"],
        "pinterest boards list --help": [script, "boards", "list", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(3):  # warm: bytecode
        for argv in commands.values():
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    for _ in range(rounds):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base_med = statistics.median(times["python -c 'import pinterest_rest'"])
    base_min = min(times["python -c 'import pinterest_rest'"])
    for name, xs in times.items():
        med, low = statistics.median(xs), min(xs)
        print(
            f"{name:36} median {med * 1e3:6.1f} ms ({med / base_med:.2f}x)   min {low * 1e3:6.1f} ms ({low / base_min:.2f}x)"
        )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
