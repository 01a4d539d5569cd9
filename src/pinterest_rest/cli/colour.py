"""JSON with ANSI colours, for a terminal only.

Colour is used when stdout is a terminal, ``NO_COLOR`` is unset or empty (https://no-color.org)
and ``TERM`` is not ``dumb``; piped output is always plain, so scripts never see escape codes.
The layout is exactly ``json.dumps(value, indent=2, ensure_ascii=False)``'s with colours added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

RESET = "\x1b[0m"
KEY = "\x1b[1;34m"  # bold blue
STRING = "\x1b[32m"  # green
NUMBER = "\x1b[36m"  # cyan
LITERAL = "\x1b[33m"  # yellow: true, false
NULL = "\x1b[90m"  # grey
BOLD = "\x1b[1m"


def wanted(env: Mapping[str, str], tty: bool) -> bool:
    return tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb"


def dumps(value: Any, indent: int = 2) -> str:
    parts: list[str] = []
    _write(value, parts, 0, indent)
    return "".join(parts)


def _scalar(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if value is None:
        return NULL + text + RESET
    if isinstance(value, bool):
        return LITERAL + text + RESET
    if isinstance(value, (int, float)):
        return NUMBER + text + RESET
    return STRING + text + RESET


def _write(value: Any, out: list[str], depth: int, indent: int) -> None:
    pad = " " * (indent * (depth + 1))
    end = " " * (indent * depth)
    if isinstance(value, dict) and value:
        out.append("{\n")
        for i, (key, item) in enumerate(value.items()):
            out.append(f"{pad}{KEY}{json.dumps(str(key), ensure_ascii=False)}{RESET}: ")
            _write(item, out, depth + 1, indent)
            out.append(",\n" if i < len(value) - 1 else "\n")
        out.append(end + "}")
    elif isinstance(value, list) and value:
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(pad)
            _write(item, out, depth + 1, indent)
            out.append(",\n" if i < len(value) - 1 else "\n")
        out.append(end + "]")
    elif isinstance(value, (dict, list)):
        out.append("{}" if isinstance(value, dict) else "[]")
    else:
        out.append(_scalar(value))
