"""The analysis of one article: every mention the stages found, and the questions events ask of them.

Stages (see ``rasd.pipeline``) fill the fields in order; the event builder only reads them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import lru_cache

import regex

from rasd.extract.casualties import Casualty
from rasd.extract.lexicon import Match, PhraseMatcher, WordIndex, cue_matcher, load_data, word_list
from rasd.extract.persons import PERSON_RULE
from rasd.extract.roles import Blame, Claim
from rasd.extract.triggers import TriggerHit
from rasd.records import ActorMention, Article, DateMention, NumberMention, PlaceMention, Span
from rasd.text.normalize import norm

# Sub-event types implied by the weapons named with a generic trigger, most specific first.
_WEAPON_SUBTYPES: tuple[tuple[str, str, str], ...] = (
    ("chemical", "Explosions/Remote violence", "Chemical weapon"),
    ("suicide", "Explosions/Remote violence", "Suicide bomb"),
    ("grenade", "Explosions/Remote violence", "Grenade"),
    ("drone", "Explosions/Remote violence", "Air/drone strike"),
    ("aircraft", "Explosions/Remote violence", "Air/drone strike"),
    ("explosive", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("rocket", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("artillery", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
)
_SPLIT_KM = 25.0
_RECENT_DAYS = 7
_REMOTE = "Explosions/Remote violence"
_ARMED_GROUPS = frozenset({2, 3, 4, 8})
"""Rebels, militias and external forces: an article naming one is not an ordinary crime story."""
"""«منذ» before a date at most this many days before the report opens the period of the acts."""
_VENUE_WORDS = 3
_ARMED = frozenset({1, 2, 3, 4, 8})
_DATELINE_MAX = 80
_CLAUSE_PUNCT = frozenset("،,.;؛:!؟?\n")
_QUOTED = regex.compile(r"«[^»]{0,600}»|\"[^\"\n]{0,600}\"|“[^”]{0,600}”")
_DATELINE = regex.compile(r"^[^\n.،]{2,70}?(?:[:：]|\s[-–—]\s|\)\s*[-–—:])")


@lru_cache(maxsize=1)
def weapon_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher((p, e["id"]) for e in load_data("weapons.yaml") for p in e["patterns"])


def km(a: PlaceMention, b: PlaceMention) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.place.latitude, a.place.longitude, b.place.latitude, b.place.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _bare(word: str) -> str:
    """A cue word without a one-letter proclitic («ونحن», «ببلادنا» → the same cue; the letters are
    the one-letter ``proclitics`` of grammar.yaml)."""
    single = {p for p in word_list("proclitics") if len(p) == 1}
    return word[1:] if len(word) > 3 and word[0] in single else word


@dataclass(slots=True)
class Analysis:
    """Everything found in one article, in original-text offsets."""

    article: Article
    words: WordIndex
    sentences: list[Span] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[TriggerHit] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    blames: list[Blame] = field(default_factory=list)
    weapons: list[Match[str]] = field(default_factory=list)
    country_hint: str | None = None
    """ISO3 of the country the article is mostly about (places outside actor names)."""

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def dateline_end(self) -> int:
        """End of a dateline such as «بغداد (رويترز) -» or «سبق- الدمام:» at the top, else 0."""
        head = self.article.text[:_DATELINE_MAX]
        m = _DATELINE.search(head)
        return m.end() if m else 0

    # ----------------------------------------------------------------- lookups
    def sentence_of(self, offset: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return len(self.sentences) - 1

    def _in(self, items: list, si: int) -> list:  # type: ignore[type-arg]
        s = self.sentences[si]
        return [x for x in items if s.start <= x.start < s.end]

    def deaths_without_count(self, sentences: list[int]) -> bool:
        """A killed word in these sentences with no figure of its own."""
        from rasd.extract.casualties import killed_words

        for si in sentences:
            s = self.sentences[si]
            counted = [c for c in self.casualties_in(si) if c.kind == "killed"]
            for m in killed_words().find(self.words, s.start, s.end):
                if not any(c.start <= m.start < c.end or m.start <= c.start < m.end for c in counted):
                    return True
        return False

    def no_casualties(self, sentences: list[int]) -> bool:
        """Does one of these sentences say nobody was killed or hurt («دون وقوع إصابات»)?"""
        matcher = cue_matcher("no_casualties")
        return any(matcher.find(self.words, self.sentences[si].start, self.sentences[si].end) for si in sentences)

    def actors_in_sentence(self, si: int) -> list[ActorMention]:
        return self._in(self.actors, si)

    def casualties_in(self, si: int) -> list[Casualty]:
        return [c for c in self.casualties if c.sentence == si]

    def claims_in(self, si: int) -> list[Claim]:
        return [c for c in self.claims if c.sentence == si]

    def blames_in(self, si: int) -> list[Blame]:
        return [b for b in self.blames if b.sentence == si]

    def weapons_in(self, si: int) -> dict[str, tuple[int, int, str]]:
        out: dict[str, tuple[int, int, str]] = {}
        for m in self._in(self.weapons, si):
            out.setdefault(m.payload, (m.start, m.end, m.text))
        return out

    def event_dates(self, si: int) -> list[DateMention]:
        """Dates in the sentence that can date an act: not the report's own date after a reporting
        verb or a claim («أعلن ... اليوم»), not «منذ شباط»."""
        sent = self.sentences[si]
        out = []
        reporting = cue_matcher("speech").find(self.words, sent.start, sent.end) + cue_matcher("claim").find(
            self.words, sent.start, sent.end
        )
        for d in self._in(self.dates, si):
            if d.date is None and d.precision is None:
                continue
            wi = self.words.word_at(d.start)
            before = self.words.words[max(0, wi - 1): wi]
            since = word_list("since")
            published = self.article.published
            if any(w.norm in since or any(k in since for k in w.keys) for w in before):
                gap = (published - d.date).days if published is not None and d.date is not None else 0
                if not (0 < gap <= _RECENT_DAYS and any(w.norm in word_list("since_recent") for w in before)):
                    continue
                # «منذ أمس الأول»: the acts fall between that day and the report: the middle, precision 2
                d = replace(d, date=d.date + timedelta(days=gap // 2) if d.date else None, precision=2)
            if published is not None and d.date is not None and (d.date - published).days > 1:
                continue  # a future date names a plan or a deadline, not an act
            is_today = published is not None and d.date == published and d.kind != "after_midnight"
            if is_today and any(m.start < d.start for m in reporting):
                continue
            out.append(d)
        return out

    def own_date(self, dates: list[DateMention], hit: TriggerHit, hits: list[TriggerHit]) -> DateMention | None:
        """The date nearest the trigger among those nearer to it than to any other trigger, a generic
        trigger after it, right before it («هجمات انتحارية») or one of the same kind excepted (they name
        the same act again: «ضربات جوية ... واستهدفت ... الأربعاء» dates the strikes)."""
        def dist(d: DateMention, h: TriggerHit) -> int:
            return d.start - h.end if d.start >= h.end else h.start - d.end

        rivals = [h for h in hits if h.start != hit.start and h.entry.id != hit.entry.id
                  and not (h.entry.generic and h.start > hit.start)
                  and not (h.entry.generic and h.last_word + 1 == hit.first_word)]  # «هجمات انتحارية»: one phrase
        mine = [d for d in dates if all(dist(d, hit) <= dist(d, h) for h in rivals)]
        if hit.definite and self._relative_after(hit):
            # «الانتفاضة التي دعمها الحلف»: a known act, dated in its relative clause if at all
            mine = [d for d in mine if d.start >= hit.end]
        if not mine:
            return None
        return min(mine, key=lambda d: (dist(d, hit), d.start))

    def _relative_after(self, hit: TriggerHit) -> bool:
        nxt = hit.last_word + 1
        return nxt < len(self.words.words) and self.words.words[nxt].norm in word_list("relatives")

    def other_clause(self, a: TriggerHit, b: TriggerHit) -> bool:
        """Do the two triggers stand in different clauses (punctuation between them)?"""
        first, second = (a, b) if a.start <= b.start else (b, a)
        if second.start < first.end:
            return False
        return any(ch in _CLAUSE_PUNCT for ch in self.text[first.end: second.start])

    def clause_places(self, hit: TriggerHit, places: list[PlaceMention]) -> list[PlaceMention]:
        """The places that locate something in the trigger's clause, after it («وبعيد هذا التفجير
        الأول في مدينة سوروتش، استهدف هجوم آخر ... كوباني»: Suruç only)."""
        return [p for p in places if p.start >= hit.end and self.locates(p)
                and not any(ch in _CLAUSE_PUNCT for ch in self.text[hit.end:p.start])]

    def dated_reference(self, hit: TriggerHit) -> bool:
        """«هجوم الاثنين»: a trigger followed at once by a date names an act already reported."""
        nxt = hit.last_word + 1
        if nxt >= len(self.words.words):
            return False
        start = self.words.words[nxt].start
        return any(d.start == start for d in self.dates)

    def event_places(self, si: int) -> list[PlaceMention]:
        """Places in the sentence that are not part of an actor's name («المقاومة الإسلامية في العراق»)."""
        out = []
        for p in self._in(self.places, si):
            if any(a.start <= p.start and p.end <= a.end for a in self.actors):
                continue
            if p.end <= self.dateline_end:
                continue  # «الدمام:» names where the reporter wrote, not where it happened
            if p.relation == "nisba" or self._venue(p):
                continue
            out.append(p)
        return out

    def _venue(self, p: PlaceMention) -> bool:
        """«في مؤتمر صحافي في شانلي أورفة»: where something was said, not where an act happened."""
        wi = self.words.word_at(p.start)
        return any(w.norm in word_list("venue_words") for w in self.words.words[max(0, wi - _VENUE_WORDS): wi])

    def act_places(self, si: int, trigger_start: int) -> list[PlaceMention]:
        """The sentence's event places, those that locate the act first: after «في» following the
        trigger («تظاهر مئات الإيزيديين في محافظة أربيل»), then places named as where («فوق شرق
        أوكرانيا»), then the others, in text order."""
        def order(p: PlaceMention) -> tuple[bool, bool, int]:
            return (not (p.start > trigger_start and self._after_fi(p)), not self.locates(p), p.start)

        return sorted(self.event_places(si), key=order)

    def places_compatible(self, a: PlaceMention, b: PlaceMention) -> bool:
        """Could both describe where one act happened (one inside the other, or close)?"""
        if a.place.iso3 != b.place.iso3:
            return False
        if "country" in (a.place.feature_type, b.place.feature_type):
            return True
        if "admin1" in (a.place.feature_type, b.place.feature_type):
            if a.place.admin1 and b.place.admin1:
                return a.place.admin1 == b.place.admin1
            return km(a, b) < 150
        if "locality" in (a.place.feature_type, b.place.feature_type) and a.place.id != b.place.id:
            # A locality stands at the place that contains it: compatible with that place only.
            return km(a, b) < 0.01 and a.place.feature_type != b.place.feature_type
        return km(a, b) <= _SPLIT_KM

    def split_places(self, si: int, hit: TriggerHit, places: list[PlaceMention]) -> list[PlaceMention]:
        """Distinct places after «في» that each locate the act («في طهران ... في ضاحية بيروت»)."""
        after = [p for p in places if p.start > hit.start]
        distinct: list[PlaceMention] = []
        for i, p in enumerate(after):
            listed = i > 0 and after[i - 1] in distinct and self._coordinated(after[i - 1], p)
            if not self._after_fi(p) and not listed:
                continue
            if i > 0 and not listed and self._qualifies(after[i - 1], p):
                continue  # «بلدة القريتين في ريف حمص»: the second place locates the first
            if distinct and not listed and not self._new_conjunct(distinct[-1], p):
                continue  # only «في طهران وقيادي ... في ضاحية بيروت» names a second act
            if all(not self.places_compatible(p, q) and not self.places_compatible(q, p) for q in distinct):
                distinct.append(p)
        return distinct if len(distinct) > 1 else []

    def _qualifies(self, first: PlaceMention, second: PlaceMention) -> bool:
        between = self.words.between(first.end, second.start)
        return len(between) <= 2 and all(w.norm in word_list("place_links") for w in between)

    def _coordinated(self, first: PlaceMention, second: PlaceMention) -> bool:
        """«في بلدة تل الضمان وقرية المنطار»: the second place follows the first at once, joined by
        the «و» glued to it."""
        wi = self.words.word_at(second.start + 1) - 1  # the word holding the mention's start
        if wi < 0:
            return False
        word = self.words.words[wi]
        return (word.start < second.start and word.norm.startswith("و")
                and not self.words.between(first.end, word.start))

    def _new_conjunct(self, first: PlaceMention, second: PlaceMention) -> bool:
        """A word starting with و between two places opens a new conjunct (a second target or act)."""
        return any(w.norm.startswith("و") and w.norm not in word_list("in")
                   for w in self.words.between(first.end, second.start))

    def locates(self, p: PlaceMention) -> bool:
        """Is the place named as where something is (after «في», «ب», «على», «قرب»..., or with a
        relation such as «شمال»), not as a subject («مصر دولة راسخة»)?"""
        if self._after_fi(p) or p.relation not in ("in", "nisba"):
            return True
        wi = self.words.word_at(p.start)
        prev = self.words.words[wi - 1].norm if wi > 0 else ""
        return prev in word_list("place_links") or prev in word_list("target_links")

    def _after_fi(self, p: PlaceMention) -> bool:
        wi = self.words.word_at(p.start)
        if wi >= len(self.words.words):
            return False
        w = self.words.words[wi].norm
        prev = self.words.words[wi - 1].norm if wi > 0 else ""
        return prev in word_list("in") or w.startswith(("ب", "وب"))

    def classify(self, hit: TriggerHit, si: int) -> tuple[str, str]:
        """Event type and sub-type: the trigger's, refined by weapons and targets for generic triggers."""
        entry = hit.entry
        if not entry.generic:
            return entry.event_type, entry.sub_event_type
        weapons = self.weapons_in(si)
        for wid, etype, stype in _WEAPON_SUBTYPES:
            if wid in weapons:
                return etype, stype
        if entry.family == "killing" and self._armed_dead(si) and not self._civilian_target(si):
            return "Battles", "Armed clash"  # «قتلت القوات الأميركية 11 مسلحا»: both sides armed
        if entry.family == "killing" or (self._civilian_target(si) and entry.event_type != _REMOTE):
            return "Violence against civilians", "Attack"  # shelling and bombs on civilians stay remote violence
        return entry.event_type, entry.sub_event_type

    def _armed_dead(self, si: int) -> bool:
        """Are the dead counted in the sentence armed (soldiers, police, fighters), or is the named
        victim of the act an officer («استشهد الرقيب أول سيف الفلاسي»)?"""
        if any(a.rule.startswith(PERSON_RULE) and a.actor.inter == 1 for a in self._in(self.actors, si)):
            return True
        for c in self.casualties_in(si):
            if c.kind != "killed":
                continue
            end_word = self.words.word_at(c.end)
            for a in self._in(self.actors, si):
                near = c.start <= a.start < c.end or 0 <= self.words.word_at(a.start) - end_word <= 1
                if near and a.actor.inter in _ARMED:
                    return True
        return False

    def _civilian_target(self, si: int) -> bool:
        return any(a.actor.inter == 7 for a in self._in(self.actors, si))

    @property
    def opinion(self) -> bool:
        """A column or an interview: enough different first-person or address words outside
        quotes (``cues.yaml`` group ``opinion``). The acts it names are context, not news."""
        quoted = [m.span() for m in _QUOTED.finditer(self.text)]
        found = {_bare(norm(m.text)) for m in cue_matcher("opinion").find(self.words)
                 if not any(s <= m.start < e for s, e in quoted)}
        return len(found) >= int(load_data("cues.yaml")["opinion"]["min_distinct"])

    @property
    def private_crime(self) -> bool:
        """An ordinary crime story: enough different crime words (``cues.yaml`` group
        ``private_crime``) and no armed group, militia or foreign force among its actors."""
        if any(a.actor.inter in _ARMED_GROUPS for a in self.actors):
            return False
        found = {_bare(norm(m.text)) for m in cue_matcher("private_crime").find(self.words)}
        return len(found) >= int(load_data("cues.yaml")["private_crime"]["min_distinct"])

    def background_cue(self, si: int, offset: int) -> bool:
        """A background cue («بعدما», «كان قد», «منذ») in the trigger's clause, before the trigger."""
        sent = self.sentences[si]
        start = max([sent.start] + [i + 1 for i in range(sent.start, offset) if self.text[i] in _CLAUSE_PUNCT])
        return bool(cue_matcher("background").find(self.words, start, offset))
