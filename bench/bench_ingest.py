"""Ingest benchmark: every SaudiNewsNet daily zip in ../shared/data/saudinewsnet into a fresh database.

Prints articles/s, database size, peak memory (RSS), near-duplicates, and events before merging (one per
article report) and after merging (canonical events). Run from the repository root:

    .venv/bin/python bench/bench_ingest.py                      # full pipeline, fresh SQLite file
    .venv/bin/python bench/bench_ingest.py --no-extract         # storage only: hashing, dedup, search index
    .venv/bin/python bench/bench_ingest.py --db postgresql://rasd:rasd@127.0.0.1:5432/rasd_bench

The data is read in place through ``rasd.ingest.read_inputs`` (it is never copied into the repository).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from rasd_bench import shared_dir


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    parser.add_argument("--no-extract", action="store_true", help="store articles without extracting events")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    args = parser.parse_args(argv)

    from itertools import islice

    from rasd.ingest import read_inputs
    from rasd.store import open_store

    zips = sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    if not zips:
        print(f"no SaudiNewsNet zips under {shared_dir()}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    db_path = tmp / "rasd.db"
    url = args.db or str(db_path)
    extractor = (lambda a: []) if args.no_extract else None
    if extractor is None:  # load the pipeline's data before the clock starts
        from rasd.pipeline import default_pipeline

        pipeline = default_pipeline()
        extractor = pipeline.extract
        from rasd.records import Article

        extractor(Article("warmup", "قتل ثلاثة أشخاص في انفجار في بغداد أمس."))

    errors: list[str] = []
    store = open_store(url)
    articles = read_inputs([str(z) for z in zips], on_error=lambda e: errors.append(str(e)))
    if args.limit:
        articles = islice(articles, args.limit)
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = store.ingest(articles, extractor=extractor, batch_size=args.batch_size)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    stats = store.stats()
    store.close()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input                 {len(zips)} zips in {zips[0].parent}")
    print(f"database              {url}" + ("" if args.db else f" ({_size(db_path) / 2**20:.1f} MiB)"))
    print(f"articles read         {summary.articles_seen} ({summary.articles_new} stored, "
          f"{summary.articles_duplicate} exact duplicates, {summary.near_duplicates} near-duplicates linked, "
          f"{len(errors)} input errors, {summary.errors} extraction errors)")
    print(f"time                  {elapsed:.1f} s wall, {cpu:.1f} s CPU (load average {os.getloadavg()[0]:.1f})")
    print(f"throughput            {summary.articles_seen / elapsed:.1f} articles/s "
          f"({summary.articles_seen / cpu:.1f} per CPU second)")
    print(f"peak memory (RSS)     {peak_mb:.0f} MiB")
    print(f"events before merging {stats['reports']}")
    print(f"events after merging  {stats['events']} ({stats['events_with_several_sources']} with several sources)")
    if args.keep or args.db:
        print(f"kept                  {url}")
    else:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
