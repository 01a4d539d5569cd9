"""Command help: from the registry's descriptions, defaults, ranges and enums; fast path = argparse's text."""

from __future__ import annotations

import io

import pytest

from pinterest_rest._registry import OPERATIONS
from pinterest_rest._registry import all as every_operation
from pinterest_rest.cli.context import Context
from pinterest_rest.cli.helptext import op_help
from pinterest_rest.cli.parser import op_parser

from .conftest import CLI


def _ctx() -> Context:
    return Context(env={}, stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), isatty=False)


@pytest.mark.parametrize("op", every_operation(), ids=lambda op: op.id)
def test_fast_help_is_exactly_argparse_help(op: object) -> None:
    prog = "pinterest x y"
    assert op_help(op, prog) == op_parser(_ctx(), op, prog).format_help()  # type: ignore[arg-type]


def test_option_help_shows_description_default_range_and_enum(cli: CLI) -> None:
    r = cli("boards", "list", "--help")
    assert r.status == 0
    text = " ".join(r.out.split())
    assert "--ad-account-id TEXT Unique identifier of an ad account" in text
    assert "--page-size INT Maximum number of items to include in a single page; default: 25; range: 1 to 250" in text
    assert "one of: ALL, PUBLIC, PROTECTED, SECRET, PUBLIC_AND_SECRET" in text
    r = cli("boards", "create", "--help")
    text = " ".join(r.out.split())
    assert "--is-ads-only, --no-is-ads-only" in text and "default: false" in text
    assert (
        "--privacy {PUBLIC,PROTECTED,SECRET} Privacy setting for a board; one of: PUBLIC, PROTECTED, SECRET; default: PUBLIC"
        in text
    )


def test_every_documented_param_shows_its_description(cli: CLI) -> None:
    op = OPERATIONS["boards/list"]
    described = [p for p in op.params if p.description and p.location != "path"]
    out = " ".join(cli("boards", "list", "--help").out.split())
    for p in described:
        assert p.description.split(".")[0][:40] in out, p.name


def test_help_after_values_and_before_the_command(cli: CLI) -> None:
    a = cli("boards", "list", "--privacy", "PUBLIC", "--help")
    b = cli("--help", "boards", "list")
    c = cli("help", "boards", "list")
    assert a.status == b.status == c.status == 0
    assert a.out == b.out == c.out and a.out.startswith("usage: pinterest boards list [options]")


def test_ad_scoped_groups_are_the_resources_living_wholly_under_an_ad_account() -> None:
    # `pinterest ad-accounts <group> ...` nests exactly these; worked out from the records' paths.
    from pinterest_rest.cli.index import Index

    by_resource: dict[str, list[str]] = {}
    for op in every_operation():
        by_resource.setdefault(op.resource, []).append(op.path)
    expected = tuple(
        r
        for r, paths in by_resource.items()
        if r != "ad_accounts" and all(p.startswith("/ad_accounts/{ad_account_id}") for p in paths)
    )
    index = Index()
    assert index.ad_scoped == expected
    assert "campaigns" in expected and "boards" not in expected and "ad_accounts" not in expected
    assert {r: list(m) for r, m in index.groups.items()} == {
        r: [op.method_name for op in every_operation() if op.resource == r] for r in by_resource
    }
