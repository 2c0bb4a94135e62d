"""bench/eval_articles.py: the hand-coded article files, the matching and scoring on tiny inputs, and
the dev split end to end against the floors in bench/coded/floors.json (when ../shared is present)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import load_bench

from rasd.records import ACLED_EVENT_TYPES

REPO = Path(__file__).resolve().parent.parent
CODED = REPO / "bench" / "coded"

TYPES = ACLED_EVENT_TYPES
SUBTYPES = set().union(*TYPES.values())
EVENT_KEYS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "claimed_by", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "injuries", "background",
}
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def ev():  # type: ignore[no-untyped-def]
    return load_bench("eval_articles")


def gold(event_type: str = "Battles", day: str | None = "2015-07-20", **kw: Any) -> dict[str, Any]:
    e = {"event_type": event_type, "sub_event_type": "Armed clash", "event_date": day, "time_precision": 1,
         "country": "Syria", "background": False}
    e.update(kw)
    return e


pred = gold


# -- the coded files ------------------------------------------------------------------------------


def coded_files() -> list[Path]:
    return sorted(CODED.glob("*/*.json"))


def test_eval_articles_coded_files_follow_the_guide() -> None:
    files = coded_files()
    assert len(files) == 100
    selection = json.loads((CODED / "selection.json").read_text("utf-8"))["articles"]
    by_key = {a["key"]: a for a in selection}
    splits = {"dev": 0, "test": 0}
    for path in files:
        d = json.loads(path.read_text("utf-8"))
        a = by_key[d["article_id"]]
        assert path.parent.name == d["split"] == a["split"], path
        splits[d["split"]] += 1
        assert (d["zip"], d["index"], d["url"], d["source"]) == (a["zip"], a["index"], a["url"], a["source"]), path
        assert d["published"] == a["date_extracted"][:10]
        # No article text in the repo: only the url may hold Arabic (its slug).
        assert not ARABIC.search(json.dumps({k: v for k, v in d.items() if k != "url"}, ensure_ascii=False)), path
        for e in d["events"]:
            assert EVENT_KEYS <= set(e), (path, EVENT_KEYS - set(e))
            assert not {"actor1_ar", "actor2_ar", "location_ar", "evidence"} & set(e), path
            assert e["sub_event_type"] in TYPES[e["event_type"]], (path, e["sub_event_type"])
            assert set(e.get("event_type_alt", ())) <= set(TYPES) and set(e.get("sub_event_type_alt", ())) <= SUBTYPES
            assert e["time_precision"] in (1, 2, 3) and e["geo_precision"] in (1, 2, 3)
            if e["event_date"] is None:
                assert e.get("optional"), (path, "only optional events may lack a date")
            else:
                date.fromisoformat(e["event_date"])
            for coordinate in ("latitude", "longitude"):
                value = e[coordinate]
                assert value is None or round(value, 2) == value
            assert isinstance(e["background"], bool) and isinstance(e["claimed_by"], list)
    assert splits == {"dev": 80, "test": 20}


# -- matching and scoring -------------------------------------------------------------------------


def test_eval_articles_compatible_needs_type_date_and_country(ev) -> None:  # type: ignore[no-untyped-def]
    g = gold()
    assert ev.compatible(g, pred())
    assert ev.compatible(g, pred(day="2015-07-21"))  # one day apart
    assert not ev.compatible(g, pred(day="2015-07-22"))
    assert ev.compatible(g, pred(day="2015-07-25", time_precision=2))  # a week window
    assert not ev.compatible(g, pred(day=None))
    assert not ev.compatible(g, pred("Riots"))
    assert ev.compatible(gold(event_type_alt=["Riots"]), pred("Riots"))
    assert not ev.compatible(g, pred(country="Iraq"))
    assert ev.compatible(gold(country="Palestine"), pred(country="Palestinian Territory"))
    assert ev.compatible(gold(country="Turkey"), pred(country="Türkiye", iso3="TUR"))
    assert ev.compatible(gold(day=None, optional=True), pred(day="1998-08-07"))  # undated optional events


def test_eval_articles_match_is_one_to_one_and_prefers_close_pairs(ev) -> None:  # type: ignore[no-untyped-def]
    golds = [gold(latitude=33.31, longitude=44.47), gold(latitude=33.75, longitude=45.55)]
    preds = [pred(latitude=33.74, longitude=45.56), pred(latitude=33.3, longitude=44.5), pred()]
    assert ev.match(golds, preds) == [(0, 1), (1, 0)]
    # A prediction goes to a required event before an optional one.
    assert ev.match([gold(optional=True), gold()], [pred()]) == [(1, 0)]


def test_eval_articles_optional_events_are_neutral(ev) -> None:  # type: ignore[no-untyped-def]
    article = ev.GoldArticle("a", "dev", "z.zip", 0, "u", "s", date(2015, 7, 21),
                             (gold(), gold("Protests", optional=True, sub_event_type="Peaceful protest")))
    preds = [pred(), pred("Protests", sub_event_type="Peaceful protest"), pred("Riots")]
    result = ev.evaluate("dev", [article], {"a": ("title", "text")}, lambda a, t: preds)
    f = result.figures()
    assert (f["all_events"]["tp"], f["all_events"]["fp"], f["all_events"]["fn"]) == (1, 1, 0)
    assert f["gold_events"] == 1 and f["gold_optional_events"] == 1
    assert f["matched_pairs"]["sub_event_type"] == {"agree": 1, "n": 1, "rate": 1.0}


def test_eval_articles_news_and_no_event_articles(ev) -> None:  # type: ignore[no-untyped-def]
    news = ev.GoldArticle("n", "dev", "z.zip", 0, "u", "s", date(2015, 7, 21), (gold(), gold(day="2014-01-15", background=True)))
    empty = ev.GoldArticle("e", "dev", "z.zip", 1, "u", "s", date(2015, 7, 21), ())
    coded = {
        "n": [pred(background=True), pred(day="2014-01-15", background=True)],
        "e": [pred(), pred(background=True)],
    }
    result = ev.evaluate("dev", [news, empty], {"n": ("", ""), "e": ("", "")}, lambda a, t: coded[a.key])
    f = result.figures()
    assert (f["all_events"]["tp"], f["all_events"]["fp"], f["all_events"]["fn"]) == (2, 2, 0)
    # The news event was predicted as background: a miss among news events.
    assert (f["news_events"]["tp"], f["news_events"]["fp"], f["news_events"]["fn"]) == (0, 1, 1)
    assert f["no_event_articles"] == 1 and f["no_event_articles_flagged"] == 1
    assert f["false_events_on_no_event_articles"] == 2 and f["false_news_events_on_no_event_articles"] == 1
    assert f["matched_pairs"]["background"] == {"agree": 1, "n": 2, "rate": 0.5}


def test_eval_articles_field_agreement(ev) -> None:  # type: ignore[no-untyped-def]
    agree = ev.Agreement()
    g = gold(latitude=36.98, longitude=38.42, admin1="Sanliurfa", actor1="Islamic State (ISIS)", fatalities=30)
    p = pred(latitude=37.1, longitude=38.5, admin1="Şanlıurfa Province", actor1="Islamic State", inter1=2, fatalities=32)
    ev.compare(agree, g, p)
    f = agree.figures()
    assert f["location_25km"]["agree"] == 1 and f["location_161km"]["agree"] == 1
    assert f["admin1"]["agree"] == 1
    assert f["actor1_exact"]["agree"] == 0 and f["actor1_family"]["agree"] == 1
    assert f["fatalities"]["agree"] == 0 and f["event_date"]["agree"] == 1


@pytest.mark.parametrize(
    ("name", "inter", "profile"),
    [
        ("Military Forces of Yemen", None, ("state", "YEM")),
        ("Police Forces of Turkey", None, ("state", "TUR")),
        ("Unidentified Armed Group (Iraq)", None, ("armed group", "IRQ")),
        ("Civilians (Palestine)", None, ("civilians", "PSE")),
        ("Rioters (Palestine)", None, ("crowd", "PSE")),
        ("Houthi Movement", None, ("armed group", "YEM")),
        ("Islamic State (ISIS)", None, ("armed group", None)),
        ("Ansar Allah", 2, ("armed group", None)),
        (None, None, (None, None)),
    ],
)
def test_eval_articles_actor_profile(ev, name, inter, profile) -> None:  # type: ignore[no-untyped-def]
    assert ev.actor_profile(name, inter) == profile


# -- the dev split end to end ---------------------------------------------------------------------


def test_eval_articles_dev_split_above_floors(ev, shared_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = shared_dir / "data" / "saudinewsnet"
    if not data.is_dir():
        pytest.skip(f"no SaudiNewsNet data at {data}")
    out = tmp_path / "figures.json"
    assert ev.main(["--split", "dev", "--data", str(data), "--json", str(out)]) == 0
    raw = out.read_text("utf-8")
    assert not ARABIC.search(raw)  # figures only, never article text
    f = json.loads(raw)["splits"]["dev"]
    assert f["articles"] == 80 and f["extractor_errors"] == 0
    limits = json.loads((CODED / "floors.json").read_text("utf-8"))
    for key, floor in limits["floors"].items():
        group, name = key.split(".")
        assert f[group][name] >= floor, f"{key} {f[group][name]:.3f} fell below the floor {floor}"
    for key, ceiling in limits["ceilings"].items():
        assert f[key] <= ceiling, f"{key} {f[key]} rose above {ceiling}"
