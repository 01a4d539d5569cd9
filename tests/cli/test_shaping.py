"""Output you can shape: default table columns, --columns, --query in every mode, csv/tsv, colour."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from pinterest_rest._transport import Request
from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN, ExitStatus

# A board as Pinterest sends it: keys in the spec's (alphabetical) order, id and name late.
BOARD = {
    "board_pins_modified_at": "2024-05-01T10:00:00",
    "collaborator_count": 0,
    "created_at": "2024-01-01T10:00:00",
    "description": "Things I like to cook on a Sunday afternoon",
    "follower_count": 12,
    "id": "549755885175",
    "media": {"image_cover_url": "https://i.pinimg.com/x.jpg", "pin_thumbnail_urls": []},
    "name": "Recipes",
    "owner": {"username": "ada"},
    "pin_count": 42,
    "privacy": "PUBLIC",
}
CAMPAIGN = {"ad_account_id": "1", "created_time": 1700000000, "id": "c1", "name": "Spring", "status": "ACTIVE"}
ANALYTICS = [
    {"DATE": "2024-01-01", "CAMPAIGN_ID": "c1", "SPEND_IN_DOLLAR": 1.5, "IMPRESSION_1": 100},
    {"DATE": "2024-01-02", "CAMPAIGN_ID": "c1", "SPEND_IN_DOLLAR": 2.25, "IMPRESSION_1": 120},
]


def page(*items: dict[str, Any], bookmark: str | None = None) -> MockTransport:
    return MockTransport(lambda req: (200, {"items": list(items), "bookmark": bookmark}))


def test_default_table_columns_start_with_id_and_name_at_80(cli: CLI) -> None:
    r = cli("boards", "list", "--token", TOKEN, "-o", "table", env={"COLUMNS": "80"}, transport=page(BOARD))
    assert r.status == 0, r.err
    header = r.out.splitlines()[0].split()
    assert header[:2] == ["ID", "NAME"]
    assert max(len(line) for line in r.out.splitlines()) <= 80
    r = cli("campaigns", "list", "1", "--token", TOKEN, "-o", "table", env={"COLUMNS": "80"}, transport=page(CAMPAIGN))
    assert r.out.splitlines()[0].split()[:3] == ["ID", "NAME", "STATUS"]


def test_wider_terminal_shows_more_columns(cli: CLI) -> None:
    narrow = cli("boards", "list", "--token", TOKEN, "-o", "table", env={"COLUMNS": "80"}, transport=page(BOARD))
    wide = cli("boards", "list", "--token", TOKEN, "-o", "table", env={"COLUMNS": "200"}, transport=page(BOARD))
    assert len(wide.out.splitlines()[0].split()) > len(narrow.out.splitlines()[0].split())


def test_columns_chooses_table_columns_with_nested_paths(cli: CLI) -> None:
    r = cli("boards", "list", "--token", TOKEN, "-o", "table", "--columns", "name,owner.username,pin_count",
            transport=page(BOARD))  # fmt: skip
    assert r.out.splitlines() == ["NAME     OWNER.USERNAME  PIN_COUNT", "Recipes  ada             42"]
    # before the group too
    r = cli("--columns", "id", "-o", "table", "boards", "list", "--token", TOKEN, transport=page(BOARD))
    assert r.out.splitlines() == ["ID", "549755885175"]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", '[\n  "Recipes"\n]\n'),
        ("ndjson", '"Recipes"\n'),
        ("table", "Recipes\n"),
        ("csv", "Recipes\n"),
        ("yaml", "- Recipes\n"),
    ],
)
def test_query_in_every_output_mode(cli: CLI, fmt: str, expected: str) -> None:
    r = cli("boards", "list", "--token", TOKEN, "-o", fmt, "--query", "items[].name", transport=page(BOARD))
    assert r.status == 0, r.err
    assert r.out == expected


def test_query_sees_the_bookmark_and_rows_of_lists(cli: CLI) -> None:
    t = page(BOARD, bookmark="next1")
    r = cli("boards", "list", "--token", TOKEN, "--query", "bookmark", transport=t)
    assert json.loads(r.out) == "next1"
    r = cli("boards", "list", "--token", TOKEN, "-o", "table", "--query", "items[].[id,name]", transport=t)
    assert r.out == "549755885175  Recipes\n"


def test_query_over_all_pages(cli: CLI) -> None:
    def handler(req: Request) -> Any:
        second = "bookmark=b2" in req.url
        item = {**BOARD, "id": "2" if second else "1"}
        return (200, {"items": [item], "bookmark": None if second else "b2"})

    r = cli("boards", "list", "--all", "--token", TOKEN, "--query", "length(items)", transport=MockTransport(handler))
    assert r.out == "2\n"


def test_query_on_a_single_object_and_before_the_group(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, BOARD))
    r = cli("--query", "owner.username", "boards", "get", "549755885175", "--token", TOKEN, "-o", "table", transport=t)
    assert r.out == "ada\n"


def test_search_query_parameter_keeps_its_name(cli: CLI) -> None:
    t = page({"id": "p1", "title": "Soup"})
    r = cli("--query", "items[0].title", "search", "pins", "--query", "soup", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert "query=soup" in t.requests[0].url and json.loads(r.out) == "Soup"
    r = cli("search", "pins", "--query", "soup", "--output-query", "items[0].id", "--token", TOKEN, transport=t)
    assert json.loads(r.out) == "p1"


def test_bad_query_is_a_usage_error_before_sending(cli: CLI) -> None:
    t = page(BOARD)
    r = cli("boards", "list", "--token", TOKEN, "--query", "items[", transport=t)
    assert r.status == ExitStatus.USAGE
    assert "--query: invalid JMESPath expression 'items['" in r.err
    assert t.requests == []


def test_csv_and_tsv_of_analytics_rows(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, ANALYTICS))
    args = ("campaigns", "analytics", "1", "--campaign-ids", "c1", "--start-date", "2024-01-01",
            "--end-date", "2024-01-02", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1", "--granularity", "DAY")  # fmt: skip
    r = cli(*args, "--token", TOKEN, "-o", "csv", transport=t)
    assert r.status == 0, r.err
    assert "columns=SPEND_IN_DOLLAR" in t.requests[0].url  # --columns here is the API's parameter
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows == [
        ["DATE", "CAMPAIGN_ID", "SPEND_IN_DOLLAR", "IMPRESSION_1"],
        ["2024-01-01", "c1", "1.5", "100"],
        ["2024-01-02", "c1", "2.25", "120"],
    ]
    r = cli(*args, "--token", TOKEN, "-o", "tsv", "--output-columns", "DATE,SPEND_IN_DOLLAR", transport=t)
    assert r.out == "DATE\tSPEND_IN_DOLLAR\n2024-01-01\t1.5\n2024-01-02\t2.25\n"


def test_csv_nested_values_are_compact_json(cli: CLI) -> None:
    r = cli("boards", "list", "--token", TOKEN, "-o", "csv", "--columns", "id,owner", transport=page(BOARD))
    assert r.out == 'id,owner\n549755885175,"{""username"":""ada""}"\n'


def test_json_is_coloured_on_a_terminal_only(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"id": "1", "n": 2, "ok": True, "x": None}))
    tty = cli("boards", "get", "1", "--token", TOKEN, tty=True, env={"TERM": "xterm"}, transport=t)
    assert '\x1b[1;34m"id"\x1b[0m: \x1b[32m"1"\x1b[0m' in tty.out
    assert "\x1b[36m2\x1b[0m" in tty.out and "\x1b[33mtrue\x1b[0m" in tty.out
    import re

    assert json.loads(re.sub("\x1b\\[[0-9;]*m", "", tty.out)) == {"id": "1", "n": 2, "ok": True, "x": None}
    piped = cli("boards", "get", "1", "--token", TOKEN, transport=t)
    no_color = cli("boards", "get", "1", "--token", TOKEN, tty=True, env={"NO_COLOR": "1"}, transport=t)
    for r in (piped, no_color):
        assert "\x1b[" not in r.out and json.loads(r.out)["n"] == 2


def test_analytics_table_puts_the_upper_case_id_first(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, ANALYTICS))
    r = cli("campaigns", "analytics", "1", "--campaign-ids", "c1", "--start-date", "2024-01-01", "--end-date",
            "2024-01-02", "--columns", "SPEND_IN_DOLLAR", "--granularity", "DAY", "--token", TOKEN, "-o", "table",
            transport=t)  # fmt: skip
    assert r.out.splitlines()[0].split()[0] == "CAMPAIGN_ID"


def test_unknown_column_is_named_on_stderr(cli: CLI) -> None:
    r = cli("boards", "list", "--token", TOKEN, "-o", "csv", "--columns", "id,nmae", transport=page(BOARD))
    assert r.status == 0
    assert r.out == "id,nmae\n549755885175,\n"
    assert "--columns: no row has nmae (keys: board_pins_modified_at," in r.err
    quiet = cli(
        "boards", "list", "--token", TOKEN, "-o", "csv", "--columns", "id,owner.username", transport=page(BOARD)
    )
    assert quiet.err == ""
