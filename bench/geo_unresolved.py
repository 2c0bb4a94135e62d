"""Place names the geocoder cannot resolve in SaudiNewsNet: which names follow a place word.

Scans every article of ``$RASD_SHARED/data/saudinewsnet`` (default ../shared; read in place, never
copied) for a place word followed by a name («مدينة X», «محافظة X», «مخيم X», «معبر X» ...: the
words of ``lang/ar/geo_admin_words.yaml`` and the site words of ``SITE_WORDS`` below, with any
proclitic: «وبمدينة») and asks ``rasd.geo.default_geocoder().resolve`` for the span «word X» in
the context of its sentence. A mention counts as resolved when the geocoder names a place for it
by the name itself: not the fallback relation "context", which only repeats another place of the
text, nor a "locality" (a name the gazetteer lacks, placed at the place said to contain it), which
are counted apart.

X is the word after the place word, or that word and the next when the pair is how the word is
usually continued among the unresolved mentions (at least ``PAIR_SHARE`` of them: «صباح الاحمد»,
«ظهران الجنوب», «ام الهيمان»); a following nisba adjective («الحدودية») never continues a name.
Names are shown folded as the geocoder keys them (ة → ه, أ → ا, ى → ي).

It prints figures only: the resolved share overall and by place word, and the most frequent
unresolved names with their counts. No article text is printed.

    .venv/bin/python bench/geo_unresolved.py [--top 150] [--limit N] [--min-count 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from rasd.geo import default_geocoder
from rasd.geo.lexicon import geo_lexicon, load_entries
from rasd.geo.names import arabic_key, fold
from rasd.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
# Words of a site before its name, beside the admin words of geo_admin_words.yaml.
SITE_WORDS = ("قاعدة", "مطار", "معبر", "منفذ", "جبل", "جبال", "وادي", "معسكر", "ميناء", "جزيرة", "حقل", "سد",
              "مرفأ", "ساحل")
# Admin words that in news are mostly not place words («مركز الملك سلمان», «لواء» a brigade,
# «العاصمة» before a country's capital is already a known name) and multi-word ones.
SKIP_ADMIN_WORDS = frozenset({"مركز", "لواء", "منطقة إدارية", "العاصمة", "عاصمة"})
PAIR_SHARE = 0.6
NISBA_ENDINGS = ("يه", "ي", "يين", "يون", "ييه")
SENTENCE_END = re.compile(r"[.!?؟\n]")
WINDOW = 300  # characters of context on each side, within the sentence


def shared_dir() -> Path:
    return Path(os.environ.get("RASD_SHARED", REPO.parent / "shared"))


def place_words() -> dict[str, str]:
    """Folded place word → the label of its group (its form as listed)."""
    out: dict[str, str] = {}
    for e in load_entries("geo_admin_words.yaml"):
        for w in e["words"]:
            if w not in SKIP_ADMIN_WORDS and " " not in w:
                out.setdefault(arabic_key(w), w)
    for w in SITE_WORDS:
        out.setdefault(arabic_key(w), w)
    return out


def articles(limit: int | None):  # type: ignore[no-untyped-def]
    n = 0
    for path in sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in sorted(zf.namelist()):
                if not member.endswith(".json"):
                    continue
                for art in json.loads(zf.read(member).decode("utf-8")):
                    if art.get("content"):
                        yield art["content"]
                        n += 1
                        if limit is not None and n >= limit:
                            return


def sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    before = [m.end() for m in SENTENCE_END.finditer(text, lo, start)]
    after = SENTENCE_END.search(text, end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=150, help="unresolved names to list")
    ap.add_argument("--min-count", type=int, default=3, help="list only names seen this often")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    ap.add_argument("--resolved", type=int, default=0,
                    help="also list the N most frequent resolved names and their places")
    args = ap.parse_args()

    geo = default_geocoder()
    lex = geo_lexicon()
    words = place_words()
    forms = {p + w: w for w in words for p in lex.prefixes} | {w: w for w in words}
    skip_names = set(words) | lex.never | lex.prefixes | set(lex.relations)

    t0 = time.perf_counter()
    n_articles = 0
    localities = 0
    by_word: dict[str, Counter] = defaultdict(Counter)
    resolved_names: Counter = Counter()
    # Unresolved mentions: first name word → Counter of the next word (None: not a continuation).
    unresolved: dict[str, Counter] = defaultdict(Counter)
    for text in articles(args.limit):
        n_articles += 1
        normed = normalize(text)
        s = fold(normed.text)
        tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", s)]
        for i in range(len(tokens) - 1):
            word = forms.get(tokens[i][2])
            if word is None:
                continue
            n_start, n_end, name = tokens[i + 1]
            if not name.isalpha() or len(name) < 2 or name in skip_names or s[tokens[i][1]:n_start] != " ":
                continue
            nxt = None
            if i + 2 < len(tokens) and s[n_end:tokens[i + 2][0]] == " " and tokens[i + 2][2].isalpha():
                cand = tokens[i + 2][2]
                if cand not in skip_names and not (cand.startswith("ال") and cand.endswith(NISBA_ENDINGS)):
                    nxt = cand
            o_start, o_end = normed.to_original(tokens[i][0], n_end)
            w_lo, w_hi = sentence_window(text, o_start, o_end)
            ctx = text[w_lo:w_hi]
            pm = geo.resolve(ctx, o_start - w_lo, o_end - w_lo)
            ok = pm is not None and pm.relation != "context" and pm.place.feature_type != "locality"
            by_word[words[word]]["resolved" if ok else "unresolved"] += 1
            if pm is not None and pm.place.feature_type == "locality":
                localities += 1
            if ok:
                resolved_names[(name, f"{pm.place.name} ({pm.place.iso3}, {pm.place.feature_type})")] += 1
            else:
                unresolved[name][nxt] += 1
    dt = time.perf_counter() - t0

    total = Counter()
    for c in by_word.values():
        total.update(c)
    n = total["resolved"] + total["unresolved"]
    print(f"saudinewsnet: {n_articles} articles in {dt:.0f}s; {n} mentions after a place word, "
          f"resolved {total['resolved']} ({total['resolved'] / max(1, n):.3f}), "
          f"unresolved {total['unresolved']} (of which placed as a locality {localities}); "
          f"distinct names resolved {len({x for x, _ in resolved_names})}, "
          f"unresolved {len(unresolved)}")
    print("by place word (resolved / mentions):")
    for w, c in sorted(by_word.items(), key=lambda wc: -sum(wc[1].values())):
        m = c["resolved"] + c["unresolved"]
        print(f"  {w:10s} {c['resolved']:6d} / {m:6d}  {c['resolved'] / max(1, m):.3f}")

    if args.resolved:
        print("most frequent resolved names (name -> place):")
        for (x, place), c in resolved_names.most_common(args.resolved):
            print(f"  {c:5d}  {x} -> {place}")
    names: Counter = Counter()
    for first, nexts in unresolved.items():
        count = sum(nexts.values())
        nxt, k = max(((w, c) for w, c in nexts.items() if w is not None), key=lambda wc: (wc[1], wc[0]),
                     default=(None, 0))
        if nxt is not None and k >= PAIR_SHARE * count:
            names[f"{first} {nxt}"] += k
            if count - k:
                names[first] += count - k
        else:
            names[first] += count
    shown = [(x, c) for x, c in names.most_common() if c >= args.min_count][: args.top]
    print(f"most frequent unresolved names (of {len(names)}; count >= {args.min_count}):")
    for x, c in shown:
        print(f"  {c:5d}  {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
