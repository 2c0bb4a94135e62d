"""/api/actors: the actors named in the events, with counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from rasd.serve.deps import StoreDep, clean_text, errors
from rasd.serve.models import ActorsPage

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", summary="Actors, most frequent first", responses={200: {"model": ActorsPage}, **errors(400, 422)})
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Substring of the name (English or Arabic).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JSONResponse:
    rows = store.actors(search=clean_text("q", q), limit=limit)  # type: ignore[attr-defined]
    return JSONResponse({"actors": rows})
