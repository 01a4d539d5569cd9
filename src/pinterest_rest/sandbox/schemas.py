"""The generated JSON schemas (``_data/schemas.json``) and validators over them, loaded once."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

_lock = threading.Lock()
_doc: dict[str, Any] | None = None


def document() -> dict[str, Any]:
    global _doc
    if _doc is None:
        with _lock:
            if _doc is None:
                text = resources.files("pinterest_rest").joinpath("_data/schemas.json").read_text("utf-8")
                _doc = json.loads(text)
    return _doc


def defs() -> dict[str, Any]:
    result: dict[str, Any] = document()["$defs"]
    return result


def operation(op_id: str) -> dict[str, Any]:
    result: dict[str, Any] = document()["operations"][op_id]
    return result


def resolve(schema: Any) -> Any:
    """Follow ``$ref`` to the definition it names."""
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 50:
        schema = defs()[schema["$ref"].rsplit("/", 1)[-1]]
        seen += 1
    return schema


def _lenient(node: Any) -> Any:
    """The spec's oneOf branches often overlap (a body valid under two of them), which a strict
    validator rejects although Pinterest accepts it; the sandbox reads every oneOf as anyOf."""
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _lenient(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_lenient(v) for v in node]
    return node


@lru_cache(maxsize=1)
def _lenient_defs() -> dict[str, Any]:
    result: dict[str, Any] = _lenient(defs())
    return result


@lru_cache(maxsize=2048)
def _validator(key: str) -> Any:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # optional: [sandbox] extra

    kind, _, name = key.partition(":")
    if kind == "def":
        schema: Any = {"$ref": f"#/$defs/{name}"}
    else:
        op_id, _, part = name.rpartition("|")
        node = operation(op_id)
        schema = node["params"][part] if part.startswith(("query:", "path:")) else node[part]
    if isinstance(schema, dict):
        schema = {**_lenient(schema), "$defs": _lenient_defs()}
    return Draft202012Validator(schema)


def errors(key: str, value: Any) -> list[str]:
    """Human-readable problems of ``value`` against a schema: "op|request", "op|query:x" or "def:Name"."""
    found = []
    for err in sorted(_validator(key).iter_errors(value), key=lambda e: list(e.absolute_path))[:3]:
        where = ".".join(str(p) for p in err.absolute_path)
        found.append(f"{where}: {err.message}" if where else err.message)
    return found
