"""The typing suite: expectation files, examples and documentation snippets, under mypy and pyright.

``check_*.py`` beside this file hold ``assert_type`` expectations for the main calls (in the spirit
of typeshed's test cases); they are never run, only type-checked. Both checkers run once over every
file (``mypy --strict`` and ``pyright``, strict mode for the expectation files), and each file is then
one test case that passes only with zero errors from both.

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
PENDING: dict[str, str] = {
    "README_2.py": "README block uses names it never defines (Pinterest import, app, board, ad_account_id, ts)",
    "README_3.py": "README block defines an unannotated function (mypy --strict: no-untyped-def)",
    "cli_0.py": "docs/cli.md block passes `...` placeholders to main()",
    "retries_0.py": "docs/retries.md block uses Pinterest without importing it",
    "sandbox_1.py": "docs/sandbox.md block calls publish_three_pins, defined nowhere, from an unannotated test",
}


def snippets() -> dict[str, str]:
    """``<doc>_<n>.py`` -> the n-th ```python block of README.md and docs/*.md."""
    out: dict[str, str] = {}
    for md in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blocks = re.findall(r"^```python\n(.*?)^```", md.read_text("utf-8"), re.S | re.M)
        for i, block in enumerate(blocks):
            out[f"{md.stem}_{i}.py"] = block
    return out


def cases() -> list[str]:
    files = [p.name for p in sorted(HERE.glob("check_*.py"))]
    files += [f"examples/{p.name}" for p in sorted((ROOT / "examples").glob("*.py"))]
    return files + sorted(snippets())


@pytest.fixture(scope="module")
def errors() -> dict[str, list[str]]:
    """File name (as in ``cases()``) -> every error either checker reported in it."""
    if not PYRIGHT.exists() or not MYPY.exists():
        pytest.skip("mypy and pyright come with the dev extra: pip install -e '.[dev]'")
    # A fixed folder, not a fresh temp dir: mypy's cache keys these top-level modules by name, and a
    # moved file would be reported under its old path.
    docs = ROOT / ".pytest_cache" / "doc-snippets"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.py"):
        old.unlink()
    for name, code in snippets().items():
        (docs / name).write_text(code, encoding="utf-8")
    paths: dict[Path, str] = {p: p.name for p in sorted(HERE.glob("check_*.py"))}
    paths.update({p: f"examples/{p.name}" for p in sorted((ROOT / "examples").glob("*.py"))})
    paths.update({p: p.name for p in sorted(docs.glob("*.py"))})
    found: dict[str, list[str]] = {name: [] for name in paths.values()}
    files = [str(p) for p in paths]
    by_path = {str(p.resolve()): name for p, name in paths.items()}

    mypy = subprocess.run(
        [str(MYPY), "--strict", "--cache-dir", str(docs.parent / "doc-snippets-mypy"), *QUIET, *files],
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
            name = by_path.get(str(Path(diag["file"]).resolve()), diag["file"])
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
