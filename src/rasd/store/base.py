"""The Store protocol: what every database backend offers. SQLite is the default, PostgreSQL for teams."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rasd.records import Article, Event


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by `rasd events`, the HTTP API and the web page."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    """English name or ISO3."""
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    """Substring of actor1/actor2 (English or Arabic)."""
    search: str | None = None
    """Full-text search over normalised Arabic article text and event notes."""
    background: bool | None = None
    """None: both; False: news events only; True: background only."""
    bbox: tuple[float, float, float, float] | None = None
    """(west, south, east, north)."""


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ``Store.ingest`` call did."""

    articles_seen: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    """Articles already in the database (same content hash): skipped."""
    near_duplicates: int = 0
    """New articles linked to an earlier near-identical article (wire copies)."""
    events_new: int = 0
    """Canonical events created."""
    events_merged: int = 0
    """Reports folded into an existing canonical event (each an updated event)."""
    errors: int = 0
    """Articles whose extraction failed (not stored, so a rerun tries them again)."""
    reports: int = 0
    """Per-article events extracted from the new articles (events before merging)."""

    def __add__(self, other: IngestSummary) -> IngestSummary:
        return IngestSummary(*(a + b for a, b in zip(_astuple(self), _astuple(other), strict=True)))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in _SUMMARY_FIELDS}


_SUMMARY_FIELDS: tuple[str, ...] = (
    "articles_seen", "articles_new", "articles_duplicate", "near_duplicates", "events_new",
    "events_merged", "errors", "reports",
)


def _astuple(s: IngestSummary) -> tuple[int, ...]:
    return tuple(getattr(s, name) for name in _SUMMARY_FIELDS)


SORT_KEYS: tuple[str, ...] = (
    "event_date", "-event_date", "fatalities", "-fatalities", "country", "-country", "event_type",
    "-event_type", "event_id", "-event_id", "sources", "-sources",
)
"""Sort keys accepted by ``Store.query_events`` (a leading '-' sorts descending)."""


class Store(Protocol):
    """A real database holding articles, per-article events and merged canonical events.

    Open one with :func:`rasd.store.open_store`. Events returned are the merged (canonical) events, with
    every outlet's own figures in ``sources`` and the evidence spans of every report.
    """

    url: str
    """Where the database lives (``sqlite:///…`` or ``postgresql://…``, password left out)."""

    def ingest(
        self,
        articles: Iterable[Article],
        *,
        extractor: Callable[[Article], list[Event]] | None = None,
        batch_size: int = 50,
        progress: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        """Store new articles, link near-duplicates, extract and merge their events. ``extractor``:
        Article → list[Event] (default: the default pipeline); ``batch_size``: articles per transaction;
        ``progress``: called with the number of articles of each committed batch."""
        ...

    def query_events(
        self, filters: EventFilter, *, limit: int = 100, offset: int = 0, sort: str = "-event_date"
    ) -> list[Event]: ...

    def count_events(self, filters: EventFilter) -> int: ...

    def get_event(self, event_id: str) -> Event | None: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def list_articles(
        self, *, limit: int = 100, offset: int = 0, search: str | None = None, source: str | None = None
    ) -> list[Article]:
        """Articles, newest ingested first; ``search`` is the same full-text search as for events."""
        ...

    def event_reports(self, event_id: str) -> list[Event]:
        """The per-article events (reports) merged into one canonical event, oldest first."""
        ...

    def near_duplicates(self, article_id: str) -> list[tuple[str, float]]:
        """Articles linked with ``article_id`` as near-duplicates: (other article id, similarity)."""
        ...

    def actors(self, *, search: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Distinct actors of the events, most frequent first: ``{"actor", "actor_ar", "events"}``."""
        ...

    def stats(self) -> dict[str, Any]:
        """JSON-ready counts: articles, events (before/after merging), by country, type, month, source."""
        ...

    def close(self) -> None: ...
