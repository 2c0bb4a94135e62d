"""Throughput of the whole extract pipeline on one core, beside spaCy's blank Arabic tokenizer.

Reads the SaudiNewsNet articles from ../shared/data/saudinewsnet (never copied into the repo), codes
them with ``read_inputs`` + ``default_pipeline().extract`` pinned to one CPU, then runs
``spacy.blank("ar")``'s tokenizer on the very same texts as the reference ratio.

    .venv/bin/python bench/bench_speed.py                 # 3000 articles
    .venv/bin/python bench/bench_speed.py --limit 0       # every article (~16k)
    .venv/bin/python bench/bench_speed.py --json          # one JSON line of figures

Aims (issue 7): ≥ 100 articles/s, ≥ 1/10 of spaCy's tokenizer alone, peak RSS < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import time

from rasd_bench import shared_dir


def pin_one_core() -> int | None:
    """Pin this process to one CPU (Linux); returns the CPU or None when not supported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = sorted(os.sched_getaffinity(0))[0]
    os.sched_setaffinity(0, {cpu})
    return cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=3000, help="articles to code (0: all)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy reference")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of a table")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)

    data = shared_dir() / "data" / "saudinewsnet"
    if not data.is_dir():
        print(f"bench_speed: no data at {data} (set RASD_SHARED)", file=sys.stderr)
        return 1
    cpu = pin_one_core()
    from rasd.ingest import read_inputs
    from rasd.pipeline import default_pipeline

    t0 = time.perf_counter()
    pipeline = default_pipeline()
    from rasd.ingest.articles import make_article

    pipeline.extract(make_article("قتل جندي في هجوم أمس.", published="2024-08-06"))  # load lexicons/models
    load_s = time.perf_counter() - t0

    zips = sorted(str(p) for p in data.glob("*.zip"))
    n_articles = n_events = n_tokens = n_chars = 0
    t_read = t_extract = 0.0
    t_start = time.perf_counter()
    c_start = time.process_time()  # CPU seconds: fair even when other processes share the machine
    stream = read_inputs(zips, on_error=lambda err: None)
    while True:
        a = time.process_time()
        article = next(stream, None)
        b = time.process_time()
        t_read += b - a
        if article is None:
            break
        n_events += len(pipeline.extract(article))
        t_extract += time.process_time() - b
        n_articles += 1
        n_tokens += len(article.text.split())
        n_chars += len(article.text)
        if args.limit and n_articles >= args.limit:
            break
    wall = time.perf_counter() - t_start
    cpu_s = time.process_time() - c_start
    rss_pipeline = peak_rss_mb()

    figures: dict[str, object] = {
        "articles": n_articles, "events": n_events, "whitespace_tokens": n_tokens, "chars": n_chars,
        "pinned_cpu": cpu, "load_avg_1min": round(os.getloadavg()[0], 2), "startup_s": round(load_s, 2),
        "read_cpu_s": round(t_read, 2), "extract_cpu_s": round(t_extract, 2),
        "cpu_s": round(cpu_s, 2), "wall_s": round(wall, 2),
        "articles_per_cpu_s": round(n_articles / cpu_s, 1), "tokens_per_cpu_s": round(n_tokens / cpu_s),
        "articles_per_wall_s": round(n_articles / wall, 1), "peak_rss_mb": round(rss_pipeline, 1),
    }
    if not args.no_spacy:
        try:
            import spacy
        except ImportError:
            figures["spacy"] = "not installed"
        else:
            nlp = spacy.blank("ar")
            nlp.tokenizer("قتل جندي في هجوم أمس.")
            spacy_tokens, spacy_s = 0, 0.0
            # The same texts again (re-read, not kept: the pipeline's peak RSS above stays honest).
            for i, article in enumerate(read_inputs(zips, on_error=lambda err: None)):
                if args.limit and i >= args.limit:
                    break
                a = time.process_time()
                spacy_tokens += len(nlp.tokenizer(article.text))
                spacy_s += time.process_time() - a
            figures.update({
                "spacy_version": spacy.__version__, "spacy_cpu_s": round(spacy_s, 2),
                "spacy_articles_per_cpu_s": round(n_articles / spacy_s, 1), "spacy_tokens": spacy_tokens,
                "spacy_tokens_per_cpu_s": round(spacy_tokens / spacy_s),
                "ratio_vs_spacy": round(spacy_s / cpu_s, 3),
            })
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        width = max(map(len, figures))
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
