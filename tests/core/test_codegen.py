"""The generator: deterministic, in sync with the committed files, and skips cleanly without a spec."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
try:
    from tools.codegen.spec import spec_path
finally:
    sys.path.remove(str(ROOT))
SPEC = spec_path()  # what the generator reads: PINTEREST_OPENAPI_SPEC, else ../shared/pinterest-api/


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tools.codegen", *args], cwd=ROOT, capture_output=True, text=True)


def test_check_skips_without_spec(tmp_path: Path) -> None:
    result = run("--check", "--spec", str(tmp_path / "missing.json"))
    assert result.returncode == 0
    assert "drift check skipped" in result.stdout


@pytest.mark.skipif(not SPEC.exists(), reason=f"spec not found at {SPEC}")
def test_committed_output_matches_spec_and_is_deterministic() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from tools.codegen.__main__ import render
        from tools.codegen.spec import Spec
    finally:
        sys.path.remove(str(ROOT))
    first = render(Spec.load(SPEC))
    second = render(Spec.load(SPEC))
    assert first == second
    stale = [str(p) for p, text in first.items() if (ROOT / p).read_text("utf-8") != text]
    assert stale == [], "run `python -m tools.codegen`"


SYNTHETIC = Path(__file__).with_name("synthetic_openapi.json")
GENERATED = ("resources", "models", "_accessors.py", "_data/schemas.json")

SMOKE = """
import warnings
import pinterest_rest
from pinterest_rest import Pinterest, _registry
from pinterest_rest._transport.mock import MockTransport

assert pinterest_rest.__file__.startswith({root!r}), pinterest_rest.__file__
assert _registry.SPEC_VERSION == "9.9.9"
assert list(_registry.INDEX) == ["boards/list", "boards/get", "ad_groups/get", "widgets/create"]

def answer(request):
    if request.url.endswith("/widgets"):
        return 200, {{"id": "w1", "name": "gadget", "size": 3}}
    if "/ad_groups/" in request.url:
        return 200, {{"id": "g1", "status": "ACTIVE"}}
    if request.url.split("?")[0].endswith("/boards"):
        return 200, {{"items": [{{"id": "1", "name": "b", "privacy": "FRIENDS_ONLY"}}], "bookmark": None}}
    return 200, {{"id": "1", "name": "b", "privacy": "FRIENDS_ONLY"}}

transport = MockTransport(answer)
client = Pinterest("t", base_url="http://api.test/v5", transport=transport)
widget = client.widgets.create(name="gadget", size=3)  # the added operation
assert (widget.id, widget.size) == ("w1", 3)
assert transport.requests[-1].method == "POST"
board = client.boards.get("1")
assert board.privacy == "FRIENDS_ONLY"
from pinterest_rest.models import Board
assert "FRIENDS_ONLY" in Board.__annotations__["privacy"]  # the new enum value
assert [b.name for b in client.boards.list()] == ["b"]
size = _registry.get("widgets/create").params[-1]
assert (size.name, size.minimum, size.maximum) == ("size", 1, 10)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from pinterest_rest.models import AdGroup, AdGroupResponse  # the renamed schema, old name kept
assert AdGroupResponse is AdGroup
assert [str(w.message) for w in caught if w.category is DeprecationWarning] == [
    "pinterest_rest.models.AdGroupResponse is deprecated: the API spec renamed it AdGroup"
]
assert client.ad_groups.get("1", "2").id == "g1"
print("synthetic ok")
"""


def test_synthetic_spec_regenerates_imports_and_works(tmp_path: Path) -> None:
    """A newer spec (an added operation, a renamed schema, a new enum value) regenerates with no hand
    edits: the output, laid over a copy of the package, imports and answers calls."""
    sys.path.insert(0, str(ROOT))
    try:
        from tools.codegen.__main__ import render
        from tools.codegen.spec import Spec
    finally:
        sys.path.remove(str(ROOT))
    package = tmp_path / "pinterest_rest"
    shutil.copytree(ROOT / "src" / "pinterest_rest", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in GENERATED:
        target = package / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for stale in (package / "_registry").glob("*.py"):
        if stale.name != "__init__.py":
            stale.unlink()
    for rel, text in render(Spec.load(SYNTHETIC)).items():
        if rel.parts[:2] == ("src", "pinterest_rest"):
            out = package.joinpath(*rel.parts[2:])
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", SMOKE.format(root=str(package))], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "synthetic ok" in result.stdout


def test_spec_path_environment_variable_is_honoured(tmp_path: Path) -> None:
    env = {**os.environ, "PINTEREST_OPENAPI_SPEC": str(SYNTHETIC)}
    result = subprocess.run(
        [sys.executable, "-m", "tools.codegen", "--check"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1 and "out of date" in result.stdout  # it read the synthetic spec
    probe = subprocess.run(
        [sys.executable, "-c", "from tests.core.test_codegen import SPEC; print(SPEC)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert probe.stdout.strip() == str(SYNTHETIC)
