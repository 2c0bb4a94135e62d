"""`rasd extract`: code articles into events and write them (jsonl, json, csv, acled-csv, geojson,
table, parquet). Reads with ``rasd.ingest.read_inputs``, codes each article with the pipeline and
writes with ``rasd.formats.write_events``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rasd.cli.argtypes import iso_date, positive_int
from rasd.errors import EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, InputError, RasdError, UsageError
from rasd.formats import BINARY_FORMATS, FORMATS
from rasd.records import Article, Event

DESCRIPTION = """\
Read Arabic news articles and write every reported political-violence event as an ACLED-style
record with evidence spans (character offsets into the article text).

INPUT is a .txt file (one article), an .html file (main text via trafilatura), a .json file (one
article object or an array of them) or .jsonl file (one object a line: {"id", "text" or "html",
"published", "title", "source", "url"}), a .zip or .gz of those, an RSS/Atom feed file, a
directory (read recursively), an http(s) URL, or - for stdin.
"""

EPILOG = """\
formats:
  jsonl      one JSON record a line, every key present (null when unknown) [default]
  json       one pretty-printed JSON array
  csv        one row per event, our column names; lists joined with "; ", objects as JSON
  acled-csv  ACLED's export columns in ACLED's order, then ours (see docs/record.md)
  geojson    a FeatureCollection of Points; events without coordinates have geometry null
  table      a fixed-width table for reading in a terminal
  parquet    typed columns (needs -o FILE)

exit status:
  0  success
  1  other error (e.g. a packaged data file is missing)
  2  bad arguments
  3  no input could be read (every input failed, or no article found)
  4  no input could be read, and only because URLs could not be reached after retries
  6  some inputs failed, the others were processed
  errors are printed one per line on stderr as "rasd: error: <input>: <message>"

examples:
  rasd extract article.txt --published 2024-08-06 --format table
  rasd extract articles.jsonl -o events.csv --format acled-csv
  cat article.txt | rasd extract - --published 2024-08-06
  rasd extract corpus/ --engine dask --scheduler tcp://127.0.0.1:8786 -o events/
"""






def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "extract",
        help="code articles into events (jsonl, json, csv, acled-csv, geojson, table, parquet)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, URL, or - for stdin")
    p.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for articles that carry none: the reference for relative dates "
        "(أمس، الاثنين الماضي...). Without it, undated articles get a warning and relative dates "
        "a lower precision",
    )
    p.add_argument(
        "-f", "--format", dest="format", choices=FORMATS, default=None,
        help="output format (default: jsonl; parquet with --engine dask)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout (a directory with --engine dask)"
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this process (default); dask: a Dask cluster, writing parquet to -o DIR",
    )
    p.add_argument(
        "--scheduler", metavar="ADDR", help="Dask scheduler address (tcp://host:8786); default: a local cluster"
    )
    p.add_argument(
        "--max-chars",
        type=positive_int,
        default=None,
        metavar="N",
        help="truncate articles longer than N characters (with a warning; default 200000)",
    )
    p.add_argument(
        "--no-background",
        action="store_true",
        help="leave out events the article recalls as background (context, not the news)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    if args.engine == "dask":
        args.format = args.format or "parquet"
        return _run_dask(args)
    if args.scheduler:
        raise UsageError("--scheduler needs --engine dask")
    args.format = args.format or "jsonl"
    if args.format in BINARY_FORMATS and not args.output:
        raise UsageError(f"--format {args.format} needs -o FILE")

    from rasd.formats import write_events_to

    errors: list[InputError] = []
    read = [0]

    def on_error(err: InputError) -> None:
        errors.append(err)
        print(f"rasd: error: {err}", file=sys.stderr, flush=True)

    events = _extract(args, on_error, read)
    write_events_to(events, args.format, args.output)
    if errors:
        if read[0]:
            return EXIT_PARTIAL
        # Nothing read: every input failed. Network failures alone (FetchError) exit 4, else 3.
        codes = {err.exit_code for err in errors}
        return codes.pop() if len(codes) == 1 else EXIT_INPUT
    if not read[0]:  # e.g. a directory with no readable file in it
        print(f"rasd: error: no article found in {' '.join(args.inputs)}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _extract(args: argparse.Namespace, on_error: Callable[[InputError], None], read: list[int]) -> Iterator[Event]:
    """Every event of every input, streamed; ``read[0]`` counts the articles read."""
    from rasd.pipeline import Pipeline, default_pipeline

    pipeline = default_pipeline()
    changes: dict[str, Any] = {}
    if args.max_chars is not None:
        changes["max_chars"] = args.max_chars
    if args.no_background:
        changes["include_background"] = False
    if changes:
        pipeline = Pipeline(dataclasses.replace(pipeline.settings, **changes))
    max_chars = pipeline.settings.max_chars
    for article in _read_inputs(args.inputs, published=args.published, on_error=on_error, max_chars=max_chars):
        read[0] += 1
        for event in pipeline.extract(article):
            if args.no_background and event.background:
                continue
            yield event


def _read_inputs(inputs: list[str], **kw: Any) -> Iterator[Article]:
    try:
        from rasd.ingest import read_inputs  # type: ignore[attr-defined]
    except ImportError:  # until rasd.ingest re-exports it
        from rasd.ingest.readers import read_inputs
    return read_inputs(inputs, **kw)  # type: ignore[no-any-return]


def _run_dask(args: argparse.Namespace) -> int:
    if not args.output:
        raise UsageError("--engine dask writes parquet files: give -o DIR")
    if args.format != "parquet":
        raise UsageError(f"--engine dask writes parquet; --format {args.format} is for --engine local")
    try:
        from rasd.scale.dask_runner import extract_to_parquet
    except ImportError as err:
        raise RasdError(f"the dask engine is not available: {err}") from None
    errors: list[InputError] = []

    def on_error(err: InputError) -> None:
        errors.append(err)
        print(f"rasd: error: {err}", file=sys.stderr, flush=True)

    result = extract_to_parquet(args.inputs, args.output, scheduler=args.scheduler, published=args.published,
                                max_chars=args.max_chars or 200_000, on_error=on_error)
    print(f"rasd: {result}", file=sys.stderr)
    if errors:
        if result.articles:
            return EXIT_PARTIAL
        codes = {err.exit_code for err in errors}
        return codes.pop() if len(codes) == 1 else EXIT_INPUT
    if not result.articles:
        print(f"rasd: error: no article found in {' '.join(args.inputs)}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
