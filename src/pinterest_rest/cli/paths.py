"""The platform's user config dir, from the injected environment (no dependency). The CLI keeps no
cache: it reads the registry the package ships."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def _home(env: Mapping[str, str]) -> str:
    return env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")


def config_dir(env: Mapping[str, str], platform: str = sys.platform) -> str:
    override = env.get("PINTEREST_CONFIG_DIR")
    if override:
        return override
    if platform.startswith("win"):
        base = env.get("APPDATA") or os.path.join(_home(env), "AppData", "Roaming")
    elif platform == "darwin":
        base = os.path.join(_home(env), "Library", "Application Support")
    else:
        base = env.get("XDG_CONFIG_HOME") or os.path.join(_home(env), ".config")
    return os.path.join(base, "pinterest-rest")
