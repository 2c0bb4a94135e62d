"""`rasd serve`: the web page (map, timeline, table, evidence) and the JSON API over a database."""

from __future__ import annotations

import argparse
import os

from rasd.errors import EXIT_USAGE, RasdError

DEFAULT_TOKEN_ENV = "RASD_API_TOKEN"


class UsageError(RasdError):
    exit_code = EXIT_USAGE


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "serve",
        help="serve the web page and the JSON API over a database",
        description=(
            "Serve the web page (map, timeline, table, articles with highlighted evidence) and the JSON API "
            "(/api/events, /api/events/{id}, /api/articles, /api/actors, /api/stats; OpenAPI at /openapi.json). "
            "Read-only unless a write token is set in the environment variable named by --token-env."
        ),
    )
    p.add_argument("--db", default=None,
                   help="database URL or SQLite path (default: $RASD_DB, else ~/.local/share/rasd/rasd.db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s; on 127.0.0.1 or localhost only requests "
                        "naming those hosts are answered)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: %(default)s)")
    p.add_argument("--token-env", default=DEFAULT_TOKEN_ENV, metavar="NAME",
                   help="environment variable holding the token that turns on POST /api/articles "
                        "(default: %(default)s; unset or empty: read-only)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow this origin (e.g. https://example.org) to call the API from a browser; repeatable")
    return p


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: not a TCP port")
    for origin in args.cors_origin:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise UsageError(f"--cors-origin {origin!r}: expected http(s)://host[:port] or *")
    try:
        import uvicorn

        from rasd.serve.app import LOOPBACK_HOSTS, create_app
        from rasd.store import open_store
    except ImportError as err:  # pragma: no cover - the serve extra is missing
        raise RasdError(f"'rasd serve' needs the serve extra: pip install 'rasd[serve]' ({err})") from None
    token = os.environ.get(args.token_env) or None
    store = open_store(args.db)  # opened here so a bad URL is a clear error, not a server traceback
    try:
        hosts = LOOPBACK_HOSTS if args.host in LOOPBACK_HOSTS else None
        app = create_app(store, token=token, cors_origins=tuple(args.cors_origin), allowed_hosts=hosts)
        print(f"rasd: serving {store.url} on http://{args.host}:{args.port}/ "
              f"({'writes on: POST /api/articles needs the token' if token else 'read-only'})", flush=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        store.close()
    return 0
