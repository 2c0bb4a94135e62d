"""Whole articles: rasd against the hand-coded SaudiNewsNet sample in ``bench/coded/``.

Gold: ``bench/coded/<split>/<article_key>.json``, one file per article, coded by hand by
``../shared/CODING-GUIDE.md`` (see ``bench/coded/README.md``: selection, conventions, split). The
files carry no article text: each names its zip, index and url, and the text is read in place from
``$RASD_SHARED/data/saudinewsnet`` (default ``../shared`` beside the repo) at run time, checked
against the url. Each article is coded with ``rasd.pipeline.default_pipeline().extract`` on its
``content`` with the gold ``published`` date (the crawl date).

Matching (one article at a time). A predicted event can match a gold event when

* the event_type agrees (the gold ``event_type_alt`` list names other acceptable types),
* the dates are close: at most 1 day apart, 7 when either side has time_precision 2, 31 when
  either has 3 (a gold event without a date — only optional ones — matches any date),
* the country agrees (ISO code, names folded).

Pairs are chosen one-to-one by the Hungarian algorithm, preferring required gold events to optional
ones, then close dates, the same sub-type and nearby places. Gold events marked ``optional`` (acts
a careful coder may or may not code: undated, vague or borderline) are neutral: a prediction matched
to one is neither a hit nor a false event, and missing one costs nothing.

Figures per split: precision / recall / F1 over all events and over news events only (gold and
predicted ``background`` false, matched separately); the same with the event_type ignored (date and
country only: how much is a type confusion); the events predicted on articles with no required gold
event (false alarms) and how many such articles get any; and on matched pairs the agreement of
sub_event_type, background, exact event_date, location within 25 / 161 km (pairs where both have
coordinates), admin1, actor1 (exact name; and the same actor family — state, armed group, crowd,
civilians, other — and country, from rasd's inter1), fatalities (equal, null = null).

    python bench/eval_articles.py [--split dev|test|all] [--show] [--json OUT]

Tune on ``dev`` only: ``test`` is held out (see ``bench/coded/README.md``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasd_bench import REPO, shared_dir

CODED = REPO / "bench" / "coded"
SPLITS = ("dev", "test")

DATE_WINDOW = {1: 1, 2: 7, 3: 31}
"""Largest date gap (days) for a match, by the coarser time_precision of the two events."""

Event = dict[str, Any]
Extract = Callable[["GoldArticle", str], list[Event]]


# ---------------------------------------------------------------------------------------------
# Gold files and article texts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldArticle:
    key: str
    split: str
    zip: str
    index: int
    url: str
    source: str
    published: date
    events: tuple[Event, ...]

    @property
    def required(self) -> list[Event]:
        return [e for e in self.events if not e.get("optional")]


def load_gold(split: str, coded: Path = CODED) -> list[GoldArticle]:
    """The hand-coded articles of ``split`` ("dev", "test" or "all"), in file-name order."""
    splits = SPLITS if split == "all" else (split,)
    out = []
    for name in splits:
        for path in sorted((coded / name).glob("*.json")):
            d = json.loads(path.read_text("utf-8"))
            out.append(
                GoldArticle(
                    key=d["article_id"], split=name, zip=d["zip"], index=int(d["index"]), url=d["url"],
                    source=d["source"], published=date.fromisoformat(d["published"]), events=tuple(d["events"]),
                )
            )
    return out


def load_texts(articles: Iterable[GoldArticle], data_dir: Path) -> dict[str, tuple[str, str]]:
    """Article key → (title, content), read from the zips in place; the url must agree."""
    wanted: dict[str, list[GoldArticle]] = {}
    for a in articles:
        wanted.setdefault(a.zip, []).append(a)
    texts = {}
    for zip_name, items in sorted(wanted.items()):
        with zipfile.ZipFile(data_dir / zip_name) as zf:
            (member,) = zf.namelist()
            data = json.loads(zf.read(member))
        for a in items:
            record = data[a.index]
            if record.get("url") != a.url:
                raise ValueError(f"{a.key}: {zip_name}[{a.index}] is not {a.url}")
            texts[a.key] = (record.get("title") or "", record.get("content") or "")
    return texts


def rasd_extractor() -> Extract:
    from rasd.ingest.articles import make_article
    from rasd.pipeline import default_pipeline

    pipeline = default_pipeline()

    def run(article: GoldArticle, text: str) -> list[Event]:
        made = make_article(text, published=article.published, id=article.key, source=article.source, url=article.url)
        return [e.to_dict() for e in pipeline.extract(made)]

    return run


# ---------------------------------------------------------------------------------------------
# Normalising countries, admin1 and actors
# ---------------------------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "palestine": "PSE", "state of palestine": "PSE", "palestinian territory": "PSE",
    "palestinian territories": "PSE", "west bank": "PSE", "gaza strip": "PSE", "turkey": "TUR",
    "turkiye": "TUR", "russia": "RUS", "syria": "SYR", "iran": "IRN", "united states": "USA",
    "united states of america": "USA", "usa": "USA", "uk": "GBR", "united kingdom": "GBR",
    "south korea": "KOR", "north korea": "PRK", "libya": "LBY", "bolivia": "BOL", "venezuela": "VEN",
}


def fold(text: str) -> str:
    """Lower case, accents off, only letters and digits."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def known_country(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country name, or None."""
    key = " ".join(name.lower().split())
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    try:
        import pycountry

        return str(pycountry.countries.lookup(name).alpha_3)
    except (ImportError, LookupError):
        return None


