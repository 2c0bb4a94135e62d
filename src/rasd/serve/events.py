"""/api/events: the event list (JSON, CSV, GeoJSON) and one event with its sources and evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from rasd.records import Article, Event
from rasd.serve.deps import (
    MAX_EXPORT,
    MAX_LIMIT,
    MAX_OFFSET,
    SORTS,
    BadParameter,
    FilterDep,
    StoreDep,
    errors,
    filter_query,
)
from rasd.serve.export import csv_rows, event_dict, geojson_chunks, map_view
from rasd.serve.models import EventDetail, EventsPage
from rasd.store.base import EventFilter, Store

router = APIRouter(prefix="/api/events", tags=["events"])

BATCH = 1000
Sort = Literal[SORTS]  # type: ignore[valid-type]


def _iter_events(store: Store, filters: EventFilter, limit: int, offset: int, sort: str) -> Iterator[Event]:
    """Events in batches, so a large export never holds every record at once."""
    done = 0
    while done < limit:
        want = min(BATCH, limit - done)
        batch = store.query_events(filters, limit=want, offset=offset + done, sort=sort)
        yield from batch
        done += len(batch)
        if len(batch) < want:
            return


@router.get(
    "",
    summary="List events",
    description=(
        "Events matching every `rasd events` filter plus a bounding box, newest first by default. "
        "Page with `limit`/`offset` (`has_more`, `next_offset`); `count=true` adds the number of matches. "
        "`format=csv` and `format=geojson` download the same selection; `fields=map` returns a light view "
        "for drawing a map."
    ),
    responses={
        200: {"model": EventsPage, "content": {"text/csv": {"schema": {"type": "string"}},
                                               "application/geo+json": {"schema": {"type": "object"}}}},
        **errors(400, 422),
    },
)
def list_events(
    store: StoreDep,
    filters: FilterDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_EXPORT, description=f"Page size (JSON: at most {MAX_LIMIT}).")
    ] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")] = 0,
    sort: Annotated[Sort, Query(description="Sort key; a leading '-' sorts descending.")] = "-event_date",
    format: Annotated[Literal["json", "csv", "geojson"], Query(description="Response format.")] = "json",  # noqa: A002
    fields: Annotated[Literal["full", "map"], Query(description="'map' returns a light view of each event.")] = "full",
    count: Annotated[
        bool, Query(description="Also count every match ('total'); otherwise 'total' is given only on the last page.")
    ] = False,
) -> Any:
    if format == "json" and limit > MAX_LIMIT:
        raise BadParameter("limit", f"at most {MAX_LIMIT} for JSON; use format=csv or format=geojson for more")
    if format == "csv":
        return StreamingResponse(
            csv_rows(_iter_events(store, filters, limit, offset, sort)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="rasd-events.csv"'},
        )
    if format == "geojson":
        return StreamingResponse(
            geojson_chunks(_iter_events(store, filters, limit, offset, sort)),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="rasd-events.geojson"'},
        )
    rows_plus = list(_iter_events(store, filters, limit + 1, offset, sort))
    events, has_more = rows_plus[:limit], len(rows_plus) > limit
    # Counting every match scans the table on large databases, so it is asked for; the last page knows it.
    total = store.count_events(filters) if count else None if has_more else offset + len(events)
    rows = [map_view(e) for e in events] if fields == "map" else [event_dict(e) for e in events]
    return JSONResponse({
        "total": total, "has_more": has_more, "next_offset": offset + limit if has_more else None,
        "limit": limit, "offset": offset, "sort": sort, "filters": filter_query(filters), "events": rows,
    })


def _article_view(article: Article | None) -> dict[str, Any] | None:
    if article is None:
        return None
    return {
        "id": article.id, "title": article.title, "source": article.source, "url": article.url,
        "published": article.published.isoformat() if article.published else None, "text": article.text,
    }


def source_articles(store: Store, event: Event) -> list[dict[str, Any]]:
    """Every source of the event with its article text, its own figures and the evidence found in it.

    An evidence span is shown on an article only when its offsets select exactly its text there, so a span
    can never be drawn on the wrong article.
    """
    reports: list[dict[str, Any]] = []
    if event.sources:
        for s in event.sources:
            reports.append({
                "article_id": s.article_id, "source": s.source, "url": s.url,
                "published": s.published.isoformat() if s.published else None,
                "fatalities": s.fatalities, "injuries": s.injuries, "claimed_by": list(s.claimed_by),
                "attributed_to": [{"actor": a.actor, "by": a.by} for a in s.attributed_to],
            })
    elif event.article_id:
        reports.append({
            "article_id": event.article_id, "source": event.source, "url": None, "published": None,
            "fatalities": event.fatalities, "injuries": event.injuries, "claimed_by": list(event.claimed_by),
            "attributed_to": [{"actor": a.actor, "by": a.by} for a in event.attributed_to],
        })
    # Each report (per-article event) knows its own article and evidence; without them, every span of the
    # canonical event is tried on every article.
    per_article: dict[str, list[Any]] = {}
    event_reports = getattr(store, "event_reports", None)
    if event_reports is not None:
        for rep in event_reports(event.event_id):
            if rep.article_id:
                per_article.setdefault(rep.article_id, []).extend(rep.evidence)
    for report in reports:
        aid = report["article_id"]
        article = store.get_article(aid) if aid else None
        report["article"] = _article_view(article)
        spans: dict[tuple[str, int, int], dict[str, Any]] = {}
        if article is not None:
            for ev in per_article.get(aid, event.evidence):
                if 0 <= ev.start < ev.end <= len(article.text) and article.text[ev.start:ev.end] == ev.text:
                    spans[(ev.field, ev.start, ev.end)] = {
                        "field": ev.field, "start": ev.start, "end": ev.end, "text": ev.text, "rule": ev.rule,
                    }
            report["source"] = report["source"] or article.source
            report["url"] = report["url"] or article.url
            report["published"] = report["published"] or (
                article.published.isoformat() if article.published else None)
        report["evidence"] = sorted(spans.values(), key=lambda s: (s["start"], -s["end"], s["field"]))
    return reports


@router.get(
    "/{event_id}", summary="One event with all its sources, per-source figures and evidence spans",
    responses={200: {"model": EventDetail}, **errors(404, 422)},
)
def get_event(
    store: StoreDep,
    event_id: Annotated[str, Path(min_length=1, max_length=200, description="Event id.")],
) -> JSONResponse:
    if any(ord(c) < 32 for c in event_id):
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    data = event_dict(event)
    data["source_articles"] = source_articles(store, event)
    return JSONResponse(data)
