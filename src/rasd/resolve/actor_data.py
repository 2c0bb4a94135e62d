"""Loading and expanding the actor lexicon data (``lang/ar/actors/*.yaml`` and
``lang/ar/actor_descriptions.yaml``).

This module only reads and checks data and turns templates into plain alias strings; matching is
in :mod:`rasd.resolve.actors`. Every problem in the data raises :class:`ActorDataError` naming the
file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rasd.errors import DataError

try:  # libyaml is several times faster; the pure-Python loader gives the same result
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

KINDS = ("military", "police", "government", "unidentified", "civilians", "protesters", "rioters", "pro_iran")
"""Context-dependent actor kinds: an actor of that kind exists for every country."""

ENTRY_KEYS = {
    "id", "name", "name_ar", "aliases", "inter", "country", "wikidata", "parent", "example",
    "members", "coded_as", "note",
}


class ActorDataError(DataError):
    """The actor lexicon data is malformed."""


@dataclass(frozen=True, slots=True)
class Country:
    """One row of the country table (``actors/countries.yaml``)."""

    iso3: str
    name: str
    """English short name, e.g. "United States" (used in "Civilians (United States)")."""
    of: str
    """Name after "of", e.g. "the United States" (used in "Military Forces of the United States")."""
    names_ar: tuple[str, ...]
    """Arabic names of the country (first is canonical)."""
    places: tuple[str, ...]
    """Capital and other names that point at the country (for context inference)."""
    nisba: tuple[str, ...]
    """Masculine singular nisba adjectives (عراقي، أميركي، أمريكي)."""
    broken_plurals: tuple[str, ...]
    """Broken plurals of the nisba used for people (أفغان، أتراك، روس)."""
    people_are_forces: bool
    """True when the bare plural (الأميركيين) means this country's troops, not its civilians."""
    metonym_forces: bool
    """True when the country name used as an agent («شنت إسرائيل غارات») means its armed forces."""
    forces: dict[str, dict[str, Any]]
    """Per kind ("military", "police", "government"): extra aliases, wikidata, example."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One named lexicon entry as written in the data."""

    id: str
    name: str
    name_ar: str
    aliases: tuple[str, ...]
    """Strong aliases (always matched). name_ar is included."""
    weak_aliases: tuple[tuple[str, tuple[str, ...]], ...]
    """(alias, countries): aliases written "~alias" (valid only when the context country is the
    entry's) or "~[IRQ,SYR] alias" (valid only in those context countries)."""
    inter: int
    iso3: str | None
    wikidata: str | None
    parent: str | None
    example: str
    members: tuple[str, ...]
    source: str
    """File the entry comes from."""
    coded_as: str | None = None
    """The actor an event record names instead of this one (ACLED codes the Saudi-led coalition's
    acts under "Military Forces of Saudi Arabia"); this entry then goes to the associated actor."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A description rule from ``actor_descriptions.yaml`` expanded to concrete alias strings."""

    id: str
    kind: str
    """One of KINDS, or "entry" for rules that point at a lexicon entry."""
    scope: str
    """"nisba" (country from the adjective), "context" (country from context) or "entry"."""
    forms: tuple[tuple[str, str | None], ...]
    """(alias, iso3 or None) pairs."""
    target: str | None = None
    """For scope "entry": the lexicon id the forms resolve to (a country-specific map may apply)."""


def _read_yaml(name: str) -> Any:
    return yaml.load(resources.files("rasd.lang.ar").joinpath(name).read_text("utf-8"), Loader=_Loader)


def _actor_files() -> list[str]:
    folder = resources.files("rasd.lang.ar").joinpath("actors")
    return sorted(
        f"actors/{p.name}" for p in folder.iterdir() if p.name.endswith(".yaml") and p.name != "countries.yaml"
    )


@lru_cache(maxsize=1)
def descriptions() -> dict[str, Any]:
    """The raw description data (kinds, match settings, rules)."""
    data = _read_yaml("actor_descriptions.yaml")
    if not isinstance(data, dict) or "kinds" not in data or "match" not in data:
        raise ActorDataError("actor_descriptions.yaml: needs 'match' and 'kinds'")
    return data


def load_countries() -> dict[str, Country]:
    raw = _read_yaml("actors/countries.yaml")
    out: dict[str, Country] = {}
    for row in raw["countries"]:
        iso3 = row["iso3"]
        if iso3 in out:
            raise ActorDataError(f"actors/countries.yaml: duplicate country {iso3}")
        forces = {k: dict(row.get(k) or {}) for k in ("military", "police", "government")}
        out[iso3] = Country(
            iso3=iso3,
            name=row["name"],
            of=row.get("of", row["name"]),
            names_ar=tuple(row.get("ar", ())),
            places=tuple(row.get("places", ())),
            nisba=tuple(row.get("nisba", ())),
            broken_plurals=tuple(row.get("broken_plurals", ())),
            people_are_forces=bool(row.get("people_are_forces", False)),
            metonym_forces=bool(row.get("metonym_forces", False)),
            forces=forces,
        )
    return out


