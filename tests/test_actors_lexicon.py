"""Every lexicon entry: schema, and its Arabic example resolves to the entry."""

from __future__ import annotations

import re

import pytest

from rasd.resolve.actor_data import load_countries, load_entries
from rasd.resolve.actors import default_lexicon

LEX = default_lexicon()
ENTRIES = sorted(LEX.entries.values(), key=lambda e: e.id)
ISO3 = re.compile(r"^[A-Z]{3}$")


def test_actors_lexicon_has_at_least_600_actors() -> None:
    assert len(LEX) >= 600


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_actors_lexicon_example_fires_entry(entry) -> None:  # type: ignore[no-untyped-def]
    mentions = LEX.find(entry.example, country=entry.iso3)
    fired = [m.actor.id for m in mentions]
    assert entry.id in fired, f"{entry.id}: example {entry.example!r} gave {fired}"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_actors_lexicon_entry_schema(entry) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"[a-z0-9_]+:[a-z0-9_:A-Z-]+", entry.id), entry.id
    assert entry.name and entry.name == entry.name.strip()
    assert re.search(r"[\u0600-\u06ff]", entry.name_ar), entry.name_ar
    assert 1 <= entry.inter <= 8
    assert entry.iso3 is None or ISO3.match(entry.iso3), entry.iso3
    assert entry.wikidata is None or re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata)
    if entry.parent is not None:
        assert LEX.get(entry.parent) is not None, f"{entry.id}: unknown parent {entry.parent}"
    for member in entry.members:
        assert LEX.get(member) is not None, f"{entry.id}: unknown member {member}"
    assert all(re.search(r"[\u0600-\u06ff]", a) for a in entry.aliases)
    for alias, countries in entry.weak_aliases:
        assert re.search(r"[\u0600-\u06ff]", alias) and all(ISO3.match(c) for c in countries)


def test_actors_lexicon_strong_aliases_are_unambiguous() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in ENTRIES:
        for alias in entry.aliases:
            key = LEX._key(alias)[0]
            if key in owner and owner[key] != entry.id:
                clashes.append((alias, owner[key], entry.id))
            owner.setdefault(key, entry.id)
    assert not clashes, clashes


def test_actors_lexicon_names_are_unique() -> None:
    seen: dict[str, str] = {}
    for entry in ENTRIES:
        assert entry.name not in seen, f"{entry.id} and {seen.get(entry.name)} share {entry.name!r}"
        seen[entry.name] = entry.id


def test_actors_lexicon_countries_are_iso3() -> None:
    countries = load_countries()
    assert "IRQ" in countries and countries["USA"].of == "the United States"
    for entry in load_entries().values():
        assert entry.iso3 is None or ISO3.match(entry.iso3)


COUNTRIES = sorted(load_countries().values(), key=lambda c: c.iso3)


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.iso3)
def test_actors_lexicon_country_row_schema(country) -> None:  # type: ignore[no-untyped-def]
    import pycountry

    assert pycountry.countries.get(alpha_3=country.iso3) is not None, country.iso3
    assert country.name and country.of.endswith(country.name)
    assert country.names_ar and all(re.search(r"[\u0600-\u06ff]", n) for n in country.names_ar)
    for m in country.nisba:
        assert m.endswith("ي") and not m.startswith("ال"), m
    assert set(country.forces) == {"military", "police", "government"}


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.iso3)
def test_actors_lexicon_country_state_forces_resolve(country) -> None:  # type: ignore[no-untyped-def]
    """«جيش <country>» resolves to the country's military for every country in the table."""
    actor = LEX.resolve(f"جيش {country.names_ar[0]}")
    assert actor is not None and actor.id == f"generic:military:{country.iso3}"
