"""Event triggers: the words that say an event happened, filtered for negation, condition and context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.extract.lexicon import Match, PhraseMatcher, WordIndex, cue_matcher, load_data, word_list
from rasd.records import Span


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One entry of ``lang/ar/triggers.yaml``."""

    id: str
    label: str
    event_type: str
    sub_event_type: str
    family: str
    priority: int
    weapons: tuple[str, ...] = ()
    generic: bool = False
    implied_fatalities: int | None = None
    requires: str | None = None


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger found in a sentence."""

    start: int
    end: int
    text: str
    entry: TriggerEntry
    sentence: int
    first_word: int
    last_word: int
    definite: bool
    """Written with the article (الهجوم): may refer back to an event already reported."""
    plural: bool
    """A plural noun (هجمات، ضربات): a series, not one act, unless a date pins it down."""
    another: bool = False
    """Followed by «آخر», «ثان», «جديد»: a further act, not the one already reported."""


@lru_cache(maxsize=1)
def trigger_entries() -> tuple[TriggerEntry, ...]:
    entries = []
    for raw in load_data("triggers.yaml"):
        entries.append(
            TriggerEntry(
                id=raw["id"], label=raw["label"], event_type=raw["event_type"],
                sub_event_type=raw["sub_event_type"], family=raw["family"], priority=int(raw["priority"]),
                weapons=tuple(raw.get("weapons", ())), generic=bool(raw.get("generic", False)),
                implied_fatalities=raw.get("implied_fatalities"), requires=raw.get("requires"),
            )
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher[TriggerEntry]:
    by_id = {e.id: e for e in trigger_entries()}
    pairs = []
    for raw in load_data("triggers.yaml"):
        for phrase in raw["patterns"]:
            pairs.append((phrase, by_id[raw["id"]]))
    return PhraseMatcher(pairs)




def _is_definite(word: str) -> bool:
    return word.startswith(tuple(word_list("definite_prefixes"))) and len(word) > 4


def _plural(words: WordIndex, m: Match[TriggerEntry]) -> bool:
    plural = word_list("plural_acts")
    if any(k in plural for w in words.words[m.first: m.last + 1] for k in w.keys):
        return True
    # «عمليات خطف», «سلسلة تفجيرات», «موجة اغتيالات»: a series named by the word before.
    heads = word_list("series_heads")
    return m.first > 0 and any(k in heads for k in words.words[m.first - 1].keys)


def _another(words: WordIndex, m: Match[TriggerEntry]) -> bool:
    nxt = m.last + 1
    return nxt < len(words.words) and words.words[nxt].norm in word_list("another")


_CLAUSE_BREAK = frozenset("،,.;؛:!؟?\"«»()\n")


def _clause_start(words: WordIndex, index: int, floor: int) -> int:
    """Index of the first word of the clause holding word ``index`` (after the last punctuation)."""
    i = index
    while i > floor:
        gap = words.text[words.words[i - 1].end: words.words[i].start]
        if any(ch in _CLAUSE_BREAK for ch in gap):
            return i
        i -= 1
    return floor


def _outermost(found: list[Match[TriggerEntry]]) -> list[Match[TriggerEntry]]:
    """Drop a match lying inside a longer one of the same entry («هجوم صاروخي» ⊃ «صاروخي»)."""
    return [
        m for m in found
        if not any(o is not m and o.payload.id == m.payload.id and o.first <= m.first and m.last <= o.last
                   for o in found)
    ]


def find_triggers(words: WordIndex, sentences: list[Span]) -> list[TriggerHit]:
    """Triggers in each sentence, minus those negated, conditional, in excluded contexts
    (accidents, sports, ordinary crime), or missing a required cue."""
    matcher = trigger_matcher()
    modality = cue_matcher("modality")
    exclusion = cue_matcher("exclusion")
    window = int(load_data("cues.yaml")["modality"].get("window", 3))
    hits: list[TriggerHit] = []
    for si, sent in enumerate(sentences):
        found = _outermost(matcher.find(words, sent.start, sent.end, overlapping=True))
        if not found:
            continue
        if exclusion.find(words, sent.start, sent.end):
            continue
        first_word = words.word_at(sent.start)
        for m in found:
            entry = m.payload
            if entry.requires and not cue_matcher(entry.requires).find(words, sent.start, sent.end):
                continue
            lo = max(first_word, m.first - window, _clause_start(words, m.first, first_word))
            if lo < m.first and modality.any_in(words, lo, m.first - 1):
                continue
            first = words.words[m.first].norm
            hits.append(
                TriggerHit(
                    start=m.start, end=m.end, text=m.text, entry=entry, sentence=si,
                    first_word=m.first, last_word=m.last, definite=_is_definite(first),
                    plural=_plural(words, m), another=_another(words, m),
                )
            )
    return hits
