"""Shaping a result before it is printed: ``--query`` (JMESPath) and the columns of a table.

``--query`` follows the aws CLI: a JMESPath expression applied to the whole result, the same in
every output format. For a page that is ``{"items": [...], "bookmark": ...}``; with ``--all`` it
is ``{"items": [every item], "bookmark": null}`` (so a query over all pages buffers them, where
plain ``--all`` streams). ``jmespath`` is imported only when a query is given.

Default table columns are the ones people look for first: the identifier (``id``, else the first
``*_id`` key), then ``name``/``title``/``username``, then ``status`` (and other ``*status`` keys),
then every other scalar key, in the server's order, as long as it fits the terminal width.
"""

from __future__ import annotations

from typing import Any

from .errors import UsageError

NAMES = ("name", "title", "username", "business_name", "display_name")


def compile_query(expression: str) -> Any:
    """The compiled expression; a syntax error is a usage error (nothing is sent)."""
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        return jmespath.compile(expression)
    except JMESPathError as exc:
        detail = " ".join(str(exc).split())
        raise UsageError(f"pinterest: --query: invalid JMESPath expression {expression!r}: {detail}") from None


def apply_query(compiled: Any, value: Any) -> Any:
    from jmespath.exceptions import JMESPathError

    try:
        return compiled.search(value)
    except JMESPathError as exc:  # e.g. a function applied to the wrong type
        raise UsageError(f"pinterest: --query: {' '.join(str(exc).split())}") from None


def parse_columns(text: str | None) -> list[str] | None:
    if not text:
        return None
    names = [c.strip() for c in text.split(",") if c.strip()]
    if not names:
        raise UsageError("pinterest: --columns: give at least one column name")
    return names


def lookup(row: Any, column: str) -> Any:
    """A row's value for a column; ``a.b`` reaches into nested objects."""
    if not isinstance(row, dict):
        return None
    if column in row:
        return row[column]
    value: Any = row
    for part in column.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def missing_columns(rows: list[Any], columns: list[str]) -> list[str]:
    """The columns no row has (a typo in ``--columns``), so the CLI can say so."""
    return [c for c in columns if not any(_has(r, c) for r in rows)]


def _has(row: Any, column: str) -> bool:
    if not isinstance(row, dict):
        return False
    if column in row:
        return True
    value: Any = row
    for part in column.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def ranked_keys(rows: list[Any]) -> tuple[list[str], int]:
    """Keys of the first rows, most wanted first, and how many of them are the must-shows."""
    seen: dict[str, bool] = {}
    for row in rows[:50]:
        if isinstance(row, dict):
            for key, value in row.items():
                seen[key] = seen.get(key, False) or _is_scalar(value)
    scalar = [k for k, s in seen.items() if s]
    lower = {k: k.lower() for k in seen}  # analytics rows use upper-case keys (CAMPAIGN_ID)
    first: list[str] = []
    ident = next((k for k in seen if lower[k] == "id"), None) or next(
        (k for k in scalar if lower[k].endswith("_id")), None
    )
    if ident:
        first.append(ident)
    first += [k for name in NAMES for k in seen if lower[k] == name and k not in first][:1]
    first += [k for k in scalar if lower[k].endswith("status") and k not in first][:1]
    rest = [k for k in scalar if k not in first] + [k for k, s in seen.items() if not s and k not in first]
    return first + rest, len(first)


def default_columns(rows: list[Any], width: int, cell_width: Any) -> list[str]:
    """The wanted columns that fit ``width``; ``cell_width(key)`` is the width a column needs."""
    keys, must = ranked_keys(rows)
    chosen: list[str] = []
    used = 0
    for i, key in enumerate(keys):
        col = cell_width(key)
        if i >= must and chosen and used + col > width:
            continue  # a narrower column further on may still fit
        chosen.append(key)
        used += col + 2
    return chosen
