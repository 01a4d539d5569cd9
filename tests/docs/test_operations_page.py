"""docs/operations.md lists every operation and every hand-written method mixed into a resource."""

from __future__ import annotations

import importlib
import inspect

from tools.codegen.extensions import EXTENSIONS
from tools.codegen.naming import class_name

from pinterest_rest._registry import OPERATIONS

from .blocks import ROOT

PAGE = (ROOT / "docs" / "operations.md").read_text("utf-8")


def test_every_operation_has_a_row() -> None:
    rows = [line for line in PAGE.splitlines() if line.startswith("| `") and "client." in line]
    assert len([r for r in rows if r.split("`")[1].split()[0] in {"GET", "POST", "PATCH", "PUT", "DELETE"}]) == len(
        OPERATIONS
    )


def test_every_hand_written_method_is_listed_with_its_docstring() -> None:
    listed = 0
    for resource, module_name in EXTENSIONS.items():
        module = importlib.import_module(f"pinterest_rest.{module_name}")
        mixin = getattr(module, f"{class_name(resource)}Extras")
        for name, fn in inspect.getmembers(mixin, inspect.isfunction):
            if name.startswith("_"):
                continue
            assert f"`client.{resource}.{name}(" in PAGE, f"{resource}.{name} is missing from docs/operations.md"
            first_sentence = " ".join(inspect.getdoc(fn).split())[:40]  # type: ignore[union-attr]
            assert first_sentence in " ".join(PAGE.split()), f"{resource}.{name}'s docstring is not shown"
            listed += 1
    assert listed >= 2  # media.upload and pins.create_video_pin at least


def test_api_reference_covers_every_resource_module() -> None:
    page = (ROOT / "docs" / "api" / "resources.md").read_text("utf-8")
    # public modules only: ``_raw_<resource>.py`` are type-only protocols for ``with_raw_response``
    modules = sorted(p.stem for p in (ROOT / "src" / "pinterest_rest" / "resources").glob("*.py") if p.stem[0] != "_")
    missing = [m for m in modules if f"::: pinterest_rest.resources.{m}\n" not in page]
    assert not missing, f"docs/api/resources.md lacks {missing}"
