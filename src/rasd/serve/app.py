"""The ASGI app behind `rasd serve`: a read-only JSON API over a store, and the web page.

Security stance: read-only unless the operator sets a token (then ``POST /api/articles`` exists and needs it);
no cross-origin access unless origins are listed; every page asset is local (no CDN, no tiles); a strict
Content-Security-Policy; malformed parameters answer 4xx with a one-line message.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from rasd import __version__
from rasd.errors import DatabaseError, RasdError
from rasd.serve import actors, articles, events, stats
from rasd.store.base import Store

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 16_000_000
"""Largest request body accepted (POST /api/articles: up to 100 articles)."""
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost")

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors()[:3]:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        parts.append(f"invalid parameter '{name}': {e.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in err.errors()]
        return JSONResponse({"error": _validation_message(err), "detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(err.detail), "detail": err.detail}, status_code=err.status_code,
                            headers=getattr(err, "headers", None))

    @app.exception_handler(ValueError)
    async def _value(request: Request, err: ValueError) -> JSONResponse:
        # A filter value the store could not use (its message names it).
        return JSONResponse({"error": str(err) or "invalid value"}, status_code=400)

    @app.exception_handler(DatabaseError)
    async def _database(request: Request, err: DatabaseError) -> JSONResponse:
        log.error("database error on %s: %s", request.url.path, err)
        return JSONResponse({"error": str(err)}, status_code=503)

    @app.exception_handler(RasdError)
    async def _rasd(request: Request, err: RasdError) -> JSONResponse:
        return JSONResponse({"error": str(err)}, status_code=400)


def create_app(
    db: str | Store | Callable[[], Store],
    *,
    token: str | None = None,
    cors_origins: tuple[str, ...] | list[str] = (),
    allowed_hosts: tuple[str, ...] | list[str] | None = None,
) -> FastAPI:
    """Build the app over a store.

    ``db`` is a database URL (opened with :func:`rasd.store.open_store` when the app starts and closed when
    it stops), a store object, or a function returning one. ``token`` turns on ``POST /api/articles``.
    ``cors_origins`` lists the origins allowed to call the API from other sites (none by default).
    ``allowed_hosts`` restricts the ``Host`` header (``rasd serve`` on a loopback address allows only
    localhost names, so a web page on another site cannot reach the API by DNS rebinding).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = False
        if isinstance(db, str):
            from rasd.store import open_store  # type: ignore[attr-defined]

            app.state.store = open_store(db)
            owned = True
        elif callable(db) and not hasattr(db, "query_events"):
            app.state.store = db()
            owned = True
        else:
            app.state.store = db
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="rasd",
        version=__version__,
        description=(
            "Political-violence events coded from Arabic news, with the evidence for every field. "
            "Read-only unless the operator sets a write token."
        ),
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads scripts from a CDN: the page must work offline
        redoc_url=None,
    )
    app.state.token = token or None
    if not isinstance(db, str) and hasattr(db, "query_events"):
        app.state.store = db  # usable even by clients that do not run the lifespan
    _install_error_handlers(app)
    app.include_router(events.router)
    app.include_router(articles.router)
    if token:
        app.include_router(articles.write_router)
    else:
        @app.post("/api/articles", include_in_schema=False)
        async def writes_off() -> JSONResponse:
            return JSONResponse(
                {"error": "writing is turned off: the operator has not set a write token"}, status_code=403
            )
    app.include_router(actors.router)
    app.include_router(stats.router)

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is None and "transfer-encoding" in request.headers:
            response: Any = JSONResponse({"error": "a request body needs a Content-Length"}, status_code=411)
        elif length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            response = JSONResponse({"error": f"request body over {MAX_BODY // 1_000_000} MB"}, status_code=413)
        else:
            response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"] if token else ["GET"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
        )
    return app


__all__ = ["create_app", "HTTPException"]
