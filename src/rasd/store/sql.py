"""The store logic shared by SQLite and PostgreSQL; the backends only supply dialect hooks.

Writes happen in batches, one transaction per batch: an article, its near-duplicate link, its search
terms, its per-article events (reports) and the canonical events they create or update are committed
together or not at all. An article already stored (same content hash) is skipped before extraction, so
a rerun after a crash or a kill simply carries on where the last committed batch ended.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rasd.errors import DatabaseError, RasdError
from rasd.ingest.articles import content_hash
from rasd.records import Article, Event, event_from_dict, event_to_dict
from rasd.resolve import dedup
from rasd.resolve.merge import (
    SAME_SITE_KM,
    add_report,
    best_match,
    date_window,
    place_keys,
    source_report,
    start_event,
)
from rasd.store.base import _SUMMARY_FIELDS, SORT_KEYS, EventFilter, IngestSummary
from rasd.store.feeds import FeedStateMixin
from rasd.store.schema import MIGRATIONS, SCHEMA_VERSION, statements
from rasd.store.search import index_terms, query_groups

log = logging.getLogger("rasd.store")

Extractor = Callable[[Article], list[Event]]

MAX_LOGGED_ERRORS = 10
"""Extraction failures logged as warnings per store (the rest at debug level; all are counted)."""

CANDIDATE_DAYS = 31
"""Canonical events further than this outside a report's date window are never merge candidates."""

_EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_ar", "actor2", "actor2_ar", "country", "iso3", "admin1", "location",
    "place_key", "place_key_ar", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
    "background", "n_sources", "source", "data", "updated_at",
)
_ARTICLE_COLUMNS = "id, text, published, title, source, url, origin"
_SORTS: dict[str, str] = {
    "event_date": "event_date", "fatalities": "fatalities", "country": "country",
    "event_type": "event_type", "event_id": "event_id", "sources": "n_sources",
}


