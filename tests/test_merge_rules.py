"""What may and may not be merged: date windows, places, actors, types; and how figures combine."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import event

from rasd.records import Attribution, Evidence, SourceReport
from rasd.resolve.merge import add_report, date_window, merge_reports, separation, source_report, start_event

D = date(2015, 7, 22)
RAMADI = ("Ramadi", "الرمادي", 33.42, 43.30)
FALLUJAH = ("Fallujah", "الفلوجة", 33.35, 43.78)
SURUC = ("Suruc", "سروج", 36.98, 38.42)
KOBANI = ("Kobani", "عين العرب", 36.89, 38.35)
ANBAR = ("Al Anbar", "الأنبار", 33.0, 42.5)
SYRIA = ("Syria", "سوريا", 35.0, 38.5)


def ev(place=RAMADI, day=D, **kw):  # type: ignore[no-untyped-def]
    return event(day, *place, **kw)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (ev(), ev(fatalities=3), None),
        (ev(), ev(day=date(2015, 7, 23)), "different days"),
        (ev(), ev(FALLUJAH), "different places"),
        (ev(SURUC, country="Turkey", iso3="TUR"), ev(KOBANI, country="Syria", iso3="SYR"), "different countries"),
        (ev(SURUC, country=None, iso3=None), ev(KOBANI, country=None, iso3=None), "different places"),
        # «قرب سروج» (precision 2) is still Suruç, not Kobani
        (ev(SURUC, geo_precision=2, country=None, iso3=None), ev(KOBANI, country=None, iso3=None), "different places"),
        # the same town spelt two ways (coordinates 1 km apart)
        (ev(("Ar Ramadi", "رمادي", 33.425, 43.305)), ev(), None),
        # a week-precision report overlaps the exact day; ±3 days only
        (ev(time_precision=2, day=date(2015, 7, 24)), ev(), None),
        (ev(time_precision=2, day=date(2015, 7, 27)), ev(), "different days"),
        # a month-precision report at region level is not pinned to one town's incident
        (ev(("Al Anbar", "الأنبار", 33.0, 42.5), time_precision=3, geo_precision=3, day=date(2015, 7, 15),
            admin1="Al Anbar"), ev(admin1="Al Anbar"), "nothing links them"),
        # two region-level reports: same region, same exact day and same named actor link them
        (ev(ANBAR, geo_precision=3, admin1="Al Anbar", actor1="Islamic State (ISIS)"),
         ev(ANBAR, geo_precision=3, admin1="Al Anbar", actor1="Islamic State (ISIS)"), None),
        (ev(ANBAR, geo_precision=3, admin1="Al Anbar", actor1="Islamic State (ISIS)"),
         ev(ANBAR, geo_precision=3, admin1="Al Anbar"), "nothing links them"),
        (ev(ANBAR, geo_precision=3, admin1="Al Anbar", actor1="Islamic State (ISIS)", time_precision=2),
         ev(ANBAR, geo_precision=3, admin1="Al Anbar", actor1="Islamic State (ISIS)"), "nothing links them"),
        (ev(SYRIA, geo_precision=3, country="Syria", iso3="SYR", admin1=None),
         ev(SYRIA, geo_precision=3, country="Syria", iso3="SYR", admin1=None), "nothing links them"),
        (ev(time_precision=3, day=date(2015, 8, 15)), ev(), "different days"),
        (ev(admin1="Al Anbar"), ev(admin1="Diyala"), "different regions"),
        (ev(), ev(event_type="Battles", sub_event_type="Armed clash"), "different event types"),
        (ev(actor1="Islamic State (ISIS)"), ev(actor1="PKK: Kurdistan Workers Party"), "different actor1"),
        (ev(actor1="Islamic State (ISIS)"), ev(actor1="Unidentified Armed Group (Iraq)"), None),
        (ev(actor1="Islamic State (ISIS)"), ev(), None),
        (ev(event_type="Battles", actor1="Military Forces of Iraq", actor2="Islamic State (ISIS)"),
         ev(event_type="Battles", actor1="Islamic State (ISIS)", actor2="Military Forces of Iraq"), None),
        (ev(event_type="Battles", actor1="Military Forces of Iraq", actor2="Islamic State (ISIS)"),
         ev(event_type="Battles", actor1="Military Forces of Iraq", actor2="Houthi Movement"), "different sides"),
        (ev().replace(article_id="a1"), ev().replace(article_id="a1"), "same article"),
        (ev().replace(event_date=None), ev(), "undated"),
    ],
)
def test_merge_separation(a, b, reason) -> None:  # type: ignore[no-untyped-def]
    assert separation(a, b) == reason
    assert separation(b, a) == reason


@pytest.mark.parametrize(
    ("precision", "day", "window"),
    [
        (1, date(2015, 7, 22), (date(2015, 7, 22), date(2015, 7, 22))),
        (2, date(2015, 7, 22), (date(2015, 7, 19), date(2015, 7, 25))),
        (3, date(2015, 2, 15), (date(2015, 2, 1), date(2015, 2, 28))),
    ],
)
def test_merge_date_window(precision: int, day: date, window: tuple[date, date]) -> None:
    assert date_window(ev(day=day, time_precision=precision)) == window


def _src(aid: str, outlet: str, killed: int | None, hurt: int | None = None) -> SourceReport:
    return SourceReport(aid, outlet, f"https://{outlet}.example/{aid}", D, killed, hurt)


def test_merge_add_report_keeps_every_source_and_refines_place() -> None:
    first = ev(geo_precision=2, fatalities=5, admin1="Al Anbar").replace(latitude=33.43, longitude=43.31)
    first = first.replace(evidence=(Evidence("fatalities", 0, 5, "خمسة"),), claimed_by=("Islamic State (ISIS)",))
    canon = start_event(first.replace(article_id="a"), _src("a", "okaz", 5), "ev-1")
    second = ev(fatalities=9, injuries=12, admin1="Al Anbar").replace(
        article_id="b", attributed_to=(Attribution("Islamic State (ISIS)", "Iraqi police"),),
        evidence=(Evidence("location", 10, 17, "الرمادي"),))
    merged = add_report(canon, second, _src("b", "sabq", 9, 12))
    assert merged.event_id == "ev-1" and merged.article_id == "a"
    assert merged.geo_precision == 1 and merged.latitude == 33.42  # the more precise place wins
    assert (merged.fatalities_low, merged.fatalities, merged.fatalities_high) == (5, 5, 9)
    assert merged.injuries == 12
    assert merged.source == "okaz; sabq"
    assert merged.claimed_by == ("Islamic State (ISIS)",)
    assert merged.attributed_to == (Attribution("Islamic State (ISIS)", "Iraqi police"),)
    assert [e.text for e in merged.evidence] == ["خمسة", "الرمادي"]


def test_merge_best_is_the_median_of_the_reports() -> None:
    reports = [(ev(fatalities=n).replace(article_id=f"a{i}"), _src(f"a{i}", f"o{i}", n))
               for i, n in enumerate([12, 40, 15, None, 17])]
    (merged,) = merge_reports(reports)
    assert (merged.fatalities_low, merged.fatalities, merged.fatalities_high) == (12, 15, 40)
    assert len(merged.sources) == 5


def test_merge_source_report_takes_the_article_metadata() -> None:
    from rasd.records import Article

    art = Article("x", "نص", date(2015, 7, 23), source="alyaum", url="https://alyaum.example/x")
    s = source_report(ev(fatalities=4, injuries=1).replace(claimed_by=("Islamic State (ISIS)",)), art)
    assert (s.article_id, s.source, s.url, s.published, s.fatalities, s.injuries, s.claimed_by) == (
        "x", "alyaum", "https://alyaum.example/x", date(2015, 7, 23), 4, 1, ("Islamic State (ISIS)",))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.one_of(st.none(), st.integers(0, 90))),
                min_size=1, max_size=12))
def test_merge_never_joins_different_days_or_towns(items) -> None:  # type: ignore[no-untyped-def]
    towns = [RAMADI, FALLUJAH, SURUC, KOBANI]
    reports = []
    for i, (day_offset, town, killed) in enumerate(items):
        e = ev(towns[town], day=date(2015, 7, 20 + day_offset), fatalities=killed).replace(article_id=f"a{i}")
        reports.append((e, _src(f"a{i}", f"o{i % 3}", killed)))
    merged = merge_reports(reports)
    assert sum(len(m.sources) for m in merged) == len(items)
    assert len(merged) == len({(d, t) for d, t, _ in items})
    for m in merged:
        figures = [s.fatalities for s in m.sources if s.fatalities is not None]
        assert m.fatalities_low == (min(figures) if figures else None)
        assert m.fatalities_high == (max(figures) if figures else None)
