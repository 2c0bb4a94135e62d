"""The team backend: PostgreSQL through psycopg 3, with the same behaviour as SQLite.

Full-text search uses ``tsvector`` columns (``simple`` configuration) over the same normalised,
clitic-free terms as the SQLite FTS5 index. Pass the schema in the URL to keep several databases in one
server: ``postgresql://user:pw@host/db?options=-csearch_path%3Dmyschema``.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasd.errors import DatabaseError
from rasd.store.search import tsquery
from rasd.store.sql import SQLStore


def redact(url: str) -> str:
    """The URL without its password (for messages and ``stats``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(SQLStore):
    dialect = "postgres"
    like = "ILIKE"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        try:
            import psycopg
            from psycopg.types.json import Jsonb
        except ImportError as err:  # pragma: no cover - depends on the install
            raise DatabaseError("PostgreSQL support needs psycopg: pip install 'rasd[postgres]'") from err
        self._psycopg = psycopg
        self._jsonb = Jsonb
        self.url = redact(url)
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as err:
            raise DatabaseError(f"{self.url}: cannot connect: {str(err).strip().splitlines()[0]}") from err
        self._migrate()

    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        sql = sql.replace("%", "%%").replace("?", "%s")
        try:
            return self._conn.execute(sql, tuple(params))  # type: ignore[arg-type]
        except self._psycopg.OperationalError as err:
            raise DatabaseError(f"{self.url}: {str(err).strip().splitlines()[0]}") from err

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                yield
        except self._psycopg.OperationalError as err:
            raise DatabaseError(f"{self.url}: {str(err).strip().splitlines()[0]}") from err

    def _migration_lock(self) -> None:
        self._x("SELECT pg_advisory_xact_lock(?)", (zlib.crc32(b"rasd schema migration"),))

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT to_regclass(?) IS NOT NULL", (name,)) is True

    def _write_lock(self) -> None:
        # SQLite's BEGIN IMMEDIATE already admits one writer; PostgreSQL needs it said.
        self._x("SELECT pg_advisory_xact_lock(?)", (zlib.crc32(b"rasd ingest"),))

    def _json(self, obj: dict[str, Any]) -> Any:
        return self._jsonb(obj)

    def _load(self, value: Any) -> dict[str, Any]:
        if isinstance(value, (str, bytes)):
            import json

            return json.loads(value)
        return value

    def _index_article(self, seq: int, body: str) -> None:
        self._x("UPDATE articles SET search = to_tsvector('simple', ?) WHERE seq = ?", (body, seq))

    def _index_event(self, seq: int, body: str) -> None:
        self._x("UPDATE events SET search = to_tsvector('simple', ?) WHERE seq = ?", (body, seq))

    def _article_match_sql(self) -> str:
        return "SELECT seq FROM articles WHERE search @@ to_tsquery('simple', ?)"

    def _event_match_sql(self) -> str:
        return "SELECT seq FROM events WHERE search @@ to_tsquery('simple', ?)"

    def _search_param(self, groups: list[tuple[str, ...]]) -> str:
        return tsquery(groups)

    def _month_sql(self, column: str) -> str:
        return f"to_char({column}, 'YYYY-MM')"

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except self._psycopg.Error:
                pass
