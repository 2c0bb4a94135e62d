"""Who did it and to whom: actor roles in a sentence, claims of responsibility, and blame.

A claim («أعلنت جماعة الثوريون مسؤوليتها عن الهجوم», «تبنى التنظيم التفجير») comes from the
perpetrator; blame («نسبه البنتاغون إلى قوات موالية لإيران», «اتهمت الحكومة الحوثيين») comes from
someone else and is kept apart as an attribution with who made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasd.extract.lexicon import WordIndex, cue_matcher, load_data, word_list
from rasd.extract.persons import PERSON_RULE
from rasd.extract.references import ACT_ADJECTIVE
from rasd.records import ActorMention, Span
from rasd.text.normalize import norm

_ORG_INTERS = (2, 3, 4)
_ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
METONYM = "metonym:"
_CLAUSE_END = frozenset("،,.;؛:!؟?»")


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim of responsibility made in a sentence."""

    claimant: ActorMention
    cue: Span
    sentence: int


@dataclass(frozen=True, slots=True)
class Blame:
    """Blame for an act laid on ``accused`` by ``by`` (who may be unknown)."""

    accused: ActorMention
    by: ActorMention | None
    cue: Span
    sentence: int


def actors_in(actors: list[ActorMention], start: int, end: int) -> list[ActorMention]:
    return [a for a in actors if start <= a.start and a.end <= end]


def speakers(words: WordIndex, sent: Span, actors: list[ActorMention]) -> set[int]:
    """Start offsets of actor mentions that are the source of a report, not actors in it: every
    actor between a reporting verb and the clause it opens («نقلت رويترز عن مسؤولين أكراد أن ...»),
    or, with no clause opened, the first actor just after the verb («قالت الشرطة»)."""
    out: set[int] = set()
    for cue in cue_matcher("speech").find(words, sent.start, sent.end):
        after = actors_in(actors, cue.end, sent.end)
        opens = _clause_start(words, cue.end, sent.end)
        if opens is not None:
            out.update(a.start for a in after if a.end <= opens)
        elif after and words.word_at(after[0].start) - cue.last <= 3:
            out.add(after[0].start)
    return out


_CLAUSE_WINDOW = 10


def _clause_start(words: WordIndex, start: int, end: int) -> int | None:
    """Offset of the complementizer or opening quote that starts a reported clause after a
    reporting verb («أوضحت المصادر أن «مسلحين مجهولين اغتالوا...»), within a few words."""
    for w in words.between(start, end)[:_CLAUSE_WINDOW]:
        if w.norm in word_list("complementizers"):
            return w.start
        quote = words.text.find("«", start, w.end)
        if quote >= 0:
            return quote
    return None


def find_claims(words: WordIndex, sentences: list[Span], actors: list[ActorMention]) -> list[Claim]:
    out: list[Claim] = []
    matcher = cue_matcher("claim")
    for si, sent in enumerate(sentences):
        for cue in matcher.find(words, sent.start, sent.end):
            in_sent = actors_in(actors, sent.start, sent.end)
            if any(stem in norm(cue.text) for stem in word_list("responsibility")):
                pick = _claimant_before_responsibility(words, sent, cue.start, in_sent)
                if pick is not None:
                    out.append(Claim(pick, Span(cue.start, cue.end, cue.text), si))
                    continue
            after = [a for a in in_sent if a.start >= cue.end and words.word_at(a.start) - cue.last <= 12]
            before = [a for a in in_sent if a.end <= cue.start and cue.first - words.word_at(a.end) <= 3]
            pick = after[0] if after else (before[-1] if before else None)
            if pick is not None and pick.actor.inter not in (7,):
                out.append(Claim(pick, Span(cue.start, cue.end, cue.text), si))
    return out


def _claimant_before_responsibility(
    words: WordIndex, sent: Span, cue_start: int, candidates: list[ActorMention]
) -> ActorMention | None:
    """«أعلنت جماعة X ... مسؤوليتها»: the claimant is the first actor after the announcing verb."""
    announce = [m for m in cue_matcher("speech").find(words, sent.start, cue_start)]
    if not announce:
        return None
    first_after = [a for a in candidates if announce[-1].end <= a.start and a.end <= cue_start]
    return first_after[0] if first_after else None


