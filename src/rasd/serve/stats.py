"""/api/stats: counts of articles and events by type, country and month."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from rasd.serve.deps import StoreDep
from rasd.serve.models import StatsOut

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", summary="Database statistics", responses={200: {"model": StatsOut}})
def get_stats(store: StoreDep) -> JSONResponse:
    data = dict(store.stats())
    data.pop("url", None)  # where the database lives on the server is not the visitor's business
    return JSONResponse(data)