def report_id(content_hash_: str, position: int) -> str:
    """The stable id of the ``position``-th event of an article (and of the canonical event it starts)."""
    return "ev-" + hashlib.blake2b(f"{content_hash_}:{position}".encode(), digest_size=8).hexdigest()


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class SQLStore(FeedStateMixin):
    """A :class:`~rasd.store.base.Store` over a DB-API connection (see SQLiteStore, PostgresStore)."""

    dialect = ""
    like = "LIKE"
    url = ""
    _extraction_errors = 0

    # ---- dialect hooks -------------------------------------------------------------------------
    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        raise NotImplementedError

    def _transaction(self) -> Any:
        raise NotImplementedError

    def _json(self, obj: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _load(self, value: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _index_article(self, seq: int, body: str) -> None:
        raise NotImplementedError

    def _index_event(self, seq: int, body: str) -> None:
        raise NotImplementedError

    def _article_match_sql(self) -> str:
        """SQL selecting article ``seq`` values that match one search parameter."""
        raise NotImplementedError

    def _event_match_sql(self) -> str:
        raise NotImplementedError

    def _search_param(self, groups: list[tuple[str, ...]]) -> str:
        raise NotImplementedError

    def _month_sql(self, column: str) -> str:
        raise NotImplementedError

    def _migration_lock(self) -> None:
        """Serialise concurrent migrations (inside the migration transaction)."""

    def _write_lock(self) -> None:
        """Serialise concurrent ingests (inside each batch's transaction): merging reads, then writes."""

    def close(self) -> None:
        raise NotImplementedError

    # ---- plumbing ------------------------------------------------------------------------------
    _lock: threading.RLock

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock, self._transaction():
            yield

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self._x(sql, params).fetchone()
        return row[0] if row else None

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            return list(self._x(sql, params).fetchall())

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def _migrate(self) -> None:
        """Bring the schema up to date; a current database is only read (so a busy writer elsewhere is fine)."""
        if not self._table_exists("rasd_meta"):
            with self._tx():
                self._migration_lock()  # two first openings at once must not both create the table
                self._x("CREATE TABLE IF NOT EXISTS rasd_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.schema_version = self._check_version()
        while self.schema_version < SCHEMA_VERSION:
            with self._tx():
                self._migration_lock()
                current = self._check_version()
                if current == self.schema_version:
                    for stmt in statements(MIGRATIONS[self.dialect][current]):
                        self._x(stmt)
                    self._x(
                        "INSERT INTO rasd_meta (key, value) VALUES ('schema_version', ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (str(current + 1),),
                    )
                    log.info("%s: schema migrated to version %d", self.url, current + 1)
            self.schema_version = self._check_version()

    def _check_version(self) -> int:
        value = self._one("SELECT value FROM rasd_meta WHERE key = 'schema_version'")
        version = int(value) if value is not None else 0
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{self.url}: the database has schema version {version}, newer than this rasd supports "
                f"({SCHEMA_VERSION}); upgrade rasd to open it"
            )
        return version

    # ---- ingest --------------------------------------------------------------------------------
    def ingest(
        self,
        articles: Iterable[Article],
        *,
        extractor: Extractor | None = None,
        batch_size: int = 50,
        progress: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        if extractor is None:
            from rasd.pipeline import default_pipeline

            extractor = default_pipeline().extract
        total = IngestSummary()
        for batch in _batches(articles, max(1, batch_size)):
            total += self._ingest_batch(batch, extractor)
            if progress is not None:
                progress(len(batch))
        return total

    def _known_hashes(self, hashes: set[str]) -> set[str]:
        if not hashes:
            return set()
        marks = ", ".join("?" * len(hashes))
        rows = self._all(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", sorted(hashes))
        return {r[0] for r in rows}

    def _ingest_batch(self, batch: list[Article], extractor: Extractor) -> IngestSummary:
        counts = dict.fromkeys(_SUMMARY_FIELDS, 0)
        counts["articles_seen"] = len(batch)
        hashes = [content_hash(a.text) for a in batch]
        known = self._known_hashes(set(hashes))
        todo: list[tuple[Article, str, list[Event], Any]] = []
        for article, h in zip(batch, hashes, strict=True):
            if h in known:
                counts["articles_duplicate"] += 1
                continue
            known.add(h)
            try:
                events = list(extractor(article))
            except ImportError as err:  # a broken install, not a bad article: stop before storing anything
                raise RasdError(f"the event extractor cannot be loaded: {err}") from err
            except Exception as err:  # one bad article must not stop an ingest of thousands
                self._extraction_errors += 1
                level = logging.WARNING if self._extraction_errors <= MAX_LOGGED_ERRORS else logging.DEBUG
                log.log(level, "%s: extraction failed: %s", article.origin or article.id, err)
                counts["errors"] += 1
                continue
            todo.append((article, h, events, dedup.signature(article.text)))
        with self._tx():
            self._write_lock()
            for article, h, events, sig in todo:
                if self._one("SELECT 1 FROM articles WHERE content_hash = ?", (h,)):
                    counts["articles_duplicate"] += 1  # stored meanwhile by another writer
                    continue
                self._store_article(article, h, events, sig, counts)
        return IngestSummary(**counts)

    def _free_id(self, wanted: str, h: str) -> str:
        if not self._one("SELECT 1 FROM articles WHERE id = ?", (wanted,)):
            return wanted
        return f"{wanted}~{h[:12]}"

    def _store_article(
        self, article: Article, h: str, events: list[Event], sig: Any, counts: dict[str, int]
    ) -> None:
        aid = self._free_id(article.id or h[:16], h)
        if aid != article.id:
            article = replace(article, id=aid)
        link = self._link_near_duplicate(aid, sig) if sig is not None else None
        seq = self._one(
            "INSERT INTO articles (id, content_hash, title, source, url, published, origin, text, "
            "duplicate_of, similarity, n_events, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING seq",
            (aid, h, article.title, article.source, article.url, _iso(article.published), article.origin,
             article.text, link[0] if link else None, link[1] if link else None, len(events), _now()),
        )
        self._index_article(seq, index_terms(article.title, article.text))
        counts["articles_new"] += 1
        counts["near_duplicates"] += link is not None
        for position, event in enumerate(events):
            counts["reports"] += 1
            if self._merge_report(article, report_id(h, position), position, event):
                counts["events_new"] += 1
            else:
                counts["events_merged"] += 1

    def _link_near_duplicate(self, aid: str, sig: Any) -> tuple[str, float] | None:
        keys = dedup.band_keys(sig)
        marks = ", ".join("?" * len(keys))
        rows = self._x(
            "SELECT m.article_id, m.signature, a.duplicate_of, a.seq FROM article_minhash m "
            "JOIN articles a ON a.id = m.article_id "
            f"WHERE m.article_id IN (SELECT DISTINCT article_id FROM article_bands WHERE band_key IN ({marks}))",
            keys,
        ).fetchall()
        best: tuple[float, int, str] | None = None
        for other, other_sig, root, seq in rows:
            sim = dedup.similarity(bytes(other_sig), sig)
            if sim >= dedup.THRESHOLD and (best is None or (sim, -seq) > best[:2]):
                best = (sim, -seq, root or other)
        for key in keys:
            self._x("INSERT INTO article_bands (band_key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (key, aid))
        self._x("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)", (aid, dedup.to_bytes(sig)))
        return (best[2], round(best[0], 4)) if best else None

    def _merge_candidates(self, report: Event) -> list[Event]:
        window = date_window(report)
        if window is None:
            return []
        lo = window[0] - timedelta(days=CANDIDATE_DAYS)
        hi = window[1] + timedelta(days=CANDIDATE_DAYS)
        key, key_ar = place_keys(report)
        params: list[Any] = [report.event_type, lo.isoformat(), hi.isoformat()]
        # A superset of what merge.separation accepts, narrowed by place so the check stays cheap.
        if (report.geo_precision or 3) <= 2:
            place = "geo_precision <= 2 AND (place_key = ? OR place_key_ar = ?"
            params += [key, key_ar]
            if report.latitude is not None and report.longitude is not None:
                d_lat = SAME_SITE_KM / 111.0 + 0.001
                d_lon = d_lat / max(0.05, math.cos(math.radians(report.latitude)))
                place += " OR (latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?)"
                params += [report.latitude - d_lat, report.latitude + d_lat,
                           report.longitude - d_lon, report.longitude + d_lon]
            place += ")"
        else:
            place = ("COALESCE(geo_precision, 3) >= 3 AND (lower(admin1) = lower(?) "
                     "OR (admin1 IS NULL AND (place_key = ? OR place_key_ar = ?)))")
            params += [report.admin1, key, key_ar]
        rows = self._x(
            f"SELECT data FROM events WHERE event_type = ? AND event_date BETWEEN ? AND ? AND {place} ORDER BY seq",
            params,
        ).fetchall()
        return [event_from_dict(self._load(r[0])) for r in rows]

    def _merge_report(self, article: Article, rid: str, position: int, event: Event) -> bool:
        """Fold one report into the canonical events; True when it started a new one."""
        report = event.replace(event_id=rid, article_id=article.id, sources=())
        src = source_report(report, article)
        match = best_match(self._merge_candidates(report), report)
        if match is None:
            canonical = start_event(report, src, rid)
            self._write_event(canonical, new=True)
        else:
            canonical = add_report(match, report, src)
            self._write_event(canonical, new=False)
        self._x(
            "INSERT INTO article_events (id, article_id, event_id, position, data) VALUES (?, ?, ?, ?, ?)",
            (rid, article.id, canonical.event_id, position, self._json(event_to_dict(report))),
        )
        return match is None

    def _event_row(self, ev: Event) -> tuple[Any, ...]:
        data = event_to_dict(ev)
        return (
            ev.event_id, ev.article_id, _iso(ev.event_date), ev.time_precision, ev.event_type,
            ev.sub_event_type, ev.actor1, ev.actor1_ar, ev.actor2, ev.actor2_ar, ev.country, ev.iso3,
            ev.admin1, ev.location, *place_keys(ev), ev.latitude, ev.longitude, ev.geo_precision, ev.fatalities,
            ev.fatalities_low, ev.fatalities_high, bool(ev.background), len(ev.sources), ev.source,
            self._json(data), _now(),
        )

    def _write_event(self, ev: Event, *, new: bool) -> None:
        row = self._event_row(ev)
        if new:
            cols = ", ".join(_EVENT_COLUMNS)
            marks = ", ".join("?" * len(_EVENT_COLUMNS))
            seq = self._one(f"INSERT INTO events ({cols}) VALUES ({marks}) RETURNING seq", row)
        else:
            sets = ", ".join(f"{c} = ?" for c in _EVENT_COLUMNS[1:])
            seq = self._one(f"UPDATE events SET {sets} WHERE event_id = ? RETURNING seq", (*row[1:], ev.event_id))
        body = index_terms(
            ev.notes, ev.location, ev.location_ar, ev.actor1, ev.actor1_ar, ev.actor2, ev.actor2_ar,
            ev.admin1, ev.country, *(e.text for e in ev.evidence),
        )
        self._index_event(seq, body)

    # ---- queries -------------------------------------------------------------------------------
    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if f.since:
            clauses.append("event_date >= ?")
            params.append(_iso(f.since))
        if f.until:
            clauses.append("event_date <= ?")
            params.append(_iso(f.until))
        if f.country:
            clauses.append("(lower(country) = lower(?) OR lower(iso3) = lower(?))")
            params += [f.country, f.country]
        if f.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(f.admin1)
        if f.event_type:
            clauses.append("lower(event_type) = lower(?)")
            params.append(f.event_type)
        if f.actor:
            pattern = "%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(" + " OR ".join(
                f"{c} {self.like} ? ESCAPE '\\'" for c in ("actor1", "actor2", "actor1_ar", "actor2_ar")) + ")")
            params += [pattern] * 4
        if f.search is not None:
            groups = query_groups(f.search)
            if not groups:
                clauses.append("1 = 0")  # nothing searchable (punctuation only): nothing matches
            else:
                q = self._search_param(groups)
                clauses.append(
                    f"(seq IN ({self._event_match_sql()}) OR event_id IN (SELECT ae.event_id FROM article_events ae "
                    f"JOIN articles a ON a.id = ae.article_id WHERE a.seq IN ({self._article_match_sql()})))"
                )
                params += [q, q]
        if f.background is not None:
            clauses.append("background = ?")
            params.append(bool(f.background))
        if f.bbox:
            west, south, east, north = f.bbox
            clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [west, east, south, north]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def query_events(
        self, filters: EventFilter, *, limit: int = 100, offset: int = 0, sort: str = "-event_date"
    ) -> list[Event]:
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key {sort!r}; use one of {', '.join(SORT_KEYS)}")
        column = _SORTS[sort.lstrip("-")]
        direction = "DESC" if sort.startswith("-") else "ASC"
        where, params = self._where(filters)
        rows = self._all(
            f"SELECT data FROM events{where} ORDER BY {column} {direction} NULLS LAST, seq {direction} "
            "LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        return [event_from_dict(self._load(r[0])) for r in rows]

    def iter_events(self, filters: EventFilter, *, sort: str = "-event_date", page: int = 1000) -> Iterator[Event]:
        """Every matching event, fetched a page at a time (for exports)."""
        offset = 0
        while True:
            batch = self.query_events(filters, limit=page, offset=offset, sort=sort)
            yield from batch
            if len(batch) < page:
                return
            offset += page

    def count_events(self, filters: EventFilter) -> int:
        where, params = self._where(filters)
        with self._lock:
            return int(self._one(f"SELECT COUNT(*) FROM events{where}", params))

    def get_event(self, event_id: str) -> Event | None:
        """The canonical event; the id of any report merged into it finds it too."""
        with self._lock:
            data = self._one("SELECT data FROM events WHERE event_id = ?", (event_id,))
            if data is None:
                data = self._one(
                    "SELECT e.data FROM article_events ae JOIN events e ON e.event_id = ae.event_id WHERE ae.id = ?",
                    (event_id,),
                )
        return event_from_dict(self._load(data)) if data is not None else None

    def event_reports(self, event_id: str) -> list[Event]:
        rows = self._all(
            "SELECT ae.data FROM article_events ae JOIN articles a ON a.id = ae.article_id "
            "WHERE ae.event_id = ? ORDER BY a.seq, ae.position",
            (event_id,),
        )
        return [event_from_dict(self._load(r[0])) for r in rows]

    @staticmethod
    def _article(row: Any) -> Article:
        aid, text, published, title, source, url, origin = row
        return Article(id=aid, text=text, published=date.fromisoformat(str(_iso(published))) if published else None,
                       title=title, source=source, url=url, origin=origin)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._all(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return self._article(rows[0]) if rows else None

    def list_articles(
        self, *, limit: int = 100, offset: int = 0, search: str | None = None, source: str | None = None
    ) -> list[Article]:
        clauses, params = [], []  # type: ignore[var-annotated]
        if search is not None:
            groups = query_groups(search)
            clauses.append(f"seq IN ({self._article_match_sql()})" if groups else "1 = 0")
            if groups:
                params.append(self._search_param(groups))
        if source:
            clauses.append("source = ?")
            params.append(source)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._all(f"SELECT {_ARTICLE_COLUMNS} FROM articles{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                         [*params, int(limit), int(offset)])
        return [self._article(r) for r in rows]

    def near_duplicates(self, article_id: str) -> list[tuple[str, float]]:
        rows = self._all(
            "SELECT id, similarity FROM articles WHERE duplicate_of = ? UNION "
            "SELECT duplicate_of, similarity FROM articles WHERE id = ? AND duplicate_of IS NOT NULL",
            (article_id, article_id),
        )
        return sorted((r[0], float(r[1])) for r in rows)

    def actors(self, *, search: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        where, params = "", []  # type: ignore[var-annotated]
        if search:
            pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where = f" WHERE actor {self.like} ? ESCAPE '\\' OR actor_ar {self.like} ? ESCAPE '\\'"
            params = [pattern, pattern]
        rows = self._all(
            "SELECT actor, MAX(actor_ar), COUNT(DISTINCT event_id) AS n FROM ("
            "SELECT actor1 AS actor, actor1_ar AS actor_ar, event_id FROM events WHERE actor1 IS NOT NULL "
            "UNION ALL SELECT actor2, actor2_ar, event_id FROM events WHERE actor2 IS NOT NULL) t"
            f"{where} GROUP BY actor ORDER BY n DESC, actor LIMIT ?",
            [*params, int(limit)],
        )
        return [{"actor": r[0], "actor_ar": r[1], "events": int(r[2])} for r in rows]

    def _counts(self, sql: str) -> dict[str, int]:
        return {str(k) if k is not None else "unknown": int(n) for k, n in self._all(sql)}

    def stats(self) -> dict[str, Any]:
        with self._lock:
            articles = int(self._one("SELECT COUNT(*) FROM articles"))
            near = int(self._one("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"))
            reports = int(self._one("SELECT COUNT(*) FROM article_events"))
            events = int(self._one("SELECT COUNT(*) FROM events"))
            multi = int(self._one("SELECT COUNT(*) FROM events WHERE n_sources > 1"))
        month = self._month_sql("event_date")
        return {
            "backend": self.dialect, "url": self.url, "schema_version": self.schema_version,
            "articles": articles, "near_duplicates": near, "reports": reports, "events": events,
            "events_with_several_sources": multi,
            "by_country": self._counts("SELECT country, COUNT(*) n FROM events GROUP BY country ORDER BY n DESC, country"),
            "by_type": self._counts(
                "SELECT event_type, COUNT(*) n FROM events GROUP BY event_type ORDER BY n DESC, event_type"),
            "by_month": self._counts(f"SELECT {month} m, COUNT(*) n FROM events GROUP BY m ORDER BY m"),
            "by_source": self._counts(
                "SELECT a.source, COUNT(DISTINCT ae.event_id) n FROM article_events ae "
                "JOIN articles a ON a.id = ae.article_id GROUP BY a.source ORDER BY n DESC, a.source"),
            "articles_by_source": self._counts(
                "SELECT source, COUNT(*) n FROM articles GROUP BY source ORDER BY n DESC, source"),
        }

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
