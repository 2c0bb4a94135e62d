"""Casualty counts: numbers tied to killed/injured words, without double counting.

Within a sentence, a count is a number right after a killed/injured word («مقتل ثلاثة جنود»,
«أصيب في الهجوم خمسة عناصر») or right before a casualty noun («أربعة قتلى»); parts joined by و are
added («خمسة عناصر ومتعاقدان» = 7); a number that counts a part of a total already given
(«بينهم»، «خمسة من المصابين») or that counts things rather than people («بصاروخين») is not used.
Across sentences the event keeps the lowest firm figure (ACLED's rule); every figure keeps its span.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.extract.lexicon import PhraseMatcher, WordIndex, load_data, word_list
from rasd.records import NumberMention, Span

_MAX_GAP = 3  # words allowed between a killed/injured word and its number
_GROUP_WORDS = 3  # words of a group named between the people counted and the verb («من تنظيم داعش»)
_PUNCT = set("،,.;؛:!؟?()\"«»\n")


@dataclass(frozen=True, slots=True)
class Casualty:
    """A casualty figure stated in one sentence."""

    kind: str
    """"killed" or "injured"."""
    value: int
    start: int
    end: int
    text: str
    sentence: int
    approximate: bool = False
    vague: bool = False
    """«عشرات», «مئات»: a lower bound with no figure behind it."""


@lru_cache(maxsize=1)
def _matchers() -> dict[str, PhraseMatcher[str]]:
    data = load_data("casualties.yaml")
    out: dict[str, PhraseMatcher[str]] = {}
    for kind in ("killed", "injured"):
        out[f"{kind}:before"] = PhraseMatcher((p, kind) for p in data[kind]["before_number"])
        out[f"{kind}:after"] = PhraseMatcher((p, kind) for p in data[kind]["after_number"])
        out[f"{kind}:dual"] = PhraseMatcher((p, kind) for p in data[kind]["duals"])
    for group in ("person_nouns", "non_person_nouns", "subset"):
        out[group] = PhraseMatcher((p, group) for p in data[group]["phrases"])
    return out


@lru_cache(maxsize=1)
def killed_words() -> PhraseMatcher[str]:
    """Verbs and nouns of killing, for deaths reported without a figure."""
    data = load_data("casualties.yaml")["killed"]
    return PhraseMatcher((p, "killed") for p in data["before_number"] + data["after_number"] if p not in ("سقوط",))


def _gap_clear(text: str, start: int, end: int) -> bool:
    return not any(ch in _PUNCT for ch in text[start:end])


class _Sentence:
    """Number and noun lookups for one sentence."""

    def __init__(self, words: WordIndex, sent: Span, numbers: list[NumberMention]) -> None:
        self.words = words
        self.text = words.text
        self.m = _matchers()
        self.numbers = [n for n in numbers if sent.start <= n.start < sent.end and n.kind not in ("year", "ratio", "percent")]
        self.person = {mm.first for mm in self.m["person_nouns"].find(words, sent.start, sent.end)}
        self.nonperson = {mm.first for mm in self.m["non_person_nouns"].find(words, sent.start, sent.end)}
        self.subset = {mm.first for mm in self.m["subset"].find(words, sent.start, sent.end)}
        self.keywords = {
            i
            for key in ("killed:before", "killed:after", "injured:before", "injured:after")
            for mm in self.m[key].find(words, sent.start, sent.end)
            for i in range(mm.first, mm.last + 1)
        }

    def number_words(self, n: NumberMention) -> tuple[int, int]:
        first = self.words.word_at(n.start)
        last = max(first, self.words.word_at(n.end) - 1)
        return first, last

    def counts_people(self, n: NumberMention) -> bool:
        """The number is not followed by a noun of things and not by «من» + casualty noun."""
        first, last = self.number_words(n)
        nxt = last + 1
        if n.kind == "dual":
            return first in self.person or first not in self.nonperson and nxt not in self.subset
        if nxt in self.subset:
            return False
        if nxt in self.nonperson and nxt not in self.person:
            return False
        return True


def _following_sum(s: _Sentence, n: NumberMention, used: set[int]) -> tuple[int, int]:
    """Add parts joined by و after a count («خمسة عناصر ومتعاقدان»). Returns (total, end offset)."""
    total, end = n.value, n.end
    current = n
    while True:
        _, last = s.number_words(current)
        nxt = next((m for m in s.numbers if m.start > current.end and id(m) not in used), None)
        if nxt is None:
            break
        first, _ = s.number_words(nxt)
        if first >= len(s.words.words):
            break  # a number that starts no word (digits glued to other marks)
        between = s.words.words[last + 1: first]
        starts_with_wa = s.words.words[first].norm.startswith("و") or any(w.norm == "و" for w in between)
        if len(between) > 2 or not starts_with_wa or not _gap_clear(s.text, current.end, nxt.start):
            break
        if not s.counts_people(nxt):
            break
        used.add(id(nxt))
        total += nxt.value
        end = nxt.end
        current = nxt
    return total, end


def find_casualties(
    words: WordIndex, sentences: list[Span], numbers: list[NumberMention]
) -> list[Casualty]:
    """Every casualty figure in the text, one per statement."""
    out: list[Casualty] = []
    m = _matchers()
    for si, sent in enumerate(sentences):
        s = _Sentence(words, sent, numbers)
        used: set[int] = set()
        for kind in ("killed", "injured"):
            for kw in m[f"{kind}:dual"].find(words, sent.start, sent.end):
                out.append(Casualty(kind, 2, kw.start, kw.end, kw.text, si))
                used.update(id(n) for n in s.numbers if kw.start <= n.start < kw.end)
            for kw in m[f"{kind}:before"].find(words, sent.start, sent.end):
                if _after_subset_word(words, kw.first):
                    continue  # «بين القتلى ضابطان»: part of a total given elsewhere
                found = _count_after(s, kw.last, kw.end, used)
                if found is None:
                    continue
                value, start, end, approx, vague = found
                out.append(Casualty(kind, value, kw.start, end, words.text[kw.start:end], si, approx, vague))
            for kw in m[f"{kind}:after"].find(words, sent.start, sent.end):
                n = next(
                    (x for x in s.numbers if id(x) not in used and _counts_before(s, x, kw.first)
                     and _gap_clear(words.text, x.end, kw.start)),
                    None,
                )
                if n is None or n.kind == "dual":
                    continue
                used.add(id(n))
                out.append(Casualty(kind, n.value, n.start, kw.end, words.text[n.start:kw.end], si, n.approximate,
                                    n.kind == "vague"))
    return _dedupe(out)


def _counts_before(s: _Sentence, n: NumberMention, kw_first: int) -> bool:
    """«أربعة قتلى», «12 شخصا على الأقل قتلوا»: the number stands just before the casualty word,
    with at most a person noun and a hedge between."""
    _, last = s.number_words(n)
    gap = kw_first - last - 1
    if (3 < gap <= 3 + _GROUP_WORDS and (last + 1) in s.person
            and s.words.words[last + 2].norm in word_list("member_of")):
        return True  # «13 عنصرا من تنظيم داعش قتلوا»: the people counted, then the group they belong to
    if gap < 0 or gap > 3:
        return False
    if any(w.norm in word_list("partitive") for w in s.words.words[last + 1: kw_first]):
        return False  # «ثلاثة من المصابين»: a part, not a total
    return gap <= 1 or (last + 1) in s.person


def _after_subset_word(words: WordIndex, first: int) -> bool:
    return first > 0 and words.words[first - 1].norm in word_list("partitive")


def _count_after(
    s: _Sentence, kw_last: int, kw_end: int, used: set[int]
) -> tuple[int, int, int, bool, bool] | None:
    for n in s.numbers:
        if id(n) in used or n.start < kw_end:
            continue
        first, _ = s.number_words(n)
        if first - kw_last - 1 > _MAX_GAP or not _gap_clear(s.text, kw_end, n.start):
            return None
        if any(kw_last < i < first for i in s.keywords):
            return None  # «قتلوا وأصيب 31»: the number belongs to the other word
        if not s.counts_people(n):
            return None
        used.add(id(n))
        total, end = _following_sum(s, n, used)
        return total, n.start, end, n.approximate, n.kind == "vague"
    # A singular person noun right after the word: «مقتل جندي» = 1.
    nxt = kw_last + 1
    if nxt < len(s.words.words) and nxt in s.person and not s.words.words[nxt].norm.startswith("ال"):
        w = s.words.words[nxt]
        if w.norm in _singular_people() and _gap_clear(s.text, kw_end, w.start):
            return 1, w.start, w.end, False, False
    return None


@lru_cache(maxsize=1)
def _singular_people() -> frozenset[str]:
    from rasd.text.normalize import norm

    return frozenset(norm(w) for w in load_data("casualties.yaml")["singular_people"]["phrases"])


def _dedupe(items: list[Casualty]) -> list[Casualty]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Casualty] = []
    for c in sorted(items, key=lambda c: (c.start, -c.end)):
        key = (c.kind, c.sentence, c.start)
        if key in seen or any(c.kind == o.kind and o.start <= c.start and c.end <= o.end for o in out):
            continue
        seen.add(key)
        out.append(c)
    return out


def lowest_firm(figures: list[Casualty]) -> Casualty | None:
    """The lowest stated figure, hedged or not («27 على الأقل» beats «31»: ACLED's conservative
    rule); vague amounts («عشرات») only when nothing else was stated."""
    if not figures:
        return None
    firm = [c for c in figures if not c.vague]
    pool = firm or figures
    return min(pool, key=lambda c: (c.value, c.start))
