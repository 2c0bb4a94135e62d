"""Event databases. ``open_store(url)`` opens any backend:

* ``None`` — the default SQLite file: ``$RASD_DB`` if set, else ``$XDG_DATA_HOME/rasd/rasd.db``
  (``~/.local/share/rasd/rasd.db``);
* ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db`` (SQLAlchemy style), ``sqlite:///:memory:``;
* a plain file path (``rasd.db``, ``/data/rasd.db``) or ``:memory:``;
* ``postgresql://user:password@host:port/db`` (psycopg 3; add ``?options=-csearch_path%3Dschema`` to use
  a schema other than ``public``).

Every backend migrates its schema on opening and refuses a database of a newer schema version.
"""

from __future__ import annotations

import os
from pathlib import Path

from rasd.store.base import SORT_KEYS, EventFilter, IngestSummary, Store


def default_db_path() -> Path:
    """Where ``rasd`` keeps its database when no ``--db`` is given."""
    env = os.environ.get("RASD_DB")
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "rasd" / "rasd.db"


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and migrating if needed) the database at ``url``; see the module docstring."""
    if url is None or str(url) == "":
        env = os.environ.get("RASD_DB")
        if env and "://" in env:
            return open_store(env)
        from rasd.store.sqlite import SQLiteStore

        return SQLiteStore(default_db_path())
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from rasd.store.postgres import PostgresStore

        return PostgresStore(text)
    from rasd.store.sqlite import SQLiteStore

    if text.startswith("sqlite://"):
        path = text[len("sqlite://"):]
        if path.startswith("/"):
            path = path[1:]
        return SQLiteStore(path or ":memory:")
    if "://" in text:
        from rasd.errors import DatabaseError

        raise DatabaseError(f"{text}: unknown database URL (use a file path, sqlite:///… or postgresql://…)")
    return SQLiteStore(text)


__all__ = ["open_store", "default_db_path", "Store", "EventFilter", "IngestSummary", "SORT_KEYS"]
