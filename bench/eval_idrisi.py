"""Geocoding accuracy on IDRISI-D (Arabic tweets whose place mentions are linked to OpenStreetMap).

Two settings, each the share of gold mentions whose resolved coordinate lies within 161 km
(100 miles, the usual accuracy@161) and within 25 km of the gold OSM point:

* oracle mentions: every gold mention span is resolved in the context of its tweet
  (``Geocoder.resolve``), so only disambiguation is measured;
* end to end: ``Geocoder.find`` on the tweet; a gold mention counts when a found mention overlaps
  its span and resolves within the distance (recall); precision is the share of found mentions that
  overlap a gold mention. A second precision leaves out two kinds of found mentions the annotators
  did not mark by convention: names inside a multi-word hashtag (#امطار_الكويت: 148 gold mentions
  are inside one, against about 1,400 unmarked) and another occurrence of a name marked elsewhere
  in the same tweet.

The data is read in place from ``$RASD_SHARED/data/idrisi`` (default ../shared); it is not copied.

    .venv/bin/python bench/eval_idrisi.py [--hint] [--split train] [--errors 20]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rasd.geo import default_geocoder, km

REPO = Path(__file__).resolve().parent.parent
# The country each IDRISI event happened in, for the --hint setting (an article's dateline).
EVENT_COUNTRY = {
    "beirut_explosion_2020": "LBN", "cairo_bombing_2019": "EGY", "hafr_albatin_floods_2019": "SAU",
    "jordan_floods_2018": "JOR", "kuwait_floods_2018": "KWT", "dragon_storms_2020": "EGY", "covid_2019": None,
}
# Gold links we do not follow, reported apart (and counted in "all"): the 2019 Cairo bombing was
# outside the National Cancer Institute in Manial, Cairo, but every «معهد الأورام» of that event is
# linked to OSM node 1888411228, the oncology institute in Minya, 220 km south.
GOLD_DISAGREEMENTS = {"https://www.openstreetmap.org/node/1888411228"}


def _token(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def convention(text: str, m, gold: list[dict]) -> bool:
    """A found mention the annotators leave unmarked by convention (see the module docstring)."""
    tok = _token(text, m.start, m.end)
    if tok.startswith("#") and "_" in tok.strip("_#.,:!؟،") and "_" not in m.text:
        return True
    name = m.text.lstrip("#").replace("_", " ")
    return any(name == g["text"].lstrip("#").replace("_", " ") for g in gold)


def load(shared: Path, split: str) -> list[tuple[str, dict]]:
    out = []
    for path in sorted((shared / "data" / "idrisi" / "LMD" / "data" / "AR").glob(f"*/{split}.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                out.append((path.parent.name, json.loads(line)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")))
    ap.add_argument("--split", default="train", help="IDRISI split (only train is public here)")
    ap.add_argument("--hint", action="store_true", help="pass each event's country as country_hint")
    ap.add_argument("--errors", type=int, default=0, help="print this many oracle errors")
    args = ap.parse_args(argv)
    tweets = load(args.shared.resolve(), args.split)
    if not tweets:
        print(f"no IDRISI LMD files under {args.shared}", file=sys.stderr)
        return 1
    geo = default_geocoder()
    geo.automaton()
    t0 = time.perf_counter()
    oracle: dict[str, Counter] = defaultdict(Counter)
    e2e: dict[str, Counter] = defaultdict(Counter)
    errors = []
    n_found = n_found_ok = n_convention = 0
    for event, tw in tweets:
        text = tw["text"]
        hint = EVENT_COUNTRY.get(event) if args.hint else None
        found = geo.find(text, country_hint=hint)
        n_found += len(found)
        gold_spans = [(g["start_offset"], g["end_offset"]) for g in tw["location_mentions"]]
        ok = [any(m.start < e and s < m.end for s, e in gold_spans) for m in found]
        n_found_ok += sum(ok)
        n_convention += sum(not k and convention(text, m, tw["location_mentions"]) for k, m in zip(ok, found, strict=True))
        for g in tw["location_mentions"]:
            glat, glon = float(g["osm_json"]["lat"]), float(g["osm_json"]["lon"])
            s, e = g["start_offset"], g["end_offset"]
            slices = ["all", event, "type:" + g["type"]]
            if g.get("osm_url") not in GOLD_DISAGREEMENTS:
                slices.append("all but gold disagreements")
            for key in slices:
                oracle[key]["n"] += 1
                e2e[key]["n"] += 1
            m = geo.resolve(text, s, e, country_hint=hint)
            d = km(m.place.latitude, m.place.longitude, glat, glon) if m else None
            gold_iso3 = ((g["osm_json"].get("extratags") or {}).get("ISO3166-1:alpha3") or "").upper()
            country_ok = bool(m and g["type"] == "Country" and gold_iso3 and m.place.iso3 == gold_iso3)
            for key in slices:
                oracle[key]["161c"] += (d is not None and d <= 161) or country_ok
                oracle[key]["161"] += d is not None and d <= 161
                oracle[key]["25"] += d is not None and d <= 25
                oracle[key]["none"] += d is None
                oracle[key]["context"] += bool(m and m.relation == "context")
            if (d is None or d > 161) and len(errors) < args.errors:
                errors.append((g["text"], g["type"], m.place.name if m else None, m.place.iso3 if m else None,
                               round(d) if d is not None else None, g["osm_json"].get("display_name", "")[:60]))
            hits = [x for x in found if x.start < e and s < x.end]
            de = min((km(x.place.latitude, x.place.longitude, glat, glon) for x in hits), default=None)
            for key in slices:
                e2e[key]["found"] += bool(hits)
                e2e[key]["161"] += de is not None and de <= 161
                e2e[key]["25"] += de is not None and de <= 25
    secs = time.perf_counter() - t0
    print(f"IDRISI-D Arabic LMD ({args.split}): {len(tweets)} tweets, {oracle['all']['n']} gold mentions, "
          f"country hint {'on' if args.hint else 'off'}, {secs:.1f} s")
    print(f"{'slice':34} {'n':>5} | {'oracle@161':>10} {'oracle@25':>9} {'@161|iso3':>9} | "
          f"{'e2e found':>9} {'e2e@161':>8} {'e2e@25':>7}")
    keys = ["all", "all but gold disagreements"] + sorted(
        k for k in oracle if not k.startswith(("all", "type:"))) + sorted(
        k for k in oracle if k.startswith("type:"))
    for k in keys:
        o, e = oracle[k], e2e[k]
        n = o["n"]
        print(f"{k:34} {n:5d} | {o['161'] / n:10.3f} {o['25'] / n:9.3f} {o['161c'] / n:9.3f} | {e['found'] / n:9.3f} "
              f"{e['161'] / n:8.3f} {e['25'] / n:7.3f}")
    print("@161|iso3: a gold country mention also counts as right when its country is right (OSM's point")
    print("for a country is a label position, e.g. Saudi Arabia at 25.6N 42.4E, not a centroid).")
    o = oracle["all"]
    print(f"oracle: {o['context']} mentions resolved from context only (name not in gazetteer), {o['none']} unresolved")
    print(f"end to end: {n_found} mentions found, precision (overlaps a gold span) {n_found_ok / max(1, n_found):.3f}; "
          f"without the {n_convention} unmarked by convention {n_found_ok / max(1, n_found - n_convention):.3f}")
    for err in errors:
        print("  miss:", err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
