from __future__ import annotations

import json

from pinterest_rest._transport.mock import MockTransport

from .conftest import CLI, TOKEN, ExitStatus


def test_top_help_lists_groups(cli: CLI) -> None:
    r = cli("--help")
    assert r.status == 0
    for group in ("boards", "pins", "ad-accounts", "user-account", "auth", "ops", "sandbox", "completion"):
        assert f"  {group} " in r.out


def test_version_prints_the_package_version(cli: CLI) -> None:
    import pinterest_rest

    r = cli("--version")
    assert r.status == 0, r.err
    assert r.out.strip() == f"pinterest-rest {pinterest_rest.__version__}"


def test_no_arguments_is_usage(cli: CLI) -> None:
    r = cli()
    assert r.status == ExitStatus.USAGE
    assert "usage:" in r.err


def test_command_help_shows_summary(cli: CLI) -> None:
    r = cli("boards", "list", "--help")
    assert r.status == 0
    assert "List boards" in r.out
    assert "GET /boards" in r.out
    assert "--privacy" in r.out


def test_list_page(cli: CLI) -> None:
    t = MockTransport(lambda req: (200, {"items": [{"id": "1", "name": "a"}], "bookmark": None}))
    r = cli("boards", "list", "--token", TOKEN, transport=t)
    assert r.status == 0, r.err
    assert json.loads(r.out) == {"items": [{"id": "1", "name": "a"}], "bookmark": None}
    assert t.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