def find_blames(
    words: WordIndex, sentences: list[Span], actors: list[ActorMention]
) -> list[Blame]:
    out: list[Blame] = []
    matcher = cue_matcher("attribution")
    for si, sent in enumerate(sentences):
        for cue in matcher.find(words, sent.start, sent.end):
            in_sent = actors_in(actors, sent.start, sent.end)
            after = [a for a in in_sent if a.start >= cue.end and words.word_at(a.start) - cue.last <= 10]
            ila = _word_after(words, cue.first, sent.end, word_list("to"))
            accused: ActorMention | None
            by: ActorMention | None = None
            if ila is not None:
                accused_pool = [a for a in after if a.start >= ila]
                by_pool = [a for a in after if a.start < ila]
                accused = _demonstrative(words, ila, sent.end, actors)
                if accused is None or (accused_pool and accused_pool[0].start < accused.start):
                    accused = accused_pool[0] if accused_pool else accused
                by = by_pool[0] if by_pool else None
            elif len(after) >= 2:
                by, accused = after[0], after[1]
            elif after:
                accused = after[0]
                before = [a for a in in_sent if a.end <= cue.start]
                by = before[-1] if before else None
            else:
                accused = _demonstrative(words, cue.end, sent.end, actors)
            if accused is not None:
                out.append(Blame(accused, by, Span(cue.start, cue.end, cue.text), si))
    return out


def _word_after(words: WordIndex, last: int, end: int, forms: frozenset[str]) -> int | None:
    for w in words.words[last + 1: last + 5]:
        if w.start >= end:
            break
        if w.norm in forms:
            return w.start
    return None


def _demonstrative(
    words: WordIndex, start: int, end: int, actors: list[ActorMention]
) -> ActorMention | None:
    """«هذه الحركة» → the last armed group named before it, re-anchored on the demonstrative's span."""
    ws = words.between(start, end)[:4]
    for i, w in enumerate(ws[:-1]):
        if w.norm in word_list("demonstratives") and ws[i + 1].norm in word_list("group_heads"):
            earlier = [a for a in actors if a.end <= w.start and a.actor.inter in _ORG_INTERS]
            if earlier:
                ref = earlier[-1]
                s, e = w.start, ws[i + 1].end
                return ActorMention(s, e, words.text[s:e], ref.actor, rule=f"demonstrative→{ref.rule}")
    return None


@dataclass(frozen=True, slots=True)
class Roles:
    """Actor roles read off one sentence."""

    perpetrators: list[ActorMention]
    targets: list[ActorMention]


