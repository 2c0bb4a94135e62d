"""From the mentions of one article to its events.

Sentences are read in order. A sentence whose trigger refers back to an event already reported
(«الهجوم», «الغارة»), or that reports the same kind of act on the same day at a compatible place,
adds to that event (places, casualty figures, weapons, actors, claims). Any other trigger starts
a new event; an act that the sentence ties to an event already reported but of another kind (the
rocket launcher seized after the attack) becomes an event of its own that inherits the date and
place at lower precision. The first event is the news; later ones dated clearly before it, or
introduced by «بعدما», «منذ»..., are background.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rasd.extract.analysis import Analysis
from rasd.extract.casualties import Casualty
from rasd.extract.lexicon import cue_matcher, word_list
from rasd.extract.roles import Blame, Claim, sentence_roles, speakers
from rasd.extract.triggers import TriggerHit
from rasd.records import ActorMention, DateMention, PlaceMention

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_SAME_DAY_SLACK = 1
_BACKGROUND_DAYS = 3
_STALE_DAYS = 30
_ARMED_INTERS = frozenset({1, 2, 3, 4, 8})

_CRIME_TYPES = frozenset({"Violence against civilians", "Battles", "Strategic developments"})
"""What an ordinary crime story's killings and arrests would be coded as; they are dropped."""


@dataclass(slots=True)
class Draft:
    """An event being assembled from one or more sentences."""

    trigger: TriggerHit
    event_type: str
    sub_event_type: str
    sentences: list[int]
    date: DateMention | None = None
    date_precision: int | None = None
    date_inherited: bool = False
    place: PlaceMention | None = None
    place_inherited: bool = False
    parent: Draft | None = None
    anchor: Draft | None = None
    """The event this one took its date from (for background)."""
    split_place: PlaceMention | None = None
    clause: tuple[int, int] | None = None
    """The span of the clause that told this act, when its sentence tells several acts of one kind
    in separate clauses: only the casualty figures inside it are the act's."""
    perpetrators: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    blames: list[Blame] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    weapons: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    background_cue: bool = False
    distinct_from: Draft | None = None
    """The act this one is «another» to («هجوم آخر»): never merged with it."""
    recalled: bool = False
    """Named in passing (a bare or definite noun, no date, place or toll of its own)."""
    background: bool = False

    @property
    def family(self) -> str:
        return self.trigger.entry.family


def _merge_into(target: Draft, d: Draft) -> None:
    """Fold draft ``d`` into ``target``, keeping every figure and the most precise place."""
    target.sentences.extend(si for si in d.sentences if si not in target.sentences)
    target.casualties.extend(c for c in d.casualties if c not in target.casualties)
    target.claims.extend(c for c in d.claims if c not in target.claims)
    target.blames.extend(b for b in d.blames if b not in target.blames)
    for wid, span in d.weapons.items():
        target.weapons.setdefault(wid, span)
    target.perpetrators.extend(a for a in d.perpetrators if a not in target.perpetrators)
    target.targets.extend(a for a in d.targets if a not in target.targets)
    if d.place is not None and (target.place is None or d.place.geo_precision < target.place.geo_precision):
        target.place = d.place
    if (target.date is None or target.date_inherited) and d.date is not None and not d.date_inherited:
        target.date, target.date_inherited = d.date, False
    target.recalled = target.recalled and d.recalled
    target.background_cue = target.background_cue and d.background_cue
    if d.family == "territory" and target.family != "territory" and target.event_type == d.event_type:
        # A battle that ends with a place taken is coded as the taking (ACLED's territory sub-types).
        target.trigger, target.sub_event_type = d.trigger, d.sub_event_type


def _date_value(d: Draft) -> date | None:
    return d.date.date if d.date else None


def _compatible_kind(hit: TriggerHit, d: Draft) -> bool:
    fam = hit.entry.family
    if fam == d.family:
        return True
    if hit.entry.event_type == d.event_type:
        return True
    if d.event_type in VIOLENT_TYPES and hit.entry.generic:
        return True
    return False


