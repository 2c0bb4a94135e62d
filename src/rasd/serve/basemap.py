"""The country-shapes base layer: Natural Earth 1:110m countries (world-atlas TopoJSON) as small GeoJSON.

The web page draws these shapes instead of map tiles, so it works offline. The GeoJSON shipped in
``static/countries.geojson`` is generated from the vendored ``static/vendor/world-atlas/countries-110m.json``
by :func:`build_geojson`; a test regenerates it and compares. Rebuild with
``python -m rasd.serve.basemap``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"
TOPOJSON = STATIC / "vendor" / "world-atlas" / "countries-110m.json"
GEOJSON = STATIC / "countries.geojson"
DIGITS = 2
"""Decimal places kept (about 1 km): plenty for a base layer at the zoom levels the page uses."""


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topo.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        points: list[tuple[float, float]] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    coords: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        for k, (x, y) in enumerate(points):
            if coords and k == 0:
                continue  # arcs share their end points
            point = [round(x, DIGITS), round(y, DIGITS)]
            if not coords or coords[-1] != point:
                coords.append(point)
    if coords and coords[0] != coords[-1]:
        coords.append(coords[0])
    return coords


def _polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> list[list[list[float]]]:
    return [r for r in (_ring(ring, arcs) for ring in rings) if len(r) >= 4]


def topojson_to_geojson(topo: dict[str, Any], obj: str = "countries") -> dict[str, Any]:
    """Convert one object of a TopoJSON topology to a GeoJSON FeatureCollection (Polygon/MultiPolygon)."""
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"][obj]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            coordinates: Any = _polygon(geom["arcs"], arcs)
            if not coordinates:
                continue
        elif kind == "MultiPolygon":
            coordinates = [p for p in (_polygon(poly, arcs) for poly in geom["arcs"]) if p]
            if not coordinates:
                continue
        else:
            continue
        features.append({
            "type": "Feature",
            "id": geom.get("id"),
            "properties": {"name": (geom.get("properties") or {}).get("name")},
            "geometry": {"type": kind, "coordinates": coordinates},
        })
    return {"type": "FeatureCollection", "features": features}


def build_geojson(topojson_path: Path = TOPOJSON) -> str:
    """The text of ``static/countries.geojson`` as generated from the vendored TopoJSON."""
    topo = json.loads(topojson_path.read_text(encoding="utf-8"))
    return json.dumps(topojson_to_geojson(topo), separators=(",", ":"), ensure_ascii=False) + "\n"


def main() -> None:  # pragma: no cover - a build step
    GEOJSON.write_text(build_geojson(), encoding="utf-8")
    print(f"wrote {GEOJSON} ({GEOJSON.stat().st_size} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
