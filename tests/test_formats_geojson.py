"""geojson: a valid RFC 7946 FeatureCollection; unlocated events keep a null geometry."""

from __future__ import annotations

import io
import json

from test_formats_samples import sample_events

from rasd.formats import write_events
from rasd.records import EVENT_KEYS, event_from_dict


def _collection() -> dict:
    out = io.StringIO()
    write_events(iter(sample_events()), "geojson", out)
    return json.loads(out.getvalue())


def test_formats_geojson_feature_collection_is_valid() -> None:
    fc = _collection()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == len(sample_events())
    for feature in fc["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert tuple(feature["properties"]) == EVENT_KEYS
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_formats_geojson_point_is_longitude_first() -> None:
    attack = _collection()["features"][0]
    assert attack["id"] == "ev-attack-1"
    assert attack["geometry"]["coordinates"] == [42.44, 33.8]
    assert attack["properties"]["location_ar"] == "قاعدة عين الأسد"


def test_formats_geojson_unlocated_event_has_null_geometry() -> None:
    features = _collection()["features"]
    protest = next(f for f in features if f["id"] == "ev-protest-1")
    assert protest["geometry"] is None
    assert event_from_dict(protest["properties"]) == sample_events()[2]


def test_formats_geojson_empty() -> None:
    out = io.StringIO()
    write_events([], "geojson", out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}
