"""Shared request plumbing: the store, the event filters parsed from the query string, the write token."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel

from rasd.store.base import SORT_KEYS, EventFilter, Store

MAX_TEXT_PARAM = 200
MAX_LIMIT = 10_000
"""Largest JSON page."""
MAX_EXPORT = 100_000
"""Largest CSV or GeoJSON download (streamed in batches)."""
MAX_OFFSET = 10_000_000
SORTS: tuple[str, ...] = SORT_KEYS


class BadParameter(HTTPException):
    """A query parameter that could not be used: answered with 400 and a one-line message."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(status_code=400, detail=f"invalid parameter '{name}': {message}")
        self.name = name


class ErrorBody(BaseModel):
    """Every error answer: ``error`` is a one-line message naming the parameter at fault."""

    error: str
    detail: Any = None


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error codes a route can answer."""
    text = {400: "Invalid parameter", 401: "Token missing", 403: "Wrong token or writes turned off",
            404: "Not found", 422: "Invalid parameter"}
    return {c: {"model": ErrorBody, "description": text[c]} for c in codes}


def get_store(request: Request) -> Store:
    store = getattr(request.app.state, "store", None)
    if store is None:  # pragma: no cover - only if the lifespan did not run
        raise HTTPException(status_code=503, detail="the database is not open")
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def clean_text(name: str, value: str | None) -> str | None:
    """Strip a free-text parameter; refuse control characters (NUL breaks PostgreSQL, the rest is noise)."""
    if value is None:
        return None
    if any(ord(c) < 32 and c not in "\t" for c in value):
        raise BadParameter(name, "control characters are not allowed")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise BadParameter(name, "not valid Unicode text")
    value = value.strip()
    return value or None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees (WGS84)."""
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise BadParameter("bbox", "expected four numbers 'west,south,east,north'")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("bbox", "expected four numbers 'west,south,east,north'") from None
    for v in (west, south, east, north):
        if v != v or v in (float("inf"), float("-inf")):
            raise BadParameter("bbox", "numbers must be finite")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadParameter("bbox", "longitudes must be between -180 and 180")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BadParameter("bbox", "latitudes must be between -90 and 90")
    if south > north:
        raise BadParameter("bbox", "south is greater than north")
    if west > east:
        raise BadParameter("bbox", "west is greater than east (boxes across the antimeridian are not supported)")
    return (west, south, east, north)


def event_filter(
    since: Annotated[date | None, Query(description="First event date (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[date | None, Query(description="Last event date (YYYY-MM-DD), inclusive.")] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="Country: English name or ISO3.")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="First-level region.")] = None,
    type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="ACLED event type.")] = None,  # noqa: A002
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT_PARAM, description="Substring of actor 1 or 2 (English or Arabic).")
    ] = None,
    search: Annotated[
        str | None, Query(max_length=MAX_TEXT_PARAM, description="Full-text search over article text and notes.")
    ] = None,
    background: Annotated[
        bool | None, Query(description="true: background events only; false: news events only; absent: both.")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="Bounding box 'west,south,east,north' in degrees.")
    ] = None,
) -> EventFilter:
    if since and until and since > until:
        raise BadParameter("since", f"{since.isoformat()} is after until={until.isoformat()}")
    return EventFilter(
        since=since,
        until=until,
        country=clean_text("country", country),
        admin1=clean_text("admin1", admin1),
        event_type=clean_text("type", type),
        actor=clean_text("actor", actor),
        search=clean_text("search", search),
        background=background,
        bbox=parse_bbox(bbox),
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]


def filter_query(filters: EventFilter) -> dict[str, Any]:
    """The filters as they were understood, for echoing back in responses."""
    out: dict[str, Any] = {}
    for name, key in (("since", "since"), ("until", "until"), ("country", "country"), ("admin1", "admin1"),
                      ("type", "event_type"), ("actor", "actor"), ("search", "search"),
                      ("background", "background"), ("bbox", "bbox")):
        value = getattr(filters, key)
        if value is None:
            continue
        out[name] = value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value
    return out


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>`` matching the operator's token."""
    expected: str | None = getattr(request.app.state, "token", None)
    if not expected:  # pragma: no cover - the write routes are not mounted without a token
        raise HTTPException(status_code=404, detail="Not Found")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status_code=401, detail="this endpoint needs 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="wrong token")
