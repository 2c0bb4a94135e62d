"""Throughput of the Arabic text foundations on real articles.

Reads the SaudiNewsNet daily zips in place (../shared/data/saudinewsnet, or $RASD_SHARED/data/...;
each zip holds one JSON array of articles with a "content" field) and prints tokens per second for
tokenize, find_numbers, find_dates, split_sentences and the three together (wall time and CPU time: the CPU figure is the one to compare when the
machine is shared).

With --clitics it also measures clitic splitting on ANERcorp (../shared/data/anercorp, read in place):
how many ANERGazet names survive tokenize() unsplit, and on the entity tokens of train.txt how often a
name is wrongly split (over-splits) and how often «clitic + name» gives the name back.

    .venv/bin/python bench/bench_text.py [--zips N] [--articles N] [--clitics]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from rasd_bench import shared_dir

from rasd.text.dates import find_dates
from rasd.text.normalize import norm
from rasd.text.numbers import find_numbers
from rasd.text.sentences import split_sentences
from rasd.text.tokens import segment, tokenize


def load_articles(n_zips: int, n_articles: int) -> list[tuple[str, dt.date | None]]:
    folder = shared_dir() / "data" / "saudinewsnet"
    zips = sorted(folder.glob("*.zip"))[:n_zips]
    if not zips:
        sys.exit(f"no saudinewsnet zips under {folder}")
    out: list[tuple[str, dt.date | None]] = []
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for art in json.loads(zf.read(name)):
                    text = art.get("content") or ""
                    if not text:
                        continue
                    published = None
                    stamp = (art.get("date_extracted") or "")[:10]
                    if stamp:
                        try:
                            published = dt.date.fromisoformat(stamp)
                        except ValueError:
                            published = None
                    out.append((text, published))
                    if len(out) >= n_articles:
                        return out
    return out


def timed(label: str, fn: Callable[[str, dt.date | None], object],
          articles: list[tuple[str, dt.date | None]], n_tokens: int) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    found = 0
    for text, published in articles:
        res = fn(text, published)
        found += len(res) if isinstance(res, list) else 0
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{label:<34} {secs:6.2f} s wall {n_tokens / secs:10,.0f} tokens/s | {cpu:6.2f} s cpu"
          f" {n_tokens / cpu:10,.0f} tokens/s | {len(articles) / secs:6,.0f} articles/s ({found:,} items)")


def _gazetteer(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind in ("Loc", "Pers", "Org"):
        path = folder / "ANERGazet" / f"Aligned{kind}Gazetteer.txt"
        names = [ln.strip() for ln in path.read_text("utf-8").splitlines()]
        out[kind] = [n for n in names if n and not n.startswith(("====", "****"))]
    return out


def clitic_report() -> None:
    folder = shared_dir() / "data" / "anercorp"
    gaz = _gazetteer(folder)
    bare: set[str] = set()
    print("ANERGazet names whose tokens survive tokenize():")
    for kind, names in gaz.items():
        strict = letters = 0
        for name in names:
            toks = tokenize(name)
            words = [t for t in toks if t.norm[:1].isalpha()]
            bare |= {t.norm for t in words}
            if all(not t.prefixes and not t.suffix for t in words):
                strict += 1
            if all(t.prefixes in ((), ("ال",)) and not t.suffix for t in words):
                letters += 1
        print(f"  {kind:<5} {len(names):5,} names: unsplit {strict / len(names):6.1%}"
              f"   no letters lost (only the article ال split) {letters / len(names):6.1%}")
    over = over_n = rec = rec_n = 0
    examples_over: list[str] = []
    examples_rec: list[str] = []
    for line in (folder / "train.txt").read_text("utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) != 2 or parts[1][2:] not in ("LOC", "PERS", "ORG"):
            continue
        word = parts[0]
        n = norm(word)
        prefixes, stem, suffix = segment(word)
        if n in bare:  # a known whole name: nothing but the article may come off
            over_n += 1
            if prefixes not in ((), ("ال",)) or suffix:
                over += 1
                if len(examples_over) < 12 and word not in " ".join(examples_over):
                    examples_over.append(f"{word}→{'+'.join(prefixes)}+{stem}+{suffix}")
        elif len(n) > 3 and n[0] in "وبلفك" and n[1:] in bare:  # clitic + known name
            rec_n += 1
            got = ("ال" + stem if prefixes[-1:] == ("ال",) else stem) + suffix
            if got == n[1:] or (n[1] == "ل" and n[0] == "ل" and "ال" + stem == "ا" + n[1:]):
                rec += 1
            elif len(examples_rec) < 12 and word not in " ".join(examples_rec):
                examples_rec.append(f"{word}→{'+'.join(prefixes)}+{stem}+{suffix}")
    print(f"ANERcorp train entity tokens that are gazetteer names: {over_n:,};"
          f" wrongly split {over / max(over_n, 1):.2%}  e.g. {' '.join(examples_over)}")
    print(f"ANERcorp train entity tokens = clitic + gazetteer name: {rec_n:,};"
          f" name recovered {rec / max(rec_n, 1):.1%}  misses e.g. {' '.join(examples_rec)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zips", type=int, default=2, help="how many daily zips to read (default 2)")
    ap.add_argument("--articles", type=int, default=3000, help="at most this many articles (default 3000)")
    ap.add_argument("--clitics", action="store_true", help="also measure clitic splitting on ANERcorp")
    args = ap.parse_args()
    if args.clitics:
        clitic_report()
    articles = load_articles(args.zips, args.articles)
    n_tokens = sum(len(tokenize(t)) for t, _ in articles[:50])  # warm caches
    n_tokens = sum(len(tokenize(t)) for t, _ in articles)
    n_chars = sum(len(t) for t, _ in articles)
    print(f"{len(articles):,} articles, {n_chars:,} characters, {n_tokens:,} tokens (rasd.text.tokens.tokenize)")
    timed("tokenize", lambda t, p: tokenize(t), articles, n_tokens)
    timed("find_numbers", lambda t, p: find_numbers(t), articles, n_tokens)
    timed("find_dates", lambda t, p: find_dates(t, p), articles, n_tokens)
    timed("split_sentences", lambda t, p: split_sentences(t), articles, n_tokens)

    def together(t: str, p: dt.date | None) -> list[object]:
        return [*tokenize(t), *find_numbers(t), *find_dates(t, p)]

    timed("tokenize+find_numbers+find_dates", together, articles, n_tokens)


if __name__ == "__main__":
    main()
