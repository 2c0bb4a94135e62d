"""Helpers shared by the store, merge, watch and ingest-CLI tests (no tests here).

* ``store_url``: a fixture parametrised over SQLite (a fresh file) and PostgreSQL (a fresh schema on the
  server named by RASD_TEST_PG_URL, dropped afterwards; with RASD_REQUIRE_SERVICES=1 a missing server
  fails instead of skipping).
* ``FactExtractor``: an extractor that returns the events a test wrote down for each article, so store
  tests do not depend on the quality of the real extractor.
* ``incident_corpus``: short Arabic reports of incidents (several outlets per incident) with their facts.
* ``snapshot``: every stored row that defines the database's content (ids, texts, events, links), for
  comparing two databases.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import services_required  # noqa: E402

from rasd.records import Article, Event, event_from_dict, event_to_dict  # noqa: E402

PG_ENV = "RASD_TEST_PG_URL"


def _missing(reason: str) -> None:
    if services_required():
        pytest.fail(reason)
    pytest.skip(reason)


def with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def pg_schema() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema (dropped afterwards)."""
    base = os.environ.get(PG_ENV)
    if not base:
        _missing(f"{PG_ENV} is not set: no PostgreSQL server to test against")
    try:
        import psycopg

        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except Exception as err:  # noqa: BLE001 - any failure to reach the server
        _missing(f"PostgreSQL server at {base} not reachable: {err}")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(base, schema)  # type: ignore[arg-type]
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "rasd.db")
    return request.getfixturevalue("pg_url")


class FactExtractor:
    """Article → the events written down for it (by article id), stamped with the article's id."""

    def __init__(self, facts: dict[str, list[Event]]) -> None:
        self.facts = facts
        self.calls = 0

    def __call__(self, article: Article) -> list[Event]:
        self.calls += 1
        return [e.replace(article_id=article.id) for e in self.facts.get(article.id, [])]


def event(
    day: date, location: str, location_ar: str, lat: float, lon: float, *, fatalities: int | None = None,
    injuries: int | None = None, event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Suicide bomb", country: str = "Iraq", iso3: str = "IRQ", admin1: str | None = None,
    actor1: str | None = None, actor2: str | None = None, time_precision: int = 1, geo_precision: int = 1,
    background: bool = False, notes: str | None = None,
) -> Event:
    return Event(
        event_id="", article_id=None, event_date=day, time_precision=time_precision, event_type=event_type,
        sub_event_type=sub_event_type, actor1=actor1, actor2=actor2, country=country, iso3=iso3,
        admin1=admin1, location=location, location_ar=location_ar, latitude=lat, longitude=lon,
        geo_precision=geo_precision, fatalities=fatalities, injuries=injuries, background=background,
        notes=notes,
    )


# Towns: (English, Arabic, latitude, longitude, admin1)
TOWNS: list[tuple[str, str, float, float, str]] = [
    ("Ramadi", "الرمادي", 33.42, 43.30, "Al Anbar"),
    ("Fallujah", "الفلوجة", 33.35, 43.78, "Al Anbar"),
    ("Baqubah", "بعقوبة", 33.75, 44.64, "Diyala"),
    ("Samarra", "سامراء", 34.20, 43.87, "Salah ad Din"),
    ("Kirkuk", "كركوك", 35.47, 44.39, "Kirkuk"),
    ("Hillah", "الحلة", 32.48, 44.42, "Babil"),
]
OUTLETS: list[str] = ["aawsat", "okaz", "alyaum", "alriyadh"]


def incident_corpus(n_incidents: int = 24, start: date = date(2015, 7, 20)) -> tuple[list[Article], FactExtractor]:
    """Reports of ``n_incidents`` bombings, each told by 2-4 outlets in their own words and figures."""
    articles: list[Article] = []
    facts: dict[str, list[Event]] = {}
    for i in range(n_incidents):
        town, town_ar, lat, lon, admin1 = TOWNS[i % len(TOWNS)]
        day = start + timedelta(days=i // len(TOWNS))
        killed = 5 + i
        for k, outlet in enumerate(OUTLETS[: 2 + i % 3]):
            figure = killed + k
            text = (
                f"قتل {figure} شخصا وأصيب {2 * figure} آخرون بجروح في تفجير انتحاري استهدف سوقا شعبيا في مدينة "
                f"{town_ar} بمحافظة {admin1}، بحسب ما أفادت {outlet} في تقريرها رقم {i}-{k} عن الحادث "
                f"الذي وقع يوم {day.isoformat()}."
            )
            aid = f"{outlet}-{i:03d}"
            articles.append(Article(id=aid, text=text, published=day, source=outlet, title=f"تفجير في {town_ar}"))
            facts[aid] = [event(day, town, town_ar, lat, lon, fatalities=figure, injuries=2 * figure,
                                admin1=admin1, actor1="Islamic State (ISIS)")]
    return articles, FactExtractor(facts)


def write_jsonl(path: Path, articles: list[Article]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "text": a.text, "published": a.published.isoformat() if a.published
                                  else None, "source": a.source, "title": a.title}, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> Iterator[Article]:
    """A tiny reader of the JSONL files above (so store tests do not depend on rasd.ingest)."""
    with path.open(encoding="utf-8") as src:
        for line in src:
            d = json.loads(line)
            yield Article(id=d["id"], text=d["text"], published=date.fromisoformat(d["published"]),
                          source=d["source"], title=d["title"])


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The content of a store: every row except sequence numbers and wall-clock times."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        out = []
        for row in store._all(sql):
            out.append(tuple(
                json.dumps(store._load(v), sort_keys=True, ensure_ascii=False) if isinstance(v, (dict, str)) and
                str(v).startswith("{") else (bytes(v) if isinstance(v, memoryview) else
                                             (v.isoformat() if isinstance(v, date) else v))
                for v in row))
        return out

    return {
        "articles": rows("SELECT id, content_hash, title, source, url, published, text, duplicate_of, similarity, "
                         "n_events FROM articles ORDER BY id"),
        "article_events": rows("SELECT id, article_id, event_id, position, data FROM article_events ORDER BY id"),
        "events": rows("SELECT event_id, article_id, event_date, event_type, fatalities, fatalities_low, "
                       "fatalities_high, n_sources, source, data FROM events ORDER BY event_id"),
        "bands": rows("SELECT band_key, article_id FROM article_bands ORDER BY band_key, article_id"),
        "minhash": rows("SELECT article_id, signature FROM article_minhash ORDER BY article_id"),
    }


def roundtrip(e: Event) -> Event:
    return event_from_dict(json.loads(json.dumps(event_to_dict(e))))
