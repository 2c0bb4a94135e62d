"""The compiled gazetteer: places and their names, read once from ``rasd/data/gazetteer.sqlite``.

Built by ``scripts/build_gazetteer.py``; see ``docs/attribution-geo.md`` for its sources.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rasd.errors import DataError
from rasd.geo.names import hamza_loose, name_key
from rasd.records import Place


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer row with what the geocoder needs beyond ``Place``."""

    place: Place
    kind: str
    """"airbase", "camp", "quarter", ... for curated sites; the feature type otherwise."""
    precision: int
    """ACLED geo_precision of a mention of the place itself."""
    source: str


def default_path() -> Path:
    return Path(str(resources.files("rasd").joinpath("data/gazetteer.sqlite")))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """All places and names in memory (about 14k places, 79k names)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        if not self.path.is_file():
            raise DataError(f"gazetteer not found at {self.path}; run scripts/build_gazetteer.py")
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            rows = db.execute(
                "SELECT id, name, name_ar, lat, lon, country, iso3, admin1, admin2, feature_type,"
                " population, source, kind, precision FROM places ORDER BY id"
            ).fetchall()
            names = db.execute("SELECT key, place_id, kind FROM names ORDER BY key, place_id").fetchall()
            self.meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            self.common = frozenset(k for (k,) in db.execute("SELECT key FROM common"))
            db.close()
        except sqlite3.Error as err:
            raise DataError(f"gazetteer {self.path} is unreadable: {err}") from err
        self.entries: dict[str, Entry] = {}
        for (pid, name, name_ar, lat, lon, country, iso3, a1, a2, ft, pop, source, kind, prec) in rows:
            place = Place(pid, name, name_ar, lat, lon, country, iso3, a1, a2, ft, pop)
            self.entries[pid] = Entry(place, kind, prec, source)
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.name_kind: dict[tuple[str, str], str] = {}
        for key, pid, kind in names:
            self.by_key[key].append(pid)
            self.name_kind[(key, pid)] = kind
        self._towns: dict[str, list[Place]] = defaultdict(list)
        for e in self.entries.values():
            if e.place.feature_type == "populated_place" and e.place.admin1:
                self._towns[e.place.iso3].append(e.place)

    @property
    def sources(self) -> dict[str, str]:
        """SHA-256 of each source file at build time."""
        return json.loads(self.meta.get("sources", "{}"))

    def get(self, place_id: str) -> Entry:
        return self.entries[place_id]

    def lookup(self, name: str, *, iso3: str | None = None) -> list[Place]:
        """Places called ``name`` (Arabic or English), most important first."""
        ids = self.by_key.get(hamza_loose(name_key(name)), [])
        places = [self.entries[i].place for i in ids]
        if iso3:
            places = [p for p in places if p.iso3 == iso3.upper()]
        order = {"country": 0, "admin1": 1, "populated_place": 2, "site": 2, "region": 2, "admin2": 3}
        return sorted(places, key=lambda p: (order.get(p.feature_type, 4), -p.population, p.id))

    def country(self, iso3: str) -> Place:
        entry = self.entries.get(f"country:{iso3.upper()}")
        if entry is None:
            raise DataError(f"unknown country code {iso3!r}")
        return entry.place

    def admin1_of(self, lat: float, lon: float, iso3: str) -> str | None:
        """The admin1 of the nearest GeoNames town of the country (None if the country has none)."""
        towns = self._towns.get(iso3.upper())
        if not towns:
            return None
        return min(towns, key=lambda p: km(lat, lon, p.latitude, p.longitude)).admin1
