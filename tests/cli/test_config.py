"""Config dirs per platform, profiles, settings, base URL precedence, no registry cache."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from pinterest_rest.cli.paths import config_dir

from .conftest import CLI


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"HOME": "/h"}, "/h/.config/pinterest-rest"),
        ("linux", {"HOME": "/h", "XDG_CONFIG_HOME": "/x"}, "/x/pinterest-rest"),
        ("darwin", {"HOME": "/h"}, "/h/Library/Application Support/pinterest-rest"),
        ("win32", {"APPDATA": "C:/AppData/Roaming"}, "C:/AppData/Roaming/pinterest-rest"),
        ("linux", {"HOME": "/h", "PINTEREST_CONFIG_DIR": "/custom"}, "/custom"),
    ],
)
def test_config_dir(platform: str, env: dict[str, str], expected: str) -> None:
    assert config_dir(env, platform).replace("\\", "/") == expected


def test_profiles_and_settings(cli: CLI) -> None:
    assert cli("config", "set", "base_url", "http://work.test/v5", "--profile", "work").status == 0
    assert cli("config", "set", "nope", "x").status == 2
    r = cli("boards", "get", "1", "--dry-run", "-o", "json", "--profile", "work")
    assert json.loads(r.out)["url"] == "http://work.test/v5/boards/1"
    r = cli("boards", "get", "1", "--dry-run", "-o", "json")
    assert json.loads(r.out)["url"] == "https://api.pinterest.com/v5/boards/1"
    assert cli("config", "use", "work").status == 0
    r = cli("boards", "get", "1", "--dry-run", "-o", "json")
    assert json.loads(r.out)["url"] == "http://work.test/v5/boards/1"
    assert "* work" in cli("config", "profiles").out
    shown = json.loads(cli("config", "show", "-o", "json").out)
    assert shown["settings"] == {"base_url": "http://work.test/v5"}
    assert stat.S_IMODE(os.stat(cli.config_dir / "config.json").st_mode) == 0o600
    assert cli("config", "set", "base_url", "x", "--profile", "../etc").status == 2


def test_base_url_precedence(cli: CLI) -> None:
    def url(*argv: str, env: dict[str, str] | None = None) -> str:
        r = cli("boards", "get", "1", "--dry-run", "-o", "json", *argv, env=env)
        assert r.status == 0, r.err
        return str(json.loads(r.out)["url"])

    assert url(env={"PINTEREST_BASE_URL": "http://env.test/v5"}) == "http://env.test/v5/boards/1"
    assert url("--base-url", "http://flag.test/v5/", env={"PINTEREST_BASE_URL": "http://env.test/v5"}) == (
        "http://flag.test/v5/boards/1"
    )
    assert url("--sandbox=http://127.0.0.1:8155/v5") == "http://127.0.0.1:8155/v5/boards/1"


def test_global_options_before_the_group(cli: CLI) -> None:
    r = cli("--dry-run", "-o", "json", "--base-url", "http://a.test/v5", "boards", "get", "9")
    assert json.loads(r.out)["url"] == "http://a.test/v5/boards/9"
    assert cli("--nope", "boards", "list").status == 2


def test_the_cli_reads_the_registry_and_keeps_no_cache_file(cli: CLI) -> None:
    from pinterest_rest._registry import OPERATIONS
    from pinterest_rest.cli.index import Index

    cache = cli.home / "fresh-cache"
    env = {"PINTEREST_CACHE_DIR": str(cache)}
    assert cli("--help", env=env).status == 0
    assert cli("boards", "list", "--help", env=env).status == 0
    assert not cache.exists()  # no derived copy of the registry anywhere
    index = Index()
    assert len(index) == len(OPERATIONS) == 231
    assert index.find("boards", "list") is OPERATIONS["boards/list"]  # the registry's own record


def test_help_loads_only_the_registry_area_it_shows(cli: CLI) -> None:
    """Start-up: ``--help`` reads the registry index only, a command's help its one area (no index)."""
    env = {**os.environ, **cli.env}
    code = (
        "import sys, io; from pinterest_rest.cli import main; "
        "main({argv!r}, env={env!r}, stdout=io.StringIO(), stderr=io.StringIO()); "
        "print(sorted(m for m in sys.modules if m.startswith(('pinterest_rest', 'aiohttp', 'yaml', 'urllib3'))))"
    )
    for argv, areas in ((["--help"], []), (["boards", "list", "--help"], ["pinterest_rest._registry.boards"])):
        out = subprocess.run(
            [sys.executable, "-c", code.format(argv=argv, env=cli.env)],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        loaded = eval(out)  # a printed list of module names
        registry = [
            m for m in loaded if m.startswith("pinterest_rest._registry.") and m != "pinterest_rest._registry._index"
        ]
        assert registry == areas, argv
        # A command's help needs its area alone, not the index of every operation.
        assert ("pinterest_rest._registry._index" in loaded) is (argv == ["--help"]), argv
        assert not [
            m
            for m in loaded
            if m.startswith(("pinterest_rest.resources", "pinterest_rest.models", "aiohttp", "yaml", "urllib3"))
        ]
