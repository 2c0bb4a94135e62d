"""Data test of the curated sites (lang/ar/sites.yaml): hand-entered coordinates are checked
against the GeoNames towns and region centroids of the compiled gazetteer."""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
import yaml

SITES = yaml.safe_load(resources.files("rasd.lang.ar").joinpath("sites.yaml").read_text("utf-8"))["entries"]
FIELDS = {"id", "name", "name_ar", "aliases", "kind", "lat", "lon", "iso3", "source"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def towns() -> dict[str, list[tuple[float, float, str]]]:
    """(lat, lon, admin1) of every GeoNames town and region centroid, by country."""
    path = resources.files("rasd").joinpath("data/gazetteer.sqlite")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for lat, lon, iso3, admin1 in db.execute(
        "SELECT lat, lon, iso3, admin1 FROM places WHERE feature_type IN ('populated_place', 'admin1')"
        " AND admin1 IS NOT NULL"
    ):
        out[iso3].append((lat, lon, admin1))
    db.close()
    return out


def test_geo_sites_count_and_unique_ids() -> None:
    assert len(SITES) >= 300
    ids = [s["id"] for s in SITES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("site", SITES, ids=lambda s: s["id"])
def test_geo_sites_schema(site: dict) -> None:
    assert FIELDS <= set(site), FIELDS - set(site)
    assert site["name_ar"] and any("\u0600" <= c <= "\u06ff" for c in site["name_ar"])
    assert site["source"].strip()
    assert site.get("precision", 1) in (1, 2, 3)
    if site["kind"] != "region":
        assert site.get("admin1"), "every site but a region names its admin1"


@pytest.fixture(scope="module")
def osm_boxes(shared_dir: Path) -> dict[str, tuple[float, float, float, float]]:
    """Country bounding boxes of OpenStreetMap (south, north, west, east), as recorded in the
    IDRISI gold (read in place from ../shared; not copied into the repository)."""
    out: dict[str, tuple[float, float, float, float]] = {}
    for path in sorted((shared_dir / "data" / "idrisi" / "LMD").rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            for m in json.loads(line)["location_mentions"]:
                osm = m.get("osm_json") or {}
                iso3 = (osm.get("extratags") or {}).get("ISO3166-1:alpha3")
                if osm.get("type") == "administrative" and iso3:
                    s, n, w, e = (float(x) for x in osm["boundingbox"])
                    out[iso3] = (s, n, w, e)
    return out


@pytest.mark.parametrize("site", SITES, ids=lambda s: s["id"])
def test_geo_sites_inside_country(site: dict, osm_boxes: dict) -> None:
    """Inside the OSM bounding box of the country (or, for countries without one in IDRISI, the
    box of its GeoNames towns), and within 150 km of one of its towns."""
    pts = towns()[site["iso3"]]
    assert pts, f"no towns known in {site['iso3']}"
    if site["iso3"] in osm_boxes:
        s, n, w, e = osm_boxes[site["iso3"]]
    else:
        s, n = min(p[0] for p in pts) - 0.3, max(p[0] for p in pts) + 0.3
        w, e = min(p[1] for p in pts) - 0.3, max(p[1] for p in pts) + 0.3
    assert s <= site["lat"] <= n, f"latitude outside {site['iso3']} ({s}..{n})"
    assert w <= site["lon"] <= e, f"longitude outside {site['iso3']} ({w}..{e})"
    nearest = min(km(site["lat"], site["lon"], p[0], p[1]) for p in pts)
    assert nearest < 150, f"{nearest:.0f} km from the nearest town of {site['iso3']}"


@pytest.mark.parametrize("site", [s for s in SITES if s.get("admin1")], ids=lambda s: s["id"])
def test_geo_sites_near_their_admin1(site: dict) -> None:
    """The declared admin1 is that of one of the 3 nearest towns, or the site is within 50 km of a
    town of that admin1 (sites near a boundary). Desert sites far from any town carry an
    ``admin1_check`` note and must only have their admin1 among the 10 nearest towns'."""
    pts = towns()[site["iso3"]]
    known = {p[2] for p in pts}
    assert site["admin1"] in known, f"unknown admin1 {site['admin1']!r} for {site['iso3']}"
    ranked = sorted(pts, key=lambda p: km(site["lat"], site["lon"], p[0], p[1]))
    if site["admin1"] in {p[2] for p in ranked[:3]}:
        return
    if site.get("admin1_check"):
        assert site["admin1"] in {p[2] for p in ranked[:10]}, [p[2] for p in ranked[:10]]
        return
    same = [km(site["lat"], site["lon"], p[0], p[1]) for p in pts if p[2] == site["admin1"]]
    assert min(same) < 50, (
        f"nearest town of {site['admin1']} is {min(same):.0f} km away; nearest towns are in "
        f"{[p[2] for p in ranked[:3]]}"
    )
