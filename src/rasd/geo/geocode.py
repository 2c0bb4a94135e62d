"""Find and resolve the place mentions of a text.

One Aho-Corasick automaton over every normalised Arabic name of the gazetteer finds the names;
boundaries allow attached proclitics (بالعراق، وفي الموصل، للعراق); the longest name wins; a place
word before it («محافظة», «مخيم») says which feature is meant and a relation phrase («شمال»,
«قرب», «ريف») gives the relation and the precision. Same-name places are ranked by feature type,
population, the countries and regions the whole text is about, and the caller's country hint.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from rasd.geo.gazetteer import Entry, Gazetteer, km
from rasd.geo.lexicon import GeoLexicon, Relation, geo_lexicon
from rasd.geo.names import fold, hamza_loose, hamza_surfaces, is_arabic
from rasd.geo.translit import arabic_skeleton, arabic_variants, latin_skeleton, sound_similarity
from rasd.records import Place, PlaceMention
from rasd.text.normalize import normalize
from rasd.text.tokens import is_protected

NISBA_SUFFIXES = frozenset({"ي", "يه", "يين", "يون", "يان", "يتين", "يتان", "ييه"})
REGION = frozenset({
    "IRQ", "SYR", "LBN", "JOR", "PSE", "ISR", "IRN", "TUR", "SAU", "YEM", "EGY", "LBY", "TUN", "DZA",
    "MAR", "MRT", "SDN", "SSD", "SOM", "DJI", "KWT", "QAT", "BHR", "ARE", "OMN", "AFG", "PAK",
})
BIG_CITY = 2.5
BASE_SCORE = {"country": 6.0, "admin1": 4.5, "region": 5.0, "site": 5.5, "admin2": 3.0}
RELATIVE_PRECISION = {"country": 3, "admin1": 3, "region": 3}
STRONG_FEATURES = frozenset({"country", "admin1", "site", "region"})
NON_ARABIC = frozenset({"IRN", "TUR", "AFG", "ISR", "PAK"})
MIN_SKELETON = 3  # consonants; shorter skeletons (ووهان → "hn") match too many names
SOUND_NEAR = 80.0  # how alike an Arabic name and a Latin one must sound, in the text's countries
SOUND_FAR = 85.0  # and elsewhere
PREPOSITIONS = frozenset({"في", "الي", "من", "علي", "ب"})
# Proclitics that glue a name onto a word far more often than they introduce a place: «فاجأ» is
# not ف + أجا, «لغات» not ل + غات, «كسرت» not ك + سرت. After ف or ل a name must be a country, a
# region, a site or a city of 100,000 (فبغداد، لحلب); after ك («like») a country or a name with
# its article (كالعراق، كالموصل); else it is doubtful like a word.
RARE_PREFIXES = frozenset({"ك", "وك", "ف", "فب", "فل", "ل", "ول"})
LIKE_PREFIXES = frozenset({"ك", "وك"})
RARE_PREFIX_MIN_POP = 100_000
TINY_NAMESAKE = 10_000
CITY_NAMESAKE = 50_000  # after a city word («مدينة») a namesake this big rules out hamlets
# A country or region name with the nisba ending right after a definite feminine noun is an
# adjective: «الشركة السعودية», «الأحياء الشرقية» is not, «القوات السورية». Function words that
# begin with ال are not nouns.
DEFINITE_FUNCTION_WORDS = frozenset({"الي", "التي", "الذي", "الذين", "اللتي", "اللذين", "اللاتي", "الان"})


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    key: str
    word_start: int
    nisba: bool
    prefix: str = ""
    surface: str = ""
    span_start: int = -1
    hint: str | None = None
    relation: Relation | None = None
    place_word: str = ""
    written: str = ""
    """The name as written in the text, before the key drops a word-final hamza («فيفاء»)."""
    added: bool = False
    """Written with a word-final hamza no name of the gazetteer has («الشفاء» for الشفا)."""


class Geocoder:
    """Geocoder over a :class:`Gazetteer` (inject a small one in tests)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: GeoLexicon | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or geo_lexicon()
        self._automaton: ahocorasick.Automaton | None = None
        self._skeletons: dict[str, list[tuple[str, str]]] | None = None
        self._towns: frozenset[str] | None = None
        self._glued_forms: dict[frozenset[str], dict[str, int]] = {}

    # -- public API ------------------------------------------------------------------------
    def lookup(self, name: str, *, iso3: str | None = None) -> list[Place]:
        return self.gazetteer.lookup(name, iso3=iso3)

    def country(self, iso3: str) -> Place:
        return self.gazetteer.country(iso3)

    def admin1_of(self, lat: float, lon: float, iso3: str) -> str | None:
        return self.gazetteer.admin1_of(lat, lon, iso3)

    def find(self, text: str, *, country_hint: str | None = None) -> list[PlaceMention]:
        """Every place mention of ``text``, in text order, with offsets into ``text``."""
        return self._find(text, country_hint, trust=False)

    def _find(self, text: str, country_hint: str | None, *, trust: bool) -> list[PlaceMention]:
        """``trust``: the text is known to be a place name (a span from NER or an annotator), so
        names that are also everyday words are kept."""
        normed = normalize(text)
        s = fold(normed.text)
        matches = self._matches(s)
        votes: dict[str, float] = {}
        if country_hint:
            votes[country_hint.upper()] = 4.0
        plain: list[_Match] = []
        doubtful: list[_Match] = []
        prev_end = 0
        for m in matches:
            self._context(s, m, prev_end)
            whole = s[m.word_start:m.end]
            if self._strip_prefix(whole, self.lexicon.admin_words)[0] is None:
                prev_end = max(prev_end, m.end)  # «لواء» matched as ل + واء is still a place word
            if not m.nisba and self._adjective(s, normed.text, m):
                m.nisba, m.hint, m.relation, m.span_start = True, None, None, m.start
        # A name right after a place word takes no rare proclitic: «مدينة لوزان» is Lausanne, not ل + وزان.
        matches = [m for m in matches if not (m.hint is not None and m.prefix in RARE_PREFIXES)]
        matches = [m for m in matches if not any(
            o is not m and o.span_start <= m.start < o.end and o.end - o.span_start > m.end - m.start for o in matches)]
        for m in matches:
            if m.nisba:
                for pid in self.gazetteer.by_key[m.key]:
                    if pid.startswith("country:"):
                        votes[pid[8:]] = votes.get(pid[8:], 0.0) + 0.5
            elif m.hint is None and self._doubtful(m) and not self._after_preposition(s, m) and not (
                    trust and 2 * (m.end - m.start) >= len(s.strip())):
                doubtful.append(m)  # a trusted span is a place; a common word inside it is not
            else:
                plain.append(m)
                isos = {self.gazetteer.get(p).place.iso3 for p in self.gazetteer.by_key[m.key]}
                if len(isos) == 1:
                    iso = isos.pop()
                    votes[iso] = votes.get(iso, 0.0) + 1.0
        # A name that is also an everyday word counts only in a country the text is already about;
        # after a place word («مدينة صباح») it needs that too when the text is about a country.
        def plausible(m: _Match) -> bool:
            return any(self.gazetteer.get(p).place.iso3 in votes for p in self.gazetteer.by_key[m.key])

        kept = [m for m in plain if not (m.hint and self._doubtful(m) and votes and not plausible(m))]
        anchors = self._anchors(plain)
        admin1s = self._admin1_context(plain)

        def keep_doubtful(m: _Match) -> bool:
            if m.added:  # «الشفاء» healing, «فقهاء»: a hamza no name has, on a word or after a rare proclitic
                return not self._word_like(m) and m.prefix not in RARE_PREFIXES and self._supported(m, anchors, admin1s)
            return (m.written not in self.lexicon.stop_cue or m.written in self.lexicon.stop_prep) and (
                self._supported(m, anchors, admin1s) or (not self._word_like(m) and plausible(m)))

        kept += [m for m in doubtful if keep_doubtful(m)]
        kept.sort(key=lambda m: m.start)
        admin1s = self._admin1_context(kept)
        anchors = self._anchors(kept)
        out = []
        bests = {m.start: self._rank(m, votes, admin1s, [a for a in anchors if a[2] != m.start]) for m in kept}
        for i, m in enumerate(kept):
            ranked = bests[m.start]
            best = ranked[0]
            others = [a for a in anchors if a[2] != m.start]
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            if not trust and (self._stray(m, best, votes, others, admin1s) or self._after_title(s, m, best)
                              or self._longer_name(s, m, best)
                              or (nxt is not None and self._placed_elsewhere(s, m, best, nxt, bests[nxt.start][0]))):
                continue
            relation, precision = self._precision(m, best)
            o_start, o_end = normed.to_original(m.span_start, m.end)
            out.append(PlaceMention(
                start=o_start, end=o_end, text=text[o_start:o_end], place=best.place,
                geo_precision=precision, relation=relation,
                candidates=tuple(e.place for e in ranked[1:5]),
            ))
        if not trust:
            tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(s)]
            out += self._heard_towns(text, normed, s, tokens, out, votes)
            out.sort(key=lambda pm: pm.start)
            out += self._localities(text, normed, s, tokens, out)
            out.sort(key=lambda pm: pm.start)
        return out

    def _placed_elsewhere(self, s: str, m: _Match, best: Entry, nxt: _Match, region: Entry) -> bool:
        """«منطقة المفرق بمحافظة الجوف اليمنية», «بلدة الكرك الشرقي بريف درعا»: a place said to lie
        in a region or town of another country is a namesake the gazetteer lacks, not the place it
        knows."""
        if best.place.feature_type == "country" or not (region.place.feature_type in (
                "admin1", "country", "populated_place", "region") or region.kind in ("town", "area")):
            return False  # «مدينة العيون بالأحساء»: the Saudi town, not Mauritania's
        if region.place.iso3 == best.place.iso3:
            return False
        gap = s[m.end:nxt.span_start].split()
        if gap and gap[0] in self.lexicon.localities.get("name_tails", ()):
            gap = gap[1:]  # «الكرك الشرقي بريف درعا»: the name goes on before the region
        if gap:  # «من دمشق إلى بيروت»: «إلى» says where to, not where in
            return len(gap) == 1 and gap[0] in PREPOSITIONS and gap[0] != "الي"
        if nxt.relation is not None and nxt.relation.relation != "border":
            return True  # «حي الخالدية شمال حلب»: placed by its bearing from a town of another country
        return s[nxt.span_start:nxt.span_start + 1] in PREPOSITIONS or s[nxt.word_start:nxt.word_start + 1] in PREPOSITIONS

    def _longer_name(self, s: str, m: _Match, best: Entry) -> bool:
        """«ظهران الجنوب»: a town name followed at once by a word that continues names is part of a
        longer name the gazetteer lacks (countries and regions are kept)."""
        if best.place.feature_type in ("country", "admin1", "region"):
            return False
        nxt = s[m.end:].split(maxsplit=1)
        return bool(nxt) and s[m.end:m.end + 1] == " " and nxt[0] in self.lexicon.name_tails

    def _heard_towns(self, text: str, normed: Any, s: str, tokens: list[tuple[int, int, str]],
                     found: list[PlaceMention], votes: dict[str, float]) -> list[PlaceMention]:
        """A town word followed by a name the gazetteer lacks in Arabic («مدينة سوروتش»): the town
        of a country the text is about whose Latin name sounds the same (see ``_by_sound``)."""
        out: list[PlaceMention] = []
        taken = [(m.start, m.end) for m in found]
        others = Counter({iso: 1 for iso in votes})
        towns = self._town_forms()
        for (w_start, _w_end, word), (_n_start, n_end, name) in zip(tokens, tokens[1:], strict=False):
            if word not in towns or not name.isalpha() or len(name) < 3:
                continue
            o_start, o_end = normed.to_original(w_start, n_end)
            if any(a < o_end and o_start < b for a, b in taken):
                continue
            if name in self.lexicon.never or name in self.gazetteer.common or name in self.lexicon.stop_cue:
                continue
            heard = self._by_sound([name], others, found)
            if heard is None:
                continue
            out.append(PlaceMention(o_start, o_end, text[o_start:o_end], heard.place, 1, "in", ()))
            taken.append((o_start, o_end))
        return out

    def _localities(self, text: str, normed: Any, s: str, tokens: list[tuple[int, int, str]],
                    found: list[PlaceMention]) -> list[PlaceMention]:
        """Named places the gazetteer lacks, placed by the known place that contains them («قرية
        المنطار بريف حلب الجنوبي»): kind "locality", the container's coordinates, precision 2. See
        ``lang/ar/geo_localities.yaml``."""
        lists = self.lexicon.localities
        if not lists:
            return []
        memo: dict[int, tuple[int, int]] = {}

        def span(i: int) -> tuple[int, int]:
            """Token ``i`` in the original text (computed on demand: few tokens are looked at)."""
            if i not in memo:
                memo[i] = normed.to_original(tokens[i][0], tokens[i][1])
            return memo[i]

        def known(i: int) -> bool:
            a, b = span(i)
            return any(m.start < b and a < m.end for m in found)

        def name_end(i: int, skip: int) -> int | None:
            """Index after the name starting at token i (its first ``skip`` letters a proclitic)."""
            if i >= len(tokens) or known(i):
                return None
            word = tokens[i][2][skip:]
            if (not word.isalpha() or len(word) < 2 or word in lists["not_names"] or word in self.lexicon.never
                    or word in self.gazetteer.common or word in lists["place_words"]):
                return None
            if i + 1 < len(tokens) and self._joined(s, tokens[i], tokens[i + 1]) and not known(i + 1) and (
                    word in lists["name_heads"] or tokens[i + 1][2] in lists["name_tails"]):
                return i + 2
            if not word.startswith(tuple(lists["articles"])) and word.endswith(tuple(lists["adjective_endings"])):
                return None  # an indefinite nisba adjective («منطقة عسكرية»), not a name
            return i + 1

        # Candidates: (mention start in s, first name token, its proclitic length, token after the name).
        cands: list[tuple[int, int, int, int]] = []
        place_forms = self._glued(lists["place_words"])
        for i, (a, _b, word) in enumerate(tokens):
            k = place_forms.get(word)
            if k is None or i + 1 >= len(tokens) or not self._joined(s, tokens[i], tokens[i + 1]):
                continue
            end = name_end(i + 1, 0)
            if end is not None:
                cands.append((a + k, i + 1, 0, end))
            after = end or (i + 2 if known(i + 1) else None)
            if word[k:] in lists["dual_words"] and after is not None and after < len(tokens):
                second = tokens[after][2]  # «بلدتي المسيفرة وأم ولد»: the second name, without its «و»
                conj = next((c for c in lists["conjunctions"] if second.startswith(c)), "")
                end2 = name_end(after, len(conj)) if conj else None
                if end2 is not None:
                    cands.append((tokens[after][0] + len(conj), after, len(conj), end2))
        out: list[PlaceMention] = []
        placed: dict[str, Place] = {}
        for m_start, first, skip, end in cands:
            key = s[tokens[first][0] + skip:tokens[end - 1][1]]
            container = self._container(s, tokens, span, end, found, cands, lists)
            if container is not None:
                c = container.place
                a, b = normed.to_original(tokens[first][0] + skip, tokens[end - 1][1])
                placed[key] = Place(
                    id=f"locality:{key}@{c.id}", name=text[a:b], name_ar=text[a:b], latitude=c.latitude,
                    longitude=c.longitude, country=c.country, iso3=c.iso3,
                    admin1=c.admin1 or (c.name if c.feature_type == "admin1" else None), admin2=c.admin2,
                    feature_type="locality",
                )
            elif key not in placed:
                continue  # a name met again («قرية أم ولد») is the locality placed before
            o_start, o_end = normed.to_original(m_start, tokens[end - 1][1])
            out.append(PlaceMention(o_start, o_end, text[o_start:o_end], placed[key], 2, "in", ()))
        return out

    def _glued(self, words: frozenset[str]) -> dict[str, int]:
        """Every form of ``words`` with a proclitic glued on («وبقرية»), to the proclitic's length; built once."""
        if words not in self._glued_forms:
            forms = {w: 0 for w in words}
            for p in sorted(self.lexicon.prefixes, key=len):
                if len(p) <= 2:
                    forms.update({p + w: len(p) for w in words if p + w not in forms})
            self._glued_forms[words] = forms
        return self._glued_forms[words]

    def _proclitic(self, word: str, allowed: frozenset[str]) -> int | None:
        """Length of the proclitic before a word of ``allowed`` («وبقرية» → 2), or None."""
        for k in (0, 1, 2):
            if word[k:] in allowed and (k == 0 or word[:k] in self.lexicon.prefixes):
                return k
        return None

    @staticmethod
    def _joined(s: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
        """Two tokens with only spaces between them (the folded text keeps punctuation as spaces,
        so the check is on the token gap: one space)."""
        return s[left[1]:right[0]] == " "

    def _container(self, s: str, tokens: list[tuple[int, int, str]], span: Callable[[int], tuple[int, int]], i: int,
                   found: list[PlaceMention], cands: list[tuple[int, int, int, int]],
                   lists: dict[str, frozenset[str]]) -> PlaceMention | None:
        """The known place after token ``i`` that contains the locality ending there: reached over
        link words, other localities and places joined by «و», with no punctuation between."""
        for _ in range(8):
            if i >= len(tokens) or not self._joined(s, tokens[i - 1], tokens[i]):
                return None
            a, b = span(i)
            word = tokens[i][2]
            hit = next((m for m in found if a <= m.start < b), None)
            listed = word.startswith(tuple(lists["conjunctions"]))
            if hit is not None and not listed:
                return hit if hit.place.feature_type != "country" else None
            chained = next((c[3] for c in cands if tokens[i][0] <= c[0] < tokens[i][1]), None)
            if listed and chained is not None:
                i = chained  # «... وقرية المنطار بريف حلب»: another locality of the same list
            elif hit is not None:
                i = next((j for j in range(i, len(tokens)) if span(j)[1] >= hit.end), i) + 1
            elif self._proclitic(word, lists["links"]) is not None:
                i += 1
            else:
                return None
        return None

    def _town_forms(self) -> frozenset[str]:
        """Town words («مدينة», «بلدة») with every proclitic they may carry («وبمدينة»), built once."""
        if self._towns is None:
            words = [w for w, f in self.lexicon.admin_words.items() if f == "populated_place"]
            self._towns = frozenset(words) | frozenset(p + w for p in self.lexicon.prefixes for w in words)
        return self._towns

    def resolve(self, text: str, start: int, end: int, *, country_hint: str | None = None) -> PlaceMention | None:
        """Resolve a span found by someone else (an NER model, an annotator) in the context of
        ``text``: the found mention that overlaps it most; else the span's own text geocoded with
        the text's countries as hint; else (a name the gazetteer lacks) the most specific place
        the text names, marked relation "context".

        A gazetteer name that is only part of a longer span («مدينة صباح الأحمد», «مستشفى
        الروضة», «سفارة المغرب») names another place: it is kept only in a country the rest of
        the text is about (or, in a text naming no other place, when it is a country, a region or
        a city of 100,000 people)."""
        found = self.find(text, country_hint=country_hint)
        others = Counter(m.place.iso3 for m in found if not (m.start < end and start < m.end))
        if country_hint:
            others[country_hint.upper()] += 1
        s_text = fold(normalize(text).text)
        for nm in self._matches(s_text):  # nisba adjectives (التركية) name the text's countries too
            if nm.nisba and not (nm.start < end and start < nm.end):
                others.update(p[8:] for p in self.gazetteer.by_key[nm.key] if p.startswith("country:"))
        overlap = [(min(end, m.end) - max(start, m.start), m) for m in found if m.start < end and start < m.end]
        if overlap:
            m = max(overlap, key=lambda om: (om[0], -om[1].start))[1]
            if not self._namesake(text[start:end], m.start - start, m.end - start, m.place, others):
                return m
        votes = Counter(m.place.iso3 for m in found)
        hint = country_hint or (votes.most_common(1)[0][0] if votes else None)
        own = [m for m in self._find(text[start:end], hint, trust=True)
               if not self._namesake(text[start:end], m.start, m.end, m.place, others)
               and not (others and m.place.iso3 not in others and m.place.feature_type in ("populated_place", "admin2")
                        and m.place.population < 50_000)]  # a village of another country: see _stray
        if own:
            m = max(own, key=lambda m: (m.end - m.start, -m.start))
            return PlaceMention(start, end, text[start:end], m.place, m.geo_precision, m.relation, m.candidates)
        found = [m for m in found if not (m.start < end and start < m.end)]
        words = self._name_words(text[start:end])
        sub_place = any(w in self.lexicon.sub_place_words for w in self._name_words(text[start:end], keep_admin=True))
        if not sub_place:
            heard = self._by_sound(words, others, found)
            if heard is not None:
                return PlaceMention(start, end, text[start:end], heard.place, heard.precision, "in", ())
        if not found:
            return None
        votes = Counter(m.place.iso3 for m in found)
        main = votes.most_common(1)[0][0]
        best = min(found, key=lambda m: (m.place.iso3 != main, m.geo_precision, m.place.feature_type == "country",
                                         -m.place.population, abs(m.start - start)))
        return PlaceMention(start, end, text[start:end], best.place, 3, "context", ())

    def _name_words(self, span: str, *, keep_admin: bool = False) -> list[str]:
        """The folded words of a span without place words and relation words («بمدينة ووهان»:
        ["ووهان"]); a proclitic glued to the first word is split off («بمستشفى» → «مستشفى»)."""
        lex = self.lexicon
        words = fold(normalize(span).text).split()
        if words and words[0] not in lex.sub_place_words:
            bare, cut = self._strip_prefix(words[0], lex.sub_place_words)
            if bare is None:
                bare, cut = self._strip_prefix(words[0], lex.admin_words)
            if bare is not None:
                words[0] = words[0][cut:]
        return [w for w in words if w not in lex.prefixes and w not in lex.relations
                and (keep_admin or w not in lex.admin_words)]

    def _sound_index(self) -> dict[str, list[tuple[str, str]]]:
        """Consonant skeleton of every Latin name → (place id, name) (built on first use)."""
        if self._skeletons is None:
            idx: dict[str, set[tuple[str, str]]] = {}
            for key, pids in self.gazetteer.by_key.items():
                if is_arabic(key):
                    continue
                for pid in pids:
                    p = self.gazetteer.get(pid).place
                    if p.feature_type == "country":
                        continue
                    sk = latin_skeleton(key, p.iso3)
                    if len(sk) >= MIN_SKELETON:
                        idx.setdefault(sk, set()).add((pid, key))
            self._skeletons = {k: sorted(v) for k, v in idx.items()}
        return self._skeletons

    def _sound_candidates(self, words: list[str]) -> list[tuple[float, Entry]]:
        """Places whose Latin name has the skeleton of the Arabic name, with how alike they sound
        (0..100), best first."""
        if not words or not all(is_arabic(w) and w.isalpha() for w in words):
            return []
        if len(words) == 1 and (words[0] in self.gazetteer.common or words[0] in self.lexicon.stop_cue
                                or words[0] in self.lexicon.stop_support):
            return []  # «المملكة», «بدر»: everyday words, not names heard from another script
        name = " ".join(words)
        best: dict[str, float] = {}
        for variant in arabic_variants(name):
            sk = arabic_skeleton(variant)
            if len(sk) < MIN_SKELETON:
                continue
            for pid, key in self._sound_index().get(sk, []):
                score = sound_similarity(name, key, self.gazetteer.get(pid).place.iso3)
                best[pid] = max(best.get(pid, 0.0), score)
        return sorted(((sc, self.gazetteer.get(pid)) for pid, sc in best.items()),
                      key=lambda se: (-se[0], -se[1].place.population, se[1].place.id))

    def _by_sound(self, words: list[str], others: Counter, found: list[PlaceMention]) -> Entry | None:
        """A name the gazetteer has only in Latin script (سروج → Suruç, باريس → Paris), matched by
        consonant skeleton and sound: in a country the text is about, the place that sounds
        closest (ties: one ten times bigger, or the one clearly nearest the text's other places);
        elsewhere, only a capital, or a city of a million that sounds almost the same, by its own
        name."""
        cands = self._sound_candidates(words)
        near = [(sc, e) for sc, e in cands if e.place.iso3 in others and sc >= SOUND_NEAR]
        if near:
            top = [e for sc, e in near if sc == near[0][0]]
            if len(top) == 1:
                return top[0]
            top.sort(key=lambda e: (-e.place.population, e.place.id))
            if top[0].place.population >= 10 * max(1, top[1].place.population):
                return top[0]
            anchors = [(m.place.latitude, m.place.longitude) for m in found if m.place.feature_type != "country"]
            if anchors:
                dist = sorted((min(km(e.place.latitude, e.place.longitude, a, b) for a, b in anchors), e.place.id, i)
                              for i, e in enumerate(top))
                if dist[0][0] < 100 and dist[1][0] > 2 * dist[0][0]:
                    return top[dist[0][2]]
            return None
        sk = arabic_skeleton(" ".join(words))
        far = [e for sc, e in cands if sk == latin_skeleton(e.place.name, e.place.iso3) and (
            (e.kind == "capital" and sc >= SOUND_NEAR) or (e.place.population >= 1_000_000 and sc >= SOUND_FAR))]
        return far[0] if len(far) == 1 or (far and far[0].place.iso3 == far[1].place.iso3) else None

    def _namesake(self, span: str, m_start: int, m_end: int, place: Place, others: Counter) -> bool:
        """True when the gazetteer name found at ``span[m_start:m_end]`` is only part of the span
        (other name words before or after it) and its place is in none of the countries the rest
        of the text names: the span names another place («مدينة صباح الأحمد» in Kuwait is not
        Sabah in Yemen)."""
        rest = span[:max(0, m_start)] + " " + span[max(0, m_end):]
        lex = self.lexicon
        words = [w for w in fold(normalize(rest).text).split()
                 if w not in lex.prefixes and w not in lex.relations and w not in lex.admin_words and not w.isdigit()]
        if not words or place.iso3 in others:
            return False
        if others:
            return True
        return not (place.feature_type in ("country", "admin1", "region") or place.population >= 100_000)

    def _after_preposition(self, s: str, m: _Match) -> bool:
        if m.written not in self.lexicon.stop_prep:
            return False
        if m.relation is not None and m.relation.relation != "in":  # «قرب الرمادي», «شمال مالي»
            return True
        if s[m.word_start:m.start] in ("ب", "وب"):
            return True
        words = _words_before(s, m.word_start, 1)
        return bool(words) and words[-1][1] in PREPOSITIONS

    def _supported(self, m: _Match, anchors: list[tuple[float, float, int]],
                   admin1s: dict[tuple[str, str], set[int]]) -> bool:
        """A doubtful name is a place if another mention names its region or a place within 100 km."""
        for pid in self.gazetteer.by_key[m.key]:
            p = self.gazetteer.get(pid).place
            if p.admin1 and admin1s.get((p.iso3, p.admin1), set()) - {m.start}:  # not by itself
                return True
            if any(km(p.latitude, p.longitude, a[0], a[1]) < 100 for a in anchors if a[2] != m.start):
                return True
        return False

    def _stray(self, m: _Match, best: Entry, votes: dict[str, float], anchors: list[tuple[float, float, int]],
               admin1s: dict[tuple[str, str], set[int]]) -> bool:
        """A small town of a country the text never names, in a text about other countries
        («معهد ناصر» in Cairo is not Nasir in Sudan): most likely a word or a person's name."""
        p = best.place
        return (m.hint is None and p.feature_type in ("populated_place", "admin2") and p.population < 50_000
                and bool(votes) and p.iso3 not in votes and not self._supported(m, anchors, admin1s))

    def _adjective(self, s: str, raw: str, m: _Match) -> bool:
        """«الحكومة السعودية», «المصادر السورية»: a name with the feminine nisba ending (-ية)
        right after a definite noun ending in -ة or -ات (one space between, no hashtag) is an
        adjective. ``raw`` is the normalised text before folding."""
        if not m.key.endswith("يه") or " " in m.key or m.prefix or m.word_start < 2:
            return False
        if not (raw[m.word_start - 1] == " " and s[m.word_start - 2].isalnum()):
            return False
        words = _words_before(s, m.word_start, 1)
        if not words:
            return False
        word = words[0][1]
        if word.startswith(("لل", "ولل", "فلل")):  # «للشركة» = ل + الشركة
            word = "ال" + word[word.index("لل") + 2:]
        for p in ("", *sorted(self.lexicon.prefixes, key=len, reverse=True)):
            if word.startswith(p + "ال") and len(word) - len(p) >= 5:
                noun = word[len(p):]
                break
        else:
            return False
        return noun not in DEFINITE_FUNCTION_WORDS and noun.endswith(("ه", "ات"))

    def _after_title(self, s: str, m: _Match, best: Entry) -> bool:
        """«د. طريف», «الشيخ فلان»: a town name right after a title is a person's name."""
        if m.hint is not None or m.relation is not None or best.place.feature_type not in ("populated_place", "admin2"):
            return False
        words = _words_before(s, m.word_start, 1)
        return bool(words) and words[-1][1] in self.lexicon.titles and best.place.population < RARE_PREFIX_MIN_POP

    def _word_like(self, m: _Match) -> bool:
        """Listed as an everyday word (lang/ar/geo_stopwords.yaml or the NER corpora counts)."""
        lex = self.lexicon
        return any(k in lex.stop_cue or k in self.gazetteer.common or k in lex.stop_support
                   for k in {m.written, m.surface})  # «فيفا» is FIFA, not فيفاء without its hamza

    def _doubtful(self, m: _Match) -> bool:
        """A name that may well be an everyday word: listed as such, or a one-word name of small
        towns only, or only an alternate spelling of its places («الصور» for صور), or written with a
        final hamza none of its names has («الشفاء» healing, not the town الشفا)."""
        if self._word_like(m) or m.added:
            return True
        entries = [self.gazetteer.get(p) for p in self.gazetteer.by_key[m.key]]
        if m.prefix in LIKE_PREFIXES and not (m.key.startswith("ال") or any(
                e.place.feature_type == "country" for e in entries)):
            return True
        if m.prefix in RARE_PREFIXES and not (any(
                e.place.feature_type in ("country", "region", "site") or e.place.population >= RARE_PREFIX_MIN_POP
                for e in entries) or (any(e.place.feature_type == "admin1" for e in entries) and not any(
                e.place.feature_type == "populated_place" for e in entries))):
            return True  # a province named after a small town («غات») is no safer than the town
        if " " in m.key:
            return False
        if any(e.place.feature_type in STRONG_FEATURES for e in entries):
            return False
        if all(self.gazetteer.name_kind.get((m.key, e.place.id)) in ("alt_ar", "alt") for e in entries):
            return True
        biggest = max(e.place.population for e in entries)
        if all(e.place.iso3 in NON_ARABIC for e in entries):
            return biggest < 200_000
        return biggest < 20_000

    # -- matching --------------------------------------------------------------------------
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            auto = ahocorasick.Automaton()
            # Names are keyed without a word-final hamza after alif (the gazetteer has that form of
            # every name) and found written with or without it: «البترا» and «البتراء», «المخا»
            # and «المخاء» are one name. A value: (key, length, lam variant, the name as written
            # in the text, whether that hamza is one no name of the gazetteer has).
            names = self.gazetteer.by_key
            keys = sorted({hamza_loose(k) for k in names if is_arabic(k)})
            written = {surface: key for key in keys for surface in hamza_surfaces(key)}
            for surface, key in sorted(written.items()):
                if len(surface.replace(" ", "")) >= 3:
                    auto.add_word(surface, (key, len(surface), False, surface, surface not in names))
            for surface, key in sorted(written.items()):
                variant = "ل" + surface[2:]
                if surface.startswith("ال") and len(surface) > 4 and variant not in written:
                    auto.add_word(variant, (key, len(variant), True, surface, surface not in names))
                joined = surface.replace(" ال", "ال")  # «حفرالباطن», «ديرالزور»
                if joined != surface and joined not in written:
                    auto.add_word(joined, (key, len(joined), False, surface, surface not in names))
            auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def _matches(self, s: str) -> list[_Match]:
        found: list[_Match] = []
        for end_idx, (key, length, lam, written, added) in self.automaton().iter(s):
            end = end_idx + 1
            start = end - length
            nisba = False
            if end < len(s) and s[end].isalnum():
                e2 = end
                while e2 < len(s) and s[e2].isalnum():
                    e2 += 1
                if s[end:e2] not in NISBA_SUFFIXES:
                    continue
                nisba = True
            ws = start
            while ws > 0 and s[ws - 1].isalnum():
                ws -= 1
            prefix = s[ws:start]
            if lam:
                if not prefix.endswith("ل") or prefix[:-1] not in ("", "و", "ف"):
                    continue
            elif prefix and prefix not in self.lexicon.prefixes:
                continue
            if prefix and not nisba and is_protected(s[ws:end]):
                continue  # «فعالية» is a word, not ف + عالية
            if written in self.lexicon.admin_words or written in self.lexicon.relations or written in self.lexicon.never:
                continue  # «مدينة», «شمال» alone are not places; «إلى» never is
            found.append(_Match(start, end, key, ws, nisba, prefix, s[start:end], written=written, added=added))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[_Match] = []
        for m in found:
            if all(m.end <= t.word_start or m.word_start >= t.end for t in taken):
                taken.append(m)
        taken.sort(key=lambda m: m.start)
        return taken

    def _context(self, s: str, m: _Match, after: int = 0) -> None:
        """Place word and relation phrase just before the name; sets span_start, hint, relation.
        Words before ``after`` (the end of the name found before) belong to that name: «الجنوب»
        in «ظهران الجنوب والخوبة» is not «south of» al-Khubah."""
        m.span_start = m.start
        words = [w for w in _words_before(s, m.word_start, self.lexicon.max_relation_words + 1) if w[0] >= after]
        if words:
            w_start, word = words[-1]
            bare, cut = self._strip_prefix(word, self.lexicon.admin_words)
            if bare is not None:
                m.hint = self.lexicon.admin_words[bare]
                m.place_word = bare
                m.span_start = w_start + cut
                words = words[:-1]
        for n in range(min(len(words), self.lexicon.max_relation_words), 0, -1):
            tail = words[-n:]
            phrase = " ".join(w for _, w in tail)
            rel_key, cut = self._strip_prefix(phrase, self.lexicon.relations)
            if rel_key is not None:
                m.relation = self.lexicon.relations[rel_key]
                m.span_start = tail[0][0] + cut
                break

    def _strip_prefix(self, phrase: str, table: dict | frozenset) -> tuple[str | None, int]:
        if phrase in table:
            return phrase, 0
        for p in sorted(self.lexicon.prefixes, key=len, reverse=True):
            if phrase.startswith(p) and phrase[len(p):] in table:
                return phrase[len(p):], len(p)
        if phrase.startswith("في ") and phrase[3:] in table:
            return phrase[3:], 3
        return None, 0

    # -- resolution ------------------------------------------------------------------------
    def _admin1_context(self, kept: list[_Match]) -> dict[tuple[str, str], set[int]]:
        """(iso3, admin1) of the unambiguous mentions, with the positions that name them."""
        out: dict[tuple[str, str], set[int]] = {}
        for m in kept:
            entries = [self.gazetteer.get(p) for p in self.gazetteer.by_key[m.key]]
            if len({e.place.iso3 for e in entries}) == 1:
                for e in entries:
                    if e.place.admin1:
                        out.setdefault((e.place.iso3, e.place.admin1), set()).add(m.start)
        return out

    def _anchors(self, kept: list[_Match]) -> list[tuple[float, float, int]]:
        """Coordinates of the mentions with a single candidate (not countries), by position."""
        out = []
        for m in kept:
            ids = self.gazetteer.by_key[m.key]
            if len(ids) == 1 and not ids[0].startswith("country:"):
                p = self.gazetteer.get(ids[0]).place
                out.append((p.latitude, p.longitude, m.start))
        return out

    def _rank(self, m: _Match, votes: dict[str, float], admin1s: dict[tuple[str, str], set[int]],
              anchors: list[tuple[float, float, int]]) -> list[Entry]:
        entries = [self.gazetteer.get(p) for p in self.gazetteer.by_key[m.key]]
        if any(e.place.feature_type == "country" or e.place.population >= 1_000_000 for e in entries):
            # «عمان» is Oman or Amman, never a hamlet of that name in a country the text is about,
            # nor «القاهرة» a Yemeni district unless a district word says so
            entries = [e for e in entries if not (
                (e.place.feature_type == "populated_place" and e.place.population < TINY_NAMESAKE)
                or (e.place.feature_type == "admin2" and m.hint != "admin2"))] or entries
        if m.place_word in self.lexicon.city_words and any(e.place.population >= CITY_NAMESAKE for e in entries):
            # «مدينة دوما» is the Syrian city of 110,000, not the Palestinian village, whatever the text's countries
            entries = [e for e in entries if not (
                e.place.feature_type == "populated_place" and e.place.population < TINY_NAMESAKE)] or entries
        if m.hint in ("admin1", "admin2", "populated_place"):
            wanted = {"populated_place": ("populated_place", "site")}.get(m.hint, (m.hint,))
            preferred = [e for e in entries if e.place.feature_type in wanted]
            entries = preferred or entries
        towns = {(e.place.iso3, e.place.admin1) for e in entries if e.place.feature_type == "populated_place"}
        towns |= {(e.place.iso3, e.place.admin2) for e in entries if e.place.feature_type == "populated_place"}
        top = max(votes.values(), default=0)
        has_country = any(e.place.feature_type == "country" for e in entries)

        def score(e: Entry) -> tuple[float, str]:
            p = e.place
            base = BASE_SCORE.get(p.feature_type)
            if p.feature_type == "admin2" and e.source.startswith("admin1 centroid"):
                base = 2.0  # a district known only by name, placed at its province's centroid
            if base is None:
                base = 1.0 + math.log10(p.population + 1) / 1.5
                if p.population >= 1_000_000 and not has_country:  # «القاهرة»: Cairo, not a namesake village
                    base += BIG_CITY
            if self.gazetteer.name_kind.get((m.key, p.id)) in ("name_ar", "alias"):
                base += 0.5
            if p.feature_type in ("admin1", "admin2") and m.hint is None and (p.iso3, p.name) in towns:
                base -= 2.5  # «بغداد» is the city unless «محافظة بغداد»
            if votes.get(p.iso3):
                base += 2.5 + (1.0 if votes[p.iso3] == top else 0.0)
            if p.admin1 and p.feature_type != "admin1" and admin1s.get((p.iso3, p.admin1), set()) - {m.start}:
                base += 1.5
            if p.iso3 in REGION:
                base += 0.5
            if anchors and len(entries) > 1:  # near the other places the text names
                near = min(km(p.latitude, p.longitude, a[0], a[1]) for a in anchors)
                base += 1.5 if near < 300 else 0.75 if near < 800 else 0.0
            return (-base, p.id)

        return sorted(entries, key=score)

    def _precision(self, m: _Match, best: Entry) -> tuple[str, int]:
        if m.relation is None or m.relation.relation == "in":
            return "in", best.precision
        if best.place.feature_type in RELATIVE_PRECISION:
            return m.relation.relation, 3
        return m.relation.relation, max(2, best.precision)


_TOKEN = re.compile(r"[^\s\d،,.؛:()«»\"]+")


def _words_before(s: str, pos: int, n: int) -> list[tuple[int, str]]:
    """Up to ``n`` words ending before ``pos`` (nearest last), with their start offsets; stops at
    sentence punctuation, which the folded text keeps as a space, so only spaces are crossed."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n:
        j = i
        while j > 0 and s[j - 1] == " ":
            j -= 1
        if j == 0 or i - j > 2:
            break
        k = j
        while k > 0 and s[k - 1].isalnum():
            k -= 1
        if k == j:
            break
        out.append((k, s[k:j]))
        i = k
    out.reverse()
    return out