def _close_dates(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    slack = {1: _SAME_DAY_SLACK, 2: 4, 3: 16}.get(max(a.precision, b.precision), 1)
    return abs((a.date - b.date).days) <= slack


def _same_day(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return False
    return abs((a.date - b.date).days) <= (0 if max(a.precision, b.precision) == 1 else 4)


def _compatible_places(doc: Analysis, places: list[PlaceMention], d: Draft) -> bool:
    if d.place is None:
        return True
    return all(doc.places_compatible(p, d.place) for p in places)


class EventBuilder:
    """Builds the drafts of one article (see the module docstring for the rules)."""

    def __init__(self, doc: Analysis) -> None:
        self.doc = doc
        self.drafts: list[Draft] = []

    # --------------------------------------------------------------- sentences
    def run(self) -> list[Draft]:
        doc = self.doc
        by_sentence: dict[int, list[TriggerHit]] = {}
        for hit in doc.triggers:
            by_sentence.setdefault(hit.sentence, []).append(hit)
        for si in range(len(doc.sentences)):
            hits = by_sentence.get(si, [])
            touched = self._sentence(si, hits) if hits else []
            if not hits:
                touched = self._anaphora_only(si)
            for d in touched:
                self._absorb(d, si)
        self._finish()
        return self.drafts

    def _sentence(self, si: int, hits: list[TriggerHit]) -> list[Draft]:
        doc = self.doc
        dates = doc.event_dates(si)
        places = doc.event_places(si)
        touched: list[Draft] = []
        # 1. Definite references and same-day reports join an event already reported.
        rest: list[TriggerHit] = []
        for hit in sorted(hits, key=lambda h: -h.entry.priority):
            own = doc.own_date(dates, hit, hits)
            target = self._referent(hit, own, places)
            if target is not None:
                if target not in touched:
                    touched.append(target)
                    if own is not None and (target.date is None or target.date_inherited
                                            or own.precision < target.date.precision):
                        target.date, target.date_inherited = own, False  # the most precise date wins
            else:
                rest.append(hit)
        # 2. The strongest remaining trigger starts one event (or one per place named).
        rest = [h for h in rest if not (h.plural and not dates and h.entry.generic)]
        rest = [h for h in rest if not (h.plural and h.entry.family in ("attack", "strike") and not dates)]
        if touched:
            rest = [h for h in rest if h.another or
                    (not h.entry.generic and not any(_compatible_kind(h, t) for t in touched))]
        if not rest:
            return touched
        best = max(rest, key=lambda h: (h.entry.priority, -h.start))
        own = doc.own_date(dates, best, hits)
        groups = self._clauses(rest, places)
        if own is None and len(groups) > 1:
            # «قصف الطيران أمس ...، كما قصفت القوات ...»: a later clause of the report shares its date.
            own = max((d for d in dates if d.end <= best.start), key=lambda d: d.start, default=None)
        if best.entry.generic and not touched and own is None and (not places or self._reaction(si)):
            # «نأسف لمقتل جنديين»: a generic report with nothing new continues the last event.
            last = next((d for d in reversed(self.drafts) if d.parent is None and d.event_type in VIOLENT_TYPES), None)
            if last is not None:
                return [last]
        if best.entry.generic and not touched and not self._concrete(si, own, places):
            return touched
        parent = touched[0] if touched and own is None and not best.another else None
        after = touched[0] if touched and best.another else None  # «هجوم آخر»: its own act, dated by the first
        _, mine, best_span = next(g for g in groups if best in g[0])
        split: list[PlaceMention | None] = list(doc.split_places(si, best, mine)) or [None]
        firsts = [self._new_draft(best, si, own, parent, place, after) for place in split]
        touched += firsts
        chosen = [best]
        if best.entry.event_type in VIOLENT_TYPES:
            located = [p for p in split if p is not None] or [
                p for p in doc.act_places(si, best.start) if p in mine][:1]
            for hit, drafts in self._clause_acts(si, groups, hits, best, located, own, parent, after):
                for d in firsts:
                    d.clause = best_span  # the sentence tells several acts: each keeps its clause's figures
                touched += drafts
                chosen.append(hit)
        kinds = {h.entry.event_type for h in chosen}
        # Acts of other kinds in the same sentence («تظاهروا وأحرقوا الإطارات ... الهجومين الانتحاريين»).
        for hit in sorted(rest, key=lambda h: -h.entry.priority):
            if hit is best or hit.entry.generic or hit.entry.event_type in kinds:
                continue
            if not all(doc.other_clause(hit, c) for c in chosen):
                continue  # «تبادل لإطلاق النار»: one act named twice in one clause
            kinds.add(hit.entry.event_type)
            chosen.append(hit)
            touched.append(self._new_draft(hit, si, doc.own_date(dates, hit, hits), parent, None))
        return touched

    def _clause_acts(
        self, si: int, groups: list[tuple[list[TriggerHit], list[PlaceMention], tuple[int, int]]],
        hits: list[TriggerHit], best: TriggerHit, located: list[PlaceMention], own: DateMention | None,
        parent: Draft | None, after: Draft | None,
    ) -> list[tuple[TriggerHit, list[Draft]]]:
        """The same kind of act in another clause, at places of its own («قصف الطيران بلدة X، كما
        قصفت القوات قرية Y»): one draft per clause and place, each keeping its clause's span.
        ``located`` (the places already taken) grows with each clause's places."""
        doc = self.doc
        dates = doc.event_dates(si)
        out: list[tuple[TriggerHit, list[Draft]]] = []
        for clause_hits, clause_places, span in groups:
            if best in clause_hits:
                continue
            hit = max(clause_hits, key=lambda h: (h.entry.priority, -h.start))
            there = list(doc.split_places(si, hit, clause_places)) or [
                p for p in doc.act_places(si, hit.start) if p in clause_places][:1]
            if hit.entry.event_type not in VIOLENT_TYPES or not there or any(
                    doc.places_compatible(p, q) or doc.places_compatible(q, p) for p in there for q in located):
                continue
            own_date = doc.own_date(dates, hit, hits) or own
            drafts = [self._new_draft(hit, si, own_date, parent, place, after) for place in there]
            for d in drafts:
                d.clause = span
            located += there
            out.append((hit, drafts))
        return out

    def _clauses(self, hits: list[TriggerHit], places: list[PlaceMention]
                 ) -> list[tuple[list[TriggerHit], list[PlaceMention], tuple[int, int]]]:
        """The triggers grouped by clause, each with the places from its first trigger up to the
        next clause's first trigger (the first clause also keeps the places before it) and that span."""
        groups: list[list[TriggerHit]] = []
        for hit in sorted(hits, key=lambda h: h.start):
            if groups and not self.doc.other_clause(groups[-1][-1], hit):
                groups[-1].append(hit)
            else:
                groups.append([hit])
        out = []
        for i, g in enumerate(groups):
            lo, hi = self._clause_span(groups, i)
            out.append((g, [p for p in places if lo <= p.start < hi], (lo, hi)))
        return out

    def _clause_span(self, groups: list[list[TriggerHit]], i: int) -> tuple[int, int]:
        """From the group's first trigger (the first group: from the start) to the next group's."""
        lo = groups[i][0].start if i else -1
        hi = groups[i + 1][0].start if i + 1 < len(groups) else len(self.doc.text) + 1
        return lo, hi

    def _reaction(self, si: int) -> bool:
        """«ندد الرئيس بهجوم إرهابي»: a condemnation names an act reported elsewhere."""
        sent = self.doc.sentences[si]
        return bool(cue_matcher("condemnation").find(self.doc.words, sent.start, sent.end))

    def _concrete(self, si: int, own: DateMention | None, places: list[PlaceMention]) -> bool:
        """A generic trigger («هجوم», «استهداف») makes an event only with something concrete:
        its own date, a place where it happened, a casualty figure, weapons or an armed actor."""
        doc = self.doc
        armed = any(a.actor.inter in _ARMED_INTERS for a in doc.actors_in_sentence(si))
        located = any(doc.locates(p) for p in places)
        return own is not None or located or bool(doc.casualties_in(si)) or bool(doc.weapons_in(si)) or armed

    def _referent(self, hit: TriggerHit, own: DateMention | None, places: list[PlaceMention]) -> Draft | None:
        if (hit.plural and hit.definite) or hit.another:
            return None
        definite = hit.definite or self.doc.dated_reference(hit)
        if hit.definite and hit.first_word > 0 and (
                self.doc.words.words[hit.first_word - 1].norm in word_list("incident_heads")):
            # «حادث القتل»: the act already reported, whatever else the sentence names
            return next((d for d in reversed(self.drafts) if d.parent is None and _compatible_kind(hit, d)), None)
        # the latest event of the trigger's own family first («التفجير» → the bombing, not the battle)
        for d in sorted(reversed(self.drafts), key=lambda d: d.family != hit.entry.family):
            if d.parent is not None:
                continue
            if not _compatible_kind(hit, d):
                continue
            if definite and _close_dates(own, d.date) and _compatible_places(self.doc, places, d):
                return d
            if (hit.definite and own is None and not hit.plural and hit.entry.family == d.family
                    and _compatible_places(self.doc, self.doc.clause_places(hit, places), d)):
                return d  # «ووقع التفجير الذي ...»: the act already reported, unless named elsewhere
            if own is not None and _same_day(own, d.date) and places and _compatible_places(self.doc, places, d):
                return d
            if own is not None and d.date is None and not places and hit.entry.family == d.family:
                return d  # the lead told the act undated; a later sentence dates it («وقال شهود ... الليلة»)
            if (own is None and not hit.entry.generic and hit.entry.id == d.trigger.entry.id
                    and not d.background_cue and _compatible_places(self.doc, places, d)):
                return d  # the same kind of act named again, with nothing new: the same event
        return None

    def _anaphora_only(self, si: int) -> list[Draft]:
        """A sentence with no trigger of its own but «الغارة خلفت أربعة قتلى» or a claim."""
        doc = self.doc
        refs = cue_matcher("anaphora").find(doc.words, doc.sentences[si].start, doc.sentences[si].end)
        has_content = doc.casualties_in(si) or doc.claims_in(si)
        if not refs or not has_content:
            return []
        for d in reversed(self.drafts):
            if d.parent is None:
                return [d]
        return []

    def _new_draft(
        self, hit: TriggerHit, si: int, own: DateMention | None, parent: Draft | None, place: PlaceMention | None,
        after: Draft | None = None,
    ) -> Draft:
        doc = self.doc
        event_type, sub_type = doc.classify(hit, si)
        d = Draft(trigger=hit, event_type=event_type, sub_event_type=sub_type, sentences=[], parent=parent)
        d.split_place = place
        d.distinct_from = after
        if own is not None:
            d.date = own
        elif parent is not None:
            d.date, d.date_inherited, d.anchor = parent.date, True, parent
        elif self.drafts:
            prev = after or self.drafts[-1]
            d.date, d.date_inherited, d.anchor = prev.date, True, prev
        d.background_cue = doc.background_cue(si, hit.start)
        if own is None and parent is None and not doc.casualties_in(si):
            if not any(p.geo_precision < 3 for p in doc.event_places(si)) or (
                    hit.definite and hit.entry.family != "territory"):
                # «الانفجار الذي استهدف...»: a known act, recalled («من السيطرة على» is a verbal noun)
                d.recalled = True
        self.drafts.append(d)
        return d

    # --------------------------------------------------------------- absorbing
    def _absorb(self, d: Draft, si: int) -> None:
        doc = self.doc
        if si in d.sentences:
            return
        d.sentences.append(si)
        sent = doc.sentences[si]
        primary = d.trigger.sentence == si
        # Places: the most precise compatible place named in the sentence.
        if d.split_place is not None and primary:
            d.place = d.split_place
        elif d.parent is None or not primary:
            for p in (doc.act_places(si, d.trigger.start) if primary else doc.event_places(si)):
                if d.place is None or (doc.places_compatible(p, d.place) and p.geo_precision < d.place.geo_precision):
                    if d.place is None or d.parent is None:
                        d.place = p
        # Casualties, weapons, claims and blame stated in the sentence.
        if d.parent is None and d.event_type != "Strategic developments":
            d.casualties.extend(c for c in doc.casualties_in(si)
                                if not primary or d.clause is None or d.clause[0] <= c.start < d.clause[1])
        for wid, span in doc.weapons_in(si).items():
            d.weapons.setdefault(wid, span)
        if d.parent is None:
            d.claims.extend(doc.claims_in(si))
            d.blames.extend(doc.blames_in(si))
        # Actor roles.
        exclude = speakers(doc.words, sent, doc.actors) | {b.by.start for b in doc.blames_in(si) if b.by}
        exclude |= {b.accused.start for b in doc.blames_in(si)} | {c.claimant.start for c in doc.claims_in(si)}
        victims = [(c.start, c.end) for c in doc.casualties_in(si)]
        counted = [(c.start, c.end) for c in doc.casualties_in(si) if any(n.start == c.start for n in doc.numbers)]
        anchor = d.trigger.start if primary else sent.start
        roles = sentence_roles(doc.words, sent, anchor, doc.actors, exclude, victims, counted)
        perps, targets = roles.perpetrators, roles.targets
        if d.split_place is not None and primary:
            lo = max([p.end for p in doc.event_places(si) if p.end <= d.split_place.start] + [d.trigger.start])
            targets = [a for a in doc.actors if lo <= a.start and a.end <= d.split_place.start][-1:]
        if primary or not d.perpetrators:
            d.perpetrators.extend(a for a in perps if a not in d.perpetrators)
        if primary or not d.targets:
            d.targets.extend(a for a in targets if a not in d.targets)

    # --------------------------------------------------------------- one event per slot
    def _consolidate(self) -> None:
        """One event per type, place and day (ACLED's unit): drafts that fill the same slot merge."""
        kept: list[Draft] = []
        for d in self.drafts:
            target = next((k for k in kept if self._same_slot(k, d)), None)
            if target is None:
                kept.append(d)
                continue
            _merge_into(target, d)
            for other in self.drafts:
                if other.parent is d:
                    other.parent = target
                if other.anchor is d:
                    other.anchor = target
        self.drafts = kept

    def _same_slot(self, a: Draft, b: Draft) -> bool:
        if a.parent is not None or b.parent is not None or a.event_type != b.event_type:
            return False
        if a.distinct_from is b or b.distinct_from is a:
            return False
        undated = a.date is None or a.date_inherited or b.date is None or b.date_inherited
        if undated and a.trigger.entry.id == b.trigger.entry.id:
            # the same kind of act named twice, once with its own date: one act
            return a.place is None or b.place is None or self.doc.places_compatible(a.place, b.place)
        da, db = _date_value(a), _date_value(b)
        if da is None or db is None or da != db:
            return False
        if a.place is None or b.place is None:
            return True
        return self.doc.places_compatible(a.place, b.place)

    # --------------------------------------------------------------- background
    def _finish(self) -> None:
        self._consolidate()
        if self.doc.private_crime:
            # an ordinary crime story (a revenge killing and its arrests) is not political violence
            self.drafts = [d for d in self.drafts if d.event_type not in _CRIME_TYPES]
        main = next((d for d in self.drafts if d.parent is None), None)
        main_date = _date_value(main) if main else None
        published = self.doc.article.published
        opinion = self.doc.opinion  # a scan of the whole text: once, not per draft
        for d in self.drafts:
            if opinion:
                d.background = True  # a column recalls acts; it does not report them
                continue
            own = _date_value(d)
            if own is not None and published is not None and (published - own).days > _STALE_DAYS:
                d.background = True  # long before the report: recalled, not news
            elif d is main:
                d.background = d.recalled
            elif d.parent is not None:
                d.background = d.parent.background
            elif d.date_inherited and d.anchor is not None:
                d.background = d.background_cue or d.recalled
            else:
                own = _date_value(d)
                earlier = own is not None and main_date is not None and (main_date - own).days >= _BACKGROUND_DAYS
                d.background = earlier or d.background_cue or d.recalled
        # A recalled act is coded only when it is concrete: with no date or period of its own (nor
        # one it shares with the act it is told with), it is a mention, not an event (CODING-GUIDE).
        # A text of one sentence has no report around the act to tell it is only recalled: kept.
        if len(self.doc.sentences) > 1:
            self.drafts = [d for d in self.drafts if not (d.background and d.date is None)]
