"""Render results: JSON, NDJSON, a table, or YAML.

Results are plain JSON values (models are unwrapped first). ``emit`` writes one value; ``stream``
writes an iterator of items as they arrive, so ``--all`` walks any number of pages in constant
memory for json, ndjson and yaml (a table needs every row to size its columns, so it buffers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import CliError

_MAX_CELL = 40


def plain(value: Any) -> Any:
    """A model, list of models, or page as plain JSON data."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def choose(requested: str | None, default: str | None, tty: bool) -> str:
    """The output format: --output, else the profile's, else table on a terminal and JSON otherwise."""
    return requested or default or ("table" if tty else "json")


def dumps(value: Any, pretty: bool = True) -> str:
    if pretty:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _yaml() -> Any:
    import importlib

    try:
        return importlib.import_module("yaml")  # imported only for --output yaml
    except ImportError:
        raise CliError("--output yaml needs PyYAML: pip install 'pinterest-rest[yaml]'") from None


def emit(out: IO[str], value: Any, fmt: str, *, width: int = 100) -> None:
    """Write one result. A table of a single object is pretty JSON (objects nest; rows do not)."""
    if value is None:
        return
    if fmt == "ndjson":
        for item in value if isinstance(value, list) else [value]:
            out.write(dumps(item, pretty=False) + "\n")
    elif fmt == "yaml":
        out.write(_yaml().safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False))
    elif fmt == "table" and isinstance(value, list):
        out.write(table(value, width))
    else:
        out.write(dumps(value) + "\n")


def stream(out: IO[str], items: Iterable[Any], fmt: str, *, width: int = 100) -> int:
    """Write items one by one as they come; return how many."""
    count = 0
    if fmt == "table":
        rows = list(items)
        out.write(table(rows, width))
        return len(rows)
    if fmt == "yaml":
        yaml = _yaml()
        for item in items:
            out.write(yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=False))
            out.flush()
            count += 1
        if not count:
            out.write("[]\n")
        return count
    if fmt == "ndjson":
        for item in items:
            out.write(dumps(item, pretty=False) + "\n")
            out.flush()
            count += 1
        return count
    # json: a streamed array, one item per element as it arrives
    out.write("[")
    for item in items:
        out.write(("," if count else "") + "\n  " + dumps(item).replace("\n", "\n  "))
        out.flush()
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = str(value)
    else:
        text = dumps(value, pretty=False)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _columns(rows: list[Any], width: int) -> list[str]:
    """Keys of the first rows, scalar ones first, as many as fit the width."""
    seen: dict[str, bool] = {}
    for row in rows[:50]:
        if isinstance(row, dict):
            for key, value in row.items():
                scalar = not isinstance(value, (dict, list))
                seen[key] = seen.get(key, False) or scalar
    keys = [k for k, scalar in seen.items() if scalar] + [k for k, scalar in seen.items() if not scalar]
    chosen: list[str] = []
    used = 0
    for key in keys:
        col = max([len(key)] + [len(_cell(r.get(key))) for r in rows[:50] if isinstance(r, dict)])
        if chosen and used + col + 2 > width:
            break
        chosen.append(key)
        used += col + 2
    return chosen


def table(rows: list[Any], width: int = 100) -> str:
    if not rows:
        return "(no items)\n"
    if not all(isinstance(r, dict) for r in rows):
        return "".join(_cell(r) + "\n" for r in rows)
    columns = _columns(rows, width)
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines) + "\n"


def items_of(value: Iterator[Any]) -> Iterator[Any]:
    for item in value:
        yield plain(item)
