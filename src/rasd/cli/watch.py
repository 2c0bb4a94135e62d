"""`rasd watch`: poll RSS/Atom feeds on a schedule and ingest only new items."""

from __future__ import annotations

import argparse
import sys

from rasd.cli.argtypes import positive_int
from rasd.cli.ingest import add_db_argument
from rasd.errors import EXIT_OK

DESCRIPTION = """\
Monitoring mode: poll RSS/Atom feeds every --every, ingest only the items not seen before (each
article stored once, its events extracted and merged), and print one line per cycle with the new
articles and the new and updated events. Feeds are asked with ETag/Last-Modified, so an unchanged feed
costs one small request. The seen items and the feeds' validators are kept in the database: stop and
restart at will. A feed that cannot be reached is retried with backoff; the watcher keeps going.
"""

EPILOG = """\
examples:
  rasd watch https://example.org/rss.xml https://example.com/atom.xml --every 15m
  rasd watch https://example.org/rss.xml --db postgresql://rasd:rasd@127.0.0.1:5432/rasd
  rasd watch feed.xml --cycles 1          # one poll, then exit (cron-friendly)
"""


def _interval(value: str) -> float:
    from rasd.ingest.watch import parse_interval

    try:
        return parse_interval(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None




def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "watch", help="poll RSS/Atom feeds on a schedule and ingest new items",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("feeds", nargs="+", metavar="FEED", help="RSS/Atom feed URL")
    add_db_argument(p)
    p.add_argument("--every", type=_interval, default=900.0, metavar="DURATION",
                   help="time between polls: 90, 30s, 15m, 2h (default 15m)")
    p.add_argument("--cycles", type=positive_int, default=None, metavar="N",
                   help="stop after N polling cycles (default: run until interrupted)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries of an unreachable feed within a cycle, with doubling waits (default 3)")
    p.add_argument("--fetch-pages", action="store_true",
                   help="read each new item's article page (trafilatura) when the feed gives only a short summary")
    p.add_argument("--backoff", type=_interval, default=2.0, metavar="DURATION",
                   help="first wait before a retry (default 2s)")
    return p


def run(args: argparse.Namespace) -> int:
    from rasd.ingest.watch import watch
    from rasd.store import open_store

    def log_line(line: str) -> None:
        print(f"rasd watch: {line}", file=sys.stderr, flush=True)

    store = open_store(args.db)
    try:
        watch(args.feeds, store, every=args.every, cycles=args.cycles, retries=args.retries,
              backoff=args.backoff, fetch_pages=args.fetch_pages, log_line=log_line)
    finally:
        store.close()
    return EXIT_OK