def country_code(name: str | None, iso3: str | None = None) -> str | None:
    """The code to compare event countries by: rasd's iso3, else the name's code, else the folded name."""
    if iso3:
        return iso3.upper()
    if not name:
        return None
    return known_country(name) or fold(name) or None


_ADMIN_PREFIX = re.compile(r"^(al|an|ar|as|ash|ad|ath|az|el)(?=[a-z]{3})")
_ADMIN_SUFFIX = re.compile(r"(governorate|province|district|oblast|region|state|muhafazah)$")
_ADMIN_ALIASES = {
    "adan": "aden", "lahj": "lahij", "idleb": "idlib", "rifdimashq": "rifdimashq",
    "damascuscountryside": "rifdimashq", "rifdimashk": "rifdimashq", "ninawa": "nineveh", "ninawah": "nineveh",
    "salahaddin": "saladin", "salahuddin": "saladin", "diyali": "diyala", "sanaa": "sanaa",
    "taizz": "taizz", "taiz": "taizz", "hadramaut": "hadhramaut", "hadramawt": "hadhramaut",
    "north": "northern", "jerusalemquds": "jerusalem", "quds": "jerusalem",
}


def admin1_key(name: str | None) -> str | None:
    if not name:
        return None
    key = _ADMIN_SUFFIX.sub("", fold(name))
    key = _ADMIN_PREFIX.sub("", key)
    return _ADMIN_ALIASES.get(key, key) or None


_FAMILY = {1: "state", 2: "armed group", 3: "armed group", 4: "armed group", 5: "crowd", 6: "crowd",
           7: "civilians", 8: "other"}
"""ACLED inter codes grouped: state forces; rebels, political and identity militias; rioters and
protesters; civilians; external/other forces."""

_GOLD_ACTORS: dict[str, tuple[int, str | None]] = {
    "islamic state (isis)": (2, None), "houthi movement": (2, "YEM"), "jaish al-fatah": (2, "SYR"),
    "al shabaab": (2, "SOM"), "al qaeda": (2, None), "pkk: kurdistan workers party": (2, "TUR"),
    "opposition rebels (syria)": (2, "SYR"), "ypg: peoples protection units": (2, "SYR"),
    "donetsk people's republic": (2, "UKR"), "boko haram": (2, "NGA"), "settlers (israel)": (4, "ISR"),
    "jabhat al-nusra": (2, "SYR"), "division 30": (2, "SYR"),
}
"""Inter code and country of the named groups the gold uses (patterns cover the rest)."""


def actor_profile(name: str | None, inter: int | None = None) -> tuple[str | None, str | None]:
    """(family, country code) of an ACLED-style actor name; ``inter`` (rasd's inter1) wins."""
    if not name:
        return None, None
    low = name.strip().lower()
    country = None
    m = re.match(r"(?:military|police) forces of (?:the )?(.+?)(?: \(.*\))?$", low)
    if m:
        country = known_country(m.group(1))
        inter = inter or 1
    m = re.search(r"\(([^()]+)\)\s*$", name)
    if m and country is None:
        country = known_country(m.group(1))
    if inter is None:
        for prefix, code in (("rioters", 5), ("protesters", 6), ("civilians", 7), ("unidentified armed group", 3)):
            if low.startswith(prefix):
                inter = code
        if inter is None and low in _GOLD_ACTORS:
            inter, country = _GOLD_ACTORS[low][0], country or _GOLD_ACTORS[low][1]
    elif low in _GOLD_ACTORS and country is None:
        country = _GOLD_ACTORS[low][1]
    return (_FAMILY.get(inter) if inter else None), country


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def coords(e: Event) -> tuple[float, float] | None:
    lat, lon = e.get("latitude"), e.get("longitude")
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------


