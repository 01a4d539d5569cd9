"""The typing suite: ``assert_type`` expectations for the main calls, under mypy and pyright.

``check_*.py`` beside this file hold ``assert_type`` expectations for the main calls (in the spirit
of typeshed's test cases); they are never run, only type-checked. Both checkers run once over every
file (``mypy --strict`` and ``pyright``, strict mode for the expectation files), and each file is then
one test case that passes only with zero errors from both.

The README's and docs' code blocks and ``examples/`` are type-checked by both checkers too, in
``tests/docs/`` (each block with its page's setup in front, errors reported at Markdown lines).

The same commands, for a CI gate outside pytest:
    .venv/bin/mypy --strict tests/typing/check_*.py examples
    .venv/bin/pyright --pythonpath .venv/bin/python tests/typing/check_*.py examples
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYRIGHT = Path(sys.executable).with_name("pyright")
MYPY = Path(sys.executable).with_name("mypy")
QUIET = ("--no-error-summary", "--show-absolute-path")

# Files whose expectations are right but whose subject is not typed yet: each reason names the fix.
# strict xfail: once the fix lands the test passes, fails as XPASS, and the entry must go.
PENDING: dict[str, str] = {}


def cases() -> list[str]:
    return [p.name for p in sorted(HERE.glob("check_*.py"))]


@pytest.fixture(scope="module")
def errors() -> dict[str, list[str]]:
    """File name (as in ``cases()``) -> every error either checker reported in it."""
    if not PYRIGHT.exists() or not MYPY.exists():
        pytest.skip("mypy and pyright come with the dev extra: pip install -e '.[dev]'")
    cache = ROOT / ".pytest_cache" / "typing-mypy"
    paths: dict[Path, str] = {p: p.name for p in sorted(HERE.glob("check_*.py"))}
    found: dict[str, list[str]] = {name: [] for name in paths.values()}
    files = [str(p) for p in paths]
    by_path = {str(p.resolve()): name for p, name in paths.items()}

    mypy = subprocess.run(
        [str(MYPY), "--strict", "--cache-dir", str(cache), *QUIET, *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    for line in mypy.stdout.splitlines():
        match = re.match(r"^(.*?\.py):\d+: error: ", line)
        if match and str(Path(match.group(1)).resolve()) in by_path:
            found[by_path[str(Path(match.group(1)).resolve())]].append(f"mypy: {line}")

    pyright = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", sys.executable, "--pythonversion", "3.10", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    report = json.loads(pyright.stdout)
    for diag in report["generalDiagnostics"]:
        if diag["severity"] == "error":
            name: str = by_path.get(str(Path(diag["file"]).resolve())) or diag["file"]
            found.setdefault(name, []).append(
                f"pyright: {name}:{diag['range']['start']['line'] + 1}: {diag['message']}"
            )
    return found


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=PENDING[Path(name).name], strict=True))
        if Path(name).name in PENDING
        else name
        for name in cases()
    ],
)
def test_type_checks_clean(name: str, errors: dict[str, list[str]]) -> None:
    assert errors[name] == [], "\n".join(errors[name])


def test_the_expectations_are_checked_at_all(errors: dict[str, list[str]], tmp_path: Path) -> None:
    """A wrong expectation must fail: the suite is not vacuous."""
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from typing_extensions import assert_type\n"
        "from pinterest_rest import Pinterest\n"
        "from pinterest_rest.models import Pin\n"
        "def f(client: Pinterest) -> None:\n"
        "    assert_type(client.boards.get('1'), Pin)\n",
        encoding="utf-8",
    )
    mypy = subprocess.run([str(MYPY), "--strict", str(wrong)], capture_output=True, text=True, cwd=ROOT)
    assert 'Expression is of type "Board", not "Pin"' in mypy.stdout
    pyright = subprocess.run(
        [str(PYRIGHT), "--pythonpath", sys.executable, str(wrong)], capture_output=True, text=True, cwd=ROOT
    )
    assert "assert_type" in pyright.stdout and pyright.returncode != 0
