"""Everything a command may touch outside itself, injected so tests run the CLI in-process."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._transport import SyncTransport
    from .config import Config
    from .index import Index


class Context:
    """The environment of one run: variables, streams, TTY flags, directories, test hooks."""

    def __init__(
        self,
        *,
        env: Mapping[str, str],
        stdin: IO[str],
        stdout: IO[str],
        stderr: IO[str],
        isatty: bool | None,
        platform: str = sys.platform,
        transport: SyncTransport | None = None,
        open_browser: Callable[[str], Any] | None = None,
    ) -> None:
        self.env = env
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.tty = _isatty(stdout) if isatty is None else isatty
        self.err_tty = _isatty(stderr) if isatty is None else isatty
        self.platform = platform
        self.transport = transport  # test hook: every client the CLI builds sends through it
        self.open_browser = open_browser  # test hook: replaces webbrowser.open
        self.debug = False
        # The global options given before the group (``argv.parse_globals``); every command's
        # parser starts from them, so they reach every group, ``auth`` included.
        self.globals: dict[str, Any] = {}
        self._index: Index | None = None
        self._config: dict[str | None, Config] = {}

    @property
    def config_dir(self) -> str:
        from .paths import config_dir

        return config_dir(self.env, self.platform)

    @property
    def index(self) -> Index:
        if self._index is None:
            from .index import Index

            self._index = Index()
        return self._index

    def config(self, profile: str | None = None) -> Config:
        config = self._config.get(profile)
        if config is None:
            from .config import Config

            config = self._config[profile] = Config(self.config_dir, self.env, profile)
        return config

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def err(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
