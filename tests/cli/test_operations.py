"""Every operation has a command, and its --dry-run is exactly the request the Python method sends."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pinterest_rest import Pinterest
from pinterest_rest._operation import Operation, Param
from pinterest_rest._registry import OPERATIONS
from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN

OPS = sorted(OPERATIONS.values(), key=lambda op: op.id)
BASE = "http://api.test/v5"


def _scalar(jtype: str | None, enum: tuple[Any, ...] | None) -> Any:
    if enum:
        return enum[-1]
    return {"integer": 7, "number": 1.5, "boolean": True, "object": {"k": "v", "n": [1]}}.get(jtype or "", "abc 1/2")


def fitting(p: Param, preferred: str) -> str:
    """``preferred`` if the spec's pattern for ``p`` allows it, else a value that fits (ids, dates)."""
    candidates = (preferred, "1234", "2024-01-31", "abc123")
    return next(v for v in candidates if not p.pattern or re.search(p.pattern, v, re.ASCII))


def sample(p: Param) -> Any:
    if p.location == "path":
        if p.enum:
            return p.enum[-1]
        return fitting(p, "12 3/4")  # needs escaping, where the spec's pattern allows it
    if p.type == "array":
        if p.items_type == "object":
            return [{"k": "v"}, {"k": "w"}]
        first = _scalar(p.items_type, p.items_enum)
        second = p.items_enum[0] if p.items_enum else first
        return [first, second]
    if p.type == "boolean":
        return False  # exercises --no-flag
    if p.pattern and p.type == "string" and not p.enum:
        return fitting(p, "abc 1/2")
    if p.type == "object" and p.location == "query":
        return {"k": "v", "n": {"m": 1}}  # deepObject, nested; it cannot carry lists
    return _scalar(p.type, p.enum)


def option(p: Param) -> str:
    from pinterest_rest.cli.index import kebab
    from pinterest_rest.cli.parser import RESERVED

    name = kebab(p.attr)
    return f"--{p.location}-{name}" if name in RESERVED else f"--{name}"


def cli_tokens(p: Param, value: Any) -> list[str]:
    flag = option(p)
    if p.type == "boolean":
        return [flag if value else "--no-" + flag[2:]]
    if p.type == "array":
        out: list[str] = []
        for item in value:
            out += [flag, json.dumps(item) if isinstance(item, dict) else str(item)]
        return out
    if p.type == "object":
        return [flag, json.dumps(value)]
    return [flag, str(value)]


def command(op: Operation) -> list[str]:
    from pinterest_rest.cli.names import group_name

    return [group_name(op.resource), op.method_name.replace("_", "-")]


def python_request(op: Operation, positional: list[Any], kwargs: dict[str, Any]) -> Any:
    transport = MockTransport(lambda req: (200, {"items": [], "bookmark": None} if op.paginated else {}))
    client = Pinterest(TOKEN, base_url=BASE, transport=transport, client_id="id", client_secret="secret")
    getattr(getattr(client, op.resource), op.method_name)(*positional, **kwargs)
    return transport.requests[0]


def dry_run(cli: CLI, argv: list[str]) -> dict[str, Any]:
    r = cli(*argv, "--dry-run", "--base-url", BASE, "--token", TOKEN, "-o", "json")
    assert r.status == 0, r.err
    assert TOKEN not in r.all
    data: dict[str, Any] = json.loads(r.out)
    return data


def same(cli_req: dict[str, Any], py_req: Any) -> None:
    from pinterest_rest._secret import masked_request  # --dry-run prints the request masked

    shown = masked_request(py_req)
    assert cli_req["method"] == py_req.method
    assert cli_req["url"] == shown["url"]
    assert cli_req["body"] == shown["body"]
    assert cli_req["headers"]["Authorization"].endswith("***")


@pytest.mark.parametrize("op", OPS, ids=[op.id for op in OPS])
def test_dry_run_matches_python_call(cli: CLI, op: Operation) -> None:
    positional = [sample(p) for p in op.path_params]
    kwargs: dict[str, Any] = {}
    argv = command(op) + [str(v) for v in positional]
    for p in op.params:
        if p.location == "path":
            continue
        value = sample(p)
        kwargs[p.attr] = value
        argv += cli_tokens(p, value)
    if op.body_mode == "whole":
        kwargs["body"] = [{"k": "v"}]
        argv += ["--json", json.dumps(kwargs["body"])]
    same(dry_run(cli, argv), python_request(op, positional, kwargs))


FIELD_OPS = [op for op in OPS if op.body_mode == "fields"]


@pytest.mark.parametrize("op", FIELD_OPS, ids=[op.id for op in FIELD_OPS])
def test_body_from_json_file_matches_flags(cli: CLI, op: Operation, tmp_path: Any) -> None:
    """--json FILE gives the same request as the same fields as options."""
    positional = [sample(p) for p in op.path_params]
    body = {p.name: sample(p) for p in op.params if p.location == "body"}
    kwargs = {p.attr: sample(p) for p in op.params if p.location != "path"}
    argv = command(op) + [str(v) for v in positional]
    for p in op.params:
        if p.location == "query":
            argv += cli_tokens(p, kwargs[p.attr])
    path = tmp_path / "body.json"
    path.write_text(json.dumps(body))
    same(dry_run(cli, [*argv, "--json", str(path)]), python_request(op, positional, kwargs))


def test_every_operation_is_listed_by_ops(cli: CLI) -> None:
    r = cli("ops", "-o", "json")
    rows = json.loads(r.out)
    assert len(rows) == len(OPERATIONS) == 231
    by_id = {row["operation_id"]: row for row in rows}
    for op in OPS:
        assert by_id[op.id]["command"] == "pinterest " + " ".join(command(op))
        assert (by_id[op.id]["method"], by_id[op.id]["path"]) == (op.http_method, op.path)


@pytest.mark.parametrize("op", OPS, ids=[op.id for op in OPS])
def test_every_command_has_help_with_summary(cli: CLI, op: Operation) -> None:
    r = cli(*command(op), "--help")
    assert r.status == 0, r.err
    assert f"{op.http_method} {op.path}" in r.out
    assert " ".join(op.summary.split()[:3]) in " ".join(r.out.split())
