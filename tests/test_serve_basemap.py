"""The shipped country shapes are regenerated from the vendored world-atlas TopoJSON, and the page's
vendored assets are all present with their licences (the page must work offline)."""

from __future__ import annotations

import json
import re

import pytest

from rasd.serve import basemap
from rasd.serve.app import STATIC


def test_serve_basemap_geojson_matches_its_source() -> None:
    assert basemap.GEOJSON.read_text(encoding="utf-8") == basemap.build_geojson()


@pytest.mark.parametrize(("name", "lon", "lat"), [
    ("Iraq", 44.36, 33.31), ("Syria", 37.16, 36.20), ("Yemen", 44.21, 15.35), ("Libya", 17.0, 27.0),
    ("Sudan", 32.48, 15.64), ("Egypt", 31.24, 30.04),
])
def test_serve_basemap_country_contains_its_capital_region(name: str, lon: float, lat: float) -> None:
    geo = json.loads(basemap.GEOJSON.read_text(encoding="utf-8"))
    (feature,) = [f for f in geo["features"] if f["properties"]["name"] == name]
    polygons = feature["geometry"]["coordinates"]
    if feature["geometry"]["type"] == "Polygon":
        polygons = [polygons]

    def inside(ring: list[list[float]]) -> bool:
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit

    assert any(inside(poly[0]) for poly in polygons)
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for poly in polygons for ring in poly)


def test_serve_basemap_topojson_arcs_decode() -> None:
    topo = {
        "type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2", "properties": {"name": "Reversed"}},
        ]}},
    }
    features = basemap.topojson_to_geojson(topo)["features"]
    assert features[0]["geometry"]["coordinates"] == [[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]
    assert features[1]["geometry"]["coordinates"] == [[[10, 20], [10, 21], [11, 21], [11, 20], [10, 20]]]


def test_serve_basemap_page_assets_are_local_and_licensed() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs
    for ref in refs:
        assert not ref.startswith(("http:", "https:", "//")), ref  # no CDN
        if ref.startswith("/static/"):
            assert (STATIC / ref[len("/static/"):]).is_file(), ref
    for vendor in ("leaflet", "leaflet.markercluster", "world-atlas"):
        assert (STATIC / "vendor" / vendor / "LICENSE").is_file()
    for js in ("app.js", "i18n.js"):
        code = (STATIC / js).read_text(encoding="utf-8")
        # Data reaches the DOM only as text: no HTML-parsing sinks, no eval.
        assert not re.search(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\(|new Function", code)
