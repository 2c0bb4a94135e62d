"""Actor lexicon benchmark: load time, coverage of gold actor spans, throughput on real news.

    .venv/bin/python bench/bench_actors.py [--articles 400] [--show 0]

1. Load time of the lexicon (import + build), printed in seconds (target: under a second).
2. event-gsr: every distinct gold source/target actor span (ASSAULT and PROTEST span files) is
   looked up by running ``find`` over its sentence (country from context); a span is *resolved*
   when a mention overlaps it, and *compatible* when the actor also agrees with the gold CAMEO
   code: the country (when the gold names one) and the role (MIL/COP/GOV → state forces,
   CVL → civilians/protesters/rioters, REB/UAF → non-state armed, ...; see ROLE_INTER).
3. saudinewsnet: ``find`` over the first N articles of the daily zips: mentions per article,
   articles with a named (non-generic) actor, characters per second, most frequent actors.

Data is read from ../shared (or $RASD_SHARED); nothing is copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")) / "data"

# CAMEO role -> ACLED inter codes that agree with it (None: no constraint)
ROLE_INTER: dict[str, set[int] | None] = {
    "MIL": {1, 8}, "COP": {1}, "GOV": {1}, "SPY": {1}, "JUD": {1}, "LEG": {1},
    "CVL": {5, 6, 7}, "EDU": {6, 7}, "REL": {7}, "MED": {7}, "HLH": {7}, "BUS": {7}, "REF": {7},
    "ELI": {1, 7}, "LAB": {6, 7}, "AGR": {7},
    "REB": {2, 3, 4}, "UAF": {2, 3, 4}, "CRM": {2, 3, 4}, "INS": {2, 3},
    "OPP": {2, 3, 6}, "PTY": {3, 6},
}
NO_COUNTRY = {"None", "INT", "IGO", "NGO", "IMG", "UIS", "UNKNOWN", "", "MNC"}
KURD = {"IRQ", "TUR", "SYR", "IRN"}


def compatible(actor, main: str | None, role: str | None) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    main = main or "None"
    if main in NO_COUNTRY:
        ok_country = True
    elif main == "KUR":
        ok_country = actor.iso3 in KURD
    else:
        ok_country = actor.iso3 == main
    allowed = ROLE_INTER.get(role or "None")
    ok_role = allowed is None or (actor.inter in allowed)
    return ok_country, ok_role


def gold_spans() -> list[tuple[str, str, str, int, int, str | None, str | None]]:
    """Distinct (file, side, sentence, start, end, main, role) gold actor spans located in the text."""
    out = {}
    for name in ("assault_spans.json", "protest_spans.json"):
        for rec in json.loads((SHARED / "event-gsr" / name).read_text("utf-8")):
            text = rec["text"]
            for span in rec["spans"]:
                for side in ("source", "target"):
                    toks = span.get(f"{side}_actor") or []
                    if not toks:
                        continue
                    phrase = " ".join(toks)
                    start = text.find(phrase)
                    if start < 0:
                        continue
                    role = span.get(f"{side}_role")
                    main, r = (role.get("main"), role.get("role")) if isinstance(role, dict) else (None, None)
                    key = (name, rec["_id"], side, start)
                    out[key] = (name, side, text, start, start + len(phrase), main, r)
    return list(out.values())


def bench_gsr(lex, show: int, metonyms: bool) -> None:  # type: ignore[no-untyped-def]
    spans = gold_spans()
    cache: dict[str, list] = {}
    resolved = country_ok = role_ok = both = 0
    by_role: Counter[str] = Counter()
    by_role_ok: Counter[str] = Counter()
    misses = []
    for _name, _side, text, start, end, main, role in spans:
        mentions = cache.get(text)
        if mentions is None:
            mentions = cache[text] = lex.find(text, metonyms=metonyms)
        hit = [m for m in mentions if m.start < end and start < m.end]
        by_role[role or "None"] += 1
        if not hit:
            misses.append(text[start:end])
            continue
        resolved += 1
        best = max(hit, key=lambda m: min(m.end, end) - max(m.start, start))
        c_ok, r_ok = compatible(best.actor, main, role)
        country_ok += c_ok
        role_ok += r_ok
        if c_ok and r_ok:
            both += 1
            by_role_ok[role or "None"] += 1
    n = len(spans)
    print(f"event-gsr gold actor spans: {n} distinct (ASSAULT + PROTEST), find(metonyms={metonyms})")
    print(f"  resolved (a mention overlaps the span): {resolved / n:.3f} ({resolved}/{n})")
    print(f"  country-compatible: {country_ok / n:.3f}   role-compatible: {role_ok / n:.3f}")
    print(f"  resolved AND compatible country + role: {both / n:.3f} ({both}/{n})")
    with_role = n - by_role["None"]
    ok_role = both - by_role_ok["None"]
    print(f"  spans with a gold role (not None): {with_role}; resolved AND compatible: "
          f"{ok_role / max(1, with_role):.3f} ({ok_role}/{with_role})")
    print("  by gold role (compatible/total): " + ", ".join(
        f"{r} {by_role_ok[r]}/{c}" for r, c in by_role.most_common(10)))
    if show:
        random.Random(0).shuffle(misses)
        print("  sample of unresolved spans:", " | ".join(misses[:show]))


def articles(limit: int) -> list[str]:
    texts: list[str] = []
    for path in sorted((SHARED / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if not member.endswith(".json"):
                    continue
                for art in json.loads(zf.read(member).decode("utf-8")):
                    if art.get("content"):
                        texts.append(art["content"])
                    if len(texts) >= limit:
                        return texts
    return texts


def bench_news(lex, limit: int, show: int) -> None:  # type: ignore[no-untyped-def]
    texts = articles(limit)
    t0 = time.perf_counter()
    results = [lex.find(t) for t in texts]
    dt = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    mentions = [m for ms in results for m in ms]
    named = sum(any(not m.actor.id.startswith("generic:") for m in ms) for ms in results)
    print(f"saudinewsnet: {len(texts)} articles, {chars} chars in {dt:.2f}s "
          f"({chars / dt:,.0f} chars/s, {len(texts) / dt:,.0f} articles/s)")
    print(f"  mentions: {len(mentions)} ({len(mentions) / max(1, len(texts)):.1f}/article); "
          f"articles with a named actor: {named / max(1, len(texts)):.3f}")
    top = Counter(m.actor.name for m in mentions).most_common(15)
    print("  most frequent: " + "; ".join(f"{n} {c}" for n, c in top))
    rules = Counter(m.rule.split(":")[0] if ":" in m.rule and m.rule.startswith(("metonym", "place")) else
                    ("entry" if ":" in m.rule else m.rule) for m in mentions)
    print("  by rule: " + ", ".join(f"{r} {c}" for r, c in rules.most_common(12)))
    if show:
        rng = random.Random(1)
        sample = rng.sample(mentions, min(show, len(mentions)))
        for m in sample:
            print(f"    {m.text!r} -> {m.actor.name} [{m.rule}]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400, help="saudinewsnet articles to run (default 400)")
    ap.add_argument("--show", type=int, default=0, help="print N sample mentions / misses")
    args = ap.parse_args()
    t0 = time.perf_counter()
    from rasd.resolve.actors import default_lexicon

    t1 = time.perf_counter()
    lex = default_lexicon()
    t2 = time.perf_counter()
    print(f"lexicon: {len(lex)} actors; import {t1 - t0:.3f}s + build {t2 - t1:.3f}s = load {t2 - t0:.3f}s")
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 1
    bench_gsr(lex, args.show, metonyms=False)
    bench_gsr(lex, 0, metonyms=True)
    bench_news(lex, args.articles, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