def type_ok(gold: Event, pred: Event) -> bool:
    return pred.get("event_type") in {gold["event_type"], *gold.get("event_type_alt", ())}


def sub_ok(gold: Event, pred: Event) -> bool:
    return pred.get("sub_event_type") in {gold["sub_event_type"], *gold.get("sub_event_type_alt", ())}


def date_gap(gold: Event, pred: Event) -> int | None:
    """Days between the two dates; 0 when the gold event has no date; None when rasd gave none."""
    g = as_date(gold.get("event_date"))
    if g is None:
        return 0
    p = as_date(pred.get("event_date"))
    return None if p is None else abs((p - g).days)


def date_ok(gold: Event, pred: Event) -> bool:
    gap = date_gap(gold, pred)
    if gap is None:
        return False
    precision = max(int(gold.get("time_precision") or 1), int(pred.get("time_precision") or 1))
    return gap <= DATE_WINDOW.get(precision, 31)


def country_ok(gold: Event, pred: Event) -> bool:
    g = country_code(gold.get("country"))
    return g is not None and g == country_code(pred.get("country"), pred.get("iso3"))


def compatible(gold: Event, pred: Event, *, use_type: bool = True) -> bool:
    return (not use_type or type_ok(gold, pred)) and date_ok(gold, pred) and country_ok(gold, pred)


def pair_cost(gold: Event, pred: Event) -> float:
    """Lower is better: required before optional, then close dates, same sub-type, near places."""
    cost = 1000.0 if gold.get("optional") else 0.0
    cost += min(date_gap(gold, pred) or 0, 60)
    cost += 0.0 if type_ok(gold, pred) else 20.0
    cost += 0.0 if sub_ok(gold, pred) else 5.0
    g, p = coords(gold), coords(pred)
    if g and p:
        cost += min(haversine_km(g, p), 1000.0) / 100.0
    elif g or p:
        cost += 5.0  # as far as 500 km: a placed event is preferred
    return cost


