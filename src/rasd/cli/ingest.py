"""`rasd ingest`: read articles into the event database, extracting and merging their events."""

from __future__ import annotations

import argparse
import sys
import time

from rasd.cli.argtypes import iso_date, positive_int
from rasd.errors import EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, InputError

DESCRIPTION = """\
Read articles into the event database: each new article is stored once (content hash), linked to the
articles it near-duplicates, coded into events, and each event is merged with the reports other
outlets gave of the same incident. Running it twice on the same input adds nothing; an interrupted run
started again ends with the same database as an uninterrupted one.

SOURCE is a file (.txt, .html, .json, .jsonl, .zip of JSON article arrays, an RSS/Atom file), a
directory (read recursively), an RSS/Atom feed URL, an article URL, or - for stdin.
"""

EPILOG = """\
database (--db):
  default        $RASD_DB, else ~/.local/share/rasd/rasd.db ($XDG_DATA_HOME/rasd/rasd.db): SQLite, WAL mode
  PATH           an SQLite file (created if missing)
  sqlite:///P    SQLite, SQLAlchemy style (sqlite:////abs/path.db for an absolute path)
  postgresql://user:password@host:5432/db   PostgreSQL (psycopg 3)

exit status:
  0  success          3  no input could be read       5  database locked, unreadable or of a newer schema
  2  bad arguments    4  a URL could not be reached   6  some inputs failed, the others were ingested

examples:
  rasd ingest ../shared/data/saudinewsnet/
  rasd ingest articles.jsonl --db postgresql://rasd:rasd@127.0.0.1:5432/rasd
  rasd ingest https://example.org/feed.xml --published 2024-08-06
"""






def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="database: a path, sqlite:///…, or postgresql://… "
                   "(default: $RASD_DB or ~/.local/share/rasd/rasd.db)")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "ingest", help="read articles into the event database (dedup, extract, merge)",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, feed or article URL, or -")
    add_db_argument(p)
    p.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that carry none (the reference for relative dates)")
    p.add_argument("--batch-size", type=positive_int, default=50, metavar="N",
                   help="articles committed per transaction (default 50)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: one process (default); dask: extract in parallel on a Dask cluster, then merge")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: an existing scheduler (tcp://host:8786); default: a LocalCluster")
    return p


def _read_inputs(sources, **kw):  # type: ignore[no-untyped-def]
    from rasd.ingest import read_inputs

    return read_inputs(sources, **kw)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from rasd.store import open_store

    errors: list[InputError] = []

    def on_error(err: InputError) -> None:
        errors.append(err)
        tqdm.write(f"rasd: error: {err}", file=sys.stderr)

    if args.engine == "dask":
        return _run_dask(args, errors, on_error)
    if args.scheduler:
        from rasd.errors import UsageError

        raise UsageError("--scheduler needs --engine dask")
    store = open_store(args.db)
    started = time.monotonic()
    try:
        articles = _read_inputs(args.sources, published=args.published, on_error=on_error)
        with tqdm(desc="ingest", unit=" articles", file=sys.stderr, disable=args.no_progress or None,
                  dynamic_ncols=True) as bar:
            summary = store.ingest(articles, batch_size=args.batch_size, progress=bar.update)
    finally:
        store.close()
    elapsed = time.monotonic() - started
    rate = summary.articles_seen / elapsed if elapsed > 0 else 0.0
    print(
        f"rasd: {summary.articles_seen} articles read: {summary.articles_new} new, "
        f"{summary.articles_duplicate} already stored, {summary.near_duplicates} near-duplicates; "
        f"{summary.reports} event reports → {summary.events_new} new events, {summary.events_merged} merged "
        f"into existing events; {summary.errors} extraction errors, {len(errors)} input errors"
        + (f" ({rate:.1f} articles/s)" if rate else "") + f" [{store.url}]",
        file=sys.stderr,
    )
    if errors:
        return EXIT_PARTIAL if summary.articles_seen else EXIT_INPUT
    return EXIT_OK


def _run_dask(args: argparse.Namespace, errors: list[InputError], on_error) -> int:  # type: ignore[no-untyped-def]
    """Extract on Dask, ingest and merge in this process (the store is not shared with workers)."""
    from rasd.scale.dask_runner import ingest_with_dask
    from rasd.store import default_db_path

    url = args.db or str(default_db_path())
    result = ingest_with_dask(args.sources, url, scheduler=args.scheduler, published=args.published,
                              on_error=on_error, batch_size=args.batch_size)
    print(f"rasd: {result}", file=sys.stderr)
    if errors:
        return EXIT_PARTIAL if result.articles else EXIT_INPUT
    return EXIT_OK
