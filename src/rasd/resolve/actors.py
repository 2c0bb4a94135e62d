"""Actor resolution: find every actor mention in Arabic text and map it to a canonical actor.

Data lives in ``lang/ar/actors/*.yaml`` (named actors and the country table) and
``lang/ar/actor_descriptions.yaml`` (descriptions such as «القوات الأميركية», «مسلحون مجهولون»).
Matching runs one Aho-Corasick automaton over a matching form of the text (``rasd.text.normalize``
plus a few folds from the description file), accepts a match only on word boundaries, and allows
the proclitics و ف ب ل ك and the article ال / لل before a name. Offsets always point into the
original text.

Context-dependent descriptions («الجيش», «مسلحون مجهولون», «مدنيين») take the country given to
:meth:`ActorLexicon.find` or, when none is given, the country named most often in the text outside
actor names (see :meth:`ActorLexicon.context_country`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from rasd.records import Actor, ActorMention
from rasd.resolve.actor_data import (
    KINDS,
    ActorDataError,
    Country,
    Entry,
    descriptions,
    expand_rules,
    load_countries,
    load_entries,
    nisba_forms,
    parse_weak,
)
from rasd.text.normalize import norm, normalize

_PRIORITY = {"entry": 3, "nisba": 2, "context": 1, "place": 0}


@dataclass(frozen=True, slots=True)
class _Target:
    scope: str
    """"entry", "nisba" (country fixed), "context" (country from context) or "place"."""
    kind: str
    """"entry", "place" or one of KINDS."""
    ref: str | None
    """Entry id (scope entry), or iso3 (scope nisba / place)."""
    definite: bool
    """The key had its article stripped: the text must carry ال / لل before it."""
    rule: str
    weak_in: tuple[str, ...] | None = None
    """Weak alias: only valid when the context country is one of these."""


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    """Span in the matching form (article included when present)."""
    target: _Target


class ActorLexicon:
    """The actor lexicon compiled for matching. Build once (see :func:`default_lexicon`)."""

    def __init__(self, entries: dict[str, Entry], countries: dict[str, Country]) -> None:
        desc = descriptions()
        match = desc["match"]
        self._fold = {ord(k): v for k, v in match.get("fold", {}).items()}
        self._drop = set(match.get("drop", ()))
        drop = "".join(re.escape(ch) for ch in sorted(self._drop))
        self._runs = re.compile(rf"\s+|[^\s{drop}]+")
        # one table for alias keys: the normaliser's own map, then the folds and drops above
        codes = [*range(0x0600, 0x0700), *range(0x2000, 0x2070), 0xA0, 0xAB, 0xBB, 0xFEFF]
        base: dict[int, str | None] = {i: norm(chr(i)) or None for i in codes}
        base.update(self._fold)
        base.update({ord(c): None for c in self._drop})
        self._key_table = {k: v for k, v in base.items() if v != chr(k)}
        self._re_indef = re.compile(norm(match["proclitics_indefinite"]))
        self._re_def = re.compile(norm(match["proclitics_definite"]))
        self._kinds: dict[str, dict[str, Any]] = desc["kinds"]
        self._cues = {norm(w) for w in match.get("locative_cues", ())}
        self._pro_iran_map: dict[str, str] = desc.get("pro_iran_map") or {}
        self.countries = countries
        self.entries: dict[str, Entry] = {}
        self._generic_cache: dict[tuple[str, str | None], Actor] = {}
        self._actors: dict[str, Actor] = {}
        for entry in self._state_entries(countries):
            self.entries[entry.id] = entry
        self.entries.update(entries)
        for e in self.entries.values():
            self._actors[e.id] = Actor(
                id=e.id,
                name=e.name,
                name_ar=e.name_ar,
                inter=e.inter,
                country=self._country_name(e.iso3),
                iso3=e.iso3,
                wikidata=e.wikidata,
                parent=e.parent,
            )
        for e in self.entries.values():
            if e.coded_as and self.get(e.coded_as) is None:
                raise ActorDataError(f"{e.source}: {e.id}: coded_as {e.coded_as!r} is not an actor")
        self._automaton = self._build()

    # ----------------------------------------------------------------- building

    def _state_entries(self, countries: dict[str, Country]) -> list[Entry]:
        """Military / police / government of every country in the table, as lexicon entries."""
        out = []
        for c in countries.values():
            for kind in ("military", "police", "government"):
                spec = c.forces.get(kind) or {}
                kdef = self._kinds[kind]
                nf = nisba_forms(c.nisba[0]) if c.nisba else None
                name_ar = spec.get("name_ar") or (kdef["name_ar"].format(**nf) if nf else None)
                raw_aliases = list(spec.get("aliases") or ())
                aliases = [a for a in raw_aliases if not a.startswith("~")]
                weak = [parse_weak(a, c.iso3, f"countries.yaml: {c.iso3}") for a in raw_aliases if a.startswith("~")]
                if not name_ar:
                    name_ar = aliases[0] if aliases else c.names_ar[0]
                example = spec.get("example") or (
                    kdef["example"].format(**nf) if nf else kdef["example_no_nisba"].format(ar=c.names_ar[0])
                )
                out.append(
                    Entry(
                        id=f"generic:{kind}:{c.iso3}",
                        name=kdef["name"].format(country=c.name, of=c.of),
                        name_ar=name_ar,
                        aliases=tuple(dict.fromkeys(aliases)),
                        weak_aliases=tuple(weak),
                        inter=int(kdef["inter"]),
                        iso3=c.iso3,
                        wikidata=spec.get("wikidata"),
                        parent=None,
                        example=example,
                        members=(),
                        source="actors/countries.yaml",
                    )
                )
        return out

    def _key(self, alias: str) -> tuple[str, bool]:
        form = " ".join(alias.translate(self._key_table).split())
        if form.startswith("ال") and len(form.split(" ")[0]) > 3:
            return form[2:], True
        return form, False

    def _build(self) -> ahocorasick.Automaton:
        # (alias, scope, kind, ref, rule, weak) for every alias; keys are computed in one batch
        specs: list[tuple[str, str, str, str | None, str, tuple[str, ...] | None]] = []
        for e in self.entries.values():
            specs.extend((a, "entry", "entry", e.id, e.id, None) for a in e.aliases)
            specs.extend((a, "entry", "entry", e.id, e.id, where) for a, where in e.weak_aliases)
        for rule in expand_rules(self.countries):
            for alias, iso3 in rule.forms:
                scope = "context" if iso3 is None else "nisba"
                specs.append((alias, scope, rule.kind, iso3, rule.id, None))
        for c in self.countries.values():
            for name in c.names_ar + c.places:
                specs.append((name, "place", "place", c.iso3, f"place:{c.iso3}", None))
            if c.metonym_forces:
                for name in c.names_ar:
                    specs.append((name, "nisba", "military", c.iso3, f"metonym:{c.iso3}", None))
        forms = "\n".join(spec[0] for spec in specs).translate(self._key_table).split("\n")
        table: dict[str, list[_Target]] = {}
        interned: dict[tuple[str, str, str | None, bool, str, tuple[str, ...] | None], _Target] = {}
        for (_, scope, kind, ref, rule_id, weak), form in zip(specs, forms, strict=True):
            key = " ".join(form.split())
            is_def = key.startswith("ال") and key.find(" ", 0, 4) == -1 and len(key.split(" ", 1)[0]) > 3
            if is_def:
                key = key[2:]
            if not key:
                continue
            sig = (scope, kind, ref, is_def, rule_id, weak)
            t = interned.get(sig)
            if t is None:
                t = interned[sig] = _Target(scope, kind, ref, is_def, rule_id, weak)
            bucket = table.setdefault(key, [])
            if t not in bucket:
                bucket.append(t)
        automaton = ahocorasick.Automaton()
        for key, targets in table.items():
            targets.sort(key=lambda t: -_PRIORITY[t.scope])
            automaton.add_word(key, (len(key), tuple(targets)))
        automaton.make_automaton()
        return automaton

    # ----------------------------------------------------------------- matching

    def _form(self, text: str) -> tuple[str, list[int]]:
        """Matching form of already-normalised text, with each character's index in ``text``."""
        out: list[str] = []
        idx: list[int] = []
        for m in self._runs.finditer(text.translate(self._fold)):  # runs of kept letters or of spaces
            run = m.group()
            if run[0].isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    idx.append(m.start())
            else:
                out.append(run)
                idx.extend(range(m.start(), m.end()))
        return "".join(out), idx

    def _hits(self, form: str) -> list[_Hit]:
        hits = []
        n = len(form)
        for end_idx, (klen, targets) in self._automaton.iter(form):
            s, e = end_idx - klen + 1, end_idx + 1
            if e < n and form[e].isalnum():
                continue
            ws = s
            while ws > 0 and form[ws - 1].isalnum():
                ws -= 1
            prefix = form[ws:s]
            if len(prefix) > 4:
                continue
            ok_def = self._re_def.fullmatch(prefix) is not None
            if not ok_def and form[s] == "ل" and prefix in ("ل", "ول", "فل"):
                ok_def = True  # ل + اللواء is written للواء: the article's lam merges with the word's
            ok_indef = self._re_indef.fullmatch(prefix) is not None
            for t in targets:
                if (t.definite and ok_def) or (not t.definite and ok_indef):
                    start = s - 2 if t.definite and prefix.endswith("ال") else s
                    hits.append(_Hit(start, e, t))
        return hits

    def context_country(self, text: str) -> str | None:
        """The country named most often in ``text`` outside actor names (ties: first named)."""
        form, _ = self._form(norm(text))
        return self._context(self._hits(form), form)

    def _context(self, hits: list[_Hit], form: str) -> str | None:
        """Most named country; a name after a locative cue («في العراق»، «ببغداد») counts thrice."""
        covered = [(h.start, h.end) for h in hits if h.target.scope in ("entry", "nisba")]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for h in hits:
            if h.target.scope != "place" or h.target.ref is None:
                continue
            if any(a <= h.start and h.end <= b and (b - a) > (h.end - h.start) for a, b in covered):
                continue
            counts[h.target.ref] = counts.get(h.target.ref, 0) + (3 if self._locative(form, h.start) else 1)
            first.setdefault(h.target.ref, h.start)
        if not counts:
            return None
        return min(counts, key=lambda k: (-counts[k], first[k]))

    def _locative(self, form: str, start: int) -> bool:
        ws = start
        while ws > 0 and form[ws - 1].isalnum():
            ws -= 1
        if "ب" in form[ws:start]:
            return True
        prev = form[max(0, ws - 12) : ws].split()
        return bool(prev) and prev[-1] in self._cues

    def find(self, text: str, *, country: str | None = None, metonyms: bool = False) -> list[ActorMention]:
        """All actor mentions in ``text``: longest first, non-overlapping, in text order.

        ``country`` (iso3) is the context for «الجيش», «مجهولون», «مدنيين»...; when None it is
        inferred with :meth:`context_country`. ``metonyms`` also returns country names that act
        through their forces («شنت إسرائيل غارات», rule ``metonym:ISR``); they are off by default
        because the same words are place names.
        """
        normed = normalize(text)
        form, idx = self._form(normed.text)
        hits = self._hits(form)
        ctx = country.upper() if country else self._context(hits, form)
        chosen: list[tuple[_Hit, Actor]] = []
        taken = bytearray(len(form) + 1)
        def order(h: _Hit) -> tuple[int, int, int, int]:
            # longest, then leftmost, then named entries before descriptions, weak (context-
            # specific) aliases before strong ones sharing the same words
            return (-(h.end - h.start), h.start, -_PRIORITY[h.target.scope], h.target.weak_in is None)

        for h in sorted(hits, key=order):
            if h.target.scope == "place" or any(taken[h.start : h.end]):
                continue
            if not metonyms and h.target.rule.startswith("metonym:"):
                continue
            actor = self._actor_for(h.target, ctx)
            if actor is None:
                continue
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
            chosen.append((h, actor))
        chosen.sort(key=lambda p: p[0].start)
        out = []
        for h, actor in chosen:
            o_start, o_end = normed.to_original(idx[h.start], idx[h.end - 1] + 1)
            out.append(ActorMention(o_start, o_end, text[o_start:o_end], actor, rule=h.target.rule))
        return out

    def _actor_for(self, t: _Target, ctx: str | None) -> Actor | None:
        if t.scope == "entry":
            if t.weak_in is not None and ctx not in t.weak_in:
                return None
            return self._actors.get(t.ref or "")
        iso3 = t.ref if t.scope == "nisba" else ctx
        if t.kind == "pro_iran":
            target = self._pro_iran_map.get(iso3 or "", self._pro_iran_map.get("_default"))
            if target and target in self._actors and (iso3 is None or iso3 in self._pro_iran_map):
                return self._actors[target]
        return self.generic(t.kind, iso3)

    # ----------------------------------------------------------------- lookups

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id (lexicon entries and ``generic:<kind>[:<iso3>]`` ids)."""
        if actor_id in self._actors:
            return self._actors[actor_id]
        parts = actor_id.split(":")
        if parts[0] == "generic" and len(parts) in (2, 3) and parts[1] in KINDS:
            return self.generic(parts[1], parts[2] if len(parts) == 3 else None)
        return None

    def resolve(self, phrase: str, *, country: str | None = None) -> Actor | None:
        """The best actor for a phrase: the longest mention found in it, or None."""
        mentions = self.find(phrase, country=country, metonyms=True)
        if not mentions:
            return None
        return max(mentions, key=lambda m: (m.end - m.start, -m.start)).actor

    def members(self, actor_id: str) -> list[Actor]:
        """Member actors of a coalition (fill ``assoc_actor_1`` with their names, «; »-joined)."""
        entry = self.entries.get(actor_id)
        if entry is None:
            return []
        return [a for a in (self.get(m) for m in entry.members) if a is not None]

    def coded(self, actor: Actor) -> tuple[Actor, Actor | None]:
        """The actor an event record names for ``actor``, and the associated actor it stands for.

        Most actors are coded as themselves: ``(actor, None)``. An entry with ``coded_as`` (a
        coalition coded under its leading state's forces) gives ``(that actor, actor)``.
        """
        entry = self.entries.get(actor.id)
        lead = self.get(entry.coded_as) if entry is not None and entry.coded_as else None
        return (lead, actor) if lead is not None else (actor, None)

    def state_forces(self, iso3: str, kind: str = "military") -> Actor:
        if kind not in ("military", "police"):
            raise ValueError(f"kind must be 'military' or 'police', not {kind!r}")
        return self.generic(kind, iso3)

    def unidentified(self, iso3: str | None) -> Actor:
        return self.generic("unidentified", iso3)

    def civilians(self, iso3: str | None) -> Actor:
        return self.generic("civilians", iso3)

    def protesters(self, iso3: str | None) -> Actor:
        return self.generic("protesters", iso3)

    def rioters(self, iso3: str | None) -> Actor:
        return self.generic("rioters", iso3)

    def generic(self, kind: str, iso3: str | None) -> Actor:
        """The actor of a context-dependent kind for a country (None: country unknown)."""
        if kind not in KINDS:
            raise ValueError(f"unknown actor kind {kind!r}")
        iso3 = iso3.upper() if iso3 else None
        if iso3 and f"generic:{kind}:{iso3}" in self._actors:
            return self._actors[f"generic:{kind}:{iso3}"]
        key = (kind, iso3)
        actor = self._generic_cache.get(key)
        if actor is None:
            kdef = self._kinds[kind]
            if iso3 is None:
                actor = Actor(id=f"generic:{kind}", name=kdef["name_unknown"], inter=int(kdef["inter"]))
            else:
                c = self.countries.get(iso3)
                cname = self._country_name(iso3) or iso3
                of = c.of if c else cname
                name_ar = kdef["name_ar"].format(**nisba_forms(c.nisba[0])) if c and c.nisba else None
                actor = Actor(
                    id=f"generic:{kind}:{iso3}",
                    name=kdef["name"].format(country=cname, of=of),
                    name_ar=name_ar,
                    inter=int(kdef["inter"]),
                    country=cname,
                    iso3=iso3,
                )
            self._generic_cache[key] = actor
        return actor

    def _country_name(self, iso3: str | None) -> str | None:
        if not iso3:
            return None
        c = self.countries.get(iso3)
        if c is not None:
            return c.name
        return _pycountry_name(iso3)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._actors[i] for i in self.entries)


@lru_cache(maxsize=256)
def _pycountry_name(iso3: str) -> str | None:
    try:
        import pycountry

        rec = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, KeyError, LookupError):
        return None
    return getattr(rec, "common_name", None) or (rec.name if rec else None)


@lru_cache(maxsize=1)
def default_lexicon() -> ActorLexicon:
    """The packaged lexicon, built once per process."""
    return ActorLexicon(load_entries(), load_countries())
