"""Schema of the geocoder's language data (lang/ar/geo_*.yaml), and every example fires its entry."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from rasd.geo import default_geocoder
from rasd.geo.names import arabic_key


def entries(name: str) -> list[dict]:
    data = yaml.safe_load(resources.files("rasd.lang.ar").joinpath(name).read_text("utf-8"))
    assert isinstance(data.get("_doc"), str) and data["_doc"].strip()
    return data["entries"]


COUNTRIES = entries("geo_countries.yaml")
RELATIONS = entries("geo_relations.yaml")
ADMIN_WORDS = entries("geo_admin_words.yaml")
ADMIN1 = entries("geo_admin1.yaml")


@pytest.mark.parametrize("name", ["geo_countries.yaml", "geo_relations.yaml", "geo_admin_words.yaml",
                                  "geo_clitics.yaml", "geo_stopwords.yaml", "geo_admin1.yaml", "sites.yaml",
                                  "geo_sub_place_words.yaml", "geo_capitals.yaml", "geo_name_tails.yaml",
                                  "geo_localities.yaml", "geo_name_fixes.yaml", "geo_source_words.yaml"])
def test_geo_data_schema_ids_and_labels(name: str) -> None:
    rows = entries(name)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in rows:
        assert r["id"] and (r.get("label") or r.get("name")), r


@pytest.mark.parametrize("entry", COUNTRIES, ids=lambda e: e["id"])
def test_geo_data_country_examples_fire(entry: dict) -> None:
    assert entry["examples"]
    for sentence in entry["examples"]:
        found = {m.place.iso3 for m in default_geocoder().find(sentence) if m.place.feature_type == "country"}
        assert entry["id"] in found, (sentence, found)


@pytest.mark.parametrize("entry", RELATIONS, ids=lambda e: e["id"])
def test_geo_data_relation_examples_fire(entry: dict) -> None:
    assert entry["words"] and entry["precision"] in (1, 2, 3)
    for sentence in entry["examples"]:
        rels = {m.relation for m in default_geocoder().find(sentence)}
        assert entry["relation"] in rels, (sentence, rels)


@pytest.mark.parametrize("entry", ADMIN_WORDS, ids=lambda e: e["id"])
def test_geo_data_admin_word_examples_fire(entry: dict) -> None:
    words = {arabic_key(w) for w in entry["words"]}
    for sentence in entry["examples"]:
        mentions = default_geocoder().find(sentence)
        assert any(arabic_key(m.text).split()[0] in words for m in mentions), (sentence, [m.text for m in mentions])
        if entry["feature"] in ("admin1", "admin2"):
            assert any(m.place.feature_type == entry["feature"] for m in mentions)


@pytest.mark.parametrize("entry", ADMIN1, ids=lambda e: e["id"])
def test_geo_data_admin1_overrides_are_found(entry: dict) -> None:
    gaz = default_geocoder().gazetteer
    place = gaz.get(f"admin1:{entry['id']}").place
    assert place.name == entry["label"]
    assert place.name_ar == entry["name_ar"]
    if "lat" in entry:
        assert (place.latitude, place.longitude) == (entry["lat"], entry["lon"])


@pytest.mark.parametrize("entry", entries("geo_name_fixes.yaml"), ids=lambda e: e["id"])
def test_geo_data_name_fixes_are_applied(entry: dict) -> None:
    assert entry["reason"] and (entry["add"] or entry["drop"])
    gaz = default_geocoder().gazetteer
    assert entry["id"] in gaz.entries
    for name in entry["add"]:
        assert entry["id"] in [p.id for p in gaz.lookup(name)], name
    for name in entry["drop"]:
        assert entry["id"] not in [p.id for p in gaz.lookup(name)], name
