"""Merging real cross-paper reports: the Suruç suicide bombing of Monday 2015-07-20 as six Saudi papers
told it, and the car bomb in Kobani across the border the same day, which must stay a separate event.

The fixture holds only the facts an analyst codes from each article (date, place, figures, blame) and
cites each article by outlet and URL in ../shared/data/saudinewsnet (CC BY-NC-SA: the texts are not
copied here). ``test_merge_fixture_matches_the_articles`` re-reads the zips to check the citations.
"""

from __future__ import annotations

import hashlib
import json
import random
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import FactExtractor, pg_url, store_url  # noqa: F401 - fixtures

from rasd.records import Article, Attribution, Event, SourceReport
from rasd.resolve.merge import merge_reports, separation
from rasd.store import EventFilter, open_store
from rasd.text.normalize import norm

SURUC = ("Suruc", "سروج", 36.98, 38.42, "Turkey", "TUR", "Sanliurfa")
KOBANI = ("Kobani", "كوباني", 36.89, 38.35, "Syria", "SYR", "Aleppo")
DAY = date(2015, 7, 20)

# (zip day, outlet, url, place, fatalities, injuries, attributed_to, figure as printed in the article)
REPORTS: list[tuple[str, str, str, tuple, int | None, int | None, str | None, str | None]] = [
    ("2015-07-21", "aawsat", "http://aawsat.com/home/article/410736/27-قتيلا-و100-جريح-بانفجار-في-بلدة-على-الحدود-التركية-السورية",
     SURUC, 27, 100, None, "مقتل 27 شخصا"),
    ("2015-07-21", "aleqtisadiya", "http://www.aleqt.com/2015/07/20/article_974848.html",
     SURUC, 27, None, "Islamic State (ISIS)", "27 قتيلا"),
    ("2015-07-21", "aljazirah", "http://www.al-jazirah.com/2015/20150721/du4.htm",
     SURUC, 30, 100, None, "مقتل 30 شخصاً"),
    ("2015-07-21", "alweeam", "http://www.alweeam.com.sa/348405/10-قتلى-في-انفجار-ببلدة-تركية-قرب-الحدود/",
     SURUC, 27, None, None, "أكثر من 27 شخصا"),
    ("2015-07-21", "alyaum", "http://www.alyaum.com/article/4079536",
     SURUC, 27, 100, None, "مقتل 27 شخصاً"),
    ("2015-07-22", "alriyadh", "http://www.alriyadh.com/1066496",
     SURUC, 27, 100, "Islamic State (ISIS)", "مقتل 27 شخصا"),
    ("2015-07-21", "alweeam", "http://www.alweeam.com.sa/348458/انفجار-يهز-كوباني-السورية-وتضارب-الرو/",
     KOBANI, None, None, None, None),
    ("2015-07-22", "alriyadh", "http://www.alriyadh.com/1066496",
     KOBANI, 2, None, None, "مقتل عنصرين"),
]


def _article_id(url: str) -> str:
    return "snn-" + hashlib.sha1(url.encode()).hexdigest()[:12]


def _event(place: tuple, fatalities: int | None, injuries: int | None, blamed: str | None) -> Event:
    loc, loc_ar, lat, lon, country, iso3, admin1 = place
    return Event(
        event_id="", article_id=None, event_date=DAY, time_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
        actor1="Islamic State (ISIS)" if blamed else None, country=country, iso3=iso3, admin1=admin1,
        location=loc, location_ar=loc_ar, latitude=lat, longitude=lon, geo_precision=1,
        fatalities=fatalities, injuries=injuries,
        attributed_to=(Attribution(blamed, "Turkish officials"),) if blamed else (),
    )


def reports() -> list[tuple[Event, SourceReport]]:
    out = []
    for day, outlet, url, place, killed, hurt, blamed, _ in REPORTS:
        aid = _article_id(url)
        ev = _event(place, killed, hurt, blamed).replace(article_id=aid)
        out.append((ev, SourceReport(aid, outlet, url, date.fromisoformat(day), killed, hurt, (),
                                     ev.attributed_to)))
    return out


def _by_place(events: list[Event]) -> dict[str, Event]:
    assert len({e.location for e in events}) == len(events), [e.location for e in events]
    return {e.location: e for e in events}  # type: ignore[misc]


