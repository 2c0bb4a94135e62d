"""The JSON API against a real database (SQLite always; PostgreSQL when RASD_TEST_PG_URL is set).

The database is filled through ``Store.ingest`` with the seed article (hand-coded events) and synthetic
Arabic reports; every filter's answer is checked against the same filter applied in Python to the full list.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.serve.app import create_app
from rasd.serve.demo import SEED_NAME, fill
from rasd.store import open_store

REPO = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve() / "seed"
N_REPORTS = 240


def _pg_url() -> str | None:
    url = os.environ.get("RASD_TEST_PG_URL")
    if not url:
        return None
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception:
        if os.environ.get("RASD_REQUIRE_SERVICES") == "1":
            raise
        return None


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if request.param == "sqlite":
        st = open_store(str(tmp_path_factory.mktemp("serve") / "api.db"))
        fill(st, N_REPORTS, seed_dir=SEED)
        yield st
        st.close()
        return
    url = _pg_url()
    if url is None:
        pytest.skip("PostgreSQL not available (set RASD_TEST_PG_URL)")
    import psycopg

    schema = f"serve_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    st = open_store(f"{url}{sep}options=-csearch_path%3D{schema}")
    try:
        fill(st, N_REPORTS, seed_dir=SEED)
        yield st
    finally:
        st.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module")
def client(store: Any) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture(scope="module")
def everything(client: TestClient) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 10000, "count": "true"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(body["events"]) > 200 and body["has_more"] is False
    return body["events"]


def _all_ids(client: TestClient, params: dict[str, Any]) -> list[str]:
    """Every match, page by page, following ``next_offset``; checks ``total`` on the way."""
    ids: list[str] = []
    offset: int | None = 0
    counted = client.get("/api/events", params={**params, "limit": 1, "count": "true"}).json()["total"]
    while offset is not None:
        r = client.get("/api/events", params={**params, "limit": 50, "offset": offset})
        assert r.status_code == 200, r.text
        page = r.json()
        ids += [e["event_id"] for e in page["events"]]
        assert page["has_more"] == (page["next_offset"] is not None)
        if page["has_more"]:
            assert page["total"] is None and len(page["events"]) == 50
        else:
            assert page["total"] == len(ids)
        offset = page["next_offset"]
    assert counted == len(ids)
    return ids


def _actor_hit(e: dict[str, Any], needle: str) -> bool:
    return any(needle.casefold() in (e.get(k) or "").casefold() for k in ("actor1", "actor2", "actor1_ar", "actor2_ar"))


FILTERS: list[tuple[str, dict[str, Any], Any]] = [
    ("country-name", {"country": "Iraq"}, lambda e: e["country"] == "Iraq"),
    ("country-iso3-lower", {"country": "yem"}, lambda e: e["iso3"] == "YEM"),
    ("admin1", {"admin1": "Al Anbar"}, lambda e: e["admin1"] == "Al Anbar"),
    ("type", {"type": "Battles"}, lambda e: e["event_type"] == "Battles"),
    ("actor-en", {"actor": "armed group"}, lambda e: _actor_hit(e, "armed group")),
    ("actor-ar", {"actor": "مسلحون"}, lambda e: _actor_hit(e, "مسلحون")),
    ("since", {"since": "2024-06-01"}, lambda e: e["event_date"] and e["event_date"] >= "2024-06-01"),
    ("until", {"until": "2023-03-31"}, lambda e: e["event_date"] and e["event_date"] <= "2023-03-31"),
    ("since-until-type", {"since": "2023-07-01", "until": "2023-12-31", "type": "Protests"},
     lambda e: "2023-07-01" <= (e["event_date"] or "") <= "2023-12-31" and e["event_type"] == "Protests"),
    ("background-true", {"background": "true"}, lambda e: e["background"] is True),
    ("background-false", {"background": "false"}, lambda e: e["background"] is False),
    ("bbox-levant", {"bbox": "34,29,37,34"},
     lambda e: e["latitude"] is not None and 34 <= e["longitude"] <= 37 and 29 <= e["latitude"] <= 34),
]


@pytest.mark.parametrize(("name", "params", "predicate"), FILTERS, ids=[f[0] for f in FILTERS])
def test_serve_api_filter_matches_python(client: TestClient, everything: list[dict[str, Any]], name: str,
                                         params: dict[str, Any], predicate: Any) -> None:
    expected = {e["event_id"] for e in everything if predicate(e)}
    got = _all_ids(client, params)
    assert len(got) == len(set(got))  # pages never overlap
    assert set(got) == expected
    assert expected, f"the demo data has no event for {name}"


def test_serve_api_search_arabic_text(client: TestClient, store: Any) -> None:
    got = set(_all_ids(client, {"search": "عين الأسد"}))
    # Every event whose article or place names the base is found, with or without clitics («بقاعدة»).
    for event_id in got:
        e = client.get(f"/api/events/{event_id}").json()
        texts = [s["article"]["text"] for s in e["source_articles"] if s["article"]] + [e["location_ar"] or ""]
        assert any("عين الأسد" in t for t in texts)
    everything = client.get("/api/events", params={"limit": 10000}).json()["events"]
    at_base = {e["event_id"] for e in everything if e["location_ar"] == "قاعدة عين الأسد"}
    assert at_base and at_base <= got


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities", "country", "-event_type"])
def test_serve_api_sort_orders_pages(client: TestClient, sort: str) -> None:
    key = sort.lstrip("-")
    events = client.get("/api/events", params={"sort": sort, "limit": 10000}).json()["events"]
    values = [e[key] for e in events if e[key] is not None]
    assert values == sorted(values, reverse=sort.startswith("-"))
    # Nulls come last in both directions.
    nulls = [i for i, e in enumerate(events) if e[key] is None]
    assert nulls == list(range(len(events) - len(nulls), len(events)))
    page2 = client.get("/api/events", params={"sort": sort, "limit": 10, "offset": 10}).json()["events"]
    assert [e["event_id"] for e in page2] == [e["event_id"] for e in events[10:20]]


def test_serve_api_event_has_sources_figures_and_evidence(client: TestClient, everything: list[dict[str, Any]]) -> None:
    multi = [e for e in everything if len(e["sources"]) > 1]
    assert multi, "the demo data should hold events told by several outlets"
    for summary in multi[:5]:
        e = client.get(f"/api/events/{summary['event_id']}").json()
        reports = e["source_articles"]
        assert {r["article_id"] for r in reports} == {s["article_id"] for s in e["sources"]}
        assert len({r["source"] for r in reports}) == len(reports)  # different outlets
        for r in reports:
            text = r["article"]["text"]
            assert r["evidence"], r["article_id"]
            for span in r["evidence"]:
                assert text[span["start"]:span["end"]] == span["text"]
            fatalities = next(s["fatalities"] for s in e["sources"] if s["article_id"] == r["article_id"])
            assert r["fatalities"] == fatalities
            if fatalities:
                cited = [s["text"] for s in r["evidence"] if s["field"] == "fatalities"]
                assert cited and cited[0] in text


def test_serve_api_seed_event_evidence(client: TestClient) -> None:
    if not (SEED / f"{SEED_NAME}.txt").is_file():
        pytest.skip("seed article not found")
    events = client.get("/api/events", params={"count": "true", "search": "عين الأسد", "since": "2024-08-05",
                                                "until": "2024-08-05", "type": "Explosions/Remote violence"}).json()
    assert events["total"] == 1
    e = client.get(f"/api/events/{events['events'][0]['event_id']}").json()
    assert e["injuries"] == 7 and e["actor1"] == "Islamic Resistance in Iraq"
    (report,) = e["source_articles"]
    assert report["article"]["title"].startswith("إصابة سبعة")
    cited = {s["field"]: s["text"] for s in report["evidence"]}
    assert cited["location"] == "قاعدة عين الأسد"
    assert cited["event_type"].startswith("أصيب سبعة أميركيين بقصف صاروخي")


def test_serve_api_article_and_missing(client: TestClient, everything: list[dict[str, Any]]) -> None:
    aid = everything[0]["article_id"]
    a = client.get(f"/api/articles/{aid}").json()
    assert a["id"] == aid and a["text"] and a["source"]
    assert "origin" not in a  # where a file came from on the server stays private
    listed = client.get("/api/articles", params={"limit": 5}).json()["articles"]
    assert len(listed) == 5 and all("text" not in x for x in listed)
    for path in ("/api/articles/no-such-article", "/api/events/no-such-event"):
        r = client.get(path)
        assert r.status_code == 404 and "no-such" in r.json()["error"]


def test_serve_api_actors_and_stats(client: TestClient, everything: list[dict[str, Any]]) -> None:
    actors = client.get("/api/actors", params={"q": "forces", "limit": 50}).json()["actors"]
    assert actors and all("forces" in a["actor"].casefold() or "forces" in (a["actor_ar"] or "") for a in actors)
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    expected = sum(1 for e in everything if actors[0]["actor"] in (e["actor1"], e["actor2"]))
    assert actors[0]["events"] == expected
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(everything)
    assert sum(stats["by_country"].values()) == len(everything)
    assert "url" not in stats


def test_serve_api_csv_export_matches_json(client: TestClient) -> None:
    params = {"country": "Syria", "limit": 10000}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={**params, "format": "csv"}).text)))
    events = client.get("/api/events", params=params).json()["events"]
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    for row, e in zip(rows, events, strict=True):
        assert row["location_ar"] == e["location_ar"] and row["country"] == "Syria"
        assert float(row["latitude"]) == e["latitude"] and row["n_sources"] == str(len(e["sources"]))


def test_serve_api_geojson_export(client: TestClient) -> None:
    params = {"type": "Riots", "since": "2024-01-01", "limit": 10000}
    r = client.get("/api/events", params={**params, "format": "geojson"})
    assert r.headers["content-type"].startswith("application/geo+json")
    geo = json.loads(r.text)
    events = client.get("/api/events", params=params).json()["events"]
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(events) > 0
    for f, e in zip(geo["features"], events, strict=True):
        assert f["id"] == e["event_id"] and f["properties"]["event_type"] == "Riots"
        assert f["geometry"]["coordinates"] == [e["longitude"], e["latitude"]]
        assert date.fromisoformat(f["properties"]["event_date"]) >= date(2024, 1, 1)


def test_serve_api_map_view_is_light(client: TestClient) -> None:
    body = client.get("/api/events", params={"fields": "map", "limit": 3}).json()
    assert body["events"] and all("evidence" not in e and "sources" not in e for e in body["events"])
    assert {"event_id", "latitude", "longitude", "event_type", "location_ar"} <= set(body["events"][0])


def test_serve_api_openapi_lists_every_resource(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/actors", "/api/stats"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "country", "admin1", "type", "actor", "search", "background", "bbox",
            "limit", "offset", "sort", "format"} <= names
    assert "post" not in spec["paths"]["/api/articles"]  # read-only without a token


COUNTRIES = ["Iraq", "Syria", "Yemen", "Palestine", "Lebanon", "Libya", "Sudan", "IRQ", "sdn", "Atlantis"]
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]


@st.composite
def _filters(draw: st.DrawFn) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if draw(st.booleans()):
        params["country"] = draw(st.sampled_from(COUNTRIES))
    if draw(st.booleans()):
        params["type"] = draw(st.sampled_from(TYPES))
    if draw(st.booleans()):
        a = draw(st.dates(date(2022, 12, 1), date(2025, 1, 31)))
        b = draw(st.dates(a, date(2025, 2, 28)))
        params["since"], params["until"] = a.isoformat(), b.isoformat()
    if draw(st.booleans()):
        west = draw(st.integers(10, 45))
        south = draw(st.integers(10, 36))
        params["bbox"] = f"{west},{south},{west + draw(st.integers(0, 15))},{south + draw(st.integers(0, 10))}"
    if draw(st.booleans()):
        params["background"] = draw(st.sampled_from(["true", "false"]))
    return params


def _matches(e: dict[str, Any], p: dict[str, Any]) -> bool:
    if "country" in p and p["country"].casefold() not in ((e["country"] or "").casefold(), (e["iso3"] or "").casefold()):
        return False
    if "type" in p and e["event_type"] != p["type"]:
        return False
    if "since" in p and not (e["event_date"] and p["since"] <= e["event_date"] <= p["until"]):
        return False
    if "bbox" in p:
        w, s, east, n = (float(x) for x in p["bbox"].split(","))
        if e["latitude"] is None or not (w <= e["longitude"] <= east and s <= e["latitude"] <= n):
            return False
    return "background" not in p or e["background"] == (p["background"] == "true")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(params=_filters())
def test_serve_api_filter_combinations_property(client: TestClient, everything: list[dict[str, Any]],
                                                params: dict[str, Any]) -> None:
    body = client.get("/api/events", params={**params, "limit": 10000, "count": "true"}).json()
    assert body["total"] == len(body["events"])
    assert {e["event_id"] for e in body["events"]} == {e["event_id"] for e in everything if _matches(e, params)}
