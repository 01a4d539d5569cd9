"""Lints over the generated registry and the surfaces generated from it."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pinterest_rest._accessors import AsyncResourceAccessors, SyncResourceAccessors
from pinterest_rest._registry import OPERATIONS, SPEC_VERSION
from pinterest_rest.models._index import MODELS

ROOT = Path(__file__).resolve().parents[2]


def spec() -> dict[str, object] | None:
    """The spec the generator reads (honouring PINTEREST_OPENAPI_SPEC), or None when absent."""
    import json
    import sys

    sys.path.insert(0, str(ROOT))
    try:
        from tools.codegen.spec import spec_path
    finally:
        sys.path.remove(str(ROOT))
    path = spec_path()
    if not path.exists():
        return None
    doc: dict[str, object] = json.loads(path.read_text("utf-8"))
    return doc


def spec_operations() -> list[dict[str, object]]:
    doc = spec()
    if doc is None:
        pytest.skip("spec not found; set PINTEREST_OPENAPI_SPEC")
    paths: dict[str, dict[str, object]] = doc["paths"]  # type: ignore[assignment]
    shared_params: dict[str, object] = doc["components"].get("parameters", {})  # type: ignore[attr-defined]

    def deref(p: dict[str, str]) -> object:
        return shared_params[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p

    out = []
    for item in paths.values():
        shared = item.get("parameters", [])
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                op = dict(item[method])  # type: ignore[call-overload]
                params = list(shared) + list(op.get("parameters", []))  # type: ignore[call-overload]
                op["parameters"] = [deref(p) for p in params]
                out.append(op)
    return out


def resource_classes(resource: str) -> tuple[type, type]:
    module = importlib.import_module(f"pinterest_rest.resources.{resource}")
    sync_name = getattr(SyncResourceAccessors, resource).cls_name
    async_name = getattr(AsyncResourceAccessors, resource).cls_name
    return getattr(module, sync_name), getattr(module, async_name)


def test_every_operation_once() -> None:
    doc = spec()
    if doc is not None:
        assert doc["info"]["version"] == SPEC_VERSION  # type: ignore[index]
        assert list(OPERATIONS) == [op["operationId"] for op in spec_operations()]
    names = {(op.resource, op.method_name) for op in OPERATIONS.values()}
    assert len(names) == len(OPERATIONS), "two operations share resource.method"


def test_every_operation_has_a_sync_and_async_method() -> None:
    methods = 0
    for op in OPERATIONS.values():
        sync_cls, async_cls = resource_classes(op.resource)
        sync_m = getattr(sync_cls, op.method_name)
        async_m = getattr(async_cls, op.method_name)
        assert op.id in (sync_m.__doc__ or "") and op.id in (async_m.__doc__ or "")
        if op.response_kind != "page":
            assert inspect.iscoroutinefunction(async_m), op.id
        methods += 1
    assert methods == len(OPERATIONS)


def test_bookmark_operations_are_paginated() -> None:
    paginated = [op for op in OPERATIONS.values() if op.paginated]
    with_bookmark = [
        op
        for op in spec_operations()
        if any(p.get("name") == "bookmark" for p in op["parameters"])  # type: ignore[attr-defined]
    ]
    assert len(paginated) == len(with_bookmark) > 0
    for op in OPERATIONS.values():
        has_bookmark = any(p.name == "bookmark" and p.location == "query" for p in op.params)
        assert op.paginated == has_bookmark, op.id
        if op.paginated:
            assert op.response_kind == "page", op.id
            sync_cls, _ = resource_classes(op.resource)
            assert "SyncPage[" in getattr(sync_cls, op.method_name).__annotations__["return"]


def test_path_params_positional_and_rest_keyword_only() -> None:
    for op in OPERATIONS.values():
        sync_cls, _ = resource_classes(op.resource)
        sig = inspect.signature(getattr(sync_cls, op.method_name))
        params = list(sig.parameters.values())[1:]
        path_names = [p.attr for p in op.params if p.location == "path"]
        positional = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        assert positional == path_names, op.id
        for p in params[len(path_names) :]:
            assert p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD), op.id


def test_models_resolve_and_responses_name_known_models() -> None:
    for op in OPERATIONS.values():
        if op.response_model:
            assert op.response_model in MODELS, op.id


def test_security_and_categories_present() -> None:
    for op in OPERATIONS.values():
        assert op.ratelimit_category, op.id
        assert op.security, op.id
    assert OPERATIONS["oauth/token"].auth_scheme == "basic"
    assert OPERATIONS["oauth/token"].body_type == "form"
    assert OPERATIONS["token/revoke"].body_type == "form"
    forms = [op["operationId"] for op in spec_operations() if "x-www-form-urlencoded" in str(op.get("requestBody"))]
    assert [op.id for op in OPERATIONS.values() if op.body_type == "form"] == forms
    for op in spec_operations():  # every scope of the pinterest_oauth2 entry, in order
        entries = [e["pinterest_oauth2"] for e in op.get("security", []) if "pinterest_oauth2" in e]  # type: ignore[attr-defined]
        assert OPERATIONS[str(op["operationId"])].scopes == (tuple(entries[0]) if entries else ())


def test_docs_list_every_operation() -> None:
    text = (ROOT / "docs" / "operations.md").read_text("utf-8")
    rows = re.findall(r"^\| `(GET|POST|PATCH|PUT|DELETE) (/[^`]*)` \| `client\.(\w+)\.(\w+)\(", text, re.M)
    assert len(rows) == len(OPERATIONS)
    assert {(r[2], r[3]) for r in rows} == {(op.resource, op.method_name) for op in OPERATIONS.values()}


def test_generated_files_say_so() -> None:
    for folder in ("resources", "models"):
        for path in (ROOT / "src" / "pinterest_rest" / folder).glob("*.py"):
            text = path.read_text("utf-8")
            assert text.startswith("# Generated by tools/codegen"), path
            assert "# mypy: disable" not in text and "type: ignore" not in text, path


def test_request_type_names_stay_readable() -> None:
    from pinterest_rest import models

    typed_dicts = [name for name in models._index.MODELS if name.endswith("Param")]
    assert typed_dicts and max(len(name) for name in typed_dicts) <= 80
    assert "OptimizationGoalMetadataConversionTagV3GoalMetadataParam" in typed_dicts
    assert not [name for name in typed_dicts if name.startswith("AdGroupCreateRequestOptimizationGoal")]


def test_registry_api_agrees_with_the_index() -> None:
    from pinterest_rest import _registry

    ops = _registry.all()
    assert [op.id for op in ops] == list(_registry.INDEX) == list(OPERATIONS)
    for op in ops:
        assert _registry.get(op.id) is op is OPERATIONS[op.id]
        assert _registry.find(op.resource, op.method_name) is op
        assert _registry.INDEX[op.id] == (op.resource, op.method_name, op.http_method, op.path)
        assert op.id in _registry.area(op.resource)
    assert set(_registry.AREAS) == {op.resource for op in ops}
    # GROUPS is INDEX by area (areas in order of first appearance, methods in spec order).
    regrouped: dict[str, dict[str, str]] = {}
    for op_id, (area, method, _verb, _path) in _registry.INDEX.items():
        regrouped.setdefault(area, {})[method] = op_id
    assert list(_registry.GROUPS.items()) == [(a, m) for a, m in regrouped.items()]
    assert all(list(_registry.GROUPS[a].items()) == list(m.items()) for a, m in regrouped.items())
    assert tuple(regrouped) == _registry.AREAS
    assert _registry.find("boards", "no_such_method") is None
    assert _registry.find("no_such_area", "list") is None
    with pytest.raises(KeyError, match="no_such/op"):
        _registry.get("no_such/op")
    with pytest.raises(KeyError, match="no registry area"):
        _registry.area("no_such_area")
    assert "no_such/op" not in OPERATIONS


def test_params_carry_help_text_ranges_and_defaults() -> None:
    page_size = next(p for p in OPERATIONS["boards/list"].params if p.name == "page_size")
    assert (page_size.default, page_size.minimum, page_size.maximum) == (25, 1, 250)
    assert page_size.description.startswith("Maximum number of items")
    described = [p for op in OPERATIONS.values() for p in op.params if p.description]
    assert len(described) >= 0.8 * sum(len(op.params) for op in OPERATIONS.values())
    for p in described:  # one plain line: no Markdown links, no line breaks, bounded
        assert "\n" not in p.description and "](" not in p.description and len(p.description) <= 200, p
    assert OPERATIONS["campaigns/create"].body_max_items == 30
    bounded = [p for op in OPERATIONS.values() for p in op.params if p.location == "body" and p.max_items]
    assert bounded and all(p.type == "array" for p in bounded)
    assert all(op.summary for op in OPERATIONS.values())
    assert OPERATIONS["boards/list"].description.startswith("Get a list of the boards")


def test_wrapped_operations_exist() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    try:
        from tools.codegen.extensions import WRAPPED_OPERATIONS
    finally:
        sys.path.remove(str(ROOT))
    from pinterest_rest.models import arguments

    for name, (op_id, left_out) in WRAPPED_OPERATIONS.items():
        op = OPERATIONS[op_id]
        assert hasattr(arguments, name)
        assert set(left_out) <= {p.attr for p in op.params}, name


def test_known_area_answers_without_the_index_and_refuses_what_is_no_area() -> None:
    code = (
        "from pinterest_rest import _registry\n"
        "assert _registry.known_area('boards') is _registry.area('boards')\n"
        "assert _registry.find('boards', 'get').id == 'boards/get'\n"
        "for bad in ('_index', '__init__', 'all', 'find', 'no_such_area', '../boards', 'boards.x', ''):\n"
        "    assert _registry.known_area(bad) is None, bad\n"
        "    assert _registry.find(bad, 'list') is None, bad\n"
        "import sys\n"
        "assert 'pinterest_rest._registry._index' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
