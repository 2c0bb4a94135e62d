"""Choose the 100 SaudiNewsNet articles of the hand-coded article benchmark (deterministic).

Reads ``$RASD_SHARED/data/saudinewsnet/*.zip`` (default ``../shared`` beside the repo) in place and
prints the selection as JSON (article key, zip, index, source, url, stratum, split) — never any
article text. The committed ``selection.json`` is this script's output:

    python bench/coded/select.py > bench/coded/selection.json

Procedure (see README.md in this folder):

1. Every article of every zip, in zip order (sorted by file name) and array order. An article is a
   candidate when its content is 400-6,000 characters long (coding time; the corpus median is about
   1,200) and neither its url nor its content was seen earlier (cross-day repeats are dropped).
2. Stratum «violence»: the title or content contains one of ``VIOLENCE_WORDS`` (plain substring
   match after folding hamza forms of alif); stratum «rest»: every other candidate.
3. Each stratum is shuffled with ``random.Random(SEED)`` (violence first, then rest, same generator)
   and taken in that order, skipping an article whose zip already has ``MAX_PER_ZIP`` picks or whose
   source already has ``MAX_PER_SOURCE`` picks (counted over both strata), until
   ``N_VIOLENCE`` and ``N_REST`` articles are picked.
4. Split: dev = the first 14 violence picks + the first 6 rest picks; test = the last 14 + the
   last 6. Within each split the order is violence picks then rest picks, as drawn.
5. Batch 2 (dev only, added later to give dev more events to tune on): the same shuffled violence
   list is read on from its start, the 40 articles above excluded, with the caps loosened to
   ``MAX_PER_ZIP_2`` picks per zip and ``MAX_PER_SOURCE_2`` per source (counted over all picks,
   batch 1 included), until ``N_BATCH_2`` more are picked. They follow the 40 in the output, with
   ``"split": "dev"`` and ``"batch": 2``; the first 40 entries are unchanged.
6. Batch 3 (dev only, ``N_BATCH_3`` more violence articles): the same shuffled violence list is read
   on from the article after the last batch-2 pick, skipping the articles already picked, with caps
   counted over batch 3 alone (so that no source dominates it): at most ``MAX_PER_ZIP_3`` picks per
   zip and ``MAX_PER_SOURCE_3`` per source. They follow the 70 with ``"split": "dev"`` and
   ``"batch": 3``; the first 70 entries are unchanged.
"""

from __future__ import annotations

import json
import os
import random
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

SEED = 20150721
N_VIOLENCE = 28
N_REST = 12
N_DEV_VIOLENCE = 14
N_DEV_REST = 6
MAX_PER_ZIP = 4
MAX_PER_SOURCE = 6
MIN_CHARS = 400
MAX_CHARS = 6000
N_BATCH_2 = 30
MAX_PER_ZIP_2 = 7
MAX_PER_SOURCE_2 = 9
N_BATCH_3 = 30
MAX_PER_ZIP_3 = 4
MAX_PER_SOURCE_3 = 3

VIOLENCE_WORDS = (
    "قتل", "هجوم", "هجمات", "غارة", "غارات", "انفجار", "اشتباك", "تظاهر", "مظاهر", "احتجاج",
    "اعتقال", "قصف", "تفجير", "انتحاري", "مسلح", "اغتيال", "اختطاف", "جرحى", "اطلاق نار",
)
"""Stems looked for (after folding أ إ آ to ا): the brief's list and close relatives."""


def shared_dir() -> Path:
    return Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()


def fold(text: str) -> str:
    return text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")


def load_zip(path: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(path) as zf:
        (name,) = zf.namelist()
        data: list[dict[str, Any]] = json.loads(zf.read(name))
    return data


def candidates(data_dir: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen_urls: set[str] = set()
    seen_texts: set[str] = set()
    for path in sorted(data_dir.glob("*.zip")):
        for index, art in enumerate(load_zip(path)):
            content = (art.get("content") or "").strip()
            url = art.get("url") or ""
            if url in seen_urls or content in seen_texts:
                continue
            seen_urls.add(url)
            seen_texts.add(content)
            if not MIN_CHARS <= len(content) <= MAX_CHARS:
                continue
            words = fold((art.get("title") or "") + "\n" + content)
            out.append(
                {
                    "key": f"{path.stem}-{index:04d}-{art['source']}",
                    "zip": path.name,
                    "index": index,
                    "source": art["source"],
                    "url": url,
                    "date_extracted": art["date_extracted"],
                    "stratum": "violence" if any(w in words for w in VIOLENCE_WORDS) else "rest",
                }
            )
    return out


def _continue(items: list[dict[str, Any]], taken: set[str], per_zip: Counter[str], per_source: Counter[str],
              max_zip: int, max_source: int, n: int) -> tuple[list[dict[str, Any]], int]:
    """The next ``n`` items not taken, under the zip and source caps (counted in the given
    counters, which are updated); and the position in ``items`` of the last one taken."""
    out: list[dict[str, Any]] = []
    last = -1
    for position, item in enumerate(items):
        if len(out) == n:
            break
        if item["key"] in taken or per_zip[item["zip"]] >= max_zip or per_source[item["source"]] >= max_source:
            continue
        per_zip[item["zip"]] += 1
        per_source[item["source"]] += 1
        out.append(item)
        last = position
    return out, last


def select(pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    per_zip: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    picks: dict[str, list[dict[str, Any]]] = {}
    shuffled: dict[str, list[dict[str, Any]]] = {}
    for stratum, wanted in (("violence", N_VIOLENCE), ("rest", N_REST)):
        items = [c for c in pool if c["stratum"] == stratum]
        rng.shuffle(items)
        shuffled[stratum] = items
        chosen: list[dict[str, Any]] = []
        for item in items:
            if len(chosen) == wanted:
                break
            if per_zip[item["zip"]] >= MAX_PER_ZIP or per_source[item["source"]] >= MAX_PER_SOURCE:
                continue
            per_zip[item["zip"]] += 1
            per_source[item["source"]] += 1
            chosen.append(item)
        picks[stratum] = chosen
    v, r = picks["violence"], picks["rest"]
    dev = v[:N_DEV_VIOLENCE] + r[:N_DEV_REST]
    test = v[N_DEV_VIOLENCE:] + r[N_DEV_REST:]
    taken = {item["key"] for item in v + r}
    batch_2, last_2 = _continue(shuffled["violence"], taken, per_zip, per_source, MAX_PER_ZIP_2, MAX_PER_SOURCE_2,
                                N_BATCH_2)
    taken |= {item["key"] for item in batch_2}
    batch_3, _ = _continue(shuffled["violence"][last_2 + 1:], taken, Counter(), Counter(), MAX_PER_ZIP_3,
                           MAX_PER_SOURCE_3, N_BATCH_3)
    return (
        [dict(item, split="dev") for item in dev]
        + [dict(item, split="test") for item in test]
        + [dict(item, split="dev", batch=2) for item in batch_2]
        + [dict(item, split="dev", batch=3) for item in batch_3]
    )


def main() -> int:
    data_dir = shared_dir() / "data" / "saudinewsnet"
    if not data_dir.is_dir():
        print(f"select: data folder not found: {data_dir}", file=sys.stderr)
        return 3
    pool = candidates(data_dir)
    chosen = select(pool)
    counts = Counter(c["stratum"] for c in pool)
    meta = {
        "seed": SEED,
        "candidates": dict(sorted(counts.items())),
        "articles": chosen,
    }
    print(json.dumps(meta, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
