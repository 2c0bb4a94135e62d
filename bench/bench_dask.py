"""Scaling of the Dask runner from 1 to 2 workers (``rasd extract --engine dask``).

Reads SaudiNewsNet articles from ../shared/data/saudinewsnet into one JSONL file in a temporary
folder, then times ``extract_to_parquet`` on a warm LocalCluster of 1 worker and of 2 workers
(cluster start-up and the workers' one-time lexicon loading are excluded and reported apart).

    .venv/bin/python bench/bench_dask.py                 # 3000 articles
    .venv/bin/python bench/bench_dask.py --limit 6000 --json

Aim (issue 7): 2 workers at least 1.7 times one.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from rasd_bench import shared_dir


def write_corpus(path: Path, limit: int) -> int:
    from rasd.ingest import read_inputs

    zips = sorted(str(p) for p in (shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for article in read_inputs(zips, on_error=lambda err: None):
            fh.write(json.dumps({"id": article.id, "text": article.text, "published": str(article.published),
                                 "source": article.source, "url": article.url}, ensure_ascii=False) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return n


def timed_run(corpus: Path, out: Path, workers: int, batch_size: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from rasd.ingest.articles import make_article
    from rasd.scale.dask_runner import extract_batch, extract_to_parquet

    a = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        warm = [make_article("قتل جندي في هجوم أمس.", published="2024-08-06")]
        client.run(lambda: extract_batch(warm))  # warm every worker: import rasd, load lexicons
        startup = time.perf_counter() - a
        cpu_before = client.run(time.process_time)
        b = time.perf_counter()
        client_cpu = time.process_time()
        summary = extract_to_parquet([str(corpus)], out, scheduler=cluster.scheduler_address, batch_size=batch_size)
        seconds = time.perf_counter() - b
        client_cpu = time.process_time() - client_cpu
        cpu_after = client.run(time.process_time)
    worker_cpu = sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
    return {"workers": workers, "startup_s": round(startup, 2), "seconds": round(seconds, 2),
            "articles": summary.articles, "events": summary.events,
            "articles_per_s": round(summary.articles / seconds, 1),
            "worker_cpu_s": round(worker_cpu, 2), "client_cpu_s": round(client_cpu, 2),
            "busy": round(worker_cpu / seconds / workers, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=3000, help="articles (0: all)")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.core"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not (shared_dir() / "data" / "saudinewsnet").is_dir():
        print("bench_dask: no SaudiNewsNet data (set RASD_SHARED)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = write_corpus(corpus, args.limit)
        runs = [timed_run(corpus, Path(tmp) / f"out{w}", w, args.batch_size) for w in (1, 2)]
    speedup = runs[0]["seconds"] / runs[1]["seconds"]
    result = {"articles": n, "cpus": os.cpu_count(), "load_avg_1min": round(os.getloadavg()[0], 2),
              "runs": runs, "speedup_2_vs_1": round(speedup, 2)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} articles, {os.cpu_count()} CPUs, batch size {args.batch_size}, "
              f"load average {result['load_avg_1min']}")
        for r in runs:
            print(f"  {r['workers']} worker(s): {r['seconds']:7.2f} s  {r['articles_per_s']:7.1f} articles/s"
                  f"  workers' CPU {r['worker_cpu_s']} s (busy {r['busy']:.0%} of each worker's wall time),"
                  f" client CPU {r['client_cpu_s']} s"
                  f"  ({r['events']} events; cluster start-up {r['startup_s']} s)")
        print(f"  speed-up 2 vs 1: {speedup:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
