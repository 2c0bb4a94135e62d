"""The default backend: one SQLite file in WAL mode, with FTS5 for full-text search."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.errors import DatabaseError
from rasd.store.schema import SCHEMA_VERSION
from rasd.store.search import fts5_query
from rasd.store.sql import SQLStore


def _is_operational(err: sqlite3.Error) -> bool:
    return isinstance(err, sqlite3.OperationalError) or type(err) is sqlite3.DatabaseError


def _writable(file: Path) -> bool:
    """Can this process write the database file and its folder (for the WAL and lock files)?"""
    return os.access(file, os.W_OK) and os.access(file.parent, os.W_OK)


class SQLiteStore(SQLStore):
    """Articles and events in one SQLite file (``:memory:`` for a throw-away store)."""

    dialect = "sqlite"
    like = "LIKE"

    def __init__(self, path: str | Path = ":memory:", *, timeout: float = 30.0) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        self._lock = threading.RLock()
        self.read_only = False
        file = Path(self.path).expanduser()
        if self.path != ":memory:" and not (file.exists() and not _writable(file)):
            file.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self.path != ":memory:" and file.exists() and not _writable(file):
                # A database on a read-only disk or without write permission: open it for reading
                # (queries, exports, the web page); any write is refused with a DatabaseError.
                self._conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                             isolation_level=None, check_same_thread=False)
                self.read_only = True
            else:
                self._conn = sqlite3.connect(
                    str(file) if self.path != ":memory:" else self.path,
                    timeout=timeout, isolation_level=None, check_same_thread=False,
                )
                if self.path != ":memory:":
                    mode = self._journal_wal(timeout)
                    if str(mode).lower() != "wal":
                        raise DatabaseError(f"{self.url}: could not switch the database to WAL mode ({mode})")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        except sqlite3.Error as err:
            raise DatabaseError(f"{self.url}: cannot open the database: {err}") from err
        if self.read_only:
            self.schema_version = self._check_version()
            if self.schema_version < SCHEMA_VERSION:
                raise DatabaseError(f"{self.url}: the database is read-only and needs a schema upgrade "
                                    f"(version {self.schema_version} → {SCHEMA_VERSION}); open it once writable")
        else:
            self._migrate()

    def _journal_wal(self, timeout: float) -> str:
        """Switch to WAL. Two first openings at once may find the file locked while the other
        switches (SQLite does not wait here on its own), so retry until ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return str(self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0])
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            return self._conn.execute(sql, tuple(params))
        except sqlite3.Error as err:
            if _is_operational(err):
                raise DatabaseError(f"{self.url}: {err}") from err
            raise

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._x("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        else:
            try:
                self._x("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def _json(self, obj: dict[str, Any]) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    def _load(self, value: Any) -> dict[str, Any]:
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    def _index_article(self, seq: int, body: str) -> None:
        self._x("INSERT INTO article_fts (rowid, body) VALUES (?, ?)", (seq, body))

    def _index_event(self, seq: int, body: str) -> None:
        self._x("DELETE FROM event_fts WHERE rowid = ?", (seq,))
        self._x("INSERT INTO event_fts (rowid, body) VALUES (?, ?)", (seq, body))

    def _article_match_sql(self) -> str:
        return "SELECT rowid FROM article_fts WHERE article_fts MATCH ?"

    def _event_match_sql(self) -> str:
        return "SELECT rowid FROM event_fts WHERE event_fts MATCH ?"

    def _search_param(self, groups: list[tuple[str, ...]]) -> str:
        return fts5_query(groups)

    def _month_sql(self, column: str) -> str:
        return f"substr({column}, 1, 7)"

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
