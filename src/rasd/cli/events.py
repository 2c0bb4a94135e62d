"""`rasd events`: query the event database and export the merged events."""

from __future__ import annotations

import argparse

from rasd.cli.argtypes import count, iso_date
from rasd.cli.ingest import add_db_argument
from rasd.errors import EXIT_OK, UsageError
from rasd.formats import BINARY_FORMATS
from rasd.store.base import SORT_KEYS, EventFilter

FORMATS: tuple[str, ...] = ("jsonl", "acled-csv", "geojson", "parquet", "table", "json", "csv")

DESCRIPTION = """\
Query the merged events in the database and write them out. Each event keeps every outlet's own
figures in "sources", low/best/high fatalities, and "source" lists the outlets joined with "; ".
--search is full-text over the normalised Arabic of the articles and of the events' own fields, and
ignores clitics: «الأنبار» also finds «بالأنبار» and «والأنبار».
"""

EPILOG = """\
examples:
  rasd events --since 2015-07-20 --until 2015-07-31 --country Yemen --format table
  rasd events --search "الأنبار" --type "Explosions/Remote violence"
  rasd events --actor Houthi --format acled-csv -o houthi.csv
  rasd events --format parquet -o events.parquet
  rasd events --sort=-sources --limit 20 --format table   # the most widely reported events
"""






def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WEST,SOUTH,EAST,NORTH in degrees: {value!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise argparse.ArgumentTypeError(f"not a bounding box in degrees: {value!r}")
    return west, south, east, north


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "events", help="query and export the merged events (jsonl, acled-csv, geojson, parquet, table)",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(p)
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="events on or after this day")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="events on or before this day")
    p.add_argument("--country", metavar="NAME", help="country: English name or ISO3 code")
    p.add_argument("--admin1", metavar="NAME", help="first-level region (English name)")
    p.add_argument("--type", dest="event_type", metavar="TYPE", help='ACLED event type, e.g. "Battles"')
    p.add_argument("--actor", metavar="TEXT", help="substring of either actor (English or Arabic)")
    p.add_argument("--search", metavar="TEXT", help="full-text search over normalised Arabic")
    p.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="only events inside this box")
    bg = p.add_mutually_exclusive_group()
    bg.add_argument("--background", dest="background", action="store_true", default=None,
                    help="only background events (recalled as context)")
    bg.add_argument("--no-background", dest="background", action="store_false",
                    help="only news events")
    p.add_argument("-f", "--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--limit", type=count, default=None, metavar="N", help="at most N events (default: all)")
    p.add_argument("--offset", type=count, default=0, metavar="N", help="skip the first N events")
    p.add_argument("--sort", choices=SORT_KEYS, default="-event_date", metavar="KEY",
                   help="sort key, a leading '-' for descending: event_date, fatalities, country, event_type, "
                   "event_id, sources (default -event_date; write --sort=-fatalities)")
    return p


def filters_from_args(args: argparse.Namespace) -> EventFilter:
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    return EventFilter(
        since=args.since, until=args.until, country=args.country, admin1=args.admin1,
        event_type=args.event_type, actor=args.actor, search=args.search, background=args.background,
        bbox=args.bbox,
    )


def run(args: argparse.Namespace) -> int:
    from rasd.formats import write_events_to
    from rasd.store import open_store

    if args.format in BINARY_FORMATS and not args.output:
        raise UsageError(f"--format {args.format} needs -o FILE")
    filters = filters_from_args(args)
    store = open_store(args.db)
    try:
        events = _select(store, filters, args)
        write_events_to(events, args.format, args.output)
    finally:
        store.close()
    return EXIT_OK


def _select(store, filters: EventFilter, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The events, fetched a page at a time so exports of any size stream."""
    remaining = args.limit
    offset = args.offset
    page = 1000
    while remaining is None or remaining > 0:
        want = page if remaining is None else min(page, remaining)
        batch = store.query_events(filters, limit=want, offset=offset, sort=args.sort)
        yield from batch
        if len(batch) < want:
            return
        offset += len(batch)
        if remaining is not None:
            remaining -= len(batch)
