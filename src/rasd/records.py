"""Typed records shared by every stage. Dicts appear only at the edges (JSON, CSV, SQL).

All records are frozen, slotted dataclasses. Character offsets (``start``/``end``) always point into
the ORIGINAL article text (``Article.text``), never into a normalised copy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ACLED_EVENT_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    }),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    }),
}
"""ACLED's event types and their sub-event types, as ``Event.event_type`` / ``sub_event_type`` spell them."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from an input."""

    id: str
    """Stable id: given by the input, else derived from the content hash."""
    text: str
    """Plain article text; every offset in every other record points into this string."""
    published: date | None = None
    """Publication date: the reference time for relative dates. None means unknown."""
    title: str | None = None
    source: str | None = None
    """Outlet name (e.g. "AFP", "Asharq Al-Awsat")."""
    url: str | None = None
    origin: str | None = None
    """Where it was read from (file path, feed URL...), for error messages."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its conservative clitic segmentation."""

    text: str
    """Surface form as written."""
    start: int
    end: int
    norm: str
    """Normalised surface form (see rasd.text.normalize)."""
    prefixes: tuple[str, ...] = ()
    """Normalised proclitics split off, in order (e.g. ("و", "ب"))."""
    stem: str = ""
    """Normalised stem after clitic splitting (with the article ال kept off)."""
    suffix: str = ""
    """Normalised enclitic pronoun split off, if any."""


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number written in the text, in words or digits."""

    value: int
    start: int
    end: int
    text: str
    approximate: bool = False
    """True for نحو/قرابة/أكثر من/عشرات... (the value is then the stated or lower bound)."""
    kind: str = "cardinal"
    """"digits", "cardinal", "dual", "vague" (عشرات، مئات) or "ratio" («ثمانية من أصل 10»)."""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    text: str
    date: date | None
    """Resolved date (middle of the week for precision 2, the 15th for precision 3)."""
    precision: int
    """ACLED time precision: 1 day, 2 week/few days, 3 month."""
    kind: str
    """"today", "yesterday", "weekday", "week", "month", "absolute", ..."""
    relative: bool = True


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the lexicon (or a generic one made from context)."""

    id: str
    name: str
    """ACLED-style English name, e.g. "Military Forces of Iraq"."""
    name_ar: str | None = None
    inter: int | None = None
    """ACLED actor-type code 1-8."""
    country: str | None = None
    iso3: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    """Id of the umbrella actor (e.g. a faction of Islamic Resistance in Iraq)."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch of text that names or describes an actor."""

    start: int
    end: int
    text: str
    actor: Actor
    rule: str = "lexicon"
    """Which lexicon entry or rule produced it."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    name_ar: str | None
    latitude: float
    longitude: float
    country: str
    iso3: str
    admin1: str | None = None
    admin2: str | None = None
    feature_type: str = "populated_place"
    """"country", "admin1", "admin2", "populated_place", "site" (base, crossing, camp...), "region" (Gaza Strip...),
    "locality" (a named place the gazetteer lacks, at the coordinates of the place that contains it)."""
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text and resolved to a gazetteer entry."""

    start: int
    end: int
    text: str
    place: Place
    geo_precision: int
    """ACLED geo precision: 1 the site itself, 2 near it / small area, 3 region or country."""
    relation: str = "in"
    """"in", "near", "north_of", ... from phrases like «شمال بغداد»."""
    candidates: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """The characters of the article that a field's value came from."""

    field: str
    start: int
    end: int
    text: str
    rule: str = ""
    """The rule, lexicon entry or model that produced the value."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Blame laid by someone (not a claim of responsibility)."""

    actor: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One outlet's version of an event (kept when reports are merged)."""

    article_id: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    fatalities: int | None = None
    injuries: int | None = None
    claimed_by: tuple[str, ...] = ()
    attributed_to: tuple[Attribution, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED-style event: one type, one place, one day."""

    event_id: str
    article_id: str | None
    event_date: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_ar: str | None = None
    inter1: int | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    actor2_ar: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    claimed_by: tuple[str, ...] = ()
    attributed_to: tuple[Attribution, ...] = ()
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    location_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injuries: int | None = None
    weapons: tuple[str, ...] = ()
    background: bool = False
    notes: str | None = None
    source: str | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[SourceReport, ...] = ()
    fatalities_low: int | None = None
    fatalities_high: int | None = None

    def replace(self, **changes: Any) -> Event:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record (every key present, null when unknown)."""
        return event_to_dict(self)


EVENT_KEYS: tuple[str, ...] = (
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_ar", "inter1", "assoc_actor_1", "actor2", "actor2_ar", "inter2", "assoc_actor_2",
    "claimed_by", "attributed_to", "country", "iso3", "admin1", "admin2", "location", "location_ar",
    "latitude", "longitude", "geo_precision", "fatalities", "injuries", "weapons", "background", "notes",
    "source", "evidence", "sources", "fatalities_low", "fatalities_high",
)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    return {key: _plain(getattr(event, key)) for key in EVENT_KEYS}


def event_from_dict(data: dict[str, Any]) -> Event:
    """Inverse of event_to_dict (used by stores and the Dask runner)."""
    d = dict(data)
    if d.get("event_date"):
        d["event_date"] = date.fromisoformat(d["event_date"])
    d["claimed_by"] = tuple(d.get("claimed_by") or ())
    d["weapons"] = tuple(d.get("weapons") or ())
    d["attributed_to"] = tuple(Attribution(**a) for a in d.get("attributed_to") or ())
    d["evidence"] = tuple(Evidence(**e) for e in d.get("evidence") or ())
    sources = []
    for s in d.get("sources") or ():
        s = dict(s)
        if s.get("published"):
            s["published"] = date.fromisoformat(s["published"])
        s["claimed_by"] = tuple(s.get("claimed_by") or ())
        s["attributed_to"] = tuple(Attribution(**a) for a in s.get("attributed_to") or ())
        sources.append(SourceReport(**s))
    d["sources"] = tuple(sources)
    known = {f.name for f in dataclasses.fields(Event)}
    return Event(**{k: v for k, v in d.items() if k in known})


__all__ = [
    "Article", "Span", "Token", "NumberMention", "DateMention", "Actor", "ActorMention", "Place",
    "PlaceMention", "Evidence", "Attribution", "SourceReport", "Event", "EVENT_KEYS",
    "event_to_dict", "event_from_dict", "field",
]
