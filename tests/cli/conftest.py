"""Run the CLI in-process with an injected environment, streams, TTY flag and config dir."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pinterest_rest.cli import main
from pinterest_rest.cli.errors import ExitStatus

TOKEN = "pina_SECRET_TOKEN_never_printed_123"


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def all(self) -> str:
        return self.out + self.err


class CLI:
    """``cli("boards", "list")`` -> Result; keeps one config dir per test and a shared cache dir."""

    def __init__(self, home: Path, cache: Path) -> None:
        self.home = home
        self.config_dir = home / "config"
        self.env: dict[str, str] = {
            "HOME": str(home),
            "PINTEREST_CONFIG_DIR": str(self.config_dir),
            "PINTEREST_CACHE_DIR": str(cache),
        }

    def __call__(
        self,
        *argv: str,
        env: dict[str, str] | None = None,
        tty: bool = False,
        stdin: str = "",
        transport: Any = None,
        open_browser: Callable[[str], Any] | None = None,
    ) -> Result:
        out, err = io.StringIO(), io.StringIO()
        status = main(
            list(argv),
            env={**self.env, **(env or {})},
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
            isatty=tty,
            _transport=transport,
            _open_browser=open_browser,
        )
        return Result(status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-cache")


@pytest.fixture
def cli(tmp_path: Path, cache_dir: Path) -> CLI:
    return CLI(tmp_path, cache_dir)


__all__ = ["CLI", "TOKEN", "ExitStatus", "Result", "os"]
