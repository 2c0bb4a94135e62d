"""The pipeline: one article in, its events out. The stages and their order are all here.

    normalise → sentences → dates → numbers → places → actors (in the places' country) → actor references
              → triggers → named victims (NER, trigger sentences only) → weapons → casualties → claims & blame → events (linking, background) → records

Every stage reads the original text once normalised (``WordIndex``) and writes its mentions,
with offsets into the original text, to the ``Analysis``; the event builder reads them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasd.records import Article, Event

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable in one place."""

    max_chars: int = 200_000
    """Articles longer than this are cut to this length (with a warning) before extraction."""
    include_background: bool = True
    """Keep events the article recalls as context (flagged ``background``)."""
    named_victims: bool = True
    """Run the NER model on sentences with a trigger to find named people hit by the act."""


class Pipeline:
    """Article → events. Language data, gazetteer and actor lexicon are loaded once."""

    def __init__(self, settings: Settings | None = None, *, geocoder: Any = None, actors: Any = None,
                 tagger: Any = None) -> None:
        self.settings = settings or Settings()
        self._geocoder = geocoder
        self._actors = actors
        self._tagger = tagger

    @property
    def tagger(self) -> Any:
        if self._tagger is None:
            from rasd.extract.entities import default_tagger

            self._tagger = default_tagger()
        return self._tagger

    @property
    def geocoder(self) -> Any:
        if self._geocoder is None:
            from rasd.geo import default_geocoder

            self._geocoder = default_geocoder()
        return self._geocoder

    @property
    def actors(self) -> Any:
        if self._actors is None:
            from rasd.resolve.actors import default_lexicon

            self._actors = default_lexicon()
        return self._actors

    def analyse(self, article: Article) -> Any:
        """Run every mention-finding stage, in order, and return the Analysis."""
        from rasd.extract.analysis import Analysis, weapon_matcher
        from rasd.extract.casualties import find_casualties
        from rasd.extract.lexicon import WordIndex
        from rasd.extract.persons import person_targets
        from rasd.extract.references import refine_actors
        from rasd.extract.roles import METONYM, find_blames, find_claims
        from rasd.extract.triggers import find_triggers
        from rasd.text.dates import find_dates
        from rasd.text.numbers import find_numbers
        from rasd.text.sentences import split_sentences

        text = article.text
        doc = Analysis(article=article, words=WordIndex(text))
        doc.sentences = split_sentences(text)
        doc.dates = find_dates(text, article.published)
        doc.numbers = find_numbers(text)
        places = [p for p in _longest(self.geocoder.find(text)) if not _press_name(text, p.start, p.end)]
        doc.actors = refine_actors(doc.words, doc.sentences,
                                   self.actors.find(text, country=_main_country(places), metonyms=True))
        # A country named as an actor («طلب من تركيا») is still a country mention of the text.
        actor_spans = [(a.start, a.end) for a in doc.actors if not a.rule.startswith(METONYM)]
        doc.places = [p for p in places if not _inside(p.start, p.end, actor_spans)]
        doc.country_hint = _main_country(doc.places) or _actor_country(doc.actors)
        doc.triggers = find_triggers(doc.words, doc.sentences)
        if self.settings.named_victims and doc.triggers:
            people = person_targets(doc.words, doc.sentences, doc.triggers, doc.actors, self.tagger, self.actors,
                                    doc.country_hint)
            doc.actors = sorted(doc.actors + people, key=lambda a: a.start)
        doc.weapons = weapon_matcher().find(doc.words)
        doc.casualties = find_casualties(doc.words, doc.sentences, doc.numbers)
        doc.claims = find_claims(doc.words, doc.sentences, doc.actors)
        doc.blames = find_blames(doc.words, doc.sentences, doc.actors)
        return doc

    def extract(self, article: Article) -> list[Event]:
        from rasd.extract.assemble import Assembler
        from rasd.extract.events import EventBuilder

        if len(article.text) > self.settings.max_chars:
            log.warning("%s: article of %d characters cut to %d", article.id, len(article.text), self.settings.max_chars)
            from dataclasses import replace

            article = replace(article, text=article.text[: self.settings.max_chars])
        if not article.text.strip():
            return []
        doc = self.analyse(article)
        drafts = EventBuilder(doc).run()
        events = Assembler(doc, self.actors, self.geocoder).build(drafts)
        if not self.settings.include_background:
            events = [e for e in events if not e.background]
        return events


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


_OPEN_QUOTES = "«\"“'"
_CLOSE_QUOTES = "»\"”'"


def _press_name(text: str, start: int, end: int) -> bool:
    """A quoted name after «لـ» or «صحيفة» is a newspaper or a channel («قال لـ«الرياض»»), not a place."""
    from rasd.extract.lexicon import word_list
    from rasd.text.normalize import norm

    if start == 0 or text[start - 1] not in _OPEN_QUOTES or text[end: end + 1] not in _CLOSE_QUOTES:
        return False
    words = text[max(0, start - 12): start - 1].split()
    return bool(words) and norm(words[-1]) in word_list("press_markers")  # norm drops the tatweel of «لـ»


def _longest(places: list[Any]) -> list[Any]:
    """Drop a place mention lying inside a longer one («مدينة» inside «مدينة العريش»)."""
    return [p for p in places if not any(q is not p and q.start <= p.start and p.end <= q.end
                                         and (q.end - q.start) > (p.end - p.start) for q in places)]


def _main_country(places: list[Any]) -> str | None:
    counts: dict[str, int] = {}
    for p in places:
        counts[p.place.iso3] = counts.get(p.place.iso3, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _actor_country(actors: list[Any]) -> str | None:
    for a in actors:
        if a.actor.iso3:
            return str(a.actor.iso3)
    return None


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
