"""Response shapes for the OpenAPI description. The routes build plain dicts (from the records, see
``rasd.records.event_to_dict``) and return them directly; these models document them and let the schema test
check every response against its description."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AttributionOut(_Out):
    actor: str
    by: str | None = None


class EvidenceOut(_Out):
    field: str
    start: int
    end: int
    text: str
    rule: str = ""


class SourceReportOut(_Out):
    article_id: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    claimed_by: list[str] = []
    attributed_to: list[AttributionOut] = []


class EventOut(_Out):
    """One event record, every key present (null when unknown), as `rasd events --format json` writes it."""

    event_id: str
    article_id: str | None
    event_date: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor1_ar: str | None
    inter1: int | None
    assoc_actor_1: str | None
    actor2: str | None
    actor2_ar: str | None
    inter2: int | None
    assoc_actor_2: str | None
    claimed_by: list[str]
    attributed_to: list[AttributionOut]
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    location_ar: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    injuries: int | None
    weapons: list[str]
    background: bool
    notes: str | None
    source: str | None
    evidence: list[EvidenceOut]
    sources: list[SourceReportOut]
    fatalities_low: int | None
    fatalities_high: int | None


class MapEventOut(_Out):
    """The light view (``fields=map``)."""

    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor1_ar: str | None
    actor2: str | None
    actor2_ar: str | None
    country: str | None
    admin1: str | None
    location: str | None
    location_ar: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    injuries: int | None
    background: bool


class EventsPage(_Out):
    total: int | None
    """Number of matches: given with ``count=true`` and on the last page, else null."""
    has_more: bool
    next_offset: int | None
    limit: int
    offset: int
    sort: str
    filters: dict[str, Any]
    events: list[EventOut] | list[MapEventOut]


class ArticleOut(_Out):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    text: str


class ArticleSummaryOut(_Out):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


class SourceArticleOut(SourceReportOut):
    """One source of an event with its own figures, its article and the evidence spans found in it."""

    article: ArticleOut | None
    evidence: list[EvidenceOut]


class EventDetail(EventOut):
    source_articles: list[SourceArticleOut]


class ArticlesPage(_Out):
    limit: int
    offset: int
    articles: list[ArticleSummaryOut]


class ActorOut(BaseModel):
    actor: str
    actor_ar: str | None = None
    events: int


class ActorsPage(_Out):
    actors: list[ActorOut]


class IngestOut(BaseModel):
    articles_seen: int
    articles_new: int
    articles_duplicate: int
    events_new: int
    events_merged: int
    errors: int


class StatsOut(BaseModel):
    """Counts from the store (the keys depend on the backend; these are always there)."""

    articles: int
    events: int