def match(golds: Sequence[Event], preds: Sequence[Event], *, use_type: bool = True) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs among compatible events, fewest misses first."""
    if not golds or not preds:
        return []
    big = 1e6
    cost = [[pair_cost(g, p) if compatible(g, p, use_type=use_type) else big for p in preds] for g in golds]
    try:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(cost)
        pairs = list(zip(rows.tolist(), cols.tolist(), strict=True))
    except ImportError:  # greedy on the same costs
        pairs, used_g, used_p = [], set(), set()
        for c, i, j in sorted((cost[i][j], i, j) for i in range(len(golds)) for j in range(len(preds))):
            if i not in used_g and j not in used_p and c < big:
                pairs.append((i, j))
                used_g.add(i)
                used_p.add(j)
    return sorted((i, j) for i, j in pairs if cost[i][j] < big)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": ratio(2 * p * r, p + r)}


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, golds: Sequence[Event], preds: Sequence[Event], pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
        """Count one article; return the unmatched required gold and unmatched predicted indices."""
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        self.tp += sum(1 for i, _ in pairs if not golds[i].get("optional"))
        missed = [i for i, g in enumerate(golds) if i not in matched_g and not g.get("optional")]
        false = [j for j in range(len(preds)) if j not in matched_p]
        self.fn += len(missed)
        self.fp += len(false)
        return missed, false

    def figures(self) -> dict[str, float | int]:
        return prf(self.tp, self.fp, self.fn)


@dataclass(slots=True)
class Agreement:
    """Share of matched (required) pairs on which a field agrees, over the pairs where it applies."""

    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        self.totals[name] = self.totals.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + int(ok)

    def figures(self) -> dict[str, dict[str, float | int]]:
        return {k: {"agree": self.hits[k], "n": n, "rate": ratio(self.hits[k], n)} for k, n in self.totals.items()}


FIELDS = ("sub_event_type", "background", "event_date", "location_25km", "location_161km", "admin1",
          "actor1_exact", "actor1_family", "fatalities")


def compare(agree: Agreement, gold: Event, pred: Event) -> None:
    agree.add("sub_event_type", sub_ok(gold, pred))
    agree.add("background", bool(gold.get("background")) == bool(pred.get("background")))
    g_date = as_date(gold.get("event_date"))
    agree.add("event_date", None if g_date is None else g_date == as_date(pred.get("event_date")))
    g, p = coords(gold), coords(pred)
    km = haversine_km(g, p) if g and p else None
    agree.add("location_25km", None if km is None else km <= 25.0)
    agree.add("location_161km", None if km is None else km <= 161.0)
    g_admin = admin1_key(gold.get("admin1"))
    agree.add("admin1", None if g_admin is None else g_admin == admin1_key(pred.get("admin1")))
    g_actor = gold.get("actor1")
    if g_actor:
        agree.add("actor1_exact", fold(g_actor) == fold(pred.get("actor1") or ""))
        g_fam, g_country = actor_profile(g_actor)
        p_fam, p_country = actor_profile(pred.get("actor1"), pred.get("inter1"))
        if g_fam is not None:
            same_country = g_country is None or p_country is None or g_country == p_country
            agree.add("actor1_family", g_fam == p_fam and same_country)
    agree.add("fatalities", gold.get("fatalities") == pred.get("fatalities"))


@dataclass(slots=True)
class ArticleResult:
    article: GoldArticle
    title: str
    preds: list[Event]
    missed: list[Event]
    false: list[Event]
    neutral: int
    """Predictions matched to optional gold events."""


@dataclass(slots=True)
class Result:
    split: str
    all: Counts = field(default_factory=Counts)
    news: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    agree: Agreement = field(default_factory=Agreement)
    articles: list[ArticleResult] = field(default_factory=list)
    no_event_articles: int = 0
    false_on_no_event: int = 0
    false_news_on_no_event: int = 0
    flagged_no_event_articles: int = 0
    errors: int = 0
    seconds: float = 0.0

    def figures(self) -> dict[str, Any]:
        gold = [e for a in self.articles for e in a.article.required]
        return {
            "split": self.split,
            "articles": len(self.articles),
            "gold_events": len(gold),
            "gold_news_events": sum(1 for e in gold if not e.get("background")),
            "gold_background_events": sum(1 for e in gold if e.get("background")),
            "gold_optional_events": sum(1 for a in self.articles for e in a.article.events if e.get("optional")),
            "predicted_events": sum(len(a.preds) for a in self.articles),
            "all_events": self.all.figures(),
            "news_events": self.news.figures(),
            "type_ignored": self.untyped.figures(),
            "no_event_articles": self.no_event_articles,
            "false_events_on_no_event_articles": self.false_on_no_event,
            "false_news_events_on_no_event_articles": self.false_news_on_no_event,
            "no_event_articles_flagged": self.flagged_no_event_articles,
            "matched_pairs": self.agree.figures(),
            "extractor_errors": self.errors,
            "seconds": round(self.seconds, 2),
        }


def evaluate(split: str, articles: Sequence[GoldArticle], texts: dict[str, tuple[str, str]], extract: Extract) -> Result:
    result = Result(split)
    t0 = time.perf_counter()
    for article in articles:
        title, text = texts[article.key]
        try:
            preds = extract(article, text)
        except Exception as err:  # a crash on one article is counted, not fatal
            result.errors += 1
            print(f"eval_articles: extractor error on {article.key}: {type(err).__name__}: {err}", file=sys.stderr)
            preds = []
        golds = list(article.events)
        pairs = match(golds, preds)
        missed, false = result.all.add(golds, preds, pairs)
        for i, j in pairs:
            if not golds[i].get("optional"):
                compare(result.agree, golds[i], preds[j])
        # News events: gold news (and optional) events against rasd's non-background events.
        g_news = [g for g in golds if g.get("optional") or not g.get("background")]
        p_news = [p for p in preds if not p.get("background")]
        result.news.add(g_news, p_news, match(g_news, p_news))
        result.untyped.add(golds, preds, match(golds, preds, use_type=False))
        if not article.required:
            result.no_event_articles += 1
            result.false_on_no_event += len(false)
            result.false_news_on_no_event += sum(1 for j in false if not preds[j].get("background"))
            result.flagged_no_event_articles += int(bool(false))
        result.articles.append(
            ArticleResult(article, title, preds, [golds[i] for i in missed], [preds[j] for j in false],
                          neutral=sum(1 for i, _ in pairs if golds[i].get("optional")))
        )
    result.seconds = time.perf_counter() - t0
    return result


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(r: Result, out: Any = sys.stdout) -> None:
    f = r.figures()
    print(
        f"{r.split.upper()}: {f['articles']} articles, {f['gold_events']} gold events "
        f"({f['gold_news_events']} news, {f['gold_background_events']} background; {f['gold_optional_events']} optional "
        f"not counted), {f['predicted_events']} predicted",
        file=out,
    )
    for label, key in (("all events", "all_events"), ("news events", "news_events"),
                       ("type ignored (date+country)", "type_ignored")):
        s = f[key]
        print(
            f"  {label:<28} P {pct(s['precision'])}  R {pct(s['recall'])}  F1 {pct(s['f1'])}   "
            f"(TP {s['tp']} FP {s['fp']} FN {s['fn']})",
            file=out,
        )
    print(
        f"  no-event articles: {f['no_event_articles']}, of which flagged {f['no_event_articles_flagged']}; "
        f"false events on them {f['false_events_on_no_event_articles']} ({f['false_news_events_on_no_event_articles']} news)",
        file=out,
    )
    pairs = f["matched_pairs"]
    cells = [f"{k} {v['agree']}/{v['n']}" for k in FIELDS if (v := pairs.get(k))]
    print(f"  on matched pairs: {', '.join(cells) if cells else '(none)'}", file=out)
    print(f"  {f['seconds']:.1f} s; extractor errors: {f['extractor_errors']}", file=out)


def describe(e: Event) -> str:
    where = e.get("location") or ""
    where = "(place not in Latin script)" if _ARABIC.search(where) else where[:30]
    tag = "bg" if e.get("background") else "news"
    return f"{e.get('event_date')} {e.get('event_type')}/{e.get('sub_event_type')} {e.get('country')}: {where} [{tag}]"


def show(r: Result, out: Any = sys.stdout) -> None:
    """Per-article table (to the terminal: titles cut to 80 characters, no other article text)."""
    print(f"\n{r.split.upper()} per article  (gold required news/bg +optional | predicted news/bg | matched)", file=out)
    for a in r.articles:
        req = a.article.required
        n_opt = len(a.article.events) - len(req)
        g_news = sum(1 for e in req if not e.get("background"))
        p_news = sum(1 for e in a.preds if not e.get("background"))
        matched = len(req) - len(a.missed)
        print(
            f"- {a.article.key:<32} gold {g_news}/{len(req) - g_news} +{n_opt}  pred {p_news}/{len(a.preds) - p_news}  "
            f"matched {matched}{f' (+{a.neutral} optional)' if a.neutral else ''}  {a.title[:80]}",
            file=out,
        )
        for e in a.missed:
            print(f"    missed: {describe(e)}", file=out)
        for e in a.false:
            print(f"    false:  {describe(e)}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev", help="which coded articles (default: dev)")
    ap.add_argument("--show", action="store_true", help="print the per-article table")
    ap.add_argument("--json", metavar="OUT", help="also write the figures (no text) as JSON to OUT")
    ap.add_argument("--data", metavar="DIR", help="the saudinewsnet folder (default: $RASD_SHARED/data/saudinewsnet)")
    args = ap.parse_args(argv)

    data = Path(args.data) if args.data else shared_dir() / "data" / "saudinewsnet"
    if not data.is_dir():
        print(f"eval_articles: data folder not found: {data}", file=sys.stderr)
        return 3
    import rasd

    splits = SPLITS if args.split == "all" else (args.split,)
    golds = {s: load_gold(s) for s in splits}
    texts = load_texts([a for s in splits for a in golds[s]], data)
    extract = rasd_extractor()
    print(f"rasd {rasd.__version__} on the hand-coded SaudiNewsNet articles (bench/coded, text from {data})\n")
    results = []
    for s in splits:
        result = evaluate(s, golds[s], texts, extract)
        results.append(result)
        report(result)
        print()
    if args.split == "all":
        combined = evaluate("all", golds["dev"] + golds["test"], texts, extract)
        report(combined)
        results.append(combined)
    if args.show:
        for result in results[: len(splits)]:
            show(result)
    if args.json:
        figures = {"rasd_version": rasd.__version__, "splits": {r.split: r.figures() for r in results}}
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