def sentence_roles(
    words: WordIndex,
    sent: Span,
    trigger_start: int,
    actors: list[ActorMention],
    exclude: set[int],
    victim_spans: list[tuple[int, int]],
    counted_victims: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> Roles:
    """Perpetrators and targets («على X», victims counted) of the act whose trigger is at
    ``trigger_start``. Perpetrators come best first: named by a marker («على يد X», «شنتها X»),
    describing the act itself («ضربة جوية أميركية»), next to the trigger, then the subject of
    another attack verb of the sentence («أطلقت القوات ... صاروخا ... فقتلت»). Victims are the
    actors just after a casualty figure, or inside one that starts with its number («خمسة جنود
    مصرعهم», ``counted_victims``)."""
    in_sent = [a for a in actors_in(actors, sent.start, sent.end) if a.start not in exclude]
    targets_cues = [m.end for m in cue_matcher("target").find(words, sent.start, sent.end)]
    perp_cues = [m.end for m in cue_matcher("perpetrator").find(words, sent.start, sent.end)]
    t_word = words.word_at(trigger_start)
    ranked: list[tuple[int, int, ActorMention]] = []
    targets: list[ActorMention] = []
    rest: list[ActorMention] = []
    people: list[ActorMention] = []
    for a in in_sent:
        a_word = words.word_at(a.start)
        if a.rule.startswith(PERSON_RULE):
            people.append(a)  # named just after an act of the sentence: its target, never its author
            continue
        if any(s <= a.start and 0 <= a_word - words.word_at(e) <= 2 for s, e in victim_spans) or any(
                s <= a.start < e for s, e in counted_victims) or any(
                s <= a.start < e and a_word == words.word_at(e) - 1 for s, e in victim_spans):  # «قتل جنديان»
            targets.append(a)
        elif any(0 <= a_word - words.word_at(c) <= 1 for c in perp_cues) or _agent_of(words, a):
            ranked.append((0, 0, a))
        elif a.rule.startswith(ACT_ADJECTIVE):
            if 0 <= a_word - t_word <= 2:
                ranked.append((4, 0, a))  # «هجوم انتحاري»: the attacker of this act, if nobody is named
        elif a.start <= trigger_start < a.end and a.actor.inter != 7 and not _unnamed(a):
            ranked.append((1, 0, a))
        elif _verb_subject(words, a):
            ranked.append((2, 0, a))  # «استهدف الحوثيون ...»: the nominative after the verb is its subject
        elif any(0 <= a_word - words.word_at(c) <= 2 for c in targets_cues) or a.actor.inter == 7:
            targets.append(a)  # civilians are victims, not perpetrators
        elif a.rule.startswith(METONYM):
            rest.append(a)  # «شهدت تركيا هجوما»: a country acts only as the subject of an attack verb
        elif 0 <= a_word - t_word <= 4 or 0 < t_word - a_word <= 3:
            ranked.append((2, abs(a_word - t_word), a))
        else:
            rest.append(a)
    sides = _sides(words, sent, t_word, in_sent)
    if sides:  # «اشتباكات بين الجيش والحوثيين»: the first side acts, the others are its targets
        ranked = [(0, 0, sides[0])] + [r for r in ranked if r[2] not in sides]
        targets = [a for a in sides[1:] if a not in targets] + [a for a in targets if a is not sides[0]]
    if all(r[0] == 4 for r in ranked):
        ranked += [(3, 0, a) for a in _attack_subjects(words, sent, trigger_start, rest)]
    if all(r[0] == 4 for r in ranked):
        ranked += [(3, 1, a) for a in _clause_subject(words, sent, trigger_start, rest)]
    ranked.sort(key=lambda r: (r[0], _unnamed(r[2]), r[1], r[2].start))
    return Roles([a for _, _, a in ranked], people + targets)


_SIDES_AFTER = 14  # words between a clash and «بين» (a place may come first)
_SIDES_SPAN = 25  # words after «بين» in which its sides are named


def _sides(words: WordIndex, sent: Span, t_word: int, actors: list[ActorMention]) -> list[ActorMention]:
    """The armed actors named as the sides of the act after «بين» (same clause), in text order."""
    last = words.word_at(sent.end)
    for i in range(t_word + 1, min(t_word + 2 + _SIDES_AFTER, last)):
        w = words.words[i]
        if any(ch in _CLAUSE_END for ch in words.text[words.words[i - 1].end: w.start]):
            return []
        if w.norm not in word_list("sides"):
            continue
        stop = min(i + 1 + _SIDES_SPAN, last)
        end = words.words[stop - 1].end if stop > i + 1 else w.end
        out = [a for a in actors if w.end <= a.start < end and a.actor.inter in _ARMED_INTERS]
        marker = next((words.words[j].start for j in range(i + 1, stop) if words.words[j].norm in word_list("side_markers")), None)
        if marker is not None and out and out[0].start < marker:
            return out[:1] + [a for a in out if a.start > marker]  # «... من طرف، و... من طرف آخر»
        return out[:1] + [a for a in out[1:] if not _ally(words, a)]
    return []


def _ally(words: WordIndex, a: ActorMention) -> bool:
    """«مدعمة بقوات الدفاع الوطني», «وعناصر من حزب الله» after a support word: on the side named before."""
    i = words.word_at(a.start + 1) - 1
    return any(w.norm in word_list("support_words") for w in words.words[max(0, i - 4): i])


def _unnamed(a: ActorMention) -> bool:
    """An attacker described, not named («انتحاري», «مسلحون»): a named one near it is preferred."""
    return a.actor.id.startswith("generic:unidentified")


_SUBJECT_WORDS = 8
_MODAL_WORDS = 3  # words before an attack verb in which a negation or condition makes it unreal


def _clause_subject(words: WordIndex, sent: Span, trigger_start: int, actors: list[ActorMention]) -> list[ActorMention]:
    """The armed actor that opens the trigger's clause («قوات الأمن أغلقت المنطقة واعتقلت ...»):
    first after the sentence start, a quote or a complementizer, with no punctuation up to the
    trigger and at most a few words before it."""
    t_word = words.word_at(trigger_start)
    for a in actors:
        if a.actor.inter not in _ARMED_INTERS or a.end > trigger_start or a.rule.startswith(METONYM):
            continue
        if t_word - words.word_at(a.start) > _SUBJECT_WORDS:
            continue
        if any(ch in _CLAUSE_END for ch in words.text[a.end: trigger_start]):
            continue
        i = words.word_at(a.start)
        before = words.text[words.words[i - 1].start: a.start] if i > 0 and words.words[i - 1].start >= sent.start else ""
        opens = not before or any(q in before for q in "«\"،,:") or words.words[i - 1].norm in word_list("complementizers")
        if opens:
            return [a]
    return []


@cache
def _verb_forms() -> frozenset[str]:
    return frozenset(norm(p) for p in load_data("cues.yaml")["attack_acts"]["phrases"])


def _agent_of(words: WordIndex, a: ActorMention) -> bool:
    """«هجمات مفترضة لحركة بوكو حرام»: an actor glued to «لـ» up to two words after an attack noun
    made the attacks."""
    i = words.word_at(a.start + 1) - 1  # the word holding the mention's start
    if i < 1 or a.actor.inter == 7:
        return False
    glue = norm(words.text[words.words[i].start:a.start])
    if not glue or glue not in word_list("agent_links"):
        return False
    return any(words.words[j].norm in word_list("agent_nouns") for j in range(max(0, i - 2), i))


def _attack_verb(form: str) -> bool:
    """A finite attack verb, bare or after the conjunction و or ف."""
    return form in _verb_forms() or (form[:1] in "وف" and form[1:] in _verb_forms())


def _verb_subject(words: WordIndex, a: ActorMention) -> bool:
    """An armed actor right after a finite attack verb, its first word in the nominative plural."""
    i = words.word_at(a.start)
    if i == 0 or a.actor.inter not in _ARMED_INTERS:
        return False
    if not _attack_verb(words.words[i - 1].norm):
        return False
    return words.words[i].norm.endswith(tuple(word_list("nominative_endings")))


def _attack_subjects(words: WordIndex, sent: Span, trigger_start: int, actors: list[ActorMention]) -> list[ActorMention]:
    """Armed actors right after (VSO) or right before (SVO) an attack verb that precedes the trigger."""
    out: list[ActorMention] = []
    for verb in cue_matcher("attack_acts").find(words, sent.start, min(trigger_start, sent.end)):
        if not _attack_verb(words.words[verb.first].norm):
            continue  # «بقصف أوكار الإرهابيين»: a verbal noun, followed by its object
        if cue_matcher("modality").any_in(words, max(0, verb.first - _MODAL_WORDS), verb.first - 1):
            continue  # «في حال شنت إيران هجوما ... ردا على اغتيال»: an attack that did not happen
        for a in actors:
            if a.actor.inter not in _ARMED_INTERS or a in out:
                continue
            gap_after = words.word_at(a.start) - verb.last
            gap_before = verb.first - words.word_at(a.end)
            if 1 <= gap_after <= 2 or 0 <= gap_before <= 1:
                out.append(a)
    return out
