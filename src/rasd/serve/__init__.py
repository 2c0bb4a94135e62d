"""The web page and the HTTP API behind `rasd serve` (``create_app`` in :mod:`rasd.serve.app`).

Read-only JSON API (OpenAPI description at ``/openapi.json``)::

    GET /api/events           filters: since, until, country (name or ISO3), admin1, type, actor, search,
                              background, bbox=west,south,east,north; limit, offset, sort, count=true;
                              format=json|csv|geojson; fields=full|map
    GET /api/events/{id}      one event, every source with its own figures, article text and evidence spans
    GET /api/articles         articles (text left out); GET /api/articles/{id}: text, title, source
    GET /api/actors?q=        actors with event counts
    GET /api/stats            counts by country, type, month, source
    POST /api/articles        ingest {"articles": [{"text", "published", "title", "source", "url", "id"}]}:
                              only when the operator sets a token (``--token-env``), with
                              ``Authorization: Bearer <token>``; otherwise 403

The page (``/``) is static HTML/JS in ``static/``: Leaflet map with clustered markers coloured by event type
over Natural Earth country shapes, a timeline brush, filters, a table, and the event panel with each source
article right-to-left and its evidence highlighted. Everything is local: no CDN, no tile server.
"""
