"""The geocoder over a tiny injected gazetteer: same-name places resolved by context alone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.geo import Gazetteer, Geocoder, default_geocoder
from rasd.geo.names import name_key

PLACES = [
    # id, name, name_ar, lat, lon, country, iso3, admin1, feature, population
    ("country:SYR", "Syria", "سوريا", 35.0, 38.0, "Syria", "SYR", None, "country", 0),
    ("country:MAR", "Morocco", "المغرب", 32.0, -5.0, "Morocco", "MAR", None, "country", 0),
    ("gn:1", "Quneitra", "القنيطرة", 33.13, 35.82, "Syria", "SYR", "Quneitra", "populated_place", 36000),
    ("gn:2", "Kenitra", "القنيطرة", 34.26, -6.58, "Morocco", "MAR", "Rabat-Salé-Kénitra", "populated_place", 470000),
    ("gn:3", "Rabat", "الرباط", 34.01, -6.83, "Morocco", "MAR", "Rabat-Salé-Kénitra", "populated_place", 1600000),
    ("gn:4", "Daraa", "درعا", 32.62, 36.10, "Syria", "SYR", "Daraa", "populated_place", 97000),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    path: Path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE places (id TEXT, name TEXT, name_ar TEXT, lat REAL, lon REAL, country TEXT, iso3 TEXT,"
        " admin1 TEXT, admin2 TEXT, feature_type TEXT, population INTEGER, source TEXT, kind TEXT, precision INTEGER);"
        "CREATE TABLE names (key TEXT, place_id TEXT, kind TEXT);"
        "CREATE TABLE common (key TEXT, as_word INTEGER, as_place INTEGER);"
    )
    for pid, name, ar, lat, lon, country, iso3, a1, ft, pop in PLACES:
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, name, ar, lat, lon, country, iso3, a1, None, ft, pop, "test", ft, 3 if ft == "country" else 1))
        db.execute("INSERT INTO names VALUES (?,?,?)", (name_key(ar), pid, "name_ar"))
        db.execute("INSERT INTO names VALUES (?,?,?)", (name_key(name), pid, "name"))
    db.execute("INSERT INTO meta VALUES ('sources', ?)", (json.dumps({}),))
    db.commit()
    db.close()
    return Geocoder(Gazetteer(path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصف على القنيطرة ودرعا", "gn:1"),
        ("افتتاح مصنع في القنيطرة قرب الرباط", "gn:2"),
        ("انفجار في القنيطرة", "gn:2"),  # no context: the larger town
        ("غارات على القنيطرة في سوريا", "gn:1"),
    ],
)
def test_geo_tiny_same_name_by_context(tiny: Geocoder, text: str, expected: str) -> None:
    hits = [m for m in tiny.find(text) if m.text == "القنيطرة"]
    assert len(hits) == 1 and hits[0].place.id == expected
    assert {c.id for c in hits[0].candidates} == {"gn:1", "gn:2"} - {expected}


def test_geo_tiny_lookup_both_scripts(tiny: Geocoder) -> None:
    assert [p.id for p in tiny.lookup("Kenitra")] == ["gn:2"]
    assert {p.id for p in tiny.lookup("القنيطرة")} == {"gn:1", "gn:2"}
    assert [p.id for p in tiny.lookup("القنيطرة", iso3="syr")] == ["gn:1"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("القنيطرةدرعاسوريا بوفل#_،.ًَُِّـ\u200fxyz")), max_size=60))
def test_geo_find_offsets_always_point_into_the_text(text: str) -> None:
    for m in default_geocoder().find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.geo_precision in (1, 2, 3)
