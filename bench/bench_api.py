"""Latency of filtered event queries through the HTTP API on a database of >= 100,000 events.

    .venv/bin/python bench/bench_api.py [--events 100000] [--db /tmp/rasd-bench-api.db] [--repeat 40]
    .venv/bin/python bench/bench_api.py --db postgresql://rasd:rasd@127.0.0.1:5432/rasd_test?options=-csearch_path%3Dbench

Builds the database once (synthetic-but-plausible events: 22 places in 9 countries, 8 event types, two
years of dates, one to two sources each) and reuses it on later runs. Each query goes through the whole
ASGI app in process (routing, validation, the store's SQL, JSON encoding), so the figures are what a
client on the same machine sees minus the socket. Prints p50/p95 per query and over all queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from rasd.serve.app import create_app
from rasd.serve.synthetic import synthetic
from rasd.store import open_store
from rasd.store.base import EventFilter

QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("newest 100", "/api/events", {}),
    ("country", "/api/events", {"country": "Iraq"}),
    ("country iso3 + type", "/api/events", {"country": "YEM", "type": "Battles"}),
    ("type + 3 months", "/api/events", {"type": "Protests", "since": "2024-01-01", "until": "2024-03-31"}),
    ("one week", "/api/events", {"since": "2024-05-01", "until": "2024-05-07"}),
    ("admin1", "/api/events", {"admin1": "Al Anbar"}),
    ("actor substring", "/api/events", {"actor": "armed group"}),
    ("actor Arabic", "/api/events", {"actor": "مسلحون"}),
    ("search Arabic", "/api/events", {"search": "الموصل"}),
    ("search 2 words", "/api/events", {"search": "قصف صاروخي"}),
    ("bbox Levant", "/api/events", {"bbox": "34,29,37,34"}),
    ("bbox + month", "/api/events", {"bbox": "42,12,46,16", "since": "2023-06-01", "until": "2023-06-30"}),
    ("background only", "/api/events", {"background": "true"}),
    ("sort fatalities", "/api/events", {"sort": "-fatalities", "country": "Syria"}),
    ("deep page", "/api/events", {"offset": 50000, "limit": 50}),
    ("page 3 of a filter", "/api/events", {"country": "Lebanon", "offset": 200}),
    ("map view 5000", "/api/events", {"fields": "map", "limit": 5000, "country": "Palestine"}),
    ("csv 1000", "/api/events", {"format": "csv", "limit": 1000, "type": "Riots"}),
]


def build(store: Any, n: int) -> None:
    """Write ``n`` events straight into the events table (no extraction, no merging: that is the ingest
    benchmark's business), one transaction per 5,000."""
    write = getattr(store, "_write_event", None)
    if write is None:  # a backend without the bulk path: go through ingest (slow for 100k)
        from rasd.serve.demo import fill

        fill(store, n)
        return
    t0 = time.perf_counter()
    batch: list[Any] = []
    done = 0
    for _article, event in synthetic(n, seed=100):
        batch.append(event)
        if len(batch) == 5000:
            with store._tx():
                for ev in batch:
                    write(ev, new=True)
            done += len(batch)
            batch = []
            print(f"\r  {done:,} events written ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr)
    with store._tx():
        for ev in batch:
            write(ev, new=True)
    print(file=sys.stderr)


SUGGESTED_INDEX = (
    "CREATE INDEX IF NOT EXISTS events_filter ON events(event_date, event_type, country, iso3, admin1, "
    "background, longitude, latitude, fatalities, actor1, actor2, actor1_ar, actor2_ar)"
)
"""A covering index over every filter column: counts and filtered scans read it instead of the wide rows."""


def suggest_indexes(store: Any) -> None:
    t0 = time.perf_counter()
    with store._tx():
        store._x(SUGGESTED_INDEX)
        store._x("ANALYZE")
    print(f"added the suggested covering index in {time.perf_counter() - t0:.1f} s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/rasd-bench-api.db")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--suggested-indexes", action="store_true",
                        help="first add the covering index suggested for the store schema (SQLite), to compare")
    args = parser.parse_args(argv)

    store = open_store(args.db)
    have = store.count_events(EventFilter())
    if have < args.events:
        if have:
            print(f"{args.db} holds {have:,} events, fewer than {args.events:,}: delete it first", file=sys.stderr)
            return 2
        print(f"building {args.events:,} events in {args.db} ...", file=sys.stderr)
        t0 = time.perf_counter()
        build(store, args.events)
        print(f"  built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        have = store.count_events(EventFilter())
    size = Path(args.db).stat().st_size / 1e6 if Path(args.db).exists() else float("nan")
    print(f"database: {store.url} — {have:,} events, {size:.0f} MB; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs (wall-clock figures grow with the load; CPU time does not)")

    if args.suggested_indexes:
        suggest_indexes(store)
    heavy = {"map view 5000", "csv 1000"}
    with TestClient(create_app(store)) as client:
        ids = [e["event_id"] for e in client.get("/api/events", params={"limit": 200}).json()["events"]]

        def run(name: str, path: str, params: dict[str, Any], repeat: int) -> tuple[int | None, list[float]]:
            times, total = [], None
            for i in range(repeat + 2):
                url = path.replace("{id}", ids[i % len(ids)])
                t0, c0 = time.perf_counter(), time.process_time()
                r = client.get(url, params=params)
                dt = (time.perf_counter() - t0) * 1000
                cpu.append((time.process_time() - c0) * 1000)
                assert r.status_code == 200, (name, r.text[:200])
                if i >= 2:  # the first two warm the caches
                    times.append(dt)
                if "application/json" in r.headers["content-type"] and path == "/api/events":
                    total = r.json()["total"]
            return total, times

        for label, extra in (("default (no count)", {}), ("with count=true", {"count": "true"})):
            rows: list[tuple[str, int | None, float, float]] = []
            page_times: list[float] = []
            cpu: list[float] = []
            for name, path, params in QUERIES + [("one event", "/api/events/{id}", {})]:
                if extra and (name in heavy or path != "/api/events"):
                    continue
                repeat = max(3, args.repeat // 8) if name in heavy else args.repeat
                total, times = run(name, path, {**params, **extra}, repeat)
                rows.append((name, total, percentile(times, 50), percentile(times, 95)))
                if name not in heavy:
                    page_times += times
            print(f"\n== {label} ==")
            print(f"{'query':<22}{'total':>9}{'p50 ms':>9}{'p95 ms':>9}")
            for name, total, p50, p95 in rows:
                shown = f"{total:,}" if total is not None else "-"
                print(f"{name:<22}{shown:>9}{p50:>9.1f}{p95:>9.1f}")
            print(f"filtered page queries ({label}): p50 {statistics.median(page_times):.1f} ms, "
                  f"p95 {percentile(page_times, 95):.1f} ms over {len(page_times)} requests "
                  f"(CPU time per request, all queries: p50 {statistics.median(cpu):.1f} ms, "
                  f"p95 {percentile(cpu, 95):.1f} ms)")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
