"""SQLite storage for the sandbox: JSON documents keyed by kind and id, with side indexes.

Every write goes through one connection under a lock, so concurrent requests (uvicorn runs
handlers in a thread pool) never interleave half-done writes; file databases use WAL so readers in
other processes are not blocked. Order is insertion order (``seq``), which makes pagination stable
and, because ids are handed out increasing, is also id order.

API (what handlers may rely on; nothing here scans every document of a kind)

    store.put(kind, id, data, parent="")      insert or replace; maintains indexes and uniqueness
    store.get(kind, id) -> dict | None
    store.delete(kind, id) -> bool
    store.list(kind, parent=None, offset=0, limit=-1, order="ASCENDING") -> list[dict]
    store.count(kind, parent=None) -> int      O(1) without parent (a counters row per kind)
    store.next_id(name="id") -> str
    store.transaction()                        a context manager: BEGIN IMMEDIATE ... COMMIT

    declare(kind, index=("campaign_id", "status"), unique=("name",))
        once, at import time of the handler module that owns ``kind``. ``index`` fields (dotted paths
        allowed: "owner.username") become queryable; a field holding a list of scalars is indexed
        under each element. ``unique`` fields are unique per (kind, parent): a ``put`` that would
        store a second document with the same value raises ``Duplicate`` inside the same transaction
        as the write, so 32 concurrent creates of one name store exactly one, and a rename onto an
        existing name fails too. Values compare exactly (case-sensitive); ``None`` is never unique.
        A unique entry "feed_id+name" is a composite key (unique together, still per parent).

    store.find(kind, where={"campaign_id": "1", "status": ["ACTIVE", "PAUSED"]}, parent=None,
               order="ASCENDING", offset=0, limit=-1) -> list[dict]
        AND across fields, OR within a field given a list/tuple/set. Only declared index fields are
        accepted (ValueError names the other), so a query can never silently fall back to a scan.
        The first field drives the index lookup: put the most selective one first.
    store.count_where(kind, where=..., parent=None) -> int
    store.find_one(kind, where=..., parent=None) -> dict | None

``Duplicate`` carries ``kind``, ``field`` and ``value``; the app answers it with a 409 naming the
field (handlers may catch it to answer with a more specific code).
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from .clock import Clock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    UNIQUE (kind, id)
);
CREATE INDEX IF NOT EXISTS docs_parent ON docs (kind, parent, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idx (
    kind TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, field, value, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_doc ON idx (kind, id);
CREATE TABLE IF NOT EXISTS uniq (
    kind TEXT NOT NULL,
    parent TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, parent, field, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uniq_doc ON uniq (kind, id);
CREATE TABLE IF NOT EXISTS kind_counts (kind TEXT PRIMARY KEY, n INTEGER NOT NULL);
"""
_VERSION = 4  # PRAGMA user_version: 2 added idx/uniq/kind_counts; 3 new rules (pin sections, feed,
# product group and integration keys); 4 audience shares by recipient. Each bump rebuilds the keys on open.

ID_BASE = 549755813888  # Pinterest ids are large decimal strings; start in their range

Order = Literal["ASCENDING", "DESCENDING"]


@dataclass(frozen=True)
class KindRules:
    index: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()


_RULES: dict[str, KindRules] = {}


def declare(kind: str, *, index: Collection[str] = (), unique: Collection[str] = ()) -> None:
    """Index ``index`` fields and enforce ``unique`` fields (per parent) for every document of ``kind``.

    Declarations add up (a second call for a kind merges its fields), so two modules may both declare.
    Unique fields are indexed too.
    """
    old = _RULES.get(kind, KindRules())
    idx = tuple(dict.fromkeys([*old.index, *index, *(p for u in unique for p in u.split("+"))]))
    uniq = tuple(dict.fromkeys([*old.unique, *unique]))
    _RULES[kind] = KindRules(idx, uniq)


def rules(kind: str) -> KindRules:
    return _RULES.get(kind, KindRules())


class Duplicate(Exception):
    """A ``put`` would break a declared uniqueness rule; nothing was written."""

    def __init__(self, kind: str, field: str, value: str) -> None:
        super().__init__(f"{kind}.{field} {value!r} already exists")
        self.kind = kind
        self.field = field
        self.value = value


