"""The handler tables: every key is an operation id, overlaps fail, no import cycle via Context."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pinterest_rest._registry import OPERATIONS
from pinterest_rest.sandbox.handlers import HANDLERS, merge


def test_every_handler_key_is_an_operation_id() -> None:
    unknown = sorted(set(HANDLERS) - set(OPERATIONS))
    assert not unknown, f"handlers for operations the spec does not have: {unknown}"


def test_merge_refuses_an_operation_claimed_twice() -> None:
    def handler(ctx: object) -> None:
        return None

    with pytest.raises(ValueError, match=r"pins/get.*both a and b"):
        merge(("a", {"pins/get": handler}), ("b", {"pins/get": handler}))


def test_context_imports_no_module_that_imports_it() -> None:
    """Context is what every handler imports; if it imported the app (even for typing) the
    sandbox modules would form a cycle through it."""
    import pinterest_rest.sandbox.context as context

    tree = ast.parse(Path(context.__file__).read_text())
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {m for m in imported if m.lstrip(".").split(".")[0] in ("app", "handlers", "sandbox", "generic")}


def test_docs_table_matches_the_handlers() -> None:
    """docs/sandbox.md lists every operation once, classed as the handler tables say."""
    from pinterest_rest.sandbox.handlers import reference

    text = (Path(__file__).parents[2] / "docs" / "sandbox.md").read_text().split("### Every operation", 1)[1]
    rows = [line.split("|") for line in text.splitlines() if line.startswith("| `") and "` | `" in line]
    listed = {cells[2].strip().strip("`"): cells[3].strip() for cells in rows}
    assert len(rows) == len(listed) == len(OPERATIONS)
    for op_id, answer in listed.items():
        handler = HANDLERS.get(op_id)
        if handler is None or getattr(handler, "generic", False):
            assert answer.startswith("generic"), op_id
        elif op_id in reference.HANDLERS:
            assert answer == "reference", op_id
        else:
            assert answer == "stateful", op_id
