"""The Store protocol: what every database backend offers. SQLite is the default, PostgreSQL for teams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Protocol

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
    articles_seen: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    near_duplicates: int = 0
    events_new: int = 0
    events_merged: int = 0
    errors: int = 0


class Store(Protocol):
    """A real database holding articles, per-article events and merged canonical events."""

    def ingest(self, articles: Iterable[Article], **kwargs: Any) -> IngestSummary: ...

    def query_events(
        self, filters: EventFilter, *, limit: int = 100, offset: int = 0, sort: str = "-event_date"
    ) -> list[Event]: ...

    def count_events(self, filters: EventFilter) -> int: ...

    def get_event(self, event_id: str) -> Event | None: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...