def load_entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for fname in _actor_files():
        raw = _read_yaml(fname) or {}
        defaults = raw.get("defaults") or {}
        for row in raw.get("actors") or ():
            if not isinstance(row, dict) or "id" not in row:
                raise ActorDataError(f"{fname}: entry without id: {row!r}")
            eid = row["id"]
            unknown = set(row) - ENTRY_KEYS
            if unknown:
                raise ActorDataError(f"{fname}: {eid}: unknown keys {sorted(unknown)}")
            if eid in out:
                raise ActorDataError(f"{fname}: duplicate id {eid} (also in {out[eid].source})")
            merged = {**defaults, **row}
            for key in ("name", "name_ar", "inter", "example"):
                if not merged.get(key):
                    raise ActorDataError(f"{fname}: {eid}: missing {key}")
            strong = [merged["name_ar"]]
            weak: list[tuple[str, tuple[str, ...]]] = []
            for alias in merged.get("aliases") or ():
                if alias.startswith("~"):
                    weak.append(parse_weak(alias, merged.get("country"), f"{fname}: {eid}"))
                else:
                    strong.append(alias)
            out[eid] = Entry(
                id=eid,
                name=merged["name"],
                name_ar=merged["name_ar"],
                aliases=tuple(dict.fromkeys(strong)),
                weak_aliases=tuple(dict.fromkeys(weak)),
                inter=int(merged["inter"]),
                iso3=merged.get("country"),
                wikidata=merged.get("wikidata"),
                parent=merged.get("parent"),
                example=merged["example"],
                members=tuple(merged.get("members") or ()),
                source=fname,
                coded_as=merged.get("coded_as"),
            )
    return out


def parse_weak(alias: str, iso3: str | None, where: str) -> tuple[str, tuple[str, ...]]:
    """"~alias" → (alias, (iso3,)); "~[IRQ,SYR] alias" → (alias, ("IRQ", "SYR"))."""
    body = alias[1:].strip()
    if body.startswith("["):
        codes, _, body = body[1:].partition("]")
        countries = tuple(c.strip() for c in codes.split(",") if c.strip())
    else:
        countries = (iso3,) if iso3 else ()
    if not countries or not body.strip():
        raise ActorDataError(f"{where}: weak alias {alias!r} needs a country (entry country or ~[ISO3] prefix)")
    return body.strip(), countries


def with_definite(templates: list[str]) -> list[str]:
    """Add the definite twin of every indefinite "<head> {key}" template («قوات {f}» → «القوات {al_f}»)."""
    out = list(templates)
    for template in templates:
        head, sep, slot = template.rpartition(" ")
        if sep and head and "{" not in head and slot.startswith("{") and not slot.startswith("{al_"):
            out.append(f"{definite(head)} {{al_{slot[1:]}")
    return list(dict.fromkeys(out))


def definite(phrase: str) -> str:
    """Add the article to every word of an indefinite noun phrase («قوات مسلحة» → «القوات المسلحة»)."""
    return " ".join(w if w.startswith("ال") else "ال" + w for w in phrase.split())


@lru_cache(maxsize=512)
def nisba_forms(m: str) -> dict[str, str]:
    """Inflected forms of a masculine singular nisba (عراقي → عراقية، عراقيين، ...)."""
    forms = {
        "m": m,
        "ma": m + "ا",
        "f": m + "ة",
        "mp": m + "ين",
        "mpn": m + "ون",
        "md": m + "ان",
        "fp": m + "ات",
    }
    forms.update({"al_" + k: "ال" + v for k, v in list(forms.items())})
    return forms


def expand_rules(countries: dict[str, Country]) -> list[Rule]:
    """Turn the templates of actor_descriptions.yaml into concrete (alias, iso3) forms."""
    data = descriptions()
    rules: list[Rule] = []
    for raw in data.get("nisba_rules") or ():
        forms: list[tuple[str, str | None]] = []
        only = raw.get("only", "all")
        templates = with_definite(raw["forms"])
        for c in countries.values():
            if only == "forces" and not c.people_are_forces:
                continue
            if only == "others" and c.people_are_forces:
                continue
            for template in templates:
                if "{bp}" in template or "{al_bp}" in template:
                    forms.extend((template.format(bp=bp, al_bp="ال" + bp), c.iso3) for bp in c.broken_plurals)
                else:
                    forms.extend((template.format(**nisba_forms(m)), c.iso3) for m in c.nisba)
        rules.append(Rule(raw["id"], raw["kind"], "nisba", tuple(forms)))
    for raw in data.get("country_rules") or ():
        forms = []
        for c in countries.values():
            for ar in c.names_ar:
                forms.extend((template.format(ar=ar), c.iso3) for template in raw["forms"])
        rules.append(Rule(raw["id"], raw["kind"], "nisba", tuple(forms)))
    for raw in data.get("context_rules") or ():
        forms = [(f, None) for f in raw["forms"]]
        rules.append(Rule(raw["id"], raw["kind"], "context", tuple(forms)))
    for raw in data.get("phrase_rules") or ():
        rules.append(_expand_phrase_rule(raw, countries))
    return rules


def _expand_phrase_rule(raw: dict[str, Any], countries: dict[str, Country]) -> Rule:
    """Head × (optional nisba) × qualifier, in indefinite and definite agreement."""
    forms: list[tuple[str, str | None]] = []
    only = raw.get("nisba_countries")
    chosen = [c for c in countries.values() if only is None or c.iso3 in only]
    for gender, nisba_keys in (("feminine", ("f",)), ("masculine", ("mp", "mpn"))):
        part = raw.get(gender) or {}
        for head in part.get("heads", ()):
            for qual in part.get("qualifiers", ()):
                forms.append((f"{head} {qual}", None))
                forms.append((f"{definite(head)} {_definite_first(qual)}", None))
                for c in chosen:
                    for m in c.nisba:
                        nf = nisba_forms(m)
                        for key in nisba_keys:
                            forms.append((f"{head} {nf[key]} {qual}", c.iso3))
                            forms.append(
                                (f"{definite(head)} {nf['al_' + key]} {_definite_first(qual)}", c.iso3)
                            )
    forms.extend((f, None) for f in raw.get("literal", ()))
    return Rule(raw["id"], raw["kind"], "nisba", tuple(dict.fromkeys(forms)))


def _definite_first(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    first = first if first.startswith("ال") else "ال" + first
    return f"{first} {rest}" if rest else first
