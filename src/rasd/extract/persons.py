"""Named people hit by an act: the person tagged by the NER model just after the trigger, with
the titles before the name («اغتالوا العميد جبار سعيد»), becomes a target mention.

The model runs only on sentences that have a trigger, so articles without events cost nothing.
A victim with a military rank is of the state forces (police when a police word follows the name);
any other named victim is a civilian (ACLED codes unarmed officials, journalists and clerics as
civilians). The person's name itself is kept as the mention text, so ``actor2_ar`` shows who.
"""

from __future__ import annotations

from typing import Protocol

from rasd.extract.lexicon import WordIndex, word_list
from rasd.extract.triggers import TriggerHit
from rasd.records import Actor, ActorMention, Span

PERSON_RULE = "person"
_AFTER_TRIGGER = 2
"""Words after the trigger within which a named person's phrase starts («اغتالوا العميد X»)."""
_ACTS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_ACT_SUBTYPES = frozenset({"Arrests"})
_TITLE_WORDS = 4
_POLICE_WORDS = 8
_UNIT_WORDS = 3
_TITLE_AFTER = 5
_NAME_WORDS = 2


class Tagger(Protocol):
    def entities(self, text: str) -> list: ...  # type: ignore[type-arg]


class Generics(Protocol):
    def generic(self, kind: str, iso3: str | None) -> Actor: ...


def person_targets(
    words: WordIndex,
    sentences: list[Span],
    triggers: list[TriggerHit],
    actors: list[ActorMention],
    tagger: Tagger,
    lexicon: Generics,
    iso3: str | None,
) -> list[ActorMention]:
    """Target mentions for the named people just after a trigger (none where an actor is already)."""
    out: list[ActorMention] = []
    text = words.text
    for si in sorted({t.sentence for t in triggers}):  # the model runs on these sentences only
        sent = sentences[si]
        hits = [t for t in triggers if t.sentence == si
                and (t.entry.event_type in _ACTS or t.entry.sub_event_type in _ACT_SUBTYPES)]
        if not hits:
            continue
        names = [(sent.start + e.start, sent.start + e.end) for e in tagger.entities(text[sent.start: sent.end])
                 if e.label == "PERS"]
        for start, end in _union(names, _titled_names(words, sent, hits)):
            if any(a.start < end and start < a.end for a in actors):
                continue
            phrase_start, titles = _titles_before(words, start, words.word_at(start))
            if not _object_of(words, words.word_at(phrase_start), hits, actors):
                continue
            kind = _kind(words, titles, end, sent.end, actors)
            unit = _unit_after(words, end, sent.end, actors, kind)
            actor = unit.actor if unit is not None else lexicon.generic(kind, iso3)
            out.append(ActorMention(phrase_start, end, text[phrase_start:end], actor, rule=f"{PERSON_RULE}:{kind}"))
    return out


def _union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Name spans from the model and from titles; where they overlap, the longer one."""
    out: list[tuple[int, int]] = []
    for span in sorted(a + b, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(o[0] < span[1] and span[0] < o[1] for o in out):
            out.append(span)
    return sorted(out)


def _object_of(words: WordIndex, first: int, hits: list[TriggerHit], actors: list[ActorMention]) -> bool:
    """The phrase starting at word ``first`` is the object of a trigger: just after it, or after
    the subject that follows it («اغتال مسلحون مجهولون أمس العميد ...»), time words allowed between."""
    for t in hits:
        anchor = t.last_word
        subject = [a for a in actors if 0 < words.word_at(a.start) - t.last_word <= _AFTER_TRIGGER]
        if subject:
            anchor = max(anchor, words.word_at(subject[0].end) - 1)
        between = words.words[anchor + 1: first]
        if 0 < first - t.last_word and len([w for w in between if w.norm not in word_list("name_stops")]) < _AFTER_TRIGGER:
            return True
    return False


def _titled_names(words: WordIndex, sent: Span, hits: list[TriggerHit]) -> list[tuple[int, int]]:
    """Names the model may miss or cut short: a title right after a trigger (or after its subject)
    is followed by one («اغتالوا العميد جبار مساعد،»): up to two words, stopping at punctuation."""
    out: list[tuple[int, int]] = []
    titles, stops = word_list("name_titles"), word_list("name_stops")
    for t in hits:
        ws = words.words[t.last_word + 1: t.last_word + 1 + _TITLE_AFTER + _NAME_WORDS]
        for i, w in enumerate(ws[:_TITLE_AFTER]):
            if w.norm not in titles or w.end >= sent.end:
                continue
            name = []
            for n in ws[i + 1: i + 1 + _NAME_WORDS]:
                if n.norm in titles or n.norm in stops or not n.norm.isalpha() or n.start >= sent.end:
                    break
                name.append(n)
                if not words.text[n.end: n.end + 1].isspace():
                    break  # punctuation right after the word ends the name
            if name:
                out.append((name[0].start, name[-1].end))
            break
    return out


def _titles_before(words: WordIndex, start: int, first: int) -> tuple[int, list[str]]:
    """Start of the phrase once the titles before the name are added, and those titles."""
    titles = word_list("titles_military") | word_list("titles_person")
    taken: list[str] = []
    i = first - 1
    while i >= 0 and first - i <= _TITLE_WORDS:
        w = words.words[i]
        bare = w.norm if w.norm in titles else next((k for k in w.keys if k in titles), None)
        if bare is None:  # «والنائب»: the word without its clitics (WordIndex keys) may be a title
            break
        taken.append(bare)
        clitic = len(w.norm) - len(bare) if w.norm.endswith(bare) else 0
        start = w.start + clitic  # the span starts at the title, after «و»
        i -= 1
    return start, taken


def _unit_after(words: WordIndex, end: int, sent_end: int, actors: list[ActorMention], kind: str) -> ActorMention | None:
    """The forces a ranked victim belongs to, named just after the name («الرقيب أول سيف الفلاسي من
    القوة الإماراتية»): their actor gives the victim's country."""
    if kind == "civilians":
        return None
    for a in actors:
        if end <= a.start < sent_end and words.word_at(a.start) - words.word_at(end) <= _UNIT_WORDS:
            return a if a.actor.inter == 1 and a.actor.iso3 else None
    return None


def _kind(words: WordIndex, titles: list[str], end: int, sent_end: int, actors: list[ActorMention]) -> str:
    if not any(t in word_list("titles_military") for t in titles):
        return "civilians"
    after = [a for a in actors if end <= a.start < sent_end and words.word_at(a.start) - words.word_at(end) <= _POLICE_WORDS]
    if any(a.actor.id.startswith("generic:police") for a in after):
        return "police"
    return "military"
