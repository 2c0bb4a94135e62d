"""The store on both backends (SQLite file, PostgreSQL schema): ingest, merge, query, search, migrations."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from test_store_support import (  # noqa: F401 - fixtures
    FactExtractor,
    event,
    incident_corpus,
    pg_url,
    snapshot,
    store_url,
)

from rasd.errors import EXIT_DATABASE, DatabaseError
from rasd.records import Article
from rasd.store import EventFilter, open_store
from rasd.store.schema import SCHEMA_VERSION


@pytest.fixture
def loaded(store_url):  # noqa: F811
    articles, extractor = incident_corpus(12)
    store = open_store(store_url)
    summary = store.ingest(articles, extractor=extractor, batch_size=5)
    yield store, articles, extractor, summary
    store.close()


def test_store_ingest_merges_reports_of_each_incident(loaded) -> None:
    store, articles, _, summary = loaded
    assert summary.articles_new == len(articles)
    assert summary.reports == len(articles)
    assert summary.events_new == 12
    assert summary.events_merged == len(articles) - 12
    events = store.query_events(EventFilter(), limit=100)
    assert len(events) == store.count_events(EventFilter()) == 12
    for ev in events:
        assert len(ev.sources) >= 2
        figures = [s.fatalities for s in ev.sources]
        assert ev.fatalities_low == min(figures) and ev.fatalities_high == max(figures)
        assert ev.source == "; ".join(s.source for s in ev.sources)


def test_store_reingest_adds_nothing(loaded) -> None:
    store, articles, extractor, _ = loaded
    before = snapshot(store)
    calls = extractor.calls
    again = store.ingest(articles, extractor=extractor, batch_size=7)
    assert again.articles_new == 0 and again.articles_duplicate == len(articles)
    assert again.events_new == again.events_merged == 0
    assert extractor.calls == calls, "already stored articles must not be extracted again"
    assert snapshot(store) == before


def test_store_event_id_is_stable_across_later_reports(store_url) -> None:  # noqa: F811
    articles, extractor = incident_corpus(6)
    firsts = [a for a in articles if a.source == "aawsat"]
    rest = [a for a in articles if a.source != "aawsat"]
    with open_store(store_url) as store:
        store.ingest(firsts, extractor=extractor)
        ids = {e.location: e.event_id for e in store.query_events(EventFilter())}
        store.ingest(rest, extractor=extractor)
        after = {e.location: e for e in store.query_events(EventFilter())}
        assert {loc: e.event_id for loc, e in after.items()} == ids
        assert all(len(e.sources) >= 2 for e in after.values())
        report_ids = [r.event_id for r in store.event_reports(ids["Ramadi"])]
        assert report_ids[0] == ids["Ramadi"] and len(report_ids) == len(after["Ramadi"].sources)
        # any report's id leads to its merged event
        assert store.get_event(report_ids[-1]).event_id == ids["Ramadi"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(country="Iraq"), 12),
        (EventFilter(country="irq"), 12),
        (EventFilter(country="Syria"), 0),
        (EventFilter(admin1="al anbar"), 4),
        (EventFilter(since=date(2015, 7, 21)), 6),
        (EventFilter(until=date(2015, 7, 20)), 6),
        (EventFilter(event_type="Battles"), 0),
        (EventFilter(actor="ISIS"), 12),
        (EventFilter(background=True), 0),
        (EventFilter(background=False), 12),
        (EventFilter(bbox=(43.0, 33.0, 44.0, 34.0)), 4),
        (EventFilter(search="الرمادي"), 2),
        (EventFilter(search="بالرمادي"), 2),
        (EventFilter(search="والفلوجة"), 2),
        (EventFilter(search="تفجير كركوك"), 2),
        (EventFilter(search="كركوك الحلة"), 0),
    ],
)
def test_store_filters(loaded, filters: EventFilter, expected: int) -> None:
    store = loaded[0]
    events = store.query_events(filters, limit=1000)
    assert len(events) == store.count_events(filters) == expected


def test_store_search_ignores_clitics_in_article_text(store_url) -> None:  # noqa: F811
    text = "قتل ثلاثة جنود بانفجار عبوة ناسفة بالأنبار غرب العراق، وأصيب اثنان آخران."
    other = "أعلنت وزارة الصحة في بغداد افتتاح مستشفى جديد في مدينة الكرخ."
    day = date(2015, 7, 22)
    facts = {"a": [event(day, "Ramadi", "الرمادي", 33.42, 43.3, fatalities=3, admin1="Al Anbar")]}
    with open_store(store_url) as store:
        store.ingest([Article("a", text, day, source="okaz"), Article("b", other, day, source="sabq")],
                     extractor=FactExtractor(facts))
        assert [a.id for a in store.list_articles(search="الأنبار")] == ["a"]
        assert [a.id for a in store.list_articles(search="وبغداد")] == ["b"]
        assert store.list_articles(search="دمشق") == []
        found = store.query_events(EventFilter(search="الأنبار"))
        assert [e.location for e in found] == ["Ramadi"]


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities", "sources"])
def test_store_sort_and_pages(loaded, sort: str) -> None:
    store = loaded[0]
    key = sort.lstrip("-")
    everything = store.query_events(EventFilter(), limit=100, sort=sort)
    values = [len(e.sources) if key == "sources" else getattr(e, key) for e in everything]
    assert values == sorted(values, reverse=sort.startswith("-"))
    paged = [e for off in range(0, 12, 5) for e in store.query_events(EventFilter(), limit=5, offset=off, sort=sort)]
    assert [e.event_id for e in paged] == [e.event_id for e in everything]


def test_store_rejects_unknown_sort(loaded) -> None:
    with pytest.raises(ValueError, match="sort"):
        loaded[0].query_events(EventFilter(), sort="event_date; DROP TABLE events")


def test_store_get_article_list_actors_stats(loaded) -> None:
    store, articles, _, _ = loaded
    a = store.get_article(articles[0].id)
    assert a is not None and a.text == articles[0].text and a.published == articles[0].published
    assert store.get_article("missing") is None
    assert store.get_event("missing") is None
    listed = store.list_articles(limit=3)
    assert [x.id for x in listed] == [x.id for x in articles[::-1][:3]]
    assert {x.source for x in store.list_articles(source="okaz", limit=100)} == {"okaz"}
    actors = store.actors()
    assert actors == [{"actor": "Islamic State (ISIS)", "actor_ar": None, "events": 12}]
    assert store.actors(search="houthi") == []
    stats = store.stats()
    assert stats["articles"] == len(articles) and stats["events"] == 12
    assert stats["reports"] == len(articles) and stats["schema_version"] == SCHEMA_VERSION
    assert stats["by_country"] == {"Iraq": 12}
    assert stats["by_month"] == {"2015-07": 12}
    assert stats["by_source"]["aawsat"] == 12 and stats["by_source"]["okaz"] == 12


def test_store_undated_reports_stay_apart(store_url) -> None:  # noqa: F811
    undated = event(date(2015, 7, 22), "Ramadi", "الرمادي", 33.42, 43.3, fatalities=2).replace(event_date=None)
    facts = {"a": [undated], "b": [undated]}
    with open_store(store_url) as store:
        store.ingest([Article("a", "انفجار في الرمادي أسفر عن قتيلين.", None, source="okaz"),
                      Article("b", "قتيلان في انفجار هز مدينة الرمادي.", None, source="sabq")],
                     extractor=FactExtractor(facts))
        assert store.count_events(EventFilter()) == 2


def test_store_newer_schema_is_refused(store_url) -> None:  # noqa: F811
    store = open_store(store_url)
    with store._tx():
        store._x("UPDATE rasd_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    store.close()
    with pytest.raises(DatabaseError, match="newer") as info:
        open_store(store_url)
    assert info.value.exit_code == EXIT_DATABASE == 5


def test_store_migrates_a_fresh_database_once(store_url) -> None:  # noqa: F811
    with open_store(store_url) as first:
        assert first.schema_version == SCHEMA_VERSION
    with open_store(store_url) as again:
        assert again._one("SELECT value FROM rasd_meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)


def test_store_sqlite_uses_wal(tmp_path) -> None:
    path = tmp_path / "w.db"
    open_store(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.parametrize("url_form", ["plain", "sqlite"])
def test_store_open_store_urls(tmp_path, monkeypatch, url_form: str) -> None:
    path = tmp_path / "sub" / "x.db"
    url = str(path) if url_form == "plain" else f"sqlite:///{path}"
    with open_store(url) as store:
        assert store.url.endswith(str(path))
    assert path.exists()
    monkeypatch.setenv("RASD_DB", str(tmp_path / "env.db"))
    with open_store(None) as store:
        assert store.url.endswith("env.db")


def test_store_unknown_url_scheme_is_a_database_error() -> None:
    with pytest.raises(DatabaseError, match="unknown database URL"):
        open_store("mysql://localhost/rasd")


def test_store_unreachable_postgres_is_a_database_error() -> None:
    with pytest.raises(DatabaseError, match="cannot connect"):
        open_store("postgresql://rasd:secret@127.0.0.1:1/none")


def test_store_locked_sqlite_is_a_database_error(tmp_path) -> None:
    from rasd.store.sqlite import SQLiteStore

    path = tmp_path / "locked.db"
    SQLiteStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        store = SQLiteStore(path, timeout=0.2)
        articles, extractor = incident_corpus(1)
        with pytest.raises(DatabaseError, match="locked") as info:
            store.ingest(articles, extractor=extractor)
        assert info.value.exit_code == 5
        assert store.count_events(EventFilter()) == 0  # readers still work (WAL)
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
