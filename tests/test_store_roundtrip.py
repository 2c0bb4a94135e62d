"""Property: whatever event the extractor gives, the store returns exactly that event (as a one-source
canonical event), on SQLite and on PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_store_support import pg_schema

from rasd.records import Article, Attribution, Event, Evidence
from rasd.resolve.merge import source_report, start_event
from rasd.store import EventFilter, open_store
from rasd.store.sql import report_id

ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوية ءآأإ", min_size=1, max_size=30)
NAMES = st.one_of(st.none(), st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s), ARABIC)
COUNTS = st.one_of(st.none(), st.integers(0, 10_000))


@st.composite
def events(draw: st.DrawFn) -> Event:
    text = draw(ARABIC)
    return Event(
        event_id="x", article_id=None,
        event_date=draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)))),
        time_precision=draw(st.sampled_from([None, 1, 2, 3])),
        event_type=draw(st.sampled_from(["Battles", "Explosions/Remote violence", "Protests", "Riots"])),
        sub_event_type=draw(st.sampled_from(["Armed clash", "Air/drone strike", "Peaceful protest"])),
        actor1=draw(NAMES), actor1_ar=draw(NAMES), inter1=draw(st.one_of(st.none(), st.integers(1, 8))),
        actor2=draw(NAMES), claimed_by=tuple(draw(st.lists(ARABIC, max_size=2))),
        attributed_to=tuple(Attribution(a, b) for a, b in draw(st.lists(st.tuples(ARABIC, NAMES), max_size=2))),
        country=draw(NAMES), iso3=draw(st.one_of(st.none(), st.sampled_from(["IRQ", "YEM", "SYR"]))),
        admin1=draw(NAMES), location=draw(NAMES), location_ar=draw(NAMES),
        latitude=draw(st.one_of(st.none(), st.floats(-90, 90))),
        longitude=draw(st.one_of(st.none(), st.floats(-180, 180))),
        geo_precision=draw(st.sampled_from([None, 1, 2, 3])),
        fatalities=draw(COUNTS), injuries=draw(COUNTS),
        weapons=tuple(draw(st.lists(st.sampled_from(["rocket", "IED", "drone"]), max_size=2, unique=True))),
        background=draw(st.booleans()), notes=draw(NAMES),
        evidence=(Evidence("event_type", 0, len(text), text, "rule-x"),),
    )


_ids = itertools.count()


def _check(store, ev: Event) -> None:  # type: ignore[no-untyped-def]
    n = next(_ids)
    article = Article(f"art-{n}", f"نص المقال رقم {n}", date(2015, 7, 20), source="okaz", url=f"https://x/{n}")
    summary = store.ingest([article], extractor=lambda a: [ev])
    assert summary.articles_new == 1 and summary.reports == 1
    rid = report_id(_hash(article), 0)
    canonical = store.get_event(rid)
    got = next(r for r in store.event_reports(canonical.event_id) if r.event_id == rid)
    expected_report = ev.replace(event_id=rid, article_id=article.id, sources=())
    assert got == expected_report
    if summary.events_new:
        assert canonical == start_event(expected_report, source_report(expected_report, article), rid)
    else:  # merged into an earlier random event: its report is one of the sources
        assert canonical.event_id != rid
        assert article.id in [s.article_id for s in canonical.sources]


def _hash(article: Article) -> str:
    from rasd.ingest.articles import content_hash

    return content_hash(article.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ev=events())
def test_store_roundtrip_sqlite(ev: Event) -> None:
    with open_store(":memory:") as store:
        _check(store, ev)
        assert store.count_events(EventFilter()) == 1


@pytest.fixture(scope="module")
def pg_store():  # type: ignore[no-untyped-def]
    with pg_schema() as url, open_store(url) as store:
        yield store


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ev=events())
def test_store_roundtrip_postgres(pg_store, ev: Event) -> None:  # type: ignore[no-untyped-def]
    _check(pg_store, ev)
