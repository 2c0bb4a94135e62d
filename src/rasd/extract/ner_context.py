"""Document-context features for the second pass of the NER tagger.

The first-pass CRF tags every sentence alone. The second pass sees, for each token, what the first
pass said about the same word elsewhere in the nearby document (Krishnan & Manning 2006): the
entity type it was mostly given, the type of the longer names it was part of, and the label of
the same entity string elsewhere. A name introduced in full once («محمود عباس») and then repeated
alone («عباس») or in an ambiguous context is so tagged consistently.

Words are compared by their clitic-stripped normalised stem, so «وبغداد» and «بغداد» match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rasd.extract.ner_data import spans
from rasd.extract.ner_features import strip_proclitic
from rasd.text.normalize import norm

CONTEXT_WINDOW = 20
"""Sentences either side whose first-pass tags are looked at."""
_MIN_LEN = 3


@lru_cache(maxsize=1 << 16)
def _key(tok: str) -> str:
    return strip_proclitic(norm(tok))[1]


class _Memory:
    """Counts of first-pass labels by word and by entity string over a range of sentences."""

    __slots__ = ("word", "part", "entity")

    def __init__(self) -> None:
        self.word: defaultdict[str, Counter[str]] = defaultdict(Counter)
        """stem -> label of each occurrence ('O' or the entity type)."""
        self.part: defaultdict[str, Counter[str]] = defaultdict(Counter)
        """stem -> 'B-TYPE' / 'I-TYPE' for occurrences inside multi-word entities."""
        self.entity: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        """entity string (stems) -> its types."""

    def update(self, item: _Sentence, sign: int) -> None:
        for key, lab in item.words:
            self.word[key][lab] += sign
        for key, lab in item.parts:
            self.part[key][lab] += sign
        for ent, lab in item.entities:
            self.entity[ent][lab] += sign


class _Sentence:
    __slots__ = ("keys", "words", "parts", "entities", "spans")

    def __init__(self, tokens: Sequence[str], tags: Sequence[str]) -> None:
        self.keys = [_key(t) for t in tokens]
        labels = ["O" if t == "O" else t[2:] for t in tags]
        self.words = [(k, lab) for k, lab in zip(self.keys, labels, strict=True) if len(k) >= _MIN_LEN]
        self.spans = spans(tags)
        self.parts: list[tuple[str, str]] = []
        self.entities: list[tuple[tuple[str, ...], str]] = []
        for sp in self.spans:
            self.entities.append((tuple(self.keys[sp.start:sp.end]), sp.label))
            if sp.end - sp.start > 1:
                for i in range(sp.start, sp.end):
                    if len(self.keys[i]) >= _MIN_LEN:
                        self.parts.append((self.keys[i], ("B-" if i == sp.start else "I-") + sp.label))


def _top(counts: Counter[str]) -> tuple[str, int, int]:
    """(most frequent entity label, its count, total count of all labels)."""
    best, best_n, total = "", 0, 0
    for lab, n in sorted(counts.items()):
        if n <= 0:
            continue
        total += n
        if lab != "O" and n > best_n:
            best, best_n = lab, n
    return best, best_n, total


def context_features(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], window: int = CONTEXT_WINDOW
) -> list[list[list[str]]]:
    """Second-pass features of every token of consecutive sentences, from the first-pass ``tags``
    of the other sentences within ``window`` either side: the majority entity type of the same
    word, the type of longer names it is part of, and the majority type of the same entity string
    (for tokens the first pass put in an entity). The token's own first-pass tag is not a feature:
    the second pass judges the sentence afresh, with the document as evidence."""
    items = [_Sentence(s, t) for s, t in zip(sentences, tags, strict=True)]
    mem = _Memory()
    lo, hi = 0, 0
    out: list[list[list[str]]] = []
    for i, (item, tg) in enumerate(zip(items, tags, strict=True)):
        while hi < min(len(items), i + window + 1):
            mem.update(items[hi], 1)
            hi += 1
        while lo < i - window:
            mem.update(items[lo], -1)
            lo += 1
        # this sentence's own labels are taken out: features speak of the rest of the document
        mem.update(item, -1)
        feats = [_token_features(i_tok, item, mem) for i_tok in range(len(tg))]
        span_of = {}
        for sp in item.spans:
            for j in range(sp.start, sp.end):
                span_of[j] = sp
        for j, sp in span_of.items():
            other = mem.entity.get(tuple(item.keys[sp.start:sp.end]))
            if other:
                best, _n, _total = _top(other)
                if best:
                    feats[j].append("de=" + ("same" if best == sp.label else best))
        mem.update(item, 1)
        out.append(feats)
    return out


def _token_features(j: int, item: _Sentence, mem: _Memory) -> list[str]:
    f: list[str] = []
    key = item.keys[j]
    if len(key) < _MIN_LEN:
        return f
    counts = mem.word.get(key)
    if counts:
        best, n, total = _top(counts)
        if best:
            share = n / total
            f.append("dt=" + best)
            f.append("dt=" + best + (":hi" if share >= 0.5 else ":lo"))
        elif total:
            f.append("dt=O")
    parts = mem.part.get(key)
    if parts:
        best, _n, _total = _top(parts)
        if best:
            f.append("ds=" + best)
    return f


def contradicts(tags: Sequence[str], features: Sequence[Sequence[str]]) -> bool:
    """Whether the rest of the document gives some token of a sentence another type than its
    first-pass tag (the only sentences the second pass needs to tag again)."""
    for tag, feats in zip(tags, features, strict=True):
        own = "O" if tag == "O" else tag[2:]
        for f in feats:
            if f.startswith("dt=") and ":" not in f:
                other = f[3:]
            elif f.startswith("ds="):
                other = f[5:]
            elif f.startswith("de="):
                other = own if f == "de=same" else f[3:]
            else:
                continue
            if other != own:
                return True
    return False
