"""Writing secrets to disk: JSON readable by the owner only (0600), replaced atomically so a crash
never leaves a half-written token file. Used by oauth.FileTokenStore and the CLI's config.

The temporary file lives in the target's directory (so ``os.replace`` is atomic) and is named
after the target (``.<name>.tmp-<random>``). A process killed between creating and renaming it
(``kill -9``) leaves that file behind, holding a token; the next save of the same target removes
such leftovers. Only ones older than ``STALE_AFTER`` seconds are removed, so a save running at the
same moment in another process keeps its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from typing import Any

STALE_AFTER = 30.0


def _temp_prefix(path: str) -> str:
    return f".{os.path.basename(path)}.tmp-"


def remove_leftovers(path: str | os.PathLike[str], older_than: float = STALE_AFTER) -> int:
    """Delete temporary files earlier saves of ``path`` left behind; returns how many."""
    path = os.fspath(path)
    directory = os.path.dirname(path) or "."
    prefix = _temp_prefix(path)
    removed = 0
    now = time.time()
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    for name in names:
        if not name.startswith(prefix):
            continue
        leftover = os.path.join(directory, name)
        with contextlib.suppress(OSError):
            if now - os.stat(leftover).st_mtime >= older_than:
                os.unlink(leftover)
                removed += 1
    return removed


def write_private_json(path: str | os.PathLike[str], data: Any) -> None:
    path = os.fspath(path)
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, mode=0o700, exist_ok=True)
    remove_leftovers(path)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=_temp_prefix(path), suffix=".json")
    try:
        if os.name != "nt":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