def test_merge_suruc_reports_become_one_event_kobani_stays_apart() -> None:
    merged = _by_place(merge_reports(reports()))
    assert set(merged) == {"Suruc", "Kobani"}
    suruc, kobani = merged["Suruc"], merged["Kobani"]
    assert [s.source for s in suruc.sources] == ["aawsat", "aleqtisadiya", "aljazirah", "alweeam", "alyaum", "alriyadh"]
    assert suruc.source == "aawsat; aleqtisadiya; aljazirah; alweeam; alyaum; alriyadh"
    assert (suruc.fatalities_low, suruc.fatalities, suruc.fatalities_high) == (27, 27, 30)
    assert suruc.injuries == 100
    assert suruc.actor1 == "Islamic State (ISIS)"  # filled in from the outlets that blamed ISIS
    assert [s.fatalities for s in suruc.sources] == [27, 27, 30, 27, 27, 27]
    assert [s.source for s in kobani.sources] == ["alweeam", "alriyadh"]
    assert (kobani.fatalities_low, kobani.fatalities, kobani.fatalities_high) == (2, 2, 2)
    assert separation(reports()[0][0], reports()[6][0]) == "different countries"
    assert separation(suruc, kobani) == "same article"  # alriyadh reported both: never one event


def test_merge_kobani_and_suruc_apart_even_without_countries() -> None:
    """11 km apart, same day, same type: only the town names separate them, and they must."""
    (s, _), (k, _) = reports()[0], reports()[-1]
    s2, k2 = s.replace(country=None, iso3=None, admin1=None), k.replace(country=None, iso3=None, admin1=None)
    assert separation(s2, k2) == "different places"


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_merge_grouping_does_not_depend_on_report_order(rnd: random.Random) -> None:
    items = reports()
    rnd.shuffle(items)
    merged = _by_place(merge_reports(items))
    assert {p: sorted(s.article_id for s in e.sources) for p, e in merged.items()} == {
        p: sorted(s.article_id for s in e.sources) for p, e in _by_place(merge_reports(reports())).items()
    }
    assert merged["Suruc"].fatalities_low == 27 and merged["Suruc"].fatalities_high == 30


def test_merge_suruc_through_the_store(store_url) -> None:  # noqa: F811
    facts: dict[str, list[Event]] = {}
    articles: dict[str, Article] = {}
    for day, outlet, url, place, killed, hurt, blamed, _ in REPORTS:
        aid = _article_id(url)
        facts.setdefault(aid, []).append(_event(place, killed, hurt, blamed))
        # Our own one-line summary of the facts stands in for the article text.
        text = articles[aid].text + " " if aid in articles else ""
        text += f"انفجار في بلدة {place[1]} يوم الاثنين {DAY.isoformat()} وفق {outlet}."
        articles[aid] = Article(aid, text, date.fromisoformat(day), source=outlet, url=url)
    with open_store(store_url) as store:
        ordered = list(articles.values())
        store.ingest(ordered[:2], extractor=FactExtractor(facts))
        first = store.query_events(EventFilter())
        assert len(first) == 1
        store.ingest(ordered[2:], extractor=FactExtractor(facts))
        events = _by_place(store.query_events(EventFilter()))
        assert events["Suruc"].event_id == first[0].event_id
        assert len(events["Suruc"].sources) == 6 and len(events["Kobani"].sources) == 2
        assert events["Suruc"].source == "aawsat; aleqtisadiya; aljazirah; alweeam; alyaum; alriyadh"
        # search runs over the articles' text: alriyadh's article names both towns, so both events match
        assert store.count_events(EventFilter(search="بسروج")) == 2
        assert store.count_events(EventFilter(search="دمشق")) == 0
        assert store.count_events(EventFilter(country="SYR")) == 1


def test_merge_fixture_matches_the_articles(shared_dir: Path) -> None:
    """Every cited article exists in the SaudiNewsNet zips with that outlet and states that figure."""
    wanted = {(day, url) for day, _, url, *_ in REPORTS}
    found: dict[str, dict] = {}
    for day in {d for d, _ in wanted}:
        with zipfile.ZipFile(shared_dir / "data" / "saudinewsnet" / f"{day}.zip") as z:
            for name in z.namelist():
                for item in json.loads(z.read(name)):
                    if (day, item["url"]) in wanted:
                        found[item["url"]] = item
    for _, outlet, url, place, _, _, _, figure in REPORTS:
        item = found.get(url)
        assert item is not None, url
        assert item["source"] == outlet
        content = norm(item["content"])
        assert norm(place[1]) in content, (url, place[1])
        if figure:
            assert norm(figure) in content, (url, figure)
