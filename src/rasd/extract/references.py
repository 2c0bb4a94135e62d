"""Actor mentions the lexicon cannot see alone, read off their neighbours.

* «المسؤولين عن ...» are those responsible for an act, not officials, and are dropped;
* act adjectives: «الاعتداء الانتحاري» names an act; the attacker it implies is marked
  (rule ``act-adjective``) so that any actor named in the sentence is preferred to it;
* membership: a generic description followed by «من» and a named group is that group
  («مهاجما انتحاريا من حركة طالبان» → Taliban, the span covering the whole phrase);
* own forces: forces named with a possessive pronoun belong to the state or group named just
  before, in the same or the previous sentence («قال الجيش التركي إن طائراته قصفت» → the
  Turkish military).
"""

from __future__ import annotations

from rasd.extract.lexicon import WordIndex, word_list
from rasd.records import ActorMention, Span

_GENERIC = "generic:"
ACT_ADJECTIVE = "act-adjective"
_OWNER_INTERS = frozenset({1, 2, 3, 4, 8})
_GAP_WORDS = 1
"""Words allowed between a description and «من» («مهاجما انتحاريا من»: the description's own)."""


def refine_actors(words: WordIndex, sentences: list[Span], actors: list[ActorMention]) -> list[ActorMention]:
    """The actor mentions with act adjectives marked, membership phrases joined and own-forces
    pronouns resolved."""
    marked = [_mark_adjective(a) if _act_adjective(words, a) else a for a in actors
              if not _responsible_for(words, a)]
    return sorted(_own_forces(words, sentences, _membership(words, marked)), key=lambda a: a.start)


def _responsible_for(words: WordIndex, a: ActorMention) -> bool:
    """«المسؤولين عن إسقاط الطائرة»: those responsible for an act, not officials."""
    i = words.word_at(a.end)
    return (a.actor.id.startswith(_GENERIC + "government") and i < len(words.words)
            and words.words[i].norm in word_list("responsible_for"))


def _mark_adjective(a: ActorMention) -> ActorMention:
    return ActorMention(a.start, a.end, a.text, a.actor, rule=f"{ACT_ADJECTIVE}→{a.rule}")


def _act_adjective(words: WordIndex, a: ActorMention) -> bool:
    """«الاعتداء الانتحاري», «هجوم انتحاري»: a description of attackers that qualifies an act noun."""
    if not _is_unnamed_armed(a):
        return False
    i = words.word_at(a.start)
    return i > 0 and words.words[i - 1].norm in word_list("act_nouns") and words.words[i - 1].end <= a.start


def _membership(words: WordIndex, actors: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    joiners = word_list("member_of")
    i = 0
    while i < len(actors):
        a = actors[i]
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if nxt is not None and _is_unnamed_armed(a) and not nxt.actor.id.startswith(_GENERIC):
            between = words.between(a.end, nxt.start)
            if 1 <= len(between) <= 1 + _GAP_WORDS and between[-1].norm in joiners:
                start = a.start
                if out and _is_unnamed_armed(out[-1]) and not words.between(out[-1].end, a.start):
                    start = out.pop().start  # «مهاجما انتحاريا من ...»: two descriptions, one phrase
                text = words.text[start: nxt.end]
                out.append(ActorMention(start, nxt.end, text, nxt.actor, rule=f"member-of→{nxt.rule}"))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _is_unnamed_armed(a: ActorMention) -> bool:
    return a.actor.id.startswith(_GENERIC + "unidentified")


def _own_forces(words: WordIndex, sentences: list[Span], actors: list[ActorMention]) -> list[ActorMention]:
    forms = word_list("own_forces")
    taken = [(a.start, a.end) for a in actors]
    out = list(actors)
    for si, sent in enumerate(sentences):
        floor = sentences[si - 1].start if si else sent.start
        for w in words.between(sent.start, sent.end):
            if not any(k in forms for k in w.keys):  # keys: the word itself and without its clitics
                continue
            if any(s <= w.start < e for s, e in taken):
                continue
            owners = [a for a in actors if floor <= a.start and a.end <= w.start and a.actor.inter in _OWNER_INTERS]
            if owners:
                owner = owners[-1]
                out.append(ActorMention(w.start, w.end, words.text[w.start: w.end], owner.actor,
                                        rule=f"own-forces→{owner.rule}"))
    return out
