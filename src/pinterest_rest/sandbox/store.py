"""SQLite storage for the sandbox: one table of JSON documents keyed by kind and id.

Every write goes through one connection under a lock, so concurrent requests (uvicorn runs
handlers in a thread pool) never interleave half-done writes; file databases use WAL so readers in
other processes are not blocked. Order is insertion order (``seq``), which makes pagination stable.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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
"""

ID_BASE = 549755813888  # Pinterest ids are large decimal strings; start in their range


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def next_id(self, name: str = "id") -> str:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
                (name,),
            )
            (value,) = db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return str(ID_BASE + int(value) * 7) if name == "id" else str(value)

    def put(self, kind: str, doc_id: str, data: dict[str, Any], parent: str = "") -> dict[str, Any]:
        text = json.dumps(data)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO docs (kind, id, parent, data) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(kind, id) DO UPDATE SET data = excluded.data, parent = excluded.parent",
                (kind, doc_id, parent, text),
            )
        return data

    def get(self, kind: str, doc_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM docs WHERE kind = ? AND id = ?", (kind, doc_id)).fetchone()
        return json.loads(row[0]) if row else None

    def delete(self, kind: str, doc_id: str) -> bool:
        with self.transaction() as db:
            cur = db.execute("DELETE FROM docs WHERE kind = ? AND id = ?", (kind, doc_id))
        return cur.rowcount > 0

    def list(self, kind: str, parent: str | None = None, offset: int = 0, limit: int = -1) -> list[dict[str, Any]]:
        sql = "SELECT data FROM docs WHERE kind = ?"
        args: list[Any] = [kind]
        if parent is not None:
            sql += " AND parent = ?"
            args.append(parent)
        sql += " ORDER BY seq LIMIT ? OFFSET ?"
        args += [limit, offset]
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self, kind: str, parent: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM docs WHERE kind = ?" + (" AND parent = ?" if parent is not None else "")
        args = (kind,) if parent is None else (kind, parent)
        with self._lock:
            (n,) = self._db.execute(sql, args).fetchone()
        return int(n)

    def kinds(self) -> builtins.list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT kind FROM docs ORDER BY kind")]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


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
