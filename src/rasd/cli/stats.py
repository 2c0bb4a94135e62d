"""`rasd stats`: counts of articles and events by country, type, month and source."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rasd.cli.ingest import add_db_argument
from rasd.errors import EXIT_OK

SECTIONS: tuple[tuple[str, str], ...] = (
    ("by_country", "events by country"), ("by_type", "events by type"), ("by_month", "events by month"),
    ("by_source", "events by source (outlets reporting them)"), ("articles_by_source", "articles by source"),
)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "stats", help="counts of articles and events by country, type, month and source",
        description="A quick look at the database: articles, near-duplicates, event reports before merging, "
        "merged events, and counts by country, event type, month and source.",
    )
    add_db_argument(p)
    p.add_argument("-f", "--format", choices=("table", "json"), default="table", help="output format")
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows shown per section in the table")
    return p


def format_stats(stats: dict[str, Any], top: int = 10) -> str:
    lines = [
        f"database         {stats['url']} ({stats['backend']}, schema v{stats['schema_version']})",
        f"articles         {stats['articles']}  (near-duplicates linked: {stats['near_duplicates']})",
        f"event reports    {stats['reports']}  (events as extracted, before merging)",
        f"events           {stats['events']}  (after merging; {stats['events_with_several_sources']} "
        "with several sources)",
    ]
    for key, title in SECTIONS:
        counts = stats.get(key) or {}
        lines.append("")
        lines.append(f"{title}:")
        if not counts:
            lines.append("  (none)")
        items = list(counts.items())
        for name, n in items[:top]:
            lines.append(f"  {n:>7}  {name}")
        if len(items) > top:
            lines.append(f"  {'…':>7}  {len(items) - top} more")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from rasd.store import open_store

    store = open_store(args.db)
    try:
        stats = store.stats()
    finally:
        store.close()
    if args.format == "json":
        sys.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_stats(stats, args.top))
    return EXIT_OK
