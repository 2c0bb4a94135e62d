"""Place mentions as plain dicts and table rows (the boundary of the geocoder: `rasd geocode`)."""

from __future__ import annotations

from rasd.records import Place, PlaceMention


def place_to_dict(p: Place) -> dict:
    return {
        "id": p.id, "name": p.name, "name_ar": p.name_ar, "latitude": p.latitude, "longitude": p.longitude,
        "country": p.country, "iso3": p.iso3, "admin1": p.admin1, "admin2": p.admin2,
        "feature_type": p.feature_type, "population": p.population,
    }


def mention_to_dict(m: PlaceMention) -> dict:
    """``{text, start, end, name, name_ar, latitude, longitude, country, iso3, admin1, admin2,
    feature_type, geo_precision, relation, place_id, candidates}``."""
    p = m.place
    return {
        "text": m.text, "start": m.start, "end": m.end, "name": p.name, "name_ar": p.name_ar,
        "latitude": p.latitude, "longitude": p.longitude, "country": p.country, "iso3": p.iso3,
        "admin1": p.admin1, "admin2": p.admin2, "feature_type": p.feature_type,
        "geo_precision": m.geo_precision, "relation": m.relation, "place_id": p.id,
        "candidates": [place_to_dict(c) for c in m.candidates],
    }


TABLE_COLUMNS = ("start", "end", "text", "name", "country", "admin1", "admin2", "latitude", "longitude",
                 "feature_type", "geo_precision", "relation")


def mentions_table(mentions: list[PlaceMention]) -> str:
    """A tab-separated table with a header line (one mention a line)."""
    lines = ["\t".join(TABLE_COLUMNS)]
    for m in mentions:
        d = mention_to_dict(m)
        d["latitude"], d["longitude"] = f"{m.place.latitude:.4f}", f"{m.place.longitude:.4f}"
        lines.append("\t".join("" if d[c] is None else str(d[c]) for c in TABLE_COLUMNS))
    return "\n".join(lines) + "\n"
