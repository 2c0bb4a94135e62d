"""A demo database for the web page: the seed article with its hand-coded events, plus synthetic reports.

The events are stored through the real store (``Store.ingest`` with a fixed extractor), so merging,
per-source figures and search work as they do on real data. Build one with::

    python -m rasd.serve.demo demo.db [--events 300]
    rasd serve --db demo.db
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from rasd.records import Article, Attribution, Event, Evidence, event_from_dict
from rasd.serve.synthetic import synthetic
from rasd.store.base import IngestSummary, Store

SEED_NAME = "ain-al-asad-2024-08-06"
_SPAN_FIELDS = (("actor1_ar", "actor1"), ("actor2_ar", "actor2"), ("location_ar", "location"))


def _find(text: str, needle: str | None, near: int) -> int:
    """Offset of the occurrence of ``needle`` closest to ``near`` (-1 if absent)."""
    if not needle:
        return -1
    best, pos = -1, text.find(needle)
    while pos >= 0:
        if best < 0 or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(needle, pos + 1)
    return best


def seed_reports(seed_dir: Path) -> tuple[Article, list[Event]]:
    """The seed article and its expected events, with evidence spans located in the text."""
    text = (seed_dir / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
    expected = json.loads((seed_dir / f"{SEED_NAME}.expected.json").read_text(encoding="utf-8"))
    published = date.fromisoformat(expected["published"])
    article = Article(id=SEED_NAME, text=text, published=published, title="إصابة سبعة أميركيين بقصف قاعدة عين الأسد",
                      source="AFP", url=None, origin="seed")
    events = []
    for i, item in enumerate(expected["events"]):
        data = {k: v for k, v in item.items() if k != "evidence"}
        data.update(event_id=f"{SEED_NAME}-{i}", article_id=SEED_NAME, source="AFP",
                    sub_event_type=data.get("sub_event_type") or "")
        data["attributed_to"] = [a if isinstance(a, dict) else {"actor": a} for a in data.get("attributed_to") or ()]
        event = event_from_dict(data)
        spans: list[Evidence] = []
        quote = item.get("evidence")
        start = text.find(quote) if quote else -1
        if start >= 0:
            spans.append(Evidence("event_type", start, start + len(quote), quote, rule="seed"))
        for key, name in _SPAN_FIELDS:
            value = item.get(key)
            pos = _find(text, value, max(start, 0))
            if pos >= 0:
                spans.append(Evidence(name, pos, pos + len(value), value, rule="seed"))
        events.append(event.replace(evidence=tuple(spans), attributed_to=tuple(
            a if isinstance(a, Attribution) else Attribution(**a) for a in event.attributed_to)))
    return article, events


def fill(store: Store, n: int = 300, *, seed: int = 6, seed_dir: Path | None = None,
         extra: Iterable[tuple[Article, list[Event]]] = ()) -> IngestSummary:
    """Ingest ``n`` synthetic reports (and the seed article when ``seed_dir`` holds it) into ``store``."""
    reports: dict[str, list[Event]] = {}
    articles: list[Article] = []
    if seed_dir is not None and (seed_dir / f"{SEED_NAME}.expected.json").is_file():
        article, events = seed_reports(seed_dir)
        articles.append(article)
        reports[article.id] = events
    for article, events in extra:
        articles.append(article)
        reports[article.id] = events
    for article, event in synthetic(n, seed=seed):
        articles.append(article)
        reports[article.id] = [event]
    extractor: Callable[[Article], list[Event]] = lambda a: reports.get(a.id, [])  # noqa: E731
    return store.ingest(articles, extractor=extractor)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a build step
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="database URL or SQLite path")
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--shared", default=os.environ.get("RASD_SHARED", "../shared"))
    args = parser.parse_args(argv)
    from rasd.store import open_store

    store = open_store(args.db)
    try:
        print(fill(store, args.events, seed_dir=Path(args.shared) / "seed"))
    finally:
        store.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
