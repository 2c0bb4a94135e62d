"""/api/articles: read an article; POST new articles to ingest (only when the operator set a token)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from rasd.ingest.articles import make_article
from rasd.records import Article
from rasd.serve.deps import StoreDep, errors, require_token
from rasd.serve.events import _article_view
from rasd.serve.models import ArticleOut, ArticlesPage, IngestOut

router = APIRouter(prefix="/api/articles", tags=["articles"])
write_router = APIRouter(prefix="/api/articles", tags=["articles"])

MAX_ARTICLE_CHARS = 1_000_000
MAX_BATCH = 100


@router.get("", summary="List articles (text left out)", responses={200: {"model": ArticlesPage}, **errors(422)})
def list_articles(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> JSONResponse:
    rows = []
    for article in store.list_articles(limit=limit, offset=offset):  # type: ignore[attr-defined]
        view = _article_view(article) or {}
        view.pop("text", None)
        rows.append(view)
    return JSONResponse({"limit": limit, "offset": offset, "articles": rows})


@router.get(
    "/{article_id}", summary="One article: text, title, source",
    responses={200: {"model": ArticleOut}, **errors(404, 422)},
)
def get_article(
    store: StoreDep,
    article_id: Annotated[str, Path(min_length=1, max_length=300)],
) -> JSONResponse:
    article = None if any(ord(c) < 32 for c in article_id) else store.get_article(article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return JSONResponse(_article_view(article))


class ArticleIn(BaseModel):
    """An article to ingest: the text is required, the rest helps (``published`` anchors relative dates)."""

    id: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"^[^\x00-\x1f]+$")
    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    published: date | None = None
    title: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


def _to_article(a: ArticleIn) -> Article:
    if "\x00" in a.text:
        raise HTTPException(status_code=400, detail="article text contains a NUL character")
    return make_article(a.text, a.published, id=a.id, title=a.title, source=a.source, url=a.url, origin="http")


@write_router.post(
    "", summary="Ingest articles (needs the operator's token)", dependencies=[Depends(require_token)],
    status_code=201, responses={201: {"model": IngestOut}, **errors(400, 401, 403, 422)},
)
def post_articles(store: StoreDep, body: IngestRequest) -> Any:
    summary = store.ingest([_to_article(a) for a in body.articles])
    return JSONResponse(asdict(summary), status_code=201)
