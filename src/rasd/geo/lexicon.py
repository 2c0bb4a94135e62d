"""The geocoder's word lists, read from ``lang/ar/geo_*.yaml`` (language data is data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from rasd.errors import DataError
from rasd.geo.names import arabic_key


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    relation: str
    precision: int


@dataclass(frozen=True, slots=True)
class GeoLexicon:
    relations: dict[str, Relation]
    """Normalised relation phrase («شمال», «بالقرب من») → relation."""
    max_relation_words: int
    admin_words: dict[str, str]
    """Normalised place word («محافظه», «مخيم») → feature type it points to."""
    prefixes: frozenset[str]
    """Proclitics that may be glued to a name (و، ب، ل، وب ...)."""
    stop_cue: frozenset[str]
    """Names kept only after a place word or in the country already in context."""
    stop_support: frozenset[str]
    """Names kept only when another mention names their region or a place within 100 km."""
    stop_prep: frozenset[str]
    """Names (of the above) also kept after a preposition («في مالي» but not «دعم مالي») or with
    support from the text."""
    never: frozenset[str] = frozenset()
    """Function words that are never names, even after a place word («الحي إلى المنازل»)."""
    titles: frozenset[str] = frozenset()
    """Titles that make the next name a person's («د. طريف», «الشيخ فلان»)."""
    sub_place_words: frozenset[str] = frozenset()
    """Words of a place inside a town («شارع», «مستشفى», «مجمع»)."""
    name_tails: frozenset[str] = frozenset()
    """Words that continue a name written right after it («ظهران الجنوب»)."""
    city_words: frozenset[str] = frozenset()
    """Place words of a city («مدينة», «العاصمة»: entry ``city`` of geo_admin_words.yaml), which is
    not a hamlet when a namesake town of some size exists."""
    localities: dict[str, frozenset[str]] = field(default_factory=dict)
    """The word lists of ``geo_localities.yaml`` by entry id (place_words, dual_words, name_heads,
    name_tails, not_names, links): named places the gazetteer lacks, placed by what contains them."""


def load_entries(name: str) -> list[dict]:
    try:
        text = resources.files("rasd.lang.ar").joinpath(name).read_text("utf-8")
        return list(yaml.safe_load(text)["entries"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        raise DataError(f"lang/ar/{name} is missing or invalid: {err}") from err


@lru_cache(maxsize=1)
def geo_lexicon() -> GeoLexicon:
    relations: dict[str, Relation] = {}
    for e in load_entries("geo_relations.yaml"):
        rel = Relation(e["id"], e["relation"], int(e["precision"]))
        for w in e["words"]:
            relations[arabic_key(w)] = rel
    admin_words = {arabic_key(w): e["feature"] for e in load_entries("geo_admin_words.yaml") for w in e["words"]}
    prefixes = frozenset(arabic_key(p) for e in load_entries("geo_clitics.yaml") for p in e["prefixes"])
    stops = load_entries("geo_stopwords.yaml")
    stop = frozenset(arabic_key(w) for e in stops if e.get("mode") in ("cue", "preposition") for w in e["words"])
    support = frozenset(arabic_key(w) for e in stops if e.get("mode") == "support" for w in e["words"])
    stop_prep = frozenset(arabic_key(w) for e in stops if e.get("mode") == "preposition" for w in e["words"])
    return GeoLexicon(
        relations=relations,
        max_relation_words=max(len(k.split()) for k in relations),
        admin_words=admin_words,
        prefixes=prefixes,
        stop_cue=stop,
        stop_support=support,
        stop_prep=stop_prep,
        never=frozenset(arabic_key(w) for e in stops if e.get("mode") == "never" for w in e["words"]),
        titles=frozenset(arabic_key(w) for e in stops if e.get("mode") == "title" for w in e["words"]),
        sub_place_words=frozenset(arabic_key(w) for e in load_entries("geo_sub_place_words.yaml") for w in e["words"]),
        name_tails=frozenset(arabic_key(w) for e in load_entries("geo_name_tails.yaml") for w in e["words"]),
        city_words=frozenset(arabic_key(w) for e in load_entries("geo_admin_words.yaml") if e["id"] == "city"
                             for w in e["words"]),
        localities={e["id"]: frozenset(arabic_key(w) for w in e["words"]) for e in load_entries("geo_localities.yaml")},
    )
