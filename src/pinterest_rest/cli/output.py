"""Render results: JSON, NDJSON, a table, YAML, CSV or TSV, after ``--query``.

Results are plain JSON values (models are unwrapped first). ``Printer.value`` writes one value;
``Printer.items`` writes an iterator of items as they arrive, so ``--all`` walks any number of
pages in constant memory for json, ndjson and yaml (a table or CSV needs every row to size its
columns or its header, so those buffer).

How each format shows a value:
  json    pretty JSON, coloured on a terminal (see ``colour``); plain when piped or NO_COLOR is set
  ndjson  one compact JSON document per line (each element of a list on its own line)
  yaml    YAML (needs PyYAML)
  table   a list of objects as aligned columns (``--columns`` or the default choice in ``shape``);
          a list of lists as aligned rows without a header; a list of scalars one per line; an
          object as pretty JSON (objects nest, rows do not); a scalar as text
  csv/tsv a header and one line per object (every key, or ``--columns``), nested values as
          compact JSON; lists of lists as rows without a header; scalars one per line
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from .errors import CliError

if TYPE_CHECKING:
    from argparse import Namespace

    from .context import Context

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


def terminal_width(ctx: Context) -> int:
    try:
        return max(40, int(ctx.env.get("COLUMNS", "")))
    except ValueError:
        pass
    import os

    try:
        return max(40, os.get_terminal_size(ctx.stdout.fileno()).columns) if ctx.tty else 200
    except (OSError, ValueError, AttributeError):
        return 100


class Printer:
    """Writes results in one format, after the ``--query`` expression, to one stream."""

    def __init__(
        self,
        out: IO[str],
        fmt: str,
        *,
        width: int = 100,
        colour: bool = False,
        query: str | None = None,
        columns: str | None = None,
        warn: IO[str] | None = None,
    ) -> None:
        from .shape import parse_columns

        self.out = out
        self.warn = warn
        self.fmt = fmt
        self.width = width
        self.colour = colour
        self.columns = parse_columns(columns)
        self._query: Any = None
        if query:
            from .shape import compile_query

            self._query = compile_query(query)  # a bad expression fails before any request

    @classmethod
    def of(cls, ctx: Context, fmt: str, ns: Namespace | None = None) -> Printer:
        """The printer of one run: width and colour from the terminal, query and columns from ``ns``
        (which holds the global options given before the group and after the command)."""
        from .colour import wanted

        source = vars(ns) if ns is not None else ctx.globals
        return cls(
            ctx.stdout,
            fmt,
            width=terminal_width(ctx),
            colour=wanted(ctx.env, ctx.tty),
            query=source.get("query"),
            columns=source.get("columns"),
            warn=ctx.stderr,
        )

    @property
    def queried(self) -> bool:
        return self._query is not None

    def value(self, value: Any) -> None:
        """Write one result (after the query)."""
        if self._query is not None:
            from .shape import apply_query

            value = apply_query(self._query, value)
        self._render(value)

    def items(self, items: Iterable[Any], bookmark: str | None = None) -> int:
        """Write the items of one page or of ``--all``; return how many."""
        if self._query is not None:
            rows = list(items)
            self.value({"items": rows, "bookmark": bookmark})
            return len(rows)
        if self.fmt in ("table", "csv", "tsv"):
            rows = list(items)
            self._render(rows, empty="(no items)\n" if self.fmt == "table" else "")
            return len(rows)
        return self._stream(items)

    # -- formats -------------------------------------------------------------------------------

    def _json(self, value: Any) -> str:
        if self.colour:
            from .colour import dumps as coloured

            return coloured(value)
        return dumps(value)

    def _render(self, value: Any, empty: str = "") -> None:
        out, fmt = self.out, self.fmt
        if value is None:
            return
        if fmt == "ndjson":
            for item in value if isinstance(value, list) else [value]:
                out.write(dumps(item, pretty=False) + "\n")
        elif fmt == "yaml":
            out.write(_yaml().safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False))
        elif fmt in ("csv", "tsv"):
            rows = value if isinstance(value, list) else [value]
            if not rows:
                out.write(empty)
            else:
                self._delimited(rows, "\t" if fmt == "tsv" else ",")
        elif fmt == "table":
            rows = [value] if isinstance(value, dict) and self.columns else value
            if isinstance(rows, list):
                out.write(self._table(rows) if rows else empty)
            elif isinstance(rows, dict):
                out.write(self._json(rows) + "\n")
            else:
                out.write(_cell(rows, limit=None) + "\n")
        else:
            out.write(self._json(value) + "\n")

    def _stream(self, items: Iterable[Any]) -> int:
        out, count = self.out, 0
        if self.fmt == "yaml":
            yaml = _yaml()
            for item in items:
                out.write(yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=False))
                out.flush()
                count += 1
            if not count:
                out.write("[]\n")
            return count
        if self.fmt == "ndjson":
            for item in items:
                out.write(dumps(item, pretty=False) + "\n")
                out.flush()
                count += 1
            return count
        # json: a streamed array, one item per element as it arrives
        out.write("[")
        for item in items:
            out.write(("," if count else "") + "\n  " + self._json(item).replace("\n", "\n  "))
            out.flush()
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count

    def _table(self, rows: list[Any]) -> str:
        if all(isinstance(r, list) for r in rows):
            return _aligned([[_cell(v) for v in r] for r in rows])
        if not all(isinstance(r, dict) for r in rows):
            return "".join(_cell(r) + "\n" for r in rows)
        from .shape import default_columns, lookup

        columns = self.columns
        if columns is None:
            sample = rows[:50]

            def need(key: str) -> int:
                return max([len(key)] + [len(_cell(r.get(key))) for r in sample])

            columns = default_columns(rows, self.width, need)
        else:
            self._check_columns(rows, columns)
        cells = [[_cell(lookup(r, c)) for c in columns] for r in rows]
        header = [c.upper() for c in columns]
        return _aligned(cells, header, bold=self.colour)

    def _check_columns(self, rows: list[Any], columns: list[str]) -> None:
        """A column no row has is most likely a typo: say so on stderr (the output still follows)."""
        from .shape import missing_columns

        missing = missing_columns(rows, columns)
        if missing and self.warn is not None and rows:
            keys = ", ".join(dict.fromkeys(k for r in rows[:50] if isinstance(r, dict) for k in r))
            self.warn.write(f"pinterest: warning: --columns: no row has {', '.join(missing)} (keys: {keys})\n")

    def _delimited(self, rows: list[Any], delimiter: str) -> None:
        import csv

        from .shape import lookup

        writer = csv.writer(self.out, delimiter=delimiter, lineterminator="\n")
        if all(isinstance(r, dict) for r in rows):
            columns = self.columns
            if columns is None:
                columns = list(dict.fromkeys(k for r in rows for k in r))
            else:
                self._check_columns(rows, columns)
            writer.writerow(columns)
            writer.writerows([[_field(lookup(r, c)) for c in columns] for r in rows])
        else:
            writer.writerows([[_field(v) for v in r] if isinstance(r, list) else [_field(r)] for r in rows])


def _aligned(cells: list[list[str]], header: list[str] | None = None, bold: bool = False) -> str:
    lines = ([header] if header else []) + cells
    count = max(len(line) for line in lines)
    widths = [max(len(line[i]) for line in lines if i < len(line)) for i in range(count)]
    text = ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in lines]
    if header and bold:
        from .colour import BOLD, RESET

        text[0] = BOLD + text[0] + RESET
    return "\n".join(text) + "\n"


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return dumps(value, pretty=False)


def _cell(value: Any, limit: int | None = _MAX_CELL) -> str:
    text = " ".join(_field(value).split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def emit(out: IO[str], value: Any, fmt: str, *, width: int = 100) -> None:
    """Write one result, plain (no query, no colour): for commands without a run's ``Printer``."""
    Printer(out, fmt, width=width).value(value)


def stream(out: IO[str], items: Iterable[Any], fmt: str, *, width: int = 100) -> int:
    return Printer(out, fmt, width=width).items(items)


def table(rows: list[Any], width: int = 100) -> str:
    return Printer(None, "table", width=width)._table(rows) if rows else "(no items)\n"  # type: ignore[arg-type]


def items_of(value: Iterator[Any]) -> Iterator[Any]:
    for item in value:
        yield plain(item)
