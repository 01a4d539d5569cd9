"""Output modes, TTY vs not, --all streaming, --max-items, the ad-accounts alias, create from JSON/flags."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport
from pinterest_rest.cli import main

from .conftest import CLI, TOKEN


def pages(n_pages: int, per_page: int = 3) -> MockTransport:
    def handler(req: Request) -> Any:
        page = int(req.url.split("bookmark=p")[1].split("&")[0]) if "bookmark=" in req.url else 0
        items = [{"id": f"{page}-{i}", "name": f"board {page}.{i}", "privacy": "PUBLIC"} for i in range(per_page)]
        return (200, {"items": items, "bookmark": f"p{page + 1}" if page + 1 < n_pages else None})

    return MockTransport(handler)


def test_json_when_not_a_tty(cli: CLI) -> None:
    r = cli(
        "boards", "get", "1", "--token", TOKEN, transport=MockTransport(lambda req: (200, {"id": "1", "name": "x"}))
    )
    assert json.loads(r.out) == {"id": "1", "name": "x"}


def test_table_of_a_list_on_a_tty(cli: CLI) -> None:
    r = cli("boards", "list", "--token", TOKEN, tty=True, transport=pages(2), env={"NO_COLOR": "1"})
    assert r.status == 0
    header, *rows = r.out.splitlines()
    assert header.split() == ["ID", "NAME", "PRIVACY"]
    assert len(rows) == 3 and rows[0].startswith("0-0")
    assert "--bookmark p1" in r.err  # the hint for the next page, on a terminal only


def test_pretty_json_of_an_object_on_a_tty(cli: CLI) -> None:
    r = cli(
        "boards",
        "get",
        "1",
        "--token",
        TOKEN,
        tty=True,
        transport=MockTransport(lambda req: (200, {"id": "1", "o": {"a": 1}})),
        env={"NO_COLOR": "1"},
    )
    assert r.out == json.dumps({"id": "1", "o": {"a": 1}}, indent=2) + "\n"


def test_all_json_walks_every_page(cli: CLI) -> None:
    transport = pages(4)
    r = cli("boards", "list", "--all", "--token", TOKEN, transport=transport)
    items = json.loads(r.out)
    assert [i["id"] for i in items][:4] == ["0-0", "0-1", "0-2", "1-0"] and len(items) == 12
    assert len(transport.requests) == 4


def test_all_ndjson_streams_item_by_item(tmp_path: Any, cache_dir: Any) -> None:
    out = io.StringIO()
    seen_before_page: list[int] = []
    inner = pages(3)

    def handler(req: Request) -> Any:
        seen_before_page.append(out.getvalue().count("\n"))
        return inner._answer(req)

    status = main(
        ["boards", "list", "--all", "-o", "ndjson", "--token", TOKEN],
        env={"PINTEREST_CONFIG_DIR": str(tmp_path), "PINTEREST_CACHE_DIR": str(cache_dir)},
        stdout=out,
        stderr=io.StringIO(),
        isatty=False,
        _transport=MockTransport(handler),
    )
    assert status == 0
    assert seen_before_page == [0, 3, 6]  # each page's items were written before the next page was fetched
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()][-1] == "2-2"


def test_max_items(cli: CLI) -> None:
    transport = pages(5)
    r = cli("boards", "list", "--max-items", "4", "-o", "ndjson", "--token", TOKEN, transport=transport)
    assert [json.loads(x)["id"] for x in r.out.splitlines()] == ["0-0", "0-1", "0-2", "1-0"]
    assert len(transport.requests) == 2


def test_yaml_output(cli: CLI) -> None:
    pytest.importorskip("yaml")
    r = cli(
        "boards",
        "get",
        "1",
        "-o",
        "yaml",
        "--token",
        TOKEN,
        transport=MockTransport(lambda req: (200, {"id": "1", "tags": ["a"]})),
    )
    assert r.out == "id: '1'\ntags:\n- a\n"
    r = cli("boards", "list", "--all", "-o", "yaml", "--token", TOKEN, transport=pages(2, 1))
    import yaml

    assert [i["id"] for i in yaml.safe_load(r.out)] == ["0-0", "1-0"]


def test_yaml_missing_is_a_clear_error(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml -> ImportError
    r = cli(
        "boards", "get", "1", "-o", "yaml", "--token", TOKEN, transport=MockTransport(lambda req: (200, {"id": "1"}))
    )
    assert r.status == 1
    assert "needs PyYAML" in r.err


def test_profile_output_default(cli: CLI) -> None:
    assert cli("config", "set", "output", "ndjson").status == 0
    r = cli("boards", "list", "--token", TOKEN, transport=pages(1, 2))
    assert len(r.out.splitlines()) == 2


def test_ad_accounts_alias(cli: CLI) -> None:
    transport = pages(2)
    r = cli(
        "ad-accounts",
        "campaigns",
        "list",
        "549755885175",
        "--all",
        "-o",
        "ndjson",
        "--token",
        TOKEN,
        transport=transport,
    )
    assert r.status == 0, r.err
    assert len(r.out.splitlines()) == 6
    assert transport.requests[0].url == "https://api.pinterest.com/v5/ad_accounts/549755885175/campaigns"
    same = cli("campaigns", "list", "549755885175", "--dry-run", "-o", "json")
    assert json.loads(same.out)["url"] == transport.requests[0].url


def test_create_from_flags_and_from_stdin(cli: CLI) -> None:
    media = {"source_type": "image_url", "url": "https://example.com/a.png"}
    answer = MockTransport(lambda req: (201, {"id": "p1", **json.loads(req.body or b"{}")}))
    r = cli(
        "pins",
        "create",
        "--board-id",
        "123",
        "--title",
        "Hi",
        "--media-source",
        json.dumps(media),
        "--token",
        TOKEN,
        transport=answer,
    )
    assert r.status == 0, r.err
    sent = json.loads(answer.requests[0].body or b"")
    assert sent == {"board_id": "123", "title": "Hi", "media_source": media}
    body = {"board_id": "123", "title": "From stdin", "media_source": media, "brand_new_field": 1}
    r = cli(
        "pins",
        "create",
        "--json",
        "-",
        "--title",
        "Flag wins",
        "--token",
        TOKEN,
        stdin=json.dumps(body),
        transport=answer,
    )
    assert r.status == 0, r.err
    sent = json.loads(answer.requests[1].body or b"")
    assert sent["title"] == "Flag wins" and sent["brand_new_field"] == 1 and sent["board_id"] == "123"


def test_dry_run_on_a_tty_is_http_text(cli: CLI) -> None:
    r = cli("boards", "create", "--name", "B", "--dry-run", "--token", TOKEN, tty=True)
    lines = r.out.splitlines()
    assert lines[0] == "POST https://api.pinterest.com/v5/boards"
    assert "Authorization: Bearer ***" in lines and TOKEN not in r.out
    assert json.loads("\n".join(lines[lines.index("") + 1 :])) == {"name": "B"}


def test_ops_table(cli: CLI) -> None:
    r = cli("ops", "boards", tty=True)
    assert "pinterest boards get" in r.out and "GET    /boards/{board_id}" in r.out
