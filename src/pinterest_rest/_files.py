"""Writing secrets to disk: JSON readable by the owner only (0600), replaced atomically so a crash
never leaves a half-written token file. Used by oauth.FileTokenStore and the CLI's config."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from typing import Any


def write_private_json(path: str | os.PathLike[str], data: Any) -> None:
    path = os.fspath(path)
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    try:
        if os.name != "nt":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
