"""Drafts to Event records: names, codes, figures, places and the evidence for each value."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta
from typing import Protocol

from rasd.extract.analysis import Analysis
from rasd.extract.casualties import Casualty, lowest_firm
from rasd.extract.events import VIOLENT_TYPES, Draft
from rasd.records import Actor, ActorMention, Attribution, Event, Evidence, Place, PlaceMention

_LETHAL_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
"""Acts that can kill: with no toll in the text their fatalities are unknown (null), not 0."""
_PROTEST_INTERS = frozenset({2, 3, 4, 6})
"""Who may lead a protest as actor 1 (groups, militias, protesters); anyone else named near the
trigger («أمام مقر بعثة الأمم المتحدة») is a target or a landmark, and the actor is protesters."""
_UNHARMFUL_SUBTYPES = frozenset({"Abduction/forced disappearance"})
"""Sub-types of lethal event types that kill nobody unless the text gives a toll."""
_RIOT_INTERS = frozenset({2, 3, 4, 5})
"""Who may lead a riot as actor 1 (armed groups and militias, rioters); anyone else is rioters."""
_UNDATED_LAG = 1
"""Days before publication for an act the report gives no day for (daily papers report the day before)."""


class ActorBook(Protocol):
    """What assembly needs from the actor lexicon."""

    def get(self, actor_id: str) -> Actor | None: ...
    def generic(self, kind: str, iso3: str | None) -> Actor: ...
    def members(self, actor_id: str) -> list[Actor]: ...
    def coded(self, actor: Actor) -> tuple[Actor, Actor | None]: ...


class CountryBook(Protocol):
    def country(self, iso3: str) -> Place: ...


def _ev(field: str, start: int, end: int, text: str, rule: str) -> Evidence:
    return Evidence(field=field, start=start, end=end, text=text, rule=rule)


def _sentence_totals(figures: list[Casualty], kind: str) -> list[Casualty]:
    """One figure per sentence: the parts stated in a sentence added up."""
    by_sentence: dict[int, list[Casualty]] = defaultdict(list)
    for c in figures:
        if c.kind == kind:
            by_sentence[c.sentence].append(c)
    out = []
    for items in by_sentence.values():
        first, last = items[0], items[-1]
        out.append(
            Casualty(kind, sum(c.value for c in items), first.start, last.end, first.text, first.sentence,
                     any(c.approximate for c in items))
        )
    return out


class Assembler:
    """Turns the drafts of one article into events."""

    def __init__(self, doc: Analysis, actors: ActorBook, countries: CountryBook) -> None:
        self.doc = doc
        self.actors = actors
        self.countries = countries

    def country_iso3(self, drafts: list[Draft]) -> str | None:
        for d in drafts:
            if d.place is not None:
                return d.place.place.iso3
        return self.doc.country_hint

    def build(self, drafts: list[Draft]) -> list[Event]:
        fallback_iso3 = self.country_iso3(drafts)
        return [self._event(d, fallback_iso3) for d in drafts]

    # ------------------------------------------------------------------ parts
    def _place(self, d: Draft, iso3: str | None) -> tuple[PlaceMention | None, Place | None, int | None, bool]:
        if d.place is not None:
            prec = d.place.geo_precision
            inherited = d.parent is not None and d.place is d.parent.place
            return d.place, d.place.place, (max(prec, 2) if inherited else prec), inherited
        if d.parent is not None and d.parent.place is not None:
            p = d.parent.place
            return p, p.place, max(p.geo_precision, 2), True
        if iso3:
            try:
                return None, self.countries.country(iso3), 3, False
            except KeyError:
                return None, None, None, False
        return None, None, None, False

    def _actor1(self, d: Draft, iso3: str | None) -> tuple[Actor | None, ActorMention | None, str]:
        if d.claims:
            claim = d.claims[0]
            actor = claim.claimant.actor
            parent = self.actors.get(actor.parent) if actor.parent else None
            return parent or actor, claim.claimant, "claim"
        perps = [a for a in d.perpetrators if a.actor.inter != 7 or d.event_type in ("Protests", "Riots")]
        if perps and not (d.blames and perps[0].actor.id.startswith("generic:unidentified")):
            return perps[0].actor, perps[0], "perpetrator"
        if d.blames:  # blame names who an unnamed attacker («انتحارية») is said to be
            return d.blames[0].accused.actor, d.blames[0].accused, "attribution"
        if d.event_type == "Strategic developments" or d.family == "territory":
            # Arrests and seizures are announced by the forces that made them («خلية الإعلام الأمني»).
            sent = self.doc.sentences[d.trigger.sentence]
            state = [a for a in self.doc.actors if sent.start <= a.start < sent.end and a.actor.inter == 1]
            if state:
                return state[0].actor, state[0], "announcer"
        return None, None, "default"

    def _default_actor1(self, d: Draft, iso3: str | None) -> Actor | None:
        if d.event_type == "Protests":
            return self.actors.generic("protesters", iso3)
        if d.event_type == "Riots":
            return self.actors.generic("rioters", iso3)
        if d.event_type in VIOLENT_TYPES:
            return self.actors.generic("unidentified", iso3)
        return None

    def _event(self, d: Draft, fallback_iso3: str | None) -> Event:
        doc = self.doc
        evidence: list[Evidence] = []
        hit = d.trigger
        evidence.append(_ev("event_type", hit.start, hit.end, hit.text, f"trigger:{hit.entry.id}"))

        # When.
        event_date: date | None = None
        precision: int | None = None
        if d.date is not None and d.date.date is not None:
            event_date, precision = d.date.date, d.date.precision
            if d.date_inherited:
                precision = max(precision, 2)
            else:
                evidence.append(_ev("event_date", d.date.start, d.date.end, d.date.text, f"date:{d.date.kind}"))
        elif doc.article.published is not None:
            # An act a news report gives no day for: the day before publication, a few days' precision.
            event_date, precision = doc.article.published - timedelta(days=_UNDATED_LAG), 2

        # Where.
        mention, place, geo_precision, inherited = self._place(d, fallback_iso3)
        iso3 = place.iso3 if place else fallback_iso3
        if mention is not None and not inherited:
            evidence.append(_ev("location", mention.start, mention.end, mention.text, "gazetteer"))

        # Who.
        actor1, a1_mention, a1_rule = self._actor1(d, iso3)
        if d.event_type == "Protests" and (actor1 is None or actor1.inter not in _PROTEST_INTERS):
            crowd = a1_mention if a1_mention is not None and a1_mention.actor.inter == 7 else None
            actor1, a1_mention, a1_rule = self.actors.generic("protesters", iso3), crowd, "protest"
        event_type, sub_event_type = d.event_type, d.sub_event_type
        if event_type == "Battles" and actor1 is not None and actor1.inter in (5, 6):
            # a crowd fighting the police is a violent demonstration, not a battle of armed groups
            event_type, sub_event_type = "Riots", "Violent demonstration"
        if event_type == "Riots" and actor1 is not None and (
                actor1.inter not in _RIOT_INTERS or actor1.id.startswith("generic:unidentified")):
            # a crowd that turns violent is rioters (ACLED inter 5), whatever word the text uses for it;
            # the police it fights is its target, never the rioter
            fought = a1_mention if actor1.inter == 1 else None
            crowd = a1_mention if a1_mention is not None and a1_mention.actor.inter in (6, 7) else None
            actor1, a1_mention, a1_rule = self.actors.generic("rioters", iso3), crowd, "riot"
        else:
            fought = None
        if actor1 is None:
            actor1 = self._default_actor1(d, iso3)
        targets = [a for a in ([fought] if fought else []) + d.targets if actor1 is None or a.actor.id != actor1.id]
        a2_mention = targets[0] if targets else None
        actor2 = a2_mention.actor if a2_mention else None
        if a1_mention is not None:
            evidence.append(_ev("actor1", a1_mention.start, a1_mention.end, a1_mention.text, f"{a1_rule}:{a1_mention.rule}"))
        if a2_mention is not None:
            evidence.append(_ev("actor2", a2_mention.start, a2_mention.end, a2_mention.text, f"target:{a2_mention.rule}"))
        assoc1 = "; ".join(m.name for m in self.actors.members(actor1.id)) if actor1 else ""
        assoc2 = ""
        if actor1 is not None:
            actor1, stands_for = self.actors.coded(actor1)
            assoc1 = stands_for.name if stands_for else assoc1
        if actor2 is not None:
            actor2, stands_for = self.actors.coded(actor2)
            assoc2 = stands_for.name if stands_for else ""
        if d.trigger.entry.family == "territory" and actor1 is not None and event_type == "Battles":
            # Who took the ground decides the sub-type: state forces regain, others overtake.
            sub_event_type = (
                "Government regains territory" if actor1.inter == 1 else "Non-state actor overtakes territory"
            )

        claimed: list[str] = []
        for c in d.claims:
            name = self._claim_name(c.claimant.actor)
            if name not in claimed:
                claimed.append(name)
                evidence.append(_ev("claimed_by", c.cue.start, c.claimant.end if c.claimant.end > c.cue.start else c.cue.end,
                                    doc.text[c.cue.start: max(c.claimant.end, c.cue.end)], "claim"))
        blamed: list[Attribution] = []
        for b in d.blames:
            item = Attribution(actor=b.accused.actor.name, by=b.by.actor.name if b.by else None)
            if item not in blamed:
                blamed.append(item)
                s, e = min(b.cue.start, b.accused.start), max(b.cue.end, b.accused.end)
                evidence.append(_ev("attributed_to", s, e, doc.text[s:e], "attribution"))

        # How many.
        fatalities, injuries = self._figures(d, evidence)

        weapons = list(dict.fromkeys(list(hit.entry.weapons) + list(d.weapons)))
        for wid, (s, e, t) in d.weapons.items():
            evidence.append(_ev("weapons", s, e, t, f"weapon:{wid}"))

        location = place.name if place else None
        event = Event(
            event_id=self._event_id(d, mention),
            article_id=doc.article.id,
            event_date=event_date,
            time_precision=precision,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1.name if actor1 else None,
            actor1_ar=a1_mention.text if a1_mention else None,
            inter1=_inter(actor1, iso3),
            assoc_actor_1=assoc1 or None,
            actor2=actor2.name if actor2 else None,
            actor2_ar=a2_mention.text if a2_mention else None,
            inter2=_inter(actor2, iso3),
            assoc_actor_2=assoc2 or None,
            claimed_by=tuple(claimed),
            attributed_to=tuple(blamed),
            country=place.country if place else None,
            iso3=iso3,
            admin1=place.admin1 if place else None,
            admin2=place.admin2 if place else None,
            location=location,
            location_ar=mention.text if mention is not None else None,
            latitude=round(place.latitude, 4) if place else None,
            longitude=round(place.longitude, 4) if place else None,
            geo_precision=geo_precision,
            fatalities=fatalities,
            injuries=injuries,
            weapons=tuple(weapons),
            background=d.background,
            source=doc.article.source,
            evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.field))),
        )
        return event.replace(notes=notes_for(event))

    def _claim_name(self, actor: Actor) -> str:
        parent = self.actors.get(actor.parent) if actor.parent else None
        return f"{actor.name} ({parent.name})" if parent and parent.name not in actor.name else actor.name

    def _figures(self, d: Draft, evidence: list[Evidence]) -> tuple[int | None, int | None]:
        killed = lowest_firm(_sentence_totals(d.casualties, "killed"))
        injured = lowest_firm(_sentence_totals(d.casualties, "injured"))
        for kind, fig in (("fatalities", killed), ("injuries", injured)):
            if fig is not None:
                for c in d.casualties:
                    if c.sentence == fig.sentence and c.kind == ("killed" if kind == "fatalities" else "injured"):
                        evidence.append(_ev(kind, c.start, c.end, c.text, "casualties"))
        if killed is not None:
            fatalities: int | None = killed.value
        elif d.trigger.entry.implied_fatalities is not None:
            fatalities = d.trigger.entry.implied_fatalities
        elif d.event_type not in _LETHAL_TYPES or d.sub_event_type in _UNHARMFUL_SUBTYPES:
            fatalities = 0  # an arrest, a protest, an abduction: deaths told nearby belong to another act
        elif d.trigger.entry.family == "killing" or self.doc.deaths_without_count(d.sentences):
            fatalities = None  # deaths reported without a number («قتل جنرال في هجوم صاروخي»)
        elif self.doc.no_casualties(d.sentences):
            return 0, 0  # «دون وقوع إصابات»
        elif injured is not None:
            fatalities = 0  # only injuries reported
        else:
            fatalities = None  # an attack whose toll the text does not give
        return fatalities, injured.value if injured else None

    def _event_id(self, d: Draft, mention: PlaceMention | None) -> str:
        key = f"{self.doc.article.id}|{d.trigger.start}|{d.sub_event_type}|{mention.start if mention else ''}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def notes_for(e: Event) -> str:
    """One English sentence summing up the event."""
    who = e.actor1 or "An unidentified actor"
    what = e.sub_event_type.lower()
    target = f" against {e.actor2}" if e.actor2 else ""
    where = ", ".join(x for x in (e.location if e.location != e.country else None, e.country) if x) or "an unknown place"
    when = f" on {e.event_date.isoformat()}" if e.event_date else ""
    if e.time_precision == 3 and e.event_date:
        when = f" in {e.event_date.strftime('%B %Y')}"
    elif e.time_precision == 2 and e.event_date:
        when = f" around {e.event_date.isoformat()}"
    toll = []
    if e.fatalities:
        toll.append(f"{e.fatalities} killed")
    if e.injuries:
        toll.append(f"{e.injuries} injured")
    tail = f" ({', '.join(toll)})" if toll else ""
    bg = " Recalled as background." if e.background else ""
    return f"{who}: {what}{target} in {where}{when}{tail}.{bg}"


def _inter(actor: Actor | None, iso3: str | None) -> int | None:
    """ACLED's inter code: a state's forces acting outside their own country are external forces (8)."""
    if actor is None:
        return None
    if actor.inter == 1 and actor.iso3 and iso3 and actor.iso3 != iso3:
        return 8
    return actor.inter
