"""The seed article's places come back with the country, admin1, coordinates and precision its
expected events carry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.geo import default_geocoder, km


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> tuple[str, dict]:
    text = (seed_dir / "ain-al-asad-2024-08-06.txt").read_text("utf-8")
    expected = json.loads((seed_dir / "ain-al-asad-2024-08-06.expected.json").read_text("utf-8"))
    return text, expected


def test_geo_seed_event_locations(seed: tuple[str, dict]) -> None:
    text, expected = seed
    mentions = default_geocoder().find(text)
    by_text = {m.text: m for m in mentions}
    checked = 0
    for ev in expected["events"]:
        if not ev.get("location_ar") or ev["location_ar"] not in text:
            continue
        m = by_text[ev["location_ar"]]
        assert m.place.country == ev["country"]
        if ev["admin1"]:
            assert m.place.admin1 == ev["admin1"]
        if ev["latitude"] is not None:
            assert km(m.place.latitude, m.place.longitude, ev["latitude"], ev["longitude"]) < 10
        if ev["geo_precision"] != 3 and ev["location_ar"] != "قاعدة عين الأسد":
            assert m.geo_precision == ev["geo_precision"]
        checked += 1
    assert checked >= 4


def test_geo_seed_ain_al_asad_is_the_site_itself(seed: tuple[str, dict]) -> None:
    text, _ = seed
    hits = [m for m in default_geocoder().find(text) if m.text == "قاعدة عين الأسد"]
    assert len(hits) == 2
    for m in hits:
        assert (m.place.name, m.place.admin1, m.geo_precision) == ("Ain al-Asad Air Base", "Al Anbar", 1)


def test_geo_seed_countries_and_no_nisbas(seed: tuple[str, dict]) -> None:
    text, _ = seed
    mentions = default_geocoder().find(text)
    countries = {m.text for m in mentions if m.place.feature_type == "country"}
    assert {"العراق", "الأردن", "سوريا", "إيران"} <= countries
    assert not any("العراقية" in m.text or "الأميركي" in m.text for m in mentions)
    west = [m for m in mentions if m.text == "غرب العراق"]
    assert west and all(m.relation == "west_of" and m.geo_precision == 3 for m in west)
