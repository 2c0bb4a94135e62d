"""acled-csv: ACLED's column names in ACLED's order, derived columns, then ours."""

from __future__ import annotations

import csv
import io

import pytest
from test_formats_samples import sample_events

from rasd.formats import (
    ACLED_COLUMNS,
    ACLED_EXTRA_COLUMNS,
    acled_region,
    disorder_type,
    interaction_code,
    interaction_label,
    iso3_of,
    iso_numeric,
    write_events,
)

ACLED_EXPORT_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
)


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    out = io.StringIO()
    write_events(sample_events(), "acled-csv", out)
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_formats_acled_header_is_acled_then_ours() -> None:
    header, rows = _rows()
    assert ",".join(header[: len(ACLED_COLUMNS)]) == ACLED_EXPORT_HEADER
    assert tuple(header[len(ACLED_COLUMNS) :]) == ACLED_EXTRA_COLUMNS
    for extra in ("actor1_ar", "actor2_ar", "claimed_by", "attributed_to", "injuries", "weapons",
                  "background", "location_ar", "evidence"):
        assert extra in header
    assert len(rows) == 4


def test_formats_acled_main_event_row() -> None:
    _, rows = _rows()
    row = rows[0]
    assert row["event_id_cnty"] == "ev-attack-1"
    assert row["event_date"] == "2024-08-05" and row["year"] == "2024"
    assert row["disorder_type"] == "Political violence"
    assert row["inter1"] == "Political militia" and row["inter2"] == "External/Other forces"
    assert row["interaction"] == "Political militia-External/Other forces"
    assert row["interaction_code"] == "38"
    assert row["civilian_targeting"] == ""
    assert row["iso"] == "368" and row["region"] == "Middle East" and row["country"] == "Iraq"
    assert row["fatalities"] == "0" and row["injuries"] == "7"
    assert row["actor1_ar"] == "قوات موالية لإيران"
    assert row["location_ar"] == "قاعدة عين الأسد"
    assert row["background"] == "false"


def test_formats_acled_civilians_and_protest_rows() -> None:
    _, rows = _rows()
    civ, protest, bg = rows[1], rows[2], rows[3]
    assert civ["civilian_targeting"] == "Civilian targeting"
    assert civ["interaction"] == "Political militia-Civilians"
    assert civ["iso"] == "760" and civ["region"] == "Middle East"
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["interaction"] == "Protesters only" and protest["interaction_code"] == "60"
    assert protest["iso"] == "400" and protest["event_date"] == "" and protest["year"] == ""
    assert bg["background"] == "true" and bg["time_precision"] == "3"


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Disrupted weapons use", "Strategic developments"),
        ("Nonsense", None, None),
    ],
)
def test_formats_acled_disorder_type(event_type: str, sub_event_type: str | None, expected: str | None) -> None:
    assert disorder_type(event_type, sub_event_type) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "code", "label"),
    [
        (1, 2, 12, "State forces-Rebel group"),
        (7, 1, 17, "State forces-Civilians"),
        (6, None, 60, "Protesters only"),
        (None, 5, 50, "Rioters only"),
        (3, 3, 33, "Political militia-Political militia"),
        (None, None, None, None),
    ],
)
def test_formats_acled_interaction(inter1: int | None, inter2: int | None, code: int | None, label: str | None) -> None:
    assert interaction_code(inter1, inter2) == code
    assert interaction_label(inter1, inter2) == label


@pytest.mark.parametrize(
    ("iso3", "numeric", "region"),
    [
        ("IRQ", 368, "Middle East"),
        ("SYR", 760, "Middle East"),
        ("PSE", 275, "Middle East"),
        ("YEM", 887, "Middle East"),
        ("LBY", 434, "Northern Africa"),
        ("SDN", 729, "Northern Africa"),
        ("SOM", 706, "Eastern Africa"),
        ("MLI", 466, "Western Africa"),
        ("AFG", 4, "South Asia"),
        ("UKR", 804, "Europe"),
        ("irq", 368, "Middle East"),
        (None, None, None),
        ("ZZZ", None, None),
    ],
)
def test_formats_acled_iso_and_region(iso3: str | None, numeric: int | None, region: str | None) -> None:
    assert iso_numeric(iso3) == numeric
    assert acled_region(iso3) == region


@pytest.mark.parametrize(
    ("country", "iso3"),
    [
        ("Iraq", "IRQ"),
        ("Syria", "SYR"),
        ("Palestine", "PSE"),
        ("Iran", "IRN"),
        ("Turkey", "TUR"),
        ("Democratic Republic of Congo", "COD"),
        ("Al Anbar", None),  # a province is not a country
        (None, None),
    ],
)
def test_formats_acled_country_name_to_iso3(country: str | None, iso3: str | None) -> None:
    assert iso3_of(country) == iso3


def test_formats_acled_iso_from_country_when_iso3_missing() -> None:
    event = sample_events()[1].replace(iso3=None)
    out = io.StringIO()
    write_events([event], "acled-csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["iso"] == "760" and row["region"] == "Middle East" and row["iso3"] == ""