def _pluck(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _key(value: Any) -> str | None:
    """The text an index stores for a scalar (bools and numbers as JSON spells them); None: not indexed."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _keys(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [k for k in dict.fromkeys(_key(v) for v in values) if k is not None]


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version < _VERSION:
            self.reindex()
            self._db.execute(f"PRAGMA user_version = {_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._db.in_transaction:  # nested: the outer transaction commits or rolls back
                yield self._db
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def next_id(self, name: str = "id") -> str:
        with self.transaction() as db:
            (value,) = db.execute(
                "INSERT INTO counters (name, value) VALUES (?, 1) "
                "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
                (name,),
            ).fetchone()
        return str(ID_BASE + int(value) * 7) if name == "id" else str(value)

    # -- writes ---------------------------------------------------------------------------------

    def put(self, kind: str, doc_id: str, data: dict[str, Any], parent: str = "") -> dict[str, Any]:
        text = json.dumps(data)
        kr = _RULES.get(kind)
        with self.transaction() as db:
            row = db.execute("SELECT seq FROM docs WHERE kind = ? AND id = ?", (kind, doc_id)).fetchone()
            if row is None:
                (seq,) = db.execute(
                    "INSERT INTO docs (kind, id, parent, data) VALUES (?, ?, ?, ?) RETURNING seq",
                    (kind, doc_id, parent, text),
                ).fetchone()
                db.execute(
                    "INSERT INTO kind_counts (kind, n) VALUES (?, 1) ON CONFLICT(kind) DO UPDATE SET n = n + 1",
                    (kind,),
                )
            else:
                (seq,) = row
                db.execute("UPDATE docs SET data = ?, parent = ? WHERE seq = ?", (text, parent, seq))
            if kr is not None:
                self._write_keys(db, kind, doc_id, seq, parent, data, kr)
        return data

    def _write_keys(
        self, db: sqlite3.Connection, kind: str, doc_id: str, seq: int, parent: str, data: dict[str, Any], kr: KindRules
    ) -> None:
        db.execute("DELETE FROM idx WHERE kind = ? AND id = ?", (kind, doc_id))
        db.executemany(
            "INSERT OR IGNORE INTO idx (kind, field, value, seq, id) VALUES (?, ?, ?, ?, ?)",
            [(kind, f, k, seq, doc_id) for f in kr.index for k in _keys(_pluck(data, f))],
        )
        if not kr.unique:
            return
        db.execute("DELETE FROM uniq WHERE kind = ? AND id = ?", (kind, doc_id))
        for f in kr.unique:
            parts = [_key(_pluck(data, part)) for part in f.split("+")]
            if None in parts:
                continue
            value = "\x1f".join(p for p in parts if p is not None)
            try:
                db.execute(
                    "INSERT INTO uniq (kind, parent, field, value, id) VALUES (?, ?, ?, ?, ?)",
                    (kind, parent, f, value, doc_id),
                )
            except sqlite3.IntegrityError:
                raise Duplicate(kind, f, value) from None  # the transaction rolls the write back

    def delete(self, kind: str, doc_id: str) -> bool:
        with self.transaction() as db:
            cur = db.execute("DELETE FROM docs WHERE kind = ? AND id = ?", (kind, doc_id))
            if cur.rowcount > 0:
                db.execute("UPDATE kind_counts SET n = n - 1 WHERE kind = ?", (kind,))
                db.execute("DELETE FROM idx WHERE kind = ? AND id = ?", (kind, doc_id))
                db.execute("DELETE FROM uniq WHERE kind = ? AND id = ?", (kind, doc_id))
        return cur.rowcount > 0

    def reindex(self) -> None:
        """Rebuild counts, indexes and uniqueness rows from the documents (after an upgrade or a new
        declaration on a database that already holds data). Existing duplicates keep the oldest."""
        with self.transaction() as db:
            db.execute("DELETE FROM kind_counts")
            db.execute("INSERT INTO kind_counts (kind, n) SELECT kind, COUNT(*) FROM docs GROUP BY kind")
            db.execute("DELETE FROM idx")
            db.execute("DELETE FROM uniq")
            for kind, kr in _RULES.items():
                rows = db.execute("SELECT seq, id, parent, data FROM docs WHERE kind = ? ORDER BY seq", (kind,))
                for seq, doc_id, parent, text in rows.fetchall():
                    try:
                        self._write_keys(db, kind, doc_id, seq, parent, json.loads(text), kr)
                    except Duplicate:
                        continue

    # -- reads ----------------------------------------------------------------------------------

    def get(self, kind: str, doc_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM docs WHERE kind = ? AND id = ?", (kind, doc_id)).fetchone()
        return json.loads(row[0]) if row else None

    def list(
        self, kind: str, parent: str | None = None, offset: int = 0, limit: int = -1, order: Order = "ASCENDING"
    ) -> builtins.list[dict[str, Any]]:
        sql = "SELECT data FROM docs WHERE kind = ?"
        args: builtins.list[Any] = [kind]
        if parent is not None:
            sql += " AND parent = ?"
            args.append(parent)
        sql += f" ORDER BY seq {_direction(order)} LIMIT ? OFFSET ?"
        args += [limit, offset]
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self, kind: str, parent: str | None = None) -> int:
        with self._lock:
            if parent is None:
                row = self._db.execute("SELECT n FROM kind_counts WHERE kind = ?", (kind,)).fetchone()
                return int(row[0]) if row else 0
            (n,) = self._db.execute(
                "SELECT COUNT(*) FROM docs WHERE kind = ? AND parent = ?", (kind, parent)
            ).fetchone()
        return int(n)

    def _where_sql(
        self, kind: str, where: Mapping[str, Any], parent: str | None
    ) -> tuple[str, builtins.list[Any], str] | None:
        """FROM/WHERE clauses driven by the first field's index, and the column to order by (the
        driving index's own seq when it holds one value, so SQLite streams it in order and stops at
        LIMIT instead of sorting every match); None when a value list is empty."""
        declared = rules(kind).index
        fields = list(where)
        for f in fields:
            if f not in declared:
                raise ValueError(f"{kind}.{f} is not an indexed field (declare(kind, index=...) first)")
        if not fields:
            sql, args = " FROM docs d WHERE d.kind = ?", [kind]
            if parent is not None:
                sql += " AND d.parent = ?"
                args.append(parent)
            return sql, args, "d.seq"
        joins, conds, args = [], [], []
        driver = "d.seq"
        for n, f in enumerate(fields):
            raw = where[f]
            values = list(raw) if isinstance(raw, (list, tuple, set, frozenset)) else [raw]
            keys = [k for k in (_key(v) for v in values) if k is not None]
            if not keys:
                return None
            marks = ",".join("?" * len(keys))
            if n == 0:
                conds.append(f"i0.kind = ? AND i0.field = ? AND i0.value IN ({marks})")
                args += [kind, f, *keys]
                driver = "i0.seq" if len(keys) == 1 else "d.seq"
            else:
                joins.append(
                    f" AND EXISTS (SELECT 1 FROM idx i{n} WHERE i{n}.kind = d.kind AND i{n}.id = d.id"
                    f" AND i{n}.field = ? AND i{n}.value IN ({marks}))"
                )
                args += [f, *keys]
        # CROSS JOIN keeps SQLite from scanning docs first: the index row set drives the lookup.
        sql = " FROM idx i0 CROSS JOIN docs d ON d.kind = i0.kind AND d.id = i0.id WHERE " + conds[0] + "".join(joins)
        if parent is not None:
            sql += " AND d.parent = ?"
            args.append(parent)
        return sql, args, driver

    def find(
        self,
        kind: str,
        where: Mapping[str, Any] | None = None,
        *,
        parent: str | None = None,
        order: Order = "ASCENDING",
        offset: int = 0,
        limit: int = -1,
    ) -> builtins.list[dict[str, Any]]:
        clause = self._where_sql(kind, where or {}, parent)
        if clause is None:
            return []
        sql, args, by = clause
        # One driving value: one index row per document, in seq order. Several: a list field may
        # match a document more than once, so rows are made distinct (and sorted).
        distinct = "" if by == "i0.seq" else "DISTINCT "
        query = f"SELECT {distinct}d.seq, d.data{sql} ORDER BY {by} {_direction(order)} LIMIT ? OFFSET ?"
        with self._lock:
            rows = self._db.execute(query, [*args, limit, offset]).fetchall()
        return [json.loads(r[1]) for r in rows]

    def count_where(self, kind: str, where: Mapping[str, Any] | None = None, *, parent: str | None = None) -> int:
        clause = self._where_sql(kind, where or {}, parent)
        if clause is None:
            return 0
        sql, args, _ = clause
        with self._lock:
            (n,) = self._db.execute(f"SELECT COUNT(DISTINCT d.seq){sql}", args).fetchone()
        return int(n)

    def find_one(
        self, kind: str, where: Mapping[str, Any] | None = None, *, parent: str | None = None
    ) -> dict[str, Any] | None:
        found = self.find(kind, where, parent=parent, limit=1)
        return found[0] if found else None

    def kinds(self) -> builtins.list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT kind FROM kind_counts WHERE n > 0 ORDER BY kind")]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _direction(order: str) -> str:
    if order not in ("ASCENDING", "DESCENDING"):
        raise ValueError(f"order must be ASCENDING or DESCENDING, not {order!r}")
    return "DESC" if order == "DESCENDING" else "ASC"


def now_iso(clock: Clock | None = None) -> str:
    """Now as RFC 3339 UTC (``...Z``); pass the sandbox's clock (``ctx.app.clock``) so tests can move it."""
    return (clock or _REAL_TIME).iso()


_REAL_TIME = Clock()


class Table:
    """``sandbox.state.<kind>``: read-only inspection for tests."""

    def __init__(self, store: Store, kind: str) -> None:
        self._store = store
        self._kind = kind

    def count(self) -> int:
        return self._store.count(self._kind)

    def all(self) -> list[dict[str, Any]]:
        return self._store.list(self._kind)

    def get(self, doc_id: str) -> dict[str, Any] | None:
        return self._store.get(self._kind, doc_id)


class State:
    """Attribute per kind of stored object: ``state.pins.count()``, ``state.boards.all()``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, kind: str) -> Table:
        if kind.startswith("_"):
            raise AttributeError(kind)
        # Kinds are stored singular ("pin"); tests read naturally in the plural ("state.pins").
        return Table(self._store, kind[:-1] if kind.endswith("s") else kind)

    def kinds(self) -> list[str]:
        return self._store.kinds()
